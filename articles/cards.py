"""Story cards drawn once, and the home page drawn from them, loading only what changed.

A card (and the home page's lead and "Tin mới" lines; a list's card with its standfirst, a
search result's with its passage) shows a story's title, section, picture, time and comment
count. `drawn()` keeps its HTML (`newsroom.infra.tiered`: drawn by one worker, used by all)
under the story's pk, `updated` time, comment count, the language and the versions of
`story-<pk>` (bulk updates leave `updated` alone but retire it) and `all` (a renamed section
retires everything), so a changed story or count draws it again and nothing else does.

`home()` keeps the home page's choice of stories (the latest, and the newest few of each
section: a window query over every story) while the home page's keys are unchanged (any story
saved retires `home`), never past the next scheduled story's time; a page drawn meanwhile
reads only the chosen stories' pk, `updated` time and comment count, and loads whole stories
only for the pieces it must draw again. The home page drawn is kept whole too, under the same
keys, for at most COMMENT_COUNTS_FRESH_SECONDS: as old as a list's comment counts may be (an
approval retires only its story's thread).
"""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles import page_keys
from articles.models import Article
from newsroom.infra import retire, tiered

HOME_LATEST = 10
HOME_PER_SECTION = 4
HOME_KEY = "home-stories"
# Where a search result's card takes its passage of the story, found for each search.
SNIPPET_SLOT = mark_safe("<!--newsroom:search-snippet-->")
PASSAGE = '<p class="card-standfirst search-snippet">{}</p>'
CARD = "articles/partials.html#story_card"
PIECES = {  # kind: (template, what else it is drawn with)
    "card": (CARD, {}),
    "lead": ("articles/partials.html#home_lead", {}),
    "latest": ("articles/partials.html#latest_item", {}),
    # a list page's card (section, tag, author): with the standfirst
    "listed": (CARD, {"show_standfirst": True, "card_heading_level": 2}),
    # a search result's card, with a slot for its passage
    "found": (CARD, {"snippet_slot": SNIPPET_SLOT, "card_heading_level": 2}),
}
# The sections as the menu orders them (Section's Meta), each one's stories newest first.
SECTION_ORDER = ("section__order", "section__name", "section__pk", "-publish_at", "-pk")


def drawn(stories, kind="card") -> list:
    """`stories` (loaded `for_cards()`), each with its card's HTML as `card_html`; `kind` as
    PIECES names them. A search result's card ("found") gets its `search_snippet`."""
    wanted = {(story.pk, kind): (story.updated, story.comment_count) for story in stories}
    html = _pieces(wanted, {story.pk: story for story in stories})
    for story in stories:
        story.card_html = html[story.pk, kind]
        if kind == "found":
            # none when the words are only in the title, and there is no standfirst
            passage = format_html(PASSAGE, story.search_snippet) if story.search_snippet else ""
            story.card_html = mark_safe(story.card_html.replace(SNIPPET_SLOT, passage, 1))
    return stories


@dataclass(frozen=True)
class Block:
    """One section's block on the home page: its name and address, and its cards."""

    name: str
    slug: str
    url: str
    cards: list


@dataclass(frozen=True)
class Home:
    lead: SafeString | None
    latest: list
    blocks: list
    pks: list  # every story shown, for the page's keys
    at: float  # when its comment counts were read

    def fresh_for(self) -> float:
        """Seconds its comment counts may still be shown (lists: COMMENT_COUNTS_FRESH_SECONDS)."""
        return self.at + settings.COMMENT_COUNTS_FRESH_SECONDS - timezone.now().timestamp()


def home() -> Home:
    """The home page's lead, "Tin mới" lines and section blocks, drawn; kept whole while no
    story changes, at most as long as lists may show a comment count."""
    cache = caches["default"]
    key = f"home-drawn:{translation.get_language()}"
    versions = retire.versions([page_keys.HOME, retire.EVERYTHING])
    now = timezone.now().timestamp()
    entry = cache.get(key)
    if entry and entry["versions"] == versions and entry["expires"] > now:
        return _home_from(entry)
    page, until = _draw_home(now)
    lifetime = min(settings.COMMENT_COUNTS_FRESH_SECONDS, until - now)
    if lifetime >= 1:
        cache.set(key, {**asdict(page), "versions": versions, "expires": now + lifetime}, lifetime)
    return page


def _home_from(entry) -> Home:
    return Home(
        lead=mark_safe(entry["lead"]) if entry["lead"] else None,
        latest=[mark_safe(line) for line in entry["latest"]],
        blocks=[
            Block(**{**block, "cards": [mark_safe(c) for c in block["cards"]]})
            for block in entry["blocks"]
        ],
        pks=entry["pks"],
        at=entry["at"],
    )


