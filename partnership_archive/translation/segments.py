"""Segmentation: which parts of a document a provider may see, and where they are.

The translation engine (memory, providers, ``translate.py``) works on ``Segment``
objects: pieces of human text with their exact place in the source. ``segment``
finds them with the site's own parser (``structure.MarkdownStack``): a piece of
the source is a segment exactly when Python-Markdown renders it as text
(``locate``). ``writeback.apply`` writes translations over exactly those places, so
every other byte of a mirror (front matter, code, HTML, markers, indentation, table
layout) is the source's, byte for byte.

Besides the body's texts: the front matter ``title`` and the expansions of
abbreviations (``*[EU]: Europäische Union``). Headings without an explicit id get
``{ #id }`` in the mirror with the id the source has on the site, so
``page.md#section`` links work in every language. Abbreviated terms inside a text
are listed in ``Segment.keep``: they must come back unchanged or the ``<abbr>`` is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element

import yaml

from .locate import SourceLines, Span, TreeText, guess_line, locate, tree_texts
from .placeholders import has_text
from .structure import MarkdownStack

__all__ = [
    "Segment",
    "SegmentError",
    "Segmentation",
    "TranslationRejected",
    "segment",
    "segmentation",
]

# Kinds whose translation must stay on one line.
SINGLE_LINE_KINDS = frozenset(
    {
        "title",
        "heading",
        "table_cell",
        "admonition_title",
        "details_title",
        "tab_label",
        "abbreviation",
        "term",
    }
)

_HEADING_ATTRS = re.compile(r"[ ]+\{:?(?P<inner>[^}\n]*)\}[ ]*$")  # as Python-Markdown's attr_list
# Elements whose attribute list ends their own text line (attr_list's "header" rule).
_BLOCK_ATTRS_AT_END = frozenset({"li", "dt", "td", "th"})
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_ATTR_LINE = re.compile(r"\{:?[^{}\n]*\}")
_HARD_BREAK_END = re.compile(r"(?: {2,}|\\)$")
_ABBREVIATION = re.compile(r"^[ ]*\*\[(?P<term>[^\\\]]*?)\][ ]?:[ ]*(?P<expansion>.*?)[ \t]*$")


class SegmentError(ValueError):
    """The document cannot be segmented or written back safely."""


class TranslationRejected(SegmentError):
    """A translation would change the document's structure; it is not written."""


@dataclass(frozen=True)
class Segment:
    """One piece of human text and where it sits in the source document.

    ``text`` is inline Markdown: soft line breaks joined by one space, hard breaks
    kept as ``"  \\n"``/``"\\\\\\n"``. ``start``/``end`` are character offsets in
    the full document; ``writeback.apply`` replaces exactly that range.
    """

    key: str  # "line:column" of the first character, 1-based; unique in a document
    kind: str
    text: str
    start: int
    end: int
    line: int  # 1-based
    breaks: tuple[str, ...] = ()  # line prefix re-inserted after each hard break
    suffix: str = ""  # written after the translation (a heading's anchor)
    quoting: str = ""  # front matter title: '"', "'" or "plain"
    keep: tuple[str, ...] = ()  # abbreviated terms in the text: they stay as they are


