"""Comparing two snapshots of a story: word by word for text, added/removed for the rest."""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import NamedTuple

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# A word (letters with their diacritics, digits), a run of punctuation, or a run of spaces.
TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", re.IGNORECASE)

TEXT_FIELDS = [
    ("title", _("Tiêu đề")),
    ("slug", _("Slug")),
    ("standfirst", _("Sapo")),
    ("body", _("Nội dung")),
]
IMAGE_TEXT = [
    ("alt", _("Mô tả ảnh (alt)")),
    ("caption", _("Chú thích ảnh")),
    ("credit", _("Nguồn ảnh")),
]


class Piece(NamedTuple):
    """A run of text in a word comparison, added, removed or kept."""

    text: str
    added: bool = False
    removed: bool = False
    replaced: bool = False  # removed, and what replaced it follows at once


@dataclass
class Change:
    """One field that differs: `words` for text (a list of `Piece`),
    `added`/`removed` for lists, `before`/`after` for single values."""

    label: str
    words: list = field(default_factory=list)
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    before: str = ""
    after: str = ""


def words(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text or ""))


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces turning `old` into `new`, whole words at a time, diacritics intact."""
    a, b = words(old), words(new)
    out = []
    for i1, i2, j1, j2, same in _runs(SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), a):
        if same:
            out.append(Piece("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Piece("".join(a[i1:i2]), removed=True, replaced=j2 > j1))
        if j2 > j1:
            out.append(Piece("".join(b[j1:j2]), added=True))
    return out


def _runs(opcodes, a):
    """Opcodes as (i1, i2, j1, j2, same) runs; changes separated by nothing but spaces are
    one change ("tăng lên" -> "giảm xuống", not word against word)."""
    runs = []
    for op, i1, i2, j1, j2 in opcodes:
        same = op == "equal"
        if runs and not same and len(runs) >= 2 and not runs[-2][4]:
            gap = runs[-1]
            if gap[4] and "".join(a[gap[0] : gap[1]]).isspace():
                runs.pop()
                runs[-1] = (runs[-1][0], i2, runs[-1][2], j2, False)
                continue
        runs.append((i1, i2, j1, j2, same))
    return runs


def body_text(body_html: str) -> str:
    """What a reader reads of the body: paragraphs on their own lines, no markup."""
    text = BLOCK_END.sub("\n", body_html or "")
    return html.unescape(strip_tags(text)).strip()


def compare(old: dict, new: dict) -> list[Change]:
    """Every field that differs between snapshots `old` and `new`, in the form's order."""
    changes = []
    for name, label in TEXT_FIELDS:
        a, b = old.get(name, ""), new.get(name, "")
        if name == "body":
            a, b = body_text(a), body_text(b)
        if a != b:
            changes.append(Change(str(label), words=word_diff(a, b)))
    if old["section"]["id"] != new["section"]["id"]:
        changes.append(
            Change(
                str(_("Chuyên mục")), before=old["section"]["name"], after=new["section"]["name"]
            )
        )
    changes += _listed(_("Thẻ"), [t["name"] for t in old["tags"]], [t["name"] for t in new["tags"]])
    changes += _listed(_("Tác giả"), _bylines(old), _bylines(new))
    changes += _image(old["image"], new["image"])
    if old.get("allow_comments") != new.get("allow_comments"):
        yes_no = {True: str(_("Có")), False: str(_("Không"))}
        changes.append(
            Change(
                str(_("Cho phép bình luận")),
                before=yes_no[bool(old.get("allow_comments"))],
                after=yes_no[bool(new.get("allow_comments"))],
            )
        )
    return changes


def _bylines(data):
    return [f"{b['name']} ({b['role']})" if b["role"] else b["name"] for b in data["bylines"]]


def _listed(label, old, new):
    """Added and removed items; a new order alone shows as both lists in full."""
    if old == new:
        return []
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    if not added and not removed:
        return [Change(str(label), before=", ".join(old), after=", ".join(new))]
    return [Change(str(label), added=added, removed=removed)]


def _image(old, new):
    changes = []
    if old["name"] != new["name"]:
        changes.append(
            Change(
                str(_("Ảnh đại diện")),
                added=[new["name"]] if new["name"] else [],
                removed=[old["name"]] if old["name"] else [],
            )
        )
    for key, label in IMAGE_TEXT:
        if old.get(key, "") != new.get(key, ""):
            changes.append(Change(str(label), words=word_diff(old.get(key, ""), new.get(key, ""))))
    return changes
