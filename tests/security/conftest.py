import pytest

from tests.comments.factories import CommentFactory


@pytest.fixture
def pending_comment(article):
    return CommentFactory(article=article, email="ban.doc@example.com", ip_address="198.51.100.9")
