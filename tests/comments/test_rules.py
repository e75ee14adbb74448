"""The comment rule in force on a story, field by field from the story, its section, the site and
the settings; what each mode, closing, the link limit and "stricter only" mean for readers."""

from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments import rules
from comments.models import Comment, CommentRule
from tests.comments.factories import CommentFactory
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
Mode, Scope = CommentRule.Mode, CommentRule.Scope
FORM = 'name="body"'


def page(article):
    return Client().get(article.get_absolute_url()).content.decode()


def approved_comment(article, body="Ý kiến đã duyệt của bạn đọc"):
    return CommentFactory(article=article, body=body, status=Comment.Status.APPROVED)


# --- inheritance ----------------------------------------------------------------------------


def test_each_value_comes_from_the_most_specific_rule_that_sets_it(section, settings):
    settings.COMMENTS_AUTO_APPROVE_KNOWN = False
    settings.COMMENTS_REPORT_THRESHOLD = 4
    story = ArticleFactory(section=section)
    CommentRule.objects.create(
        scope=Scope.SITE, close_after_days=10, quiet_from=time(22), quiet_until=time(6)
    )
    CommentRule.objects.create(
        scope=Scope.SECTION,
        section=section,
        mode=Mode.READ_ONLY,
        quiet_from=time(23),
        quiet_until=time(5),
        max_links=1,
    )
    CommentRule.objects.create(scope=Scope.STORY, article=story, max_length=500)

    in_force = rules.in_force(story)

    assert (in_force.mode, in_force.sources["mode"]) == (Mode.READ_ONLY, Scope.SECTION)
    assert (in_force.close_after_days, in_force.sources["close_after_days"]) == (10, Scope.SITE)
    assert in_force.quiet_hours == (time(23), time(5))
    assert in_force.sources["quiet_hours"] == Scope.SECTION
    assert (in_force.max_length, in_force.sources["max_length"]) == (500, Scope.STORY)
    assert (in_force.max_links, in_force.sources["max_links"]) == (1, Scope.SECTION)
    assert (in_force.report_threshold, in_force.sources["report_threshold"]) == (4, rules.DEFAULT)


def test_a_section_rule_does_not_reach_other_sections(section):
    other = ArticleFactory(section=SectionFactory(name="Thể thao"))
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.OFF)

    assert rules.in_force(other).mode == Mode.PREMODERATED
    assert rules.for_section(section).mode == Mode.OFF


def test_quiet_hours_from_equal_times_mean_none_even_over_the_sites(section):
    story = ArticleFactory(section=section)
    CommentRule.objects.create(scope=Scope.SITE, quiet_from=time(22), quiet_until=time(6))
    CommentRule.objects.create(
        scope=Scope.STORY, article=story, quiet_from=time(0), quiet_until=time(0)
    )

    assert rules.in_force(story).quiet_hours is None


# --- stricter only: which fields a story's values loosen ------------------------------------


def section_rules(**values):
    return rules.resolve([CommentRule(scope=Scope.SECTION, **values)])


@pytest.mark.parametrize(
    ("story", "section", "loosened"),
    [
        ({"mode": Mode.KNOWN_PUBLISHED}, {"mode": Mode.PREMODERATED}, ["mode"]),
        ({"mode": Mode.PREMODERATED}, {"mode": Mode.READ_ONLY}, ["mode"]),
        ({"mode": Mode.OFF}, {"mode": Mode.READ_ONLY}, []),
        ({"mode": Mode.READ_ONLY}, {"mode": Mode.READ_ONLY}, []),
        ({"close_after_days": 0}, {"close_after_days": 30}, ["close_after_days"]),
        ({"close_after_days": 31}, {"close_after_days": 30}, ["close_after_days"]),
        ({"close_after_days": 7}, {"close_after_days": 30}, []),
        ({"close_after_days": 90}, {"close_after_days": 0}, []),
        ({"max_length": 1001}, {"max_length": 1000}, ["max_length"]),
        ({"max_length": 1000}, {"max_length": 1000}, []),
        ({"max_links": 3}, {"max_links": 2}, ["max_links"]),
        ({"report_threshold": 5}, {"report_threshold": 3}, ["report_threshold"]),
        ({"report_threshold": 1}, {"report_threshold": 3}, []),
        (
            {"mode": Mode.KNOWN_PUBLISHED, "max_links": 9, "max_length": 10},
            {"mode": Mode.PREMODERATED, "max_links": 2, "max_length": 1000},
            ["mode", "max_links"],
        ),
    ],
)
def test_loosened_names_each_field_looser_than_the_sections(story, section, loosened):
    assert rules.loosened(story, section_rules(**section)) == loosened


