"""What reader pages show, as keys: pages are tagged with them, writes retire them.

One key per story, its comment thread, section, tag and author, and one per list (the home
page, feeds, search...). A story page carries its story, thread, section (its related stories
and the section's name), tags and authors; a list carries its own key and every story on it.
So an approval on story A (`thread-A`) retires A's page and nothing else, a saved story
retires its page and every list it is or will be on, a renamed tag the pages showing it.
Comment counts on lists are not retired by approvals: lists show them at most
COMMENT_COUNTS_FRESH_SECONDS old (`newsroom.infra.pagecache.expire_within`).
"""

from newsroom.infra.retire import EVERYTHING

HOME = "home"
FEEDS = "feeds"
SEARCH = "search"
SITEMAPS = "sitemaps"
CORRECTIONS = "corrections"
VIDEOS = "videos"
TAG_LISTS = "tag-lists"
AUTHOR_LISTS = "author-lists"


def story(pk) -> str:
    return f"story-{pk}"


def thread(pk) -> str:
    """A story's comments: only its own page shows them."""
    return f"thread-{pk}"


def section(pk) -> str:
    return f"section-{pk}"


def tag(pk) -> str:
    return f"tag-{pk}"


def author(pk) -> str:
    return f"author-{pk}"


# What pages show (their views tag them: `pagecache.tag(request, *keys)`).


def story_page(article) -> set[str]:
    """A story page, from the story loaded `with_page_data()` (no query)."""
    return {
        story(article.pk),
        thread(article.pk),
        section(article.section_id),
        *(tag(t.pk) for t in article.tags.all()),
        *(author(b.author_id) for b in article.bylines.all()),
    }


def cards(stories) -> set[str]:
    """A list of story cards: each story on it."""
    return {story(article.pk) for article in stories}


# What writes retire (`newsroom.apps` registers them).


def of_article(article) -> set[str]:
    """A story saved: its page and every list it is, or is now, on. Lists of tags and authors
    are retired together: knowing which ones would cost a query per story written."""
    return {
        story(article.pk),
        section(article.section_id),
        HOME,
        FEEDS,
        SEARCH,
        SITEMAPS,
        CORRECTIONS,
        VIDEOS,
        TAG_LISTS,
        AUTHOR_LISTS,
    }


def of_section(section_row) -> set[str]:
    """The site's menu shows every section: a section changed changes every page."""
    return {EVERYTHING}


def of_author(author_row) -> set[str]:
    return {author(author_row.pk)}


def of_tag(tag_row) -> set[str]:
    return {tag(tag_row.pk)}


def of_byline(byline) -> set[str]:
    return {story(byline.article_id), author(byline.author_id), AUTHOR_LISTS}


def of_correction(note) -> set[str]:
    return {story(note.article_id), CORRECTIONS}


def of_video(video) -> set[str]:
    return {story(video.article_id), VIDEOS, SITEMAPS}


def of_caption_track(track) -> set[str]:
    return {story(track.video.article_id)}
