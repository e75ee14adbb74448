"""Captions for video stories: an SRT or WebVTT upload in, a clean WebVTT file and a transcript out.

Parsed here rather than with a third-party library so that every error names the line to fix.
"""

import html
import re
from dataclasses import dataclass
from itertools import groupby, islice

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_CUES = 20_000
MAX_LINE_LENGTH = 5_000
PARAGRAPH_GAP = 2.0  # seconds of silence that start a new transcript paragraph
PARAGRAPH_LENGTH = 400  # characters after which a paragraph ends with its next full stop
ALLOWED_TAGS = {"i", "b", "u"}

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # not str.splitlines(), which also splits on \x85, \x0c…
_TIME = r"(?:([0-9]+):)?([0-5][0-9]):([0-5][0-9])[.,]([0-9]{3})"
# Anything after the end time (WebVTT cue settings, SRT coordinates) is ignored.
_TIMING = re.compile(rf"{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?")
_WEBVTT = re.compile(r"WEBVTT(?:[ \t].*)?")
_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_NUMBER = re.compile(r"[0-9]+")
# In cue text: a tag (<i>, </font>, <c.yellow>, <v Lan>, <00:00:01.000>), a character
# reference (&amp;, &#39;), or a bare & < > that WebVTT needs escaped.
_MARKUP = re.compile(
    r"(?P<tag><(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?:[\s./][^<>]*)?>|<[0-9][0-9:.]*>)"
    r"|(?P<ref>&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)"
    r"|(?P<bare>[&<>])"
)
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Cue:
    """One caption: shown from `start` to `end` (seconds); `text` lines joined with "\\n"."""

    start: float
    end: float
    text: str


class CaptionError(ValidationError):
    """A caption file that cannot be used; `line` is the 1-based line to look at."""

    def __init__(self, message, line: int = 1, code: str = "invalid_captions"):
        super().__init__(message, code=code)
        self.line = line


