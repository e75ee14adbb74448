"""WordPress post bodies made into plain HTML: block comments out, paragraphs in.

WordPress stores Gutenberg posts as HTML between `<!-- wp:… -->` comments, and classic-editor
posts as text with blank lines between paragraphs, adding the `<p>` and `<br>` only on display
(`wpautop`). `convert_body` does what WordPress's display does, so the stored HTML reads the
same as the old page did; the story sanitizer runs afterwards, on save.
"""

import re

# Block delimiters: <!-- wp:paragraph -->, <!-- wp:image {"id":12} -->, <!-- /wp:list -->,
# <!-- wp:spacer /-->. WordPress escapes "--" and ">" inside the JSON, so the first "-->" ends it.
_BLOCK_COMMENT = re.compile(r"<!--\s+/?wp:[a-z][a-z0-9_/-]*\b.*?/?-->", re.DOTALL)
_EXCESS_BLANKS = re.compile(r"\n\s*\n(\s*\n)+")

# wpautop() from wp-includes/formatting.php (WordPress 6.x), ported rule by rule.
_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_RULES_BEFORE_SPLIT = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>"), "\n\n"),
    (re.compile(rf"(<{_ALLBLOCKS}[\s/>])"), r"\n\n\1"),
    (re.compile(rf"(</{_ALLBLOCKS}>)"), r"\1\n\n"),
    (re.compile(r"(<hr\s*?/?>)"), r"\1\n\n"),
]
_RULES_AFTER_SPLIT = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    (re.compile(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)\s*</p>"), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>"), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>"), "</p></blockquote>"),
    (re.compile(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)"), r"\1"),
    (re.compile(rf"(</?{_ALLBLOCKS}[^>]*>)\s*</p>"), r"\1"),
]
_KEEP_NEWLINES = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_LINE_BREAK = re.compile(r"(?<!<br />)\s*\n")
_RULES_AFTER_BREAKS = [
    (re.compile(rf"(</?{_ALLBLOCKS}[^>]*>)\s*<br />"), r"\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"), r"\1"),
    (re.compile(r"\n</p>$"), "</p>"),
]
_NEWLINE_IN_TAG = " <!-- wpnl --> "


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


def strip_block_comments(content: str) -> str:
    """Remove Gutenberg's `<!-- wp:… -->` delimiters, keeping the HTML between them."""
    return _EXCESS_BLANKS.sub("\n\n", _BLOCK_COMMENT.sub("", content)).strip()


def wpautop(text: str) -> str:
    """Blank lines become paragraphs and single newlines `<br />`, as WordPress shows them."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    pre_blocks = []

    def keep_pre(match):
        pre_blocks.append(match.group(0))
        return f"<pre wp-pre-tag-{len(pre_blocks) - 1}></pre>"

    text = _PRE.sub(keep_pre, text)
    for pattern, replacement in _RULES_BEFORE_SPLIT:
        text = pattern.sub(replacement, text)
    # Newlines inside tags (attributes over several lines) are not line breaks.
    text = _TAG.sub(lambda m: m.group(0).replace("\n", _NEWLINE_IN_TAG), text)
    text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
    text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    for pattern, replacement in _RULES_AFTER_SPLIT:
        text = pattern.sub(replacement, text)
    text = _KEEP_NEWLINES.sub(lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = _LINE_BREAK.sub("<br />\n", text)
    text = text.replace("<WPPreserveNewline />", "\n")
    for pattern, replacement in _RULES_AFTER_BREAKS:
        text = pattern.sub(replacement, text)
    for index, block in enumerate(pre_blocks):
        text = text.replace(f"<pre wp-pre-tag-{index}></pre>", block)
    return text.replace(_NEWLINE_IN_TAG, "\n")


def convert_body(content: str) -> str:
    """A WordPress post body as HTML: block posts lose their delimiters, classic posts get
    WordPress's automatic paragraphs (WordPress skips wpautop for block posts, and so do we)."""
    if has_blocks(content):
        return strip_block_comments(content)
    return wpautop(content)
