"""The admin speaks Vietnamese where Django's own Vietnamese catalogs fall short.

Django's vi catalogs leave parts of the admin in English ("Filter by …", "Run", the calendar's
day names…). The project fills them in locale/vi/LC_MESSAGES/django.po and djangojs.po, which
LOCALE_PATHS merges over Django's catalogs, for the server-rendered pages and for the admin's
JavaScript catalog (/admin/jsi18n/) alike.
"""

import ast
import gettext
import json
import re
from datetime import timedelta

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince

from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"
VI_MESSAGES = settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES"
TIMEZONE_NOTE_AHEAD = (
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)"
)


def changelist_html(browser):
    response = browser.get(reverse(CHANGELIST))
    assert response.status_code == 200
    return response.content.decode()


def js_catalog(browser):
    """The admin's JavaScript catalog as a dict, and the body of its plural function."""
    response = browser.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    js = response.content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});\n", js, re.DOTALL)
    catalog = json.loads(found[1]) if found else {}
    plural = re.search(r"const v = (.*?);\n", js)
    return catalog, plural[1] if plural else None


def in_english(browser):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return browser


# --- server-rendered admin pages -----------------------------------------------------


def test_comment_changelist_in_vietnamese_has_no_english_admin_chrome(moderator_client, article):
    CommentFactory(article=article)

    html = changelist_html(moderator_client)

    assert 'class="skip-to-content-link">Chuyển đến nội dung chính</a>' in html
    assert '<span id="date-hierarchy-label">Lọc theo ' in html
    assert re.search(r'<button type="submit" class="button" name="index"[^>]*>Thực hiện<', html)
    assert ">Hiện số lượng</a>" in html
    assert "Đổi giao diện (giao diện hiện tại: tự động)" in html
    for english in [
        "Skip to main content",
        "Filter by",
        ">Run<",
        "Show counts",
        "Toggle theme",
    ]:
        assert english not in html


def test_comment_changelist_stays_english_when_the_language_cookie_says_en(
    moderator_client, article
):
    CommentFactory(article=article)

    html = changelist_html(in_english(moderator_client))

    assert 'class="skip-to-content-link">Skip to main content</a>' in html
    assert '<span id="date-hierarchy-label">Filter by ' in html
    assert re.search(r'<button type="submit" class="button" name="index"[^>]*>Run<', html)
    assert "Chuyển đến nội dung chính" not in html
    assert "Thực hiện" not in html


# --- the admin's JavaScript catalog ---------------------------------------------------


def test_admin_js_catalog_in_vietnamese_names_days_today_and_the_timezone_note(
    moderator_client,
):
    catalog, plural = js_catalog(moderator_client)

    assert [
        catalog.get(day)
        for day in ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    ] == ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    assert catalog.get("abbrev. day Sunday\x04Sun") == "CN"
    assert catalog.get("Today (%(date)s)") == "Hôm nay (%(date)s)"
    assert catalog.get("%(month)s %(day)s, %(year)s") == "%(day)s %(month)s năm %(year)s"
    assert catalog.get("Choose all %s") == "Chọn tất cả %s"
    # Vietnamese has one plural form: the single form serves every count.
    assert plural == "0"
    assert catalog.get(TIMEZONE_NOTE_AHEAD) == [
        "Lưu ý: Hãy nhập giờ theo múi giờ %(timezone)s. (Giờ của bạn đang nhanh hơn "
        "%(offset)s giờ.)"
    ]
    # Django's own Vietnamese entries are still there: the project's catalog adds, not replaces.
    assert catalog.get("January") == "Tháng Một"
    assert catalog.get("Today") == "Hôm nay"


def test_admin_js_catalog_in_english_carries_no_vietnamese(moderator_client):
    catalog, _plural = js_catalog(in_english(moderator_client))

    assert "Chủ Nhật" not in catalog.values()
    assert catalog.get("Sunday", "Sunday") == "Sunday"
    assert catalog.get("Today (%(date)s)", "Today (%(date)s)") == "Today (%(date)s)"


# --- auth and Django core -------------------------------------------------------------


def test_too_short_password_is_refused_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password("x7#q")

    assert "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in refused.value.messages


def test_core_validation_and_elapsed_time_read_in_vietnamese():
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            forms.SlugField().clean("không hợp lệ")
        elapsed = timesince(timezone.now() - timedelta(minutes=5))

    assert refused.value.messages == [
        "Nhập một “slug” hợp lệ, chỉ gồm chữ cái không dấu, chữ số, dấu gạch dưới hoặc "
        "dấu gạch ngang."
    ]
    assert elapsed == "5\xa0phút"


# --- the catalogs themselves ----------------------------------------------------------

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdr]|%[sdr]|\{[a-z_0-9]*\}|</?[a-z]+[^>]*>")


def po_entries(path):
    """(msgctxt, msgid, msgstr) of each translated entry of a .po file (plurals: form 0)."""
    entries, entry, field = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        elif line and not line.startswith("#"):
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
        elif not line and entry:
            if entry.get("msgid"):
                msgstr = entry.get("msgstr", entry.get("msgstr[0]"))
                entries.append((entry.get("msgctxt"), entry["msgid"], msgstr))
            entry = {}
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_vietnamese_catalog_keeps_every_placeholder_and_its_mo_matches_the_po(domain):
    entries = po_entries(VI_MESSAGES / f"{domain}.po")
    with (VI_MESSAGES / f"{domain}.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    assert entries
    for context, msgid, msgstr in entries:
        assert msgstr, msgid
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), msgid
        key = f"{context}\x04{msgid}" if context else msgid
        assert compiled._catalog.get(key, compiled._catalog.get((key, 0))) == msgstr, msgid
    assert "Plural-Forms: nplurals=1; plural=0;" in compiled._catalog[""]