def decode(data: bytes) -> str:
    """The uploaded bytes as text; captions must be UTF-8 (a BOM is allowed and dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = _(
            "Tệp phụ đề phải là văn bản UTF-8. Hãy mở tệp bằng trình soạn thảo văn bản, lưu lại "
            "với bảng mã UTF-8 rồi tải lên."
        )
        raise _error(1, message, "not_utf8") from None


def parse(text: str) -> list[Cue]:
    """The cues of a WebVTT or SRT file, told apart by content. Raises CaptionError."""
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    if not any(line.strip() for line in lines):
        raise _error(1, _("Dòng 1: tệp phụ đề trống."), "empty")
    webvtt = bool(_WEBVTT.fullmatch(lines[0]))
    if not webvtt and not _looks_like_srt(lines):
        raise _error(1, _("Dòng 1: đây không phải là tệp phụ đề WebVTT hoặc SRT."), "not_captions")
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_LENGTH:
            message = _("Dòng %(line)s: dòng dài quá %(max)s ký tự.")
            raise _error(number, message, "line_too_long", max=_number(MAX_LINE_LENGTH))
    blocks = list(_blocks(lines))
    if webvtt:  # the header block goes, and so do comments, styles and regions
        _refuse_timing_in(blocks[0][1:])
        blocks = [b for b in blocks[1:] if not _SKIPPED_BLOCK.fullmatch(b[0][1])]
    return _cues(blocks, srt=not webvtt)


def _looks_like_srt(lines):
    """SRT starts with a timing line, or with a cue number and then one."""
    first, second, *_rest = [*islice((line for line in lines if line.strip()), 2), ""]
    return "-->" in first or bool(_NUMBER.fullmatch(first.strip()) and "-->" in second)


def _blocks(lines):
    """Runs of non-blank lines as [(line number, line), …]."""
    for blank, block in groupby(enumerate(lines, 1), key=lambda item: not item[1].strip()):
        if not blank:
            yield list(block)


def _cues(blocks, srt):
    cues = []
    for block in blocks:
        (number, line), *rest = block
        if "-->" not in line and rest and (not srt or _NUMBER.fullmatch(line.strip())):
            (number, line), *rest = rest  # past the cue identifier (in SRT, the cue's number)
        if "-->" not in line:
            message = _(
                "Dòng %(line)s: cần một dòng thời gian (như “00:00:01,000 --> 00:00:04,000”) "
                "nhưng gặp “%(text)s”."
            )
            raise _error(number, message, "missing_timing", line)
        start, end = _timing(number, line)
        _refuse_timing_in(rest)
        text = "\n".join(text_line.strip() for _number, text_line in rest)
        if not text:
            continue  # a cue with nothing to show
        if len(cues) == MAX_CUES:
            message = _("Dòng %(line)s: tệp có hơn %(max)s câu thoại, vượt quá giới hạn cho phép.")
            raise _error(number, message, "too_many_cues", max=_number(MAX_CUES))
        cues.append(Cue(start, end, text))
    return cues


def _refuse_timing_in(lines):
    """A timing line among text lines means the blank line before its cue is missing."""
    if stray := next((number for number, line in lines if _TIMING.fullmatch(line.strip())), 0):
        message = _("Dòng %(line)s: thiếu dòng trống ngăn cách trước câu thoại này.")
        raise _error(stray, message, "missing_blank_line")


def _timing(number, line):
    match = _TIMING.fullmatch(line.strip())
    if not match:
        raise _error(
            number, _("Dòng %(line)s: thời gian không hợp lệ (“%(text)s”)."), "invalid_timing", line
        )
    start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
    if end < start:
        raise _error(
            number,
            _("Dòng %(line)s: thời điểm kết thúc sớm hơn thời điểm bắt đầu (“%(text)s”)."),
            "end_before_start",
            line,
        )
    return start, end


def _seconds(hours, minutes, seconds, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _error(number, message, code, source="", **params):
    """A CaptionError at line `number`, quoting the start of its `source` line if asked."""
    text = source.strip()
    text = text if len(text) <= 40 else text[:40] + "…"
    return CaptionError(message % {"line": number, "text": text, **params}, line=number, code=code)


def _number(value):
    return number_format(value, force_grouping=True)  # 20.000 in Vietnamese


def to_webvtt(cues) -> str:
    """A WebVTT file of `cues`: <i>, <b>, <u> kept, other tags dropped, & < > escaped."""
    blocks = [
        f"{_timestamp(cue.start)} --> {_timestamp(cue.end)}\n{text}"
        for cue in cues
        if (text := _webvtt_text(cue.text))
    ]
    return "\n\n".join(["WEBVTT", *blocks]) + "\n"


def _webvtt_text(text):
    # "-->" would end the cue early, and a blank line would end it too.
    lines = (
        _MARKUP.sub(_webvtt_markup, line.replace("-->", "→")).strip()
        for line in _LINE_BREAK.split(text)
    )
    return "\n".join(line for line in lines if line)


def _webvtt_markup(match):
    if match["bare"]:
        return _ESCAPES[match["bare"]]
    if match["ref"]:  # kept if it means something, so that "&amp;" is not escaped twice
        ref = match["ref"]
        return ref if html.unescape(ref) != ref else "&amp;" + ref[1:]
    name = (match["name"] or "").lower()
    return f"<{match['close']}{name}>" if name in ALLOWED_TAGS else ""


def _timestamp(seconds):
    hours, millis = divmod(round(seconds * 1000), 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    seconds, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def transcript(cues) -> str:
    """The plain text read under the player, in paragraphs separated by a blank line.

    A paragraph ends at a pause of more than PARAGRAPH_GAP seconds, or at the end of a sentence
    once it is longer than PARAGRAPH_LENGTH characters. Rows that roll-up captions repeat from
    the cue before are read once.
    """
    paragraphs, current, length, shown, previous_end = [], [], 0, [], None
    for cue in cues:
        if current and cue.start - previous_end > PARAGRAPH_GAP:
            paragraphs.append(current)
            current, length = [], 0
        previous_end = cue.end
        lines = _unrepeated(shown, _plain_lines(cue.text))
        if not lines:
            continue
        shown += lines
        current += lines
        length += sum(len(line) + 1 for line in lines)
        if length - 1 > PARAGRAPH_LENGTH and _SENTENCE_END.search(lines[-1]):
            paragraphs.append(current)
            current, length = [], 0
    if current:
        paragraphs.append(current)
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def _plain_lines(text):
    plain = html.unescape(_MARKUP.sub(lambda m: "" if m["tag"] else m[0], text))
    lines = (" ".join(line.split()) for line in _LINE_BREAK.split(plain))
    return [line for line in lines if line]


def _unrepeated(shown, lines):
    """`lines` less any line repeating the one before it, and less the rows at its start that
    repeat the last rows already shown (roll-up captions scroll one row at a time)."""
    lines = [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]
    for overlap in range(min(len(shown), len(lines)), 0, -1):
        if shown[-overlap:] == lines[:overlap]:
            return lines[overlap:]
    return lines


def convert(data: bytes) -> tuple[str, str]:
    """An uploaded caption file as (WebVTT text, transcript). Raises CaptionError."""
    cues = parse(decode(data))
    text = transcript(cues)
    if not text:
        raise _error(1, _("Tệp phụ đề không có câu thoại nào."), "no_cues")
    return to_webvtt(cues), text