@pytest.mark.parametrize(
    ("story", "section", "covers"),
    [
        (None, None, True),
        ((time(22), time(6)), None, True),
        (None, (time(22), time(6)), False),
        ((time(21), time(7)), (time(22), time(6)), True),
        ((time(22), time(6)), (time(22), time(6)), True),
        ((time(23), time(6)), (time(22), time(6)), False),
        ((time(22), time(5)), (time(22), time(6)), False),
        ((time(0), time(7)), (time(22), time(6)), False),  # misses 22:00-24:00
        ((time(20), time(23)), (time(21), time(22)), True),
        ((time(20), time(2)), (time(21), time(22)), True),  # crossing midnight covers it
        ((time(22), time(0)), (time(22), time(23)), True),  # until midnight
        ((time(12), time(13)), (time(22), time(6)), False),
    ],
)
def test_a_storys_quiet_hours_must_cover_the_sections(story, section, covers):
    section_values = {"quiet_from": section[0], "quiet_until": section[1]} if section else {}

    looser = rules.loosened({"quiet_hours": story}, section_rules(**section_values))

    assert looser == ([] if covers else ["quiet_hours"])


# --- modes ------------------------------------------------------------------------------------


def test_a_read_only_section_shows_every_storys_thread_without_a_form(section):
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)
    stories = [ArticleFactory(section=section) for _ in range(2)]
    for story in stories:
        approved_comment(story, body=f"Ý kiến về {story.title}")
    elsewhere = ArticleFactory(section=SectionFactory(name="Văn hóa"))

    for story in stories:
        html = page(story)
        assert f"Ý kiến về {story.title}" in html
        assert FORM not in html
        assert "Bài viết này chỉ hiện bình luận, không nhận thêm bình luận mới." in html
    assert FORM in page(elsewhere)


def test_a_post_to_a_read_only_story_is_refused_with_the_text_kept(client, section, article):
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)

    response = post_comment(client, article, body="Tôi vẫn muốn góp ý về chuyện này")

    html = response.content.decode()
    assert response.status_code == 403
    assert "chỉ để đọc: không nhận thêm bình luận mới" in html
    assert "Tôi vẫn muốn góp ý về chuyện này</textarea>" in html
    assert not Comment.objects.exists()


def test_mode_off_shows_no_thread_and_refuses_posts(client, article):
    approved_comment(article, body="Ý kiến trước khi tắt")
    CommentRule.objects.create(scope=Scope.STORY, article=article, mode=Mode.OFF)

    html = page(article)
    response = post_comment(client, article, body="Gửi khi đã tắt bình luận")

    assert "Ý kiến trước khi tắt" not in html
    assert FORM not in html
    assert response.status_code == 403
    refused = response.content.decode()
    assert "Ý kiến trước khi tắt" not in refused
    assert "Bài viết này không nhận bình luận." in refused
    assert "Gửi khi đã tắt bình luận</textarea>" in refused
    assert not Comment.objects.filter(body="Gửi khi đã tắt bình luận").exists()


def test_why_a_post_is_refused_is_said_for_each_mode(section, article):
    from comments import policy

    rule = CommentRule.objects.create(scope=Scope.STORY, article=article, mode=Mode.OFF)
    refusals = {}
    for mode in Mode:
        rule.mode = mode
        rule.save()
        story = type(article).objects.get(pk=article.pk)
        refusals[mode] = (policy.refusal(story), policy.refusal(story, as_staff=True))

    assert refusals == {
        Mode.OFF: ("Bài viết này không nhận bình luận.",) * 2,
        Mode.READ_ONLY: (
            "Bình luận ở bài viết này chỉ để đọc: không nhận thêm bình luận mới.",
            None,
        ),
        Mode.PREMODERATED: (None, None),
        Mode.KNOWN_PUBLISHED: (None, None),
    }