class _Lines:
    """The document as lines, with the character offset of each line's start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw = re.findall(r"[^\n]*\n|[^\n]+$", text)
        self.offsets = [0]
        for line in self.raw:
            self.offsets.append(self.offsets[-1] + len(line))

    def __len__(self) -> int:
        return len(self.raw)

    def body(self, index: int) -> str:
        """Line ``index`` without its line ending."""
        return self.raw[index].rstrip("\n").removesuffix("\r")

    def offset(self, index: int, column: int) -> int:
        return self.offsets[index] + column


# --------------------------------------------------------------------------- segment


@dataclass(frozen=True)
class Segmentation:
    """A document's segments, and the lines of text the parser renders but that could not
    be placed in the source (rare: it stays in the source language, and says so)."""

    segments: list[Segment]
    unplaced: list[int]  # 1-based lines, where the text is expected (after the one before)
    html: str = ""  # the body as the site renders it: the render check compares with it


def segment(text: str, stack: MarkdownStack) -> list[Segment]:
    """All translatable segments of a document, in document order."""
    return segmentation(text, stack).segments


def segmentation(text: str, stack: MarkdownStack) -> Segmentation:
    """The segments of a document, and where text could not be placed."""
    lines = _Lines(text)
    found: list[Segment] = []
    first = _front_matter(lines, found)
    body = "".join(lines.raw[first:])
    texts: list[TreeText] = []
    roots: list[Element] = []
    html = stack.html(
        body, inspector=lambda root: (roots.append(root), texts.extend(tree_texts(root)))
    )
    abbreviations = stack.abbreviations()
    terms = sorted({*abbreviations, *_made_links(roots)}, key=len, reverse=True)
    source = SourceLines(body, stack.raw_html())
    unplaced, after = [], 0
    for tree_text, span in zip(texts, locate(texts, source), strict=True):
        if span is None:
            unplaced.append(first + guess_line(tree_text, source, after) + 1)
            continue
        found.extend(_from_span(lines, first, tree_text, span, stack))
        after = span.line + len(span.columns)
    found.extend(_abbreviations(lines, first, abbreviations))
    found.sort(key=lambda seg: seg.start)
    for before, after in zip(found, found[1:], strict=False):
        if before.end > after.start:  # a bug here would corrupt mirrors: stop loudly
            raise SegmentError(f"overlapping segments at {before.key} and {after.key}")
    return Segmentation([_with_terms(seg, terms) for seg in found], sorted(set(unplaced)), html)


def _make(lines: _Lines, kind: str, index: int, start_col: int, end_col: int, **extra) -> Segment:
    start = lines.offset(index, start_col)
    text = extra.pop("text", lines.body(index)[start_col:end_col])
    end = extra.pop("end", lines.offset(index, end_col))
    key = f"{index + 1}:{start_col + 1}"
    return Segment(key, kind, text, start, end, index + 1, **extra)


def _from_span(
    lines: _Lines, first: int, tree_text: TreeText, span: Span, stack: MarkdownStack
) -> list[Segment]:
    index, columns = first + span.line, list(span.columns)
    if tree_text.kind == "heading":
        found = _heading(lines, index, columns[0], tree_text.element, stack)
    elif tree_text.kind in SINGLE_LINE_KINDS:
        found = _make(lines, tree_text.kind, index, *columns[0])
    else:
        found = _paragraph(lines, index, columns, tree_text.kind)
    if found and tree_text.element.tag in _BLOCK_ATTRS_AT_END and tree_text.kind != "heading":
        found = _without_attrs(found)
    return [found] if found and has_text(found.text) else []


def _without_attrs(found: Segment) -> Segment:
    """A list item's or term's own attribute list (``Punkt { .x }``) stays out of the text."""
    attrs = _HEADING_ATTRS.search(found.text)
    if not attrs or "\n" in found.text[attrs.start() :]:
        return found
    return replace(found, text=found.text[: attrs.start()], end=found.end - len(attrs.group()))


def _paragraph(
    lines: _Lines, index: int, columns: list[tuple[int, int]], kind: str
) -> Segment | None:
    """A (possibly multi-line) text; a last line holding only an attribute list stays outside."""
    last = lines.body(index + len(columns) - 1)[slice(*columns[-1])]
    if len(columns) > 1 and _ATTR_LINE.fullmatch(last.strip()):
        columns = columns[:-1]
    if not columns:
        return None
    text, breaks = _join(lines, index, columns)
    end = lines.offset(index + len(columns) - 1, columns[-1][1])
    return _make(lines, kind, index, columns[0][0], 0, text=text, end=end, breaks=breaks)


def _join(lines: _Lines, index: int, columns: list[tuple[int, int]]) -> tuple[str, tuple[str, ...]]:
    """Join a text's lines: soft breaks become a space, hard breaks stay."""
    text, breaks = [], []
    for offset, (start, end) in enumerate(columns):
        line = lines.body(index + offset)
        piece = line[start:] if offset < len(columns) - 1 else line[start:end]
        if offset == len(columns) - 1:
            text.append(piece)
        elif _HARD_BREAK_END.search(piece):
            text.append(piece + "\n" if piece.endswith("\\") else piece.rstrip(" ") + "  \n")
            breaks.append(lines.body(index + offset + 1)[: columns[offset + 1][0]])
        else:
            text.append(piece.rstrip() + " ")
    return "".join(text), tuple(breaks)


