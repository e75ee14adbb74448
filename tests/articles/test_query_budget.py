"""Pages load in a fixed number of queries, however many stories, bylines and tags there are."""

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CorrectionFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

# A page rendered for the page cache makes one more query: when the next scheduled story
# goes live (no cached page may outlive that moment).
HOME_QUERIES = 4 + 1  # nav sections, lead + latest, section blocks, sections
ARTICLE_QUERIES = 8 + 1  # nav, story + section, bylines + authors, tags, notes, related,
# the comment rule, comments


def make_stories(count):
    sections = [SectionFactory() for _ in range(4)]
    tags = [TagFactory() for _ in range(3)]
    authors = [AuthorFactory() for _ in range(3)]
    stories = []
    for n in range(count):
        story = ArticleFactory(section=sections[n % 4], tags=tags)
        for author in authors:
            BylineFactory(article=story, author=author)
        CorrectionFactory.create_batch(2, article=story)
        stories.append(story)
    return stories


@pytest.mark.parametrize("count", [5, 60])
def test_home_page_query_count_is_fixed(client, django_assert_num_queries, count):
    make_stories(count)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("articles:home"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 40])
def test_article_page_query_count_is_fixed(client, django_assert_num_queries, count):
    story = make_stories(count)[0]

    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_section_page_query_count_is_fixed(client, django_assert_num_queries, count):
    story = make_stories(count)[0]

    with django_assert_num_queries(4 + 1):  # nav, section, count, page of stories
        client.get(story.section.get_absolute_url())


@pytest.mark.parametrize("count", [3, 30])
def test_feed_query_count_is_fixed(client, django_assert_num_queries, count):
    make_stories(count)

    with django_assert_num_queries(3 + 1):  # stories + sections, bylines + authors, notes; cache
        client.get(reverse("articles:feed"))
