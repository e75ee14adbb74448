"""How the site's logs are written: one JSON object a line (or plain text for `make run`), each
record carrying the id of the request it belongs to, and events the newsroom wants to find again
(moderators' and editors' decisions) under one logger.

The formatter is a few lines of our own rather than a package: it writes a fixed set of keys,
turns only plain values from `extra` into JSON (so Django's `request` object, passed along
with django.request's records, is never written out), and keeps the time in UTC.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import partial

# The id of the request being answered (set by `newsroom.infra.requestlog`); None outside one.
request_id = ContextVar("request_id", default=None)

events_logger = logging.getLogger("newsroom.events")

# What every LogRecord has: never copied into the JSON as if it were an extra field.
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}
_PLAIN = (str, int, float, bool, type(None))


def event(name, **fields) -> None:
    """Log a decision as an event: `event("comment.approved", comment_id=3, by=7)`.

    Pass numbers and short codes only: never a reader's name, email or words. Fields that
    are None are left out."""
    given = {key: value for key, value in fields.items() if value is not None}
    events_logger.info(name, extra={"event": name, **given})


def event_on_commit(name, **fields) -> None:
    """`event()` once the current transaction commits (never, should it roll back), carrying
    the id of the request that made the decision."""
    from django.db import transaction  # not at the top: settings import this module

    fields.setdefault("request_id", request_id.get())
    transaction.on_commit(partial(event, name, **fields))


class RequestIdFilter(logging.Filter):
    """Give every record the id of the current request (or None), for both formats. Django
    logs a 4xx after the last middleware has answered, but passes the request along."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            request = getattr(record, "request", None)
            record.request_id = request_id.get() or getattr(request, "request_id", None)
        return True


class RefusalsWithoutTraceback(logging.Filter):
    """A refused request (a 4xx: 404, 403, a bad host, a body too big...) is one line: Django
    passes its exception along (django.request, django.security.*), but its traceback says
    nothing useful and buries the real errors. 5xx keep theirs."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, the
    record's plain `extra` fields, and the traceback of an exception when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", None):
            entry["request_id"] = record.request_id
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key != "request" and isinstance(value, _PLAIN):
                entry.setdefault(key, value)
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain lines for a developer's terminal, with the request id when there is one."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s%(rid)s %(message)s")

    def format(self, record):
        rid = getattr(record, "request_id", None)
        record.rid = f" [{rid}]" if rid else ""
        return super().format(record)


def logging_config(fmt="json", level="INFO") -> dict:
    """The LOGGING setting: every logger writes to stderr through one handler, in `fmt`
    ("json" or "text"), refusals without their tracebacks."""
    formatter = "json" if fmt == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": RequestIdFilter},
            "refusals": {"()": RefusalsWithoutTraceback},
        },
        "formatters": {"json": {"()": JsonFormatter}, "text": {"()": TextFormatter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": formatter,
                "filters": ["request_id", "refusals"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # Django's own handlers (its DEBUG-only console, mail to ADMINS) are dropped: its
        # records reach the root's handler like everyone else's. runserver's line per request
        # (with the query string) gives way to newsroom.request's, but for its errors.
        "loggers": {
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
        },
    }