def _heading(
    lines: _Lines, index: int, columns: tuple[int, int], element: Element, stack: MarkdownStack
) -> Segment | None:
    """A heading; without an explicit id it gets the id the site gives it, as ``{ #id }``."""
    found = _make(lines, "heading", index, *columns)
    attrs = _HEADING_ATTRS.search(found.text)
    explicit = _ATTR_ID.search(attrs.group("inner")) if attrs else None
    name = found.text[: attrs.start()] if attrs else found.text
    if explicit or not element.get("id") or "attr_list" not in _names(stack):
        return replace(found, text=name, end=found.start + len(name))
    extra = f" {attrs.group('inner').strip()}" if attrs else ""
    return replace(found, text=name, suffix=f" {{ #{element.get('id')}{extra} }}")


def _names(stack: MarkdownStack) -> set[str]:
    return {name.removeprefix("markdown.extensions.") for name in stack.config.extensions}


def _abbreviations(lines: _Lines, first: int, known: dict[str, str]) -> list[Segment]:
    """Expansions of abbreviation definitions that Python-Markdown took as such."""
    found = []
    for index in range(first, len(lines)):
        match = _ABBREVIATION.match(lines.body(index))
        if not match or known.get(match.group("term").strip()) != match.group("expansion"):
            continue
        if has_text(match.group("expansion")):
            found.append(_make(lines, "abbreviation", index, *match.span("expansion")))
    return found


def _made_links(roots: list[Element]) -> set[str]:
    """Words the parser turned into links by themselves (``@user``, ``repo#12``, hashes)."""
    return {
        "".join(link.itertext())
        for root in roots
        for link in root.iter("a")
        if "magiclink" in link.get("class", "") and "".join(link.itertext()).strip()
    }


def _with_terms(seg: Segment, terms: list[str]) -> Segment:
    """Terms that become elements of their own (``<abbr>``, automatic links) stay as they are."""
    if seg.kind in ("abbreviation", "title") or not terms:
        return seg
    found = tuple(term for term in terms if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", seg.text))
    return replace(seg, keep=found) if found else seg


# ---------------------------------------------------------------------- front matter


def _front_matter(lines: _Lines, found: list[Segment]) -> int:
    """Add the front matter title segment; return the index of the first body line."""
    if not len(lines) or lines.body(0).rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines.body(index).rstrip() in ("---", "..."):
            break
    else:
        return 0
    for title_line in range(1, index):
        match = re.match(r"title:[ \t]*", lines.body(title_line))
        if match and not _continues(lines, title_line + 1, index):
            title = _title_segment(lines, title_line, match.end())
            found.extend([title] if title else [])
    return index + 1


def _continues(lines: _Lines, index: int, end: int) -> bool:
    """True if line ``index`` continues a multi-line YAML value."""
    return index < end and lines.body(index)[:1] in (" ", "\t")


def _title_segment(lines: _Lines, index: int, column: int) -> Segment | None:
    value = lines.body(index)[column:]
    patterns = (
        ('"', r'"((?:[^"\\]|\\.)*)"'),
        ("'", r"'((?:[^']|'')*)'"),
        ("plain", r"([^\s|>&*!%@`{\[\"'#][^#]*?)"),
    )
    for quoting, pattern in patterns:
        match = re.fullmatch(pattern + r"(?:[ \t]+#.*|[ \t]*)", value)
        if not match:
            continue
        decoded = _yaml_scalar(match.group(0) if quoting == "plain" else value[: match.end(1) + 1])
        if not isinstance(decoded, str) or not has_text(decoded):
            return None
        start, end = column + match.start(1), column + match.end(1)
        return _make(lines, "title", index, start, end, text=decoded, quoting=quoting)
    return None


def _yaml_scalar(source: str) -> object:
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError:
        return None
