"""What Python-Markdown calls text, and where each piece of it is in the source.

``tree_texts`` reads the block tree that ``structure.MarkdownStack`` hands over just
before inline patterns run: every ``element.text``/``.tail`` there is raw inline
Markdown the build will render as text. Type keywords, classes, fences, attribute
lists of blocks, reference and abbreviation definitions never appear in it, so
they can never be sent to a provider.

Python-Markdown keeps no source positions, so ``locate`` finds each text in the
source lines: every line of a text is a piece of one source line, preceded only by
container markers (indentation, ``>``, list and definition markers, a footnote
label) and followed only by what ends that kind of block (``#`` of a heading, ``|``
of a table row, ``"`` of a title). A text that cannot be found that way is not
segmented: it stays in the source language, and the render check sees the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from markdown.util import AtomicString

_CONTAINER = (
    r"(?:[ \t]*(?:>|[-*+](?=[ \t])|(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|#)[.)](?=[ \t])"
    r"|:(?=[ \t])|\[\^[^\]\s]+\]:|\[[ xX]\](?=[ \t])|\[![A-Za-z-]+\][+-]?(?=[ \t])"  # callout
    r"|<[A-Za-z][^<>]*>))*[ \t]*"
)
_HEADER = r"(?:!!!\+?|\?\?\?\+?|={3}[+!]*|/{3,})"
_TITLE = _CONTAINER + _HEADER + r"[^\"|\n]*(?:\"|\|[ \t]*)"  # up to a block's title
_RULES = {
    # role: (what may precede a text on its line, what may follow it)
    "block": (_CONTAINER, r"[ \t]*(?:</[A-Za-z][\w-]*>[ \t]*)*"),
    "term": (_CONTAINER, r"[ \t]*"),
    "heading": (  # Python-Markdown needs no space after the #: "#12 Brunnen" is a heading
        rf"{_CONTAINER}(?:#{{1,6}}[ \t]*)?|{_TITLE}#{{1,6}}[ \t]*",  # a heading in a title too
        r"[ \t]*(?:#+[ \t]*)?\"?[ \t]*",
    ),
    "cell": (r"(?:.*\|)?[ \t]*|" + _CONTAINER, r"[ \t]*(?:\|.*)?"),
    "title": (_TITLE, r"\"?[ \t]*"),
}
_COMPILED = {
    role: (re.compile(before), re.compile(after)) for role, (before, after) in _RULES.items()
}
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class TreeText:
    """A text of the block tree: its raw Markdown, its role and segment kind."""

    value: str
    role: str  # how it sits on its line: "block", "term", "heading", "cell", "title"
    kind: str  # the Segment kind
    element: Element  # the element it belongs to (a heading's id is read from it later)


@dataclass(frozen=True)
class Span:
    """Where a text is: its first line and, per source line, the columns it covers."""

    line: int  # 0-based index of the first line in the body
    columns: tuple[tuple[int, int], ...]  # (start, end) in each line, original columns


# ------------------------------------------------------------------------------ tree


def tree_texts(root: Element) -> list[TreeText]:
    """Every text Python-Markdown will render as inline Markdown, in tree order."""
    found: list[TreeText] = []
    parents = {child: parent for parent in root.iter() for child in parent}
    _visit(root, "paragraph", found, parents)
    return found


def _visit(parent: Element, context: str, found: list[TreeText], parents: dict) -> None:
    for child in parent:
        role, kind = _role(child, parent, context)
        if child.tag == "dt" and _opens_admonition(parent, parents):
            role, kind = "title", "admonition_title"  # def_list took the title as its term
        if role and _is_text(child.text) and not _generated(child.text, child, parent, parents):
            found.append(TreeText(child.text, role, kind, child))  # type: ignore[arg-type]
        if role is not None or child.tag not in ("pre", "code", "script", "style"):
            _visit(child, _context(child, context), found, parents)
        if _is_text(child.tail) and not _generated(child.tail, parent, parents.get(parent)):
            found.append(TreeText(child.tail, "block", context, parent))  # type: ignore[arg-type]


def _is_text(value: str | None) -> bool:
    if not value or isinstance(value, AtomicString):
        return False
    return bool(_LETTER.search(_PLACEHOLDER.sub("", value)))


def _role(element: Element, parent: Element, context: str) -> tuple[str | None, str]:
    tag, classes = element.tag, element.get("class", "").split()
    if tag in ("pre", "code", "script", "style"):
        return None, ""
    if tag == "p" and "admonition-title" in classes:
        return "title", "admonition_title"
    if tag == "summary":
        return "title", "details_title"
    if tag == "label" and {"tabbed-labels", "tabbed-set"} & set(parent.get("class", "").split()):
        return "title", "tab_label"
    if re.fullmatch(r"h[1-6]", tag):
        return "heading", "heading"
    if tag in ("th", "td"):
        return "cell", "table_cell"
    if tag == "dt":
        return "term", "term"
    return "block", _context(element, context)


def _context(element: Element, context: str) -> str:
    """The segment kind of plain text inside ``element``."""
    tag, classes = element.tag, element.get("class", "").split()
    if tag == "div" and "footnote" in classes:
        return "footnote"
    if context == "footnote":
        return context
    return {"li": "list_item", "blockquote": "blockquote", "dd": "definition"}.get(tag, context)


def _generated(
    text: str, element: Element, parent: Element | None, parents: dict | None = None
) -> bool:
    """Text the parser made up: a default admonition or details title, a footnote's back link.

    An admonition whose body starts with ``: text`` has its title turned into the term
    of a definition list by ``def_list`` (``<dt>Note</dt>``): still the made-up title.
    """
    if "footnote-backref" in element.get("class", ""):
        return True
    is_title = element.tag == "summary" or "admonition-title" in element.get("class", "")
    classes = parent.get("class", "").split() if parent is not None else []
    if element.tag == "dt" and _opens_admonition(parent, parents):
        is_title, classes = True, parents[parent].get("class", "").split()  # type: ignore[index]
    if parent is not None and parent.get("data-alert") and element is parent[0]:
        is_title, classes = True, [parent.get("data-alert", "")]  # a callout: > [!tip]
    return is_title and text.strip().lower() in classes


def _opens_admonition(element: Element | None, parents: dict | None) -> bool:
    """Is ``element`` the first child of an admonition (a ``dl`` made of its title)?"""
    box = parents.get(element) if parents and element is not None else None
    classes = box.get("class", "").split() if box is not None else []
    return box is not None and "admonition" in classes and box[0] is element


# ----------------------------------------------------------------------------- source


class SourceLines:
    """A Markdown body as Python-Markdown sees it (tabs expanded, STX/ETX removed),
    with a map back to the original columns of every line, and which lines are code."""

    def __init__(self, body: str, raw_html: Sequence[str] = (), tab_length: int = 4) -> None:
        raw = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.seen: list[str] = []
        self.columns: list[list[int]] = []
        for line in raw:
            seen, columns = _normalize(line, tab_length)
            self.seen.append(seen)
            self.columns.append(columns)
        self.code = _fenced(self.seen) | _raw_html(self.seen, raw_html)

    def __len__(self) -> int:
        return len(self.seen)

    def original(self, line: int, column: int) -> int:
        """The column in the original line of ``column`` in the normalized one."""
        columns = self.columns[line]
        return columns[column] if column < len(columns) else columns[-1]


_FENCE = re.compile(r"^(?P<prefix>[ \t]*(?:>[ \t]?)*[ \t]*)(?P<fence>`{3,}|~{3,})")


def _fenced(lines: list[str]) -> frozenset[int]:
    """Lines of fenced code blocks, fences included: a copy of a text there is not the text.

    (Documentation often shows a Markdown example as code right before rendering it.)
    A fence that is never closed is no code block: Python-Markdown renders it as text.
    """
    code: set[int] = set()
    fence, opened = None, 0
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence, opened = match.group("fence"), index
            continue
        closing = match and match.group("fence")[0] == fence[0]
        if closing and len(match.group("fence")) >= len(fence) and not line[match.end() :].strip():
            code.update(range(opened, index + 1))
            fence = None
    return frozenset(code)


def guess_line(text: TreeText, lines: SourceLines, after: int) -> int:
    """The 0-based line where a text that could not be placed most likely is."""
    first = _PLACEHOLDER.sub("", text.value).strip().split("\n")[0].strip()
    for index in range(after, len(lines)):
        if first and first in lines.seen[index]:
            return index
    return min(after, max(len(lines) - 1, 0))


def _raw_html(lines: list[str], blocks: Sequence[str]) -> frozenset[int]:
    """Lines of raw HTML blocks (as Python-Markdown stashed them): their words are not text.

    A block starts at most three spaces in, as Python-Markdown requires; the same line
    indented further (inside an admonition, a list) is a paragraph with inline HTML.
    A one-line block counts too. (Inline tags are stashed as well, but alone: a line
    that is nothing but ``<span>`` has no text to lose.)
    """
    stripped = [line.strip() for line in lines]
    found: set[int] = set()
    for block in blocks:
        wanted = [line.strip() for line in block.strip().split("\n")]
        if not wanted[0].startswith("<"):
            continue
        for start in range(len(lines) - len(wanted) + 1):
            indent = len(lines[start]) - len(lines[start].lstrip())
            if indent <= 3 and stripped[start : start + len(wanted)] == wanted:
                found.update(range(start, start + len(wanted)))
    return frozenset(found)


def _normalize(line: str, tab_length: int) -> tuple[str, list[int]]:
    seen, columns = [], []
    for index, char in enumerate(line):
        if char in "\x02\x03":
            continue
        width = tab_length - len(seen) % tab_length if char == "\t" else 1
        seen.extend(" " * width if char == "\t" else char)
        columns.extend([index] * width)
    columns.append(len(line))
    return "".join(seen), columns


# ----------------------------------------------------------------------------- locate


class _Used:
    """Columns already given to a text, per line: no source character is segmented twice."""

    def __init__(self) -> None:
        self.ranges: dict[int, list[tuple[int, int]]] = {}

    def free(self, line: int, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.ranges.get(line, ()))

    def take(self, line: int, start: int, end: int) -> None:
        self.ranges.setdefault(line, []).append((start, end))


def locate(texts: list[TreeText], lines: SourceLines) -> list[Span | None]:
    """The span of each text, or None where it is not in the source (made up, or moved).

    Texts are searched in tree order from where the previous one was found; a text
    the tree holds out of order (footnotes at the end) is searched from the start
    among the columns not yet taken. Tab labels come before the contents of all tabs
    of their set in the tree: they never move the search on, or the first tab's text
    would be looked for after the last label (and a repeated text found in the wrong
    tab, with the wrong heading id).
    """
    used, cursor, spans = _Used(), (0, 0), []
    for text in texts:
        span = _find(text, lines, used, cursor)
        if span is not None:
            for offset, (start, end) in enumerate(span.columns):
                used.take(span.line + offset, start, end)
            if text.kind != "tab_label":  # all labels of a set come before its first tab
                cursor = (span.line + len(span.columns) - 1, span.columns[-1][1])
        spans.append(span)
    return spans


def _find(text: TreeText, lines: SourceLines, used: _Used, cursor: tuple[int, int]) -> Span | None:
    pieces = [piece.strip() for piece in _PLACEHOLDER.sub("", text.value).strip().split("\n")]
    if not pieces[0] or any(not piece for piece in pieces):
        return None
    ahead = ((i, cursor[1] if i == cursor[0] else 0) for i in range(cursor[0], len(lines)))
    anywhere = ((i, 0) for i in range(len(lines)))
    for index, minimum in (*ahead, *anywhere):
        for column in _columns(pieces, text.role, lines, index):
            span = _span(pieces, lines, index, column)
            if (
                span
                and span.columns[0][0] >= minimum
                and all(used.free(span.line + k, s, e) for k, (s, e) in enumerate(span.columns))
            ):
                return span
    return None


def _columns(pieces: list[str], role: str, lines: SourceLines, index: int) -> list[int]:
    """Columns of line ``index`` where the first piece may start, by the rules of ``role``."""
    if index in lines.code:
        return []
    line, first = lines.seen[index], pieces[0]
    before, after = _COMPILED[role]
    if len(pieces) > 1:
        before, after = _COMPILED["block"][0], re.compile(r"[ \t]*")
    found, start = [], line.find(first)
    while start >= 0:
        if before.fullmatch(line, 0, start) and after.fullmatch(line, start + len(first)):
            found.append(start)
        start = line.find(first, start + 1)
    return found


def _span(pieces: list[str], lines: SourceLines, index: int, column: int) -> Span | None:
    """The span of a text whose first piece starts at ``column``; later pieces end their lines."""
    if index + len(pieces) > len(lines):
        return None
    columns = [(column, column + len(pieces[0]))]
    for offset, piece in enumerate(pieces[1:], 1):
        if index + offset in lines.code:
            return None
        line = lines.seen[index + offset].rstrip()
        start = len(line) - len(piece)
        if not line.endswith(piece) or not _COMPILED["block"][0].fullmatch(line, 0, start):
            return None
        columns.append((start, len(line)))
    return Span(
        index,
        tuple(
            (lines.original(index + k, s), lines.original(index + k, e))
            for k, (s, e) in enumerate(columns)
        ),
    )
