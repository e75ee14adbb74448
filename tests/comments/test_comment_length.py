"""The length limit: 1,000 characters by default or the story's rule, said on the form, held by
the browser (maxlength) with a live counter when JavaScript runs, and checked by the server in
any case with the reader's text kept."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentRule
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db
Scope = CommentRule.Scope


def page(article):
    return Client().get(article.get_absolute_url()).content.decode()


def body_box(html):
    return re.search(r"<textarea[^>]*name=\"body\"[^>]*>", html).group(0)


def counter(html):
    return re.search(r"<p class=\"char-counter\".*?</p>", html, re.S).group(0)


def test_the_default_limit_is_1000_characters_in_the_box_and_under_it(article):
    html = page(article)

    assert 'maxlength="1000"' in body_box(html)
    assert "Tối đa 1000 ký tự." in counter(html)


def test_the_counter_names_its_box_and_speaks_politely_only_through_its_live_region(article):
    html = page(article)

    markup = counter(html)
    assert 'data-for="id_body"' in markup
    assert 'data-template="còn %(n)s ký tự"' in markup
    assert 'data-near="100"' in markup
    assert markup.count("aria-live") == 1
    assert re.search(r'<span class="visually-hidden" aria-live="polite" data-counter-live>', markup)
    script = finders.find("comments/js/comments.js")
    assert "data-char-counter" in Path(script).read_text(encoding="utf-8")


def test_a_comment_over_1000_characters_is_refused_with_what_fits_kept(client, article):
    text = "Dài " + "x" * 997  # 1,001 characters

    response = post_comment(client, article, body=text)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Bình luận dài hơn giới hạn 1000 ký tự; phần vượt quá (1 ký tự) đã bị cắt." in html
    assert f"\n{text[:1000]}</textarea>" in html
    assert not Comment.objects.exists()


def test_exactly_the_limit_is_taken(client, article):
    assert post_comment(client, article, body="y" * 1000).status_code == 302


def test_a_line_break_counts_as_one_character_as_in_the_browser(client, article):
    text = "a" * 500 + "\r\n" + "b" * 499  # 1,001 as sent, 1,000 as typed

    assert post_comment(client, article, body=text).status_code == 302
    assert len(Comment.objects.get().body) == 1000


def test_a_sections_rule_sets_its_own_limit(client, section, article):
    CommentRule.objects.create(scope=Scope.SECTION, section=section, max_length=200)

    html = page(article)
    refused = post_comment(client, article, body="z" * 201)
    taken = post_comment(Client(), article, ip="198.51.100.8", body="w" * 200)

    assert 'maxlength="200"' in body_box(html)
    assert "Tối đa 200 ký tự." in counter(html)
    assert 'data-near="20"' in counter(html)
    assert refused.status_code == 400
    assert "dài hơn giới hạn 200 ký tự; phần vượt quá (1 ký tự)" in refused.content.decode()
    assert f"\n{'z' * 200}</textarea>" in refused.content.decode()
    assert taken.status_code == 302


def test_a_storys_longer_limit_holds_over_the_default(client, section):
    from tests.factories import ArticleFactory

    story = ArticleFactory(section=section)
    CommentRule.objects.create(scope=Scope.STORY, article=story, max_length=3000)

    assert 'maxlength="3000"' in body_box(page(story))
    assert post_comment(client, story, body="v" * 2500).status_code == 302


def test_editing_a_pending_comment_keeps_to_the_storys_limit(client, section, article):
    CommentRule.objects.create(scope=Scope.SECTION, section=section, max_length=100)
    post_comment(client, article, body="Bản đầu tiên")
    comment = Comment.objects.get()
    url = reverse("comments:edit", kwargs={"pk": comment.pk})

    form = client.get(url).content.decode()
    response = client.post(url, {"name": comment.name, "body": "q" * 101})

    assert 'maxlength="100"' in body_box(form)
    assert response.status_code == 400
    assert "dài hơn giới hạn 100 ký tự; phần vượt quá (1 ký tự)" in response.content.decode()


def test_the_limit_applies_to_new_comments_only(section, article):
    CommentFactory(article=article, body="o" * 900, status=Comment.Status.APPROVED)
    CommentRule.objects.create(scope=Scope.SECTION, section=section, max_length=100)

    assert "o" * 900 in page(article)
