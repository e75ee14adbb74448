import pytest
from django.test import Client

from tests.comments.factories import CommentFactory
from tests.factories import UserFactory


def logged_in(user):
    """A browser of its own, so the `client` fixture stays an anonymous reader."""
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def moderator(db):
    return UserFactory(username="kiemduyet", is_staff=True, groups=["Moderators"])


@pytest.fixture
def moderator_client(moderator):
    return logged_in(moderator)


@pytest.fixture
def pending_comment(article):
    return CommentFactory(article=article, email="ban.doc@example.com", ip_address="198.51.100.9")
