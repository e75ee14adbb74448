"""The comment rule in force on a story, and where each part of it comes from.

A story's own rule, else its section's, else the site's, else the settings (`COMMENTS_*`),
field by field (`comments.models.CommentRule`). Closing and quiet hours are worked out when
the page is read, so changing a rule closes old stories too; a cached page never outlives the
moment its form opens or closes (`seconds_until_change`).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from comments.models import CommentRule

Mode = CommentRule.Mode
Scope = CommentRule.Scope
# Inherited field by field; the two quiet-hours times go together.
FIELDS = ("mode", "close_after_days", "quiet_hours", "max_length", "max_links", "report_threshold")
DEFAULT = "default"  # a source: nobody set it, the settings say


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
