"""The admin login locks an account, or an address, after repeated failures; nothing else."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from tests.comments.helpers import post_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập sai quá nhiều lần"
PASSWORD = "secret-pass-123"


def log_in(username, password, ip="203.0.113.5"):
    browser = Client()
    response = browser.post(
        reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    logged_in = browser.get(reverse("admin:index")).status_code == 200
    return response, logged_in


@pytest.fixture
def settings_small(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    settings.LOGIN_FAILURES_PER_IP = 8
    settings.LOGIN_LOCKOUT_SECONDS = 900
    return settings


def test_five_failures_lock_the_account_even_for_the_right_password(editor, settings_small):
    for _ in range(5):
        response, ok = log_in("editor", "wrong")
        assert not ok and LOCKED not in response.content.decode()

    response, ok = log_in("editor", PASSWORD, ip="198.51.100.1")  # from anywhere

    assert not ok
    assert response.status_code == 200
    html = response.content.decode()
    assert LOCKED in html and "Hãy thử lại sau 15 phút" in html


def test_a_locked_account_leaves_other_accounts_alone(editor, settings_small):
    UserFactory(username="khac", is_staff=True, groups=["Biên tập viên"])
    for _ in range(5):
        log_in("editor", "wrong")

    assert log_in("khac", PASSWORD)[1]


def test_one_address_guessing_many_accounts_is_locked_out_other_addresses_are_not(
    editor, settings_small
):
    for n in range(8):
        log_in(f"user{n}", "wrong", ip="192.0.2.66")

    response, ok = log_in("editor", PASSWORD, ip="192.0.2.66")
    assert not ok and LOCKED in response.content.decode()
    assert log_in("editor", PASSWORD, ip="192.0.2.77")[1]


def test_a_success_clears_the_account_count(editor, settings_small):
    for _ in range(4):
        log_in("editor", "wrong")
    assert log_in("editor", PASSWORD)[1]
    for _ in range(4):
        log_in("editor", "wrong", ip="198.51.100.2")

    assert log_in("editor", PASSWORD, ip="198.51.100.2")[1]


def test_usernames_are_counted_case_insensitively(editor, settings_small):
    for name in ["editor", "EDITOR", " Editor", "eDiToR", "editor"]:
        log_in(name, "wrong", ip=f"198.51.100.{len(name)}")

    assert LOCKED in log_in("editor", PASSWORD, ip="198.51.100.99")[0].content.decode()


def test_the_lock_expires_by_itself(editor, settings_small, monkeypatch):
    for _ in range(5):
        log_in("editor", "wrong")
    assert not log_in("editor", PASSWORD)[1]

    later = time.time() + 901
    monkeypatch.setattr(time, "time", lambda: later)

    assert log_in("editor", PASSWORD)[1]


def test_readers_and_logged_in_staff_are_not_affected(client, article, editor, settings_small):
    staff = Client()
    staff.force_login(editor)
    for n in range(8):
        log_in(f"user{n}", "wrong", ip="203.0.113.7")

    assert client.get(article.get_absolute_url(), REMOTE_ADDR="203.0.113.7").status_code == 200
    assert post_comment(client, article, ip="203.0.113.7").status_code == 302
    assert staff.get(reverse("admin:articles_article_changelist")).status_code == 200
