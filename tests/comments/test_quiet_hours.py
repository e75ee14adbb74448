"""Quiet hours, with the clock frozen: the form gives way to "Bình luận sẽ mở lại lúc 06:00", a
post is refused with that message and its text kept, windows may cross midnight, and a cached
page never outlives the moment the form closes or opens."""

import time
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentRule
from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db
Scope = CommentRule.Scope
FORM = 'name="body"'
REOPENS_AT_SIX = "Bình luận sẽ mở lại lúc 06:00"


class Clock:
    """Django's and Python's clocks stopped at a local time of day (tomorrow, so that stories
    made today are already published)."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.day = timezone.localdate() + timedelta(days=1)

    def set(self, clock):
        hour, minute, second = (int(part) for part in f"{clock}:00".split(":")[:3])
        moment = timezone.make_aware(datetime(*self.day.timetuple()[:3], hour, minute, second))
        self.monkeypatch.setattr(timezone, "now", lambda: moment)
        self.monkeypatch.setattr(time, "time", lambda: moment.timestamp())


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def night(db):
    return CommentRule.objects.create(scope=Scope.SITE, quiet_from="22:00", quiet_until="06:00")


def page(article):
    return Client().get(article.get_absolute_url()).content.decode()


def test_during_quiet_hours_the_form_gives_way_to_when_it_reopens(clock, night, article):
    clock.set("23:30")

    html = page(article)

    assert REOPENS_AT_SIX in html
    assert FORM not in html


def test_a_post_during_quiet_hours_is_refused_with_the_message_and_the_text_kept(
    clock, night, client, article
):
    clock.set("23:30")

    response = post_comment(client, article, body="Viết lúc nửa đêm về giá cà phê")

    html = response.content.decode()
    assert response.status_code == 403
    assert REOPENS_AT_SIX in html
    assert "Viết lúc nửa đêm về giá cà phê</textarea>" in html
    assert not Comment.objects.exists()


def test_outside_quiet_hours_comments_are_taken(clock, night, client, article):
    clock.set("10:00")

    assert FORM in page(article)
    assert post_comment(client, article).status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("at", "quiet"),
    [
        ("21:59:59", False),
        ("22:00", True),
        ("23:59:59", True),
        ("00:00", True),
        ("01:00", True),
        ("05:59:59", True),
        ("06:00", False),
        ("12:00", False),
    ],
)
def test_a_window_crossing_midnight(clock, night, article, at, quiet):
    clock.set(at)

    html = page(article)

    assert (REOPENS_AT_SIX in html) is quiet
    assert (FORM in html) is not quiet


def test_a_window_within_one_day_reopens_at_its_end(clock, section, article):
    CommentRule.objects.create(
        scope=Scope.SECTION, section=section, quiet_from="12:00", quiet_until="13:30"
    )
    clock.set("12:45")

    assert "Bình luận sẽ mở lại lúc 13:30" in page(article)


def test_the_settings_give_the_sites_quiet_hours_until_a_rule_does(clock, settings, article):
    settings.COMMENTS_QUIET_HOURS = "22:00-06:00"
    clock.set("03:00")

    assert REOPENS_AT_SIX in page(article)


def test_a_story_closed_for_good_does_not_promise_to_reopen(clock, night, section):
    from tests.factories import ArticleFactory

    story = ArticleFactory(section=section, allow_comments=False)
    clock.set("23:30")

    html = page(story)

    assert "Bình luận đã đóng." in html
    assert "mở lại" not in html


def test_the_cached_page_closes_its_form_when_quiet_hours_begin(
    clock, night, article, django_assert_num_queries
):
    clock.set("21:59:30")
    assert FORM in page(article)  # drawn and cached, for at most 30 seconds
    clock.set("21:59:50")
    with django_assert_num_queries(0):
        assert FORM in page(article)  # still the cached copy

    clock.set("22:00:05")
    html = page(article)

    assert FORM not in html
    assert REOPENS_AT_SIX in html


def test_the_cached_page_opens_its_form_when_quiet_hours_end(clock, night, article):
    clock.set("05:59:40")
    assert REOPENS_AT_SIX in page(article)

    clock.set("06:00:01")
    html = page(article)

    assert FORM in html
    assert REOPENS_AT_SIX not in html
