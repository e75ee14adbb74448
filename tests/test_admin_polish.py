"""What editors notice in the story form: a headline box as wide as the column, and every time
they set saying which clock it is in."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TIME_ZONE_HINT = "Giờ Việt Nam (Asia/Ho_Chi_Minh)."


def tag(html, pattern):
    return re.search(pattern, html, re.S).group(0)


def test_the_headline_box_is_as_wide_as_the_editors_column(chief_client):
    html = chief_client.get(reverse("admin:articles_article_add")).content.decode()

    title = tag(html, r'<input[^>]*name="title"[^>]*>')
    assert re.search(r'class="[^"]*\bheadline-input\b', title)
    stylesheet = tag(html, r'<link[^>]*href="[^"]*articles/css/desk\.css"[^>]*>')
    assert stylesheet
    css = Path(finders.find("articles/css/desk.css")).read_text(encoding="utf-8")
    rule = tag(css, r"[^}\n]*\.headline-input \{[^}]*\}")
    assert "width: 100%" in rule and "max-width: 100%" in rule


def test_the_publication_time_says_it_is_vietnam_time(chief_client, section):
    story = ArticleFactory(section=section, draft=True)
    url = reverse("admin:articles_article_change", args=[story.pk])

    for page in (reverse("admin:articles_article_add"), url):
        html = chief_client.get(page).content.decode()
        hint = tag(html, r'<div class="help"[^>]*id="id_publish_at_helptext"[^>]*>.*?</div>')
        assert TIME_ZONE_HINT in hint
        assert "Thời điểm trong tương lai nghĩa là hẹn giờ" in hint
        assert "admin/js/admin/DateTimeShortcuts.js" in html  # the admin's own note stays


def test_the_desks_schedule_time_says_it_is_vietnam_time(chief_client, section):
    story = ArticleFactory(section=section, draft=True, review_state=Article.Review.APPROVED)

    html = chief_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    html = html.content.decode()

    when = tag(html, r'<input id="desk-when"[^>]*>')
    assert 'aria-describedby="desk-time-zone"' in when
    assert re.search(rf'<span id="desk-time-zone"[^>]*>{re.escape(TIME_ZONE_HINT)}</span>', html)
