"""Provider output is text, never markup: turning it into Markdown that renders literally.

A provider's answer is untrusted. Outside the protected parts (which come back from
the source), every character that Python-Markdown or an extension of the site would
read as markup is escaped: HTML (``<``), entities (``&lt;``), links and images
(``[``, ``]``), emphasis and its pymdown relatives (``*``, ``_``, ``~``, ``==``,
``^``, ``++``), code, attribute lists (``{``), emoji (``:name:``), and anything that
would start a block at the beginning of a line (``# ``, ``- ``, ``> ``, ``!!!``,
``1. `` ...). Python-Markdown's own backslash escapes are used where it honours them
in every configuration, a numeric character reference everywhere else: both render
as the character itself.

Front matter titles are not Markdown: MkDocs and Material put ``page.title`` into
``<title>``, the header, the sidebar and the search index without escaping, so a
title that could form a tag or an entity is refused (``title_problem``).
"""

from __future__ import annotations

import re

# Python-Markdown's ESCAPED_CHARS without any extension: a backslash works everywhere.
BACKSLASH_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")

_ALWAYS = frozenset("\\`*[]{}<~^")
_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")  # not between letters or digits
_ENTITY_LIKE = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_PAIRED = re.compile(r"={2,}|\+{2,}")  # mark (==x==), keys (++ctrl++)
_EMOJI = re.compile(r":(?=[a-z0-9_+-]*[a-z][a-z0-9_+-]*:)")  # :smile: (the first colon)
# What opens a block at the start of a paragraph's line (Python-Markdown and pymdown).
_BLOCK_START = re.compile(
    r"(?P<first>#|>|[-+*:](?=[ \t])|!!!|\?\?\?|={3}|/{3}|`{3}|~{3}|--8<--"
    r"|\*\[[^\]]*\]:|\[[^\]]*\]:|(?:[-*_][ \t]*){3,}$)"
    r"|(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)(?P<dot>[.)])(?=[ \t])"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNSAFE_TITLE = re.compile(r"[<\x00-\x08\x0b-\x1f\x7f]|&(?=#|[A-Za-z][A-Za-z0-9]*;)")


def escape(char: str) -> str:
    """``char`` as Markdown that renders as exactly that character."""
    if char in BACKSLASH_ESCAPABLE:
        return "\\" + char
    if char == "<":
        return "&lt;"
    if char == "&":
        return "&amp;"
    return f"&#{ord(char)};"


def literal(text: str, line_start: bool = False, heading: bool = False) -> str:
    """A provider's plain text as inline Markdown that shows exactly that text.

    ``line_start``: the text begins a line (a paragraph, a list item), so it must not
    open a block. ``heading``: a trailing ``#`` would close the heading. Whitespace
    (line breaks included) becomes single spaces; control characters are dropped.
    """
    text = re.sub(r"\s+", " ", _CONTROL.sub("", text))
    if line_start:
        text = text.lstrip()
    marks = {m.start() for m in _ENTITY_LIKE.finditer(text)}
    marks |= {m.start() for m in _EMOJI.finditer(text)}
    marks |= {i for m in _PAIRED.finditer(text) for i in range(m.start(), m.end())}
    marks |= {i for i, char in enumerate(text) if char in _ALWAYS}
    marks |= {m.start() for m in _UNDERSCORE.finditer(text)}
    if line_start and (position := block_start(text)) is not None:
        marks.add(position)
    if heading and text.rstrip().endswith("#"):
        marks.add(len(text.rstrip()) - 1)
    return "".join(escape(char) if i in marks else char for i, char in enumerate(text))


def block_start(line: str) -> int | None:
    """Where to escape ``line`` so that it cannot open a block; None if it cannot anyway."""
    if not (match := _BLOCK_START.match(line)):
        return None
    return match.start("first") if match.group("first") else match.start("dot")


def escape_block_start(line: str) -> str:
    """``line`` with the one character escaped that would make it open a block."""
    position = block_start(line)
    if position is None:
        return line
    return line[:position] + escape(line[position]) + line[position + 1 :]


def title_problem(title: str) -> str | None:
    """Why a translated front matter title cannot be used, or None if it is plain text."""
    if "\n" in title.strip():
        return "the title came back on several lines"
    if match := _UNSAFE_TITLE.search(title):
        return f"the title contains {match.group()!r}, which a page would read as markup"
    return None
