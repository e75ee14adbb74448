"""Pages load in a fixed number of queries, however many stories, bylines and tags there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import StoryReads
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
# "Đọc nhiều" adds one query per list (the last 24 hours, the last 7 days) to the home and
# section pages, only when the lists are ranked again: they are kept for a few minutes
# (articles.readership.most_read), so most pages drawn run without them.
MOST_READ = 2
# The home page's stories, chosen (the latest, then each section's, and when the next
# scheduled story goes live: three queries) and drawn, are kept until a story changes, for as
# long as lists may show a comment count (articles.cards.home): later pages run none of them.
HOME_KEPT = 3
# The menu's sections: remembered by each process until a section changes.
MENU = 1
HOME_QUERIES = 4 + 1 + MOST_READ  # nav sections, lead + latest, section blocks, sections
SECTION_QUERIES = 4 + 1 + MOST_READ  # nav, section, count, page of stories
# the story's light lookup (articles.story_pages), nav, story + section, bylines + authors,
# tags, notes, related, the comment rule, comments
ARTICLE_QUERIES = 9 + 1


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
        for hours_ago in (0, 30, 100):  # read today, yesterday and this week
            StoryReads.objects.create(
                article=story, hour=this_hour() - timedelta(hours=hours_ago), count=n + 1
            )
        stories.append(story)
    return stories


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


@pytest.mark.parametrize("count", [5, 60])
def test_home_page_query_count_is_fixed(client, django_assert_num_queries, count):
    make_stories(count)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert 'class="most-read"' in response.content.decode()


@pytest.mark.parametrize("count", [2, 40])
def test_article_page_query_count_is_fixed(client, django_assert_num_queries, count):
    story = make_stories(count)[0]

    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_section_page_query_count_is_fixed(client, django_assert_num_queries, count):
    story = make_stories(count)[0]

    with django_assert_num_queries(SECTION_QUERIES):
        response = client.get(story.section.get_absolute_url())
    assert 'class="most-read"' in response.content.decode()


def test_most_read_lists_are_not_ranked_for_every_page(editor_client, django_assert_num_queries):
    """A second page within the lists' few minutes (here a personal one, which the page cache
    does not serve) runs without the two ranking queries."""
    story = make_stories(6)[0]
    home, section = reverse("articles:home"), story.section.get_absolute_url()
    first = {url: len(queries_of(editor_client, url)) for url in (home, section)}
    saved = {home: MOST_READ + HOME_KEPT + MENU, section: MOST_READ}

    for url in (home, section):
        assert len(queries_of(editor_client, url)) == first[url] - saved[url]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return queries


@pytest.mark.parametrize("count", [3, 30])
def test_feed_query_count_is_fixed(client, django_assert_num_queries, count):
    make_stories(count)

    with django_assert_num_queries(3 + 1):  # stories + sections, bylines + authors, notes; cache
        client.get(reverse("articles:feed"))
