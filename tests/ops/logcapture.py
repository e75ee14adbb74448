"""What the site writes to its log, read back in tests: the very handler LOGGING configures
(newsroom/infra/logconfig.py), pointed at a buffer for the length of a `with` block."""

import io
import json
import logging
from contextlib import contextmanager

from newsroom.infra.logconfig import JsonFormatter


class LogOutput:
    def __init__(self, stream):
        self.stream = stream

    @property
    def text(self) -> str:
        """Everything written, as written."""
        return self.stream.getvalue()

    def lines(self, logger=None) -> list[dict]:
        """Each line as the JSON object it is (every line must be one), of `logger` only."""
        lines = [json.loads(line) for line in self.text.splitlines() if line.strip()]
        return [line for line in lines if logger is None or line["logger"] == logger]

    def requests(self) -> list[dict]:
        return self.lines("newsroom.request")

    def events(self, name=None) -> list[dict]:
        return [e for e in self.lines("newsroom.events") if name is None or e["event"] == name]


@contextmanager
def captured_logs():
    handler = logging.getHandlerByName("console")
    assert isinstance(handler.formatter, JsonFormatter), "LOG_FORMAT must be json for the tests"
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield LogOutput(stream)
    finally:
        handler.setStream(previous)