def test_in_known_commenters_mode_a_known_commenter_is_published_at_once(client, section):
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.KNOWN_PUBLISHED)
    story = ArticleFactory(section=section)
    CommentFactory(article=story, email="lan@example.com", status=Comment.Status.APPROVED)

    post_comment(client, story, body="Lần này đăng ngay")
    post_comment(Client(), story, ip="198.51.100.9", email="moi@example.com", body="Người mới")

    assert Comment.objects.get(body="Lần này đăng ngay").status == Comment.Status.APPROVED
    assert Comment.objects.get(body="Người mới").status == Comment.Status.PENDING


def test_premoderated_mode_holds_a_known_commenter_even_when_the_setting_says_otherwise(
    client, section, settings
):
    settings.COMMENTS_AUTO_APPROVE_KNOWN = True  # the site's default: known commenters at once
    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.PREMODERATED)
    story = ArticleFactory(section=section)
    CommentFactory(article=story, email="lan@example.com", status=Comment.Status.APPROVED)

    post_comment(client, story, body="Vẫn phải chờ duyệt")

    assert Comment.objects.get(body="Vẫn phải chờ duyệt").status == Comment.Status.PENDING


def test_the_setting_is_the_sites_default_mode(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE_KNOWN = True
    CommentFactory(article=article, email="lan@example.com", status=Comment.Status.APPROVED)

    post_comment(client, article, body="Mặc định của trang")

    assert Comment.objects.get(body="Mặc định của trang").status == Comment.Status.APPROVED


# --- closing and links ---------------------------------------------------------------------


def test_closing_after_n_days_is_worked_out_when_the_page_is_read(client, section):
    story = ArticleFactory(section=section, publish_at=timezone.now() - timedelta(days=20))
    site = CommentRule.objects.create(scope=Scope.SITE, close_after_days=30)
    assert FORM in page(story)  # and now cached

    site.close_after_days = 14
    site.save()  # the story itself is never saved again

    assert FORM not in page(story)
    assert "Bình luận đã đóng." in page(story)
    response = post_comment(client, story, body="Sau khi đóng")
    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()
    assert "Sau khi đóng</textarea>" in response.content.decode()


def test_zero_days_never_closes(section):
    story = ArticleFactory(section=section, publish_at=timezone.now() - timedelta(days=900))
    CommentRule.objects.create(scope=Scope.SECTION, section=section, close_after_days=0)

    assert FORM in page(story)


def test_a_story_closed_by_hand_stays_closed_whatever_its_rule(section):
    story = ArticleFactory(section=section, allow_comments=False)
    CommentRule.objects.create(scope=Scope.STORY, article=story, close_after_days=0)

    assert FORM not in page(story)


def test_links_above_the_rules_limit_hold_a_comment_with_the_reason(client, section, settings):
    settings.COMMENTS_AUTO_APPROVE_KNOWN = True
    CommentRule.objects.create(scope=Scope.SECTION, section=section, max_links=1)
    story = ArticleFactory(section=section)
    CommentFactory(article=story, email="lan@example.com", status=Comment.Status.APPROVED)

    post_comment(client, story, body="Xem https://a.example/1 và https://b.example/2")
    post_comment(Client(), story, ip="198.51.100.3", body="Chỉ một https://a.example/1")

    held = Comment.objects.get(body__startswith="Xem")
    assert (held.status, held.held_reason) == (Comment.Status.PENDING, "Có 2 liên kết (tối đa 1)")
    assert Comment.objects.get(body__startswith="Chỉ một").status == Comment.Status.APPROVED


# --- the post path's cached rule --------------------------------------------------------------


def test_a_changed_rule_reaches_the_next_post_at_once(client, section, article):
    assert post_comment(client, article, body="Trước khi đổi").status_code == 302

    CommentRule.objects.create(scope=Scope.SECTION, section=section, mode=Mode.READ_ONLY)

    response = post_comment(Client(), article, ip="198.51.100.5", body="Sau khi đổi")
    assert response.status_code == 403
    assert not Comment.objects.filter(body="Sau khi đổi").exists()
