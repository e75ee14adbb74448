"""The comment rule in force on a story, and where each part of it comes from.

A story's own rule, else its section's, else the site's, else the settings (`COMMENTS_*`),
field by field (`comments.models.CommentRule`). Closing and quiet hours are worked out when
the page is read, so changing a rule closes old stories too; a cached page never outlives the
moment its form opens or closes (`seconds_until_change`).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import CommentRule
from newsroom.infra import retire

Mode = CommentRule.Mode
Scope = CommentRule.Scope
# Inherited field by field; the two quiet-hours times go together.
FIELDS = ("mode", "close_after_days", "quiet_hours", "max_length", "max_links", "report_threshold")
# A row's columns (the quiet hours are two).
ROW_FIELDS = [*(name for name in FIELDS if name != "quiet_hours"), "quiet_from", "quiet_until"]
DEFAULT = "default"  # a source: nobody set it, the settings say
# Where a value comes from, as the admin says it.
SOURCE_LABELS = {
    Scope.STORY: _("bài viết"),
    Scope.SECTION: _("chuyên mục"),
    Scope.SITE: _("toàn trang"),
    DEFAULT: _("mặc định"),
}
# From the strictest to the loosest.
MODE_ORDER = [Mode.OFF, Mode.READ_ONLY, Mode.PREMODERATED, Mode.KNOWN_PUBLISHED]


@dataclass(frozen=True)
class Rules:
    mode: str
    close_after_days: int  # 0: never closes
    quiet_hours: tuple[time, time] | None
    max_length: int
    max_links: int
    report_threshold: int
    sources: dict = field(default_factory=dict, compare=False)  # field -> Scope value or DEFAULT

    @property
    def shows_thread(self) -> bool:
        return self.mode != Mode.OFF

    @property
    def takes_comments(self) -> bool:
        """The mode lets readers post (closing and quiet hours aside)."""
        return self.mode in {Mode.PREMODERATED, Mode.KNOWN_PUBLISHED}

    @property
    def read_only(self) -> bool:
        return self.mode == Mode.READ_ONLY

    @property
    def publishes_known_commenters(self) -> bool:
        return self.mode == Mode.KNOWN_PUBLISHED


def parse_quiet_hours(text) -> tuple[time, time] | None:
    """'22:00-06:00' -> (22:00, 06:00); empty, or the same time twice, -> None."""
    text = (text or "").strip()
    if not text:
        return None
    start, end = (time.fromisoformat(part.strip()) for part in text.replace("–", "-").split("-"))
    return None if start == end else (start, end)


def defaults() -> dict:
    return {
        "mode": Mode.KNOWN_PUBLISHED if settings.COMMENTS_AUTO_APPROVE_KNOWN else Mode.PREMODERATED,
        "close_after_days": settings.COMMENTS_CLOSE_AFTER_DAYS,
        "quiet_hours": parse_quiet_hours(settings.COMMENTS_QUIET_HOURS),
        "max_length": settings.COMMENTS_MAX_LENGTH,
        "max_links": settings.COMMENTS_MAX_LINKS,
        "report_threshold": settings.COMMENTS_REPORT_THRESHOLD,
    }


def own_values(rule: CommentRule) -> dict:
    """What one row sets (fields left empty are not in it)."""
    values = {
        name: getattr(rule, name)
        for name in FIELDS
        if name != "quiet_hours" and getattr(rule, name) is not None
    }
    if rule.quiet_from is not None and rule.quiet_until is not None:
        same = rule.quiet_from == rule.quiet_until
        values["quiet_hours"] = None if same else (rule.quiet_from, rule.quiet_until)
    return values


def resolve(rows) -> Rules:
    """The rule made of `rows` (CommentRule rows, any order) over the defaults."""
    values, sources = defaults(), dict.fromkeys(FIELDS, DEFAULT)
    for rule in sorted(rows, key=_specificity):  # the most specific is applied last
        for name, value in own_values(rule).items():
            values[name], sources[name] = value, rule.scope
    return Rules(**values, sources=sources)


def _specificity(rule):
    return {Scope.STORY: 2, Scope.SECTION: 1, Scope.SITE: 0}[rule.scope]


def in_force(article) -> Rules:
    """The rule on `article` (one query, then remembered on the instance)."""
    if (memo := getattr(article, "_comment_rules", None)) is not None:
        return memo
    rows = CommentRule.objects.filter(
        Q(article_id=article.pk) | Q(section_id=article.section_id) | Q(scope=Scope.SITE)
    )
    article._comment_rules = resolve(list(rows))
    return article._comment_rules


def for_post(article) -> Rules:
    """`in_force` for the paths every reader takes, which must stay cheap (a post, a like, a
    shared story page drawn, `comments.threads.section`): the story's rule rows are
    kept in the default cache under the site's content version, which every CommentRule write
    moves on (`newsroom.apps`). The settings' defaults are applied when read."""
    if (memo := getattr(article, "_comment_rules", None)) is not None:
        return memo
    cache = caches["default"]
    key = f"comment-rules:{retire.content_version()}:{article.pk}"
    rows = cache.get(key)
    if rows is None:
        rows = [
            {"scope": rule.scope, **{name: getattr(rule, name) for name in ROW_FIELDS}}
            for rule in CommentRule.objects.filter(
                Q(article_id=article.pk) | Q(section_id=article.section_id) | Q(scope=Scope.SITE)
            )
        ]
        cache.set(key, rows, timeout=settings.PAGE_CACHE_SECONDS)
    article._comment_rules = resolve([CommentRule(**row) for row in rows])
    return article._comment_rules