def _draw_home(now) -> tuple[Home, float]:
    """The home page drawn from its pieces, and until when its choice of stories holds."""
    choice, stories = _home_choice()
    if stories is None:
        rows = Article.objects.published().filter(pk__in=choice["pks"])
        shown = {pk: (updated, count) for pk, updated, count in _light(rows)}
    else:  # just chosen
        shown = {pk: (story.updated, story.comment_count) for pk, story in stories.items()}
    wanted = {}
    for pk in choice["top"]:
        wanted[pk, "lead" if pk == choice["lead"] else "latest"] = shown.get(pk)
    for _section, pks in choice["sections"]:
        wanted.update(((pk, "card"), shown.get(pk)) for pk in pks)
    html = _pieces({key: row for key, row in wanted.items() if row is not None}, stories)
    blocks = [
        Block(*section, cards=[html[pk, "card"] for pk in pks if (pk, "card") in html])
        for section, pks in choice["sections"]
    ]
    page = Home(
        lead=html.get((choice["lead"], "lead")),
        latest=[html[pk, "latest"] for pk in choice["top"] if (pk, "latest") in html],
        blocks=[block for block in blocks if block.cards],
        pks=[pk for pk, _kind in html],
        at=now,
    )
    return page, choice["until"]


def _light(rows):
    """Just what says whether a piece drawn before is still right."""
    return rows.values_list("pk", "updated", "comment_count")


def _pieces(wanted, stories=None) -> dict:
    """{(pk, kind): HTML} for `wanted` {(pk, kind): (updated, comment count) of the story},
    from the cache; the others are drawn from `stories` ({pk: story}), loaded if not given."""
    if not wanted:
        return {}
    pks = {pk for pk, _kind in wanted}
    versions = retire.versions([retire.EVERYTHING, *map(page_keys.story, pks)])
    language = translation.get_language()
    keys = {key: _key(key, stamp, language, versions) for key, stamp in wanted.items()}
    kept = tiered.find_many(list(keys.values()))
    missing = [key for key in wanted if keys[key] not in kept]
    if missing and stories is None:
        stories = Article.objects.for_cards().in_bulk({pk for pk, _kind in missing})
    fresh = {}
    for pk, kind in missing:
        if pk in stories:
            template, extra = PIECES[kind]
            context = {"story": stories[pk], "lead": stories[pk], **extra}
            fresh[keys[pk, kind]] = render_to_string(template, context)
    if fresh and retire.unchanged_since_drawing_began():  # else the rows may predate `versions`
        tiered.keep_many(fresh, settings.PAGE_CACHE_SECONDS)
    found = {**kept, **fresh}
    return {key: mark_safe(found[keys[key]]) for key in wanted if keys[key] in found}


def _key(key, stamp, language, versions) -> str:
    (pk, kind), (updated, comment_count) = key, stamp
    updated = int(updated.timestamp() * 1_000_000)
    story, shared = versions[page_keys.story(pk)], versions[retire.EVERYTHING]
    return f"{kind}:{pk}:{updated}:{comment_count}:{language}:{story}:{shared}"


def _home_choice() -> tuple[dict, dict | None]:
    """Which stories the home page shows: {"top": the latest, "lead": which of them leads,
    "sections": [((name, slug, url), pks)], "pks": all of them}, kept as the module says;
    and the stories themselves ({pk: story}) when they were just chosen, else None."""
    cache = caches["default"]
    versions = retire.versions([page_keys.HOME, retire.EVERYTHING])
    now = timezone.now().timestamp()
    entry = cache.get(HOME_KEY)
    if entry and entry["versions"] == versions and entry["until"] > now:
        return entry, None
    top, blocks = _choose()
    lead = next((a for a in top if a.image), top[0] if top else None)
    sections = [
        ((s.name, s.slug, s.get_absolute_url()), [a.pk for a in cards]) for s, cards in blocks
    ]
    entry = {
        "versions": versions,
        "until": min(Article.objects.next_publication(), now + settings.PAGE_CACHE_SECONDS),
        "top": [a.pk for a in top],
        "lead": lead.pk if lead else None,
        "sections": sections,
        "pks": [a.pk for a in top] + [pk for _section, pks in sections for pk in pks],
    }
    cache.set(HOME_KEY, entry, timeout=settings.PAGE_CACHE_SECONDS)
    stories = {a.pk: a for a in top} | {a.pk: a for _s, cards in blocks for a in cards}
    return entry, stories


def _choose() -> tuple[list, list]:
    """The home page's stories, from the database (a window query ranks every story)."""
    stories = Article.objects.published().for_cards().newest_first()
    top = list(stories[: HOME_LATEST + 1])
    ranked = stories.exclude(pk__in=[a.pk for a in top]).annotate(
        rank=Window(
            RowNumber(),
            partition_by=F("section_id"),
            order_by=[F("publish_at").desc(), F("pk").desc()],
        )
    )
    by_section = {}
    for article in ranked.filter(rank__lte=HOME_PER_SECTION).order_by(*SECTION_ORDER):
        by_section.setdefault(article.section_id, []).append(article)
    return top, [(cards[0].section, cards) for cards in by_section.values()]