def for_section(section) -> Rules:
    """The rule a section gives its stories (its own, else the site's)."""
    rows = CommentRule.objects.filter(Q(section_id=section.pk) | Q(scope=Scope.SITE))
    return resolve(list(rows))


def closes_at(article, rules) -> datetime | None:
    if not rules.close_after_days:
        return None
    return article.publish_at + timedelta(days=rules.close_after_days)


def is_closed(article, rules, now=None) -> bool:
    """Closed by the editors (the story's switch) or by its age."""
    when = closes_at(article, rules)
    return not article.allow_comments or (when is not None and (now or timezone.now()) >= when)


def reopens_at(rules, now=None) -> datetime | None:
    """Within quiet hours: when they end (local time); otherwise None."""
    if rules.quiet_hours is None:
        return None
    local = timezone.localtime(now or timezone.now())
    start, end = rules.quiet_hours
    clock = local.time()
    inside = (start <= clock < end) if start < end else (clock >= start or clock < end)
    if not inside:
        return None
    reopen = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    return reopen if reopen > local else reopen + timedelta(days=1)


def reopening(article, rules, now=None) -> datetime | None:
    """When the form opens again by itself: the end of quiet hours, unless something else
    (the mode, closing) keeps it shut anyway."""
    if not rules.takes_comments or is_closed(article, rules, now):
        return None
    return reopens_at(rules, now)


def accepts_comments(article, rules, now=None) -> bool:
    """A reader may post now: the mode takes comments, it is not closed, not quiet hours."""
    if not rules.takes_comments or is_closed(article, rules, now):
        return False
    return reopens_at(rules, now) is None


def seconds_until_change(article, rules, now=None) -> float | None:
    """Seconds until the story's form opens or closes by itself (closing, quiet hours)."""
    now = now or timezone.now()
    moments = []
    if (when := closes_at(article, rules)) is not None and when > now:
        moments.append(when)
    if rules.quiet_hours is not None:
        local = timezone.localtime(now)
        for clock in rules.quiet_hours:
            moment = local.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
            moments.append(moment if moment > local else moment + timedelta(days=1))
    if not moments:
        return None
    return (min(moments) - now).total_seconds()


# --- stricter only -----------------------------------------------------------------------

DAY = 24 * 3600


def loosened(story_values: dict, section_rules: Rules) -> list[str]:
    """The fields (of FIELDS, in that order) in which a story's own values (`own_values`) are
    looser than its section's rule in force: a mode further from "off", closing later (0 never
    closes), quiet hours not covering the section's, a higher length, link or report limit."""
    looser = {
        "mode": lambda mine, theirs: MODE_ORDER.index(mine) > MODE_ORDER.index(theirs),
        "close_after_days": lambda mine, theirs: bool(theirs) and (not mine or mine > theirs),
        "quiet_hours": lambda mine, theirs: not _covers(mine, theirs),
        "max_length": lambda mine, theirs: mine > theirs,
        "max_links": lambda mine, theirs: mine > theirs,
        "report_threshold": lambda mine, theirs: mine > theirs,
    }
    return [
        name
        for name in FIELDS
        if name in story_values and looser[name](story_values[name], getattr(section_rules, name))
    ]


def _covers(window, other) -> bool:
    """Quiet hours `window` include every moment of `other` (either may be None: none)."""
    if other is None:
        return True
    if window is None:
        return False
    spans = _spans(window)
    return all(any(s <= start and end <= e for s, e in spans) for start, end in _spans(other))


def _spans(window) -> list[tuple[int, int]]:
    """A window as seconds of the day, split at midnight: 22:00-06:00 -> [22h, 24h), [0, 6h)."""
    start, end = (t.hour * 3600 + t.minute * 60 + t.second for t in window)
    if start < end:
        return [(start, end)]
    return [(start, DAY), (0, end)] if end else [(start, DAY)]
