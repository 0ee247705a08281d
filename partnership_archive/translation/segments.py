"""Markdown-aware segmentation: which parts of a document a provider may see.

The translation engine (memory, providers, the ``translate.py`` CLI) works on
``Segment`` objects: pieces of human text with their exact place in the source.
``segment(text)`` finds them; ``apply(text, translations)`` writes translations
back over exactly those places, so every other byte of a mirror (front matter,
code, HTML, markers, indentation, table layout) is the source's byte for byte.

markdown-it-py finds CommonMark blocks with their source lines; pymdown blocks
(``!!!``, ``???``, ``===``) and abbreviations are found here, line by line, the
way Python-Markdown reads them (a header line, then a body indented four spaces).
Headings without an explicit id get ``{ #slug }`` in the mirror, with the id the
source has on the site, so ``page.md#section`` links work in every language.
Inline protection (``protect``/``restore``) lives in ``placeholders``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace

import yaml
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .placeholders import PlaceholderError, has_text, protect, restore

__all__ = [
    "PlaceholderError",
    "Segment",
    "SegmentError",
    "TranslationRejected",
    "apply",
    "protect",
    "restore",
    "segment",
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
# Kinds whose text starts a Markdown line, where a translation must not start a new block.
_LINE_START_KINDS = frozenset({"paragraph", "list_item", "blockquote", "footnote", "definition"})

_MARKDOWN = (
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .use(footnote_plugin)
    .use(deflist_plugin)
)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_BLOCK_HEADER = re.compile(
    r"^(?P<indent> *)(?P<marker>!!!|\?\?\?\+?|===[+!]?)"
    r"(?:[ \t]+[^\"\n]*?)?(?:[ \t]*\"(?P<title>.*)\")?[ \t]*$"
)
_BLOCK_KINDS = {"!": "admonition_title", "?": "details_title", "=": "tab_label"}
_CONTAINER_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]|:)\s")
_ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]]+\]:[ \t]*(?P<expansion>.*?)[ \t]*$")
_HEADING_ATTRS = re.compile(r"[ ]+\{:?(?P<inner>[^}\n]*)\}[ ]*$")  # as Python-Markdown's attr_list
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_ATTR_LINE = re.compile(r"\{:?[^{}\n]*\}")
_TASK_MARKER = re.compile(r"^\[[ xX]\][ \t]+")
_HARD_BREAK_END = re.compile(r"(?: {2,}|\\)$")
_PARAGRAPH_KINDS = {
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
    "footnote_open": "footnote",
    "dd_open": "definition",
}


class SegmentError(ValueError):
    """The document cannot be segmented or written back safely."""


class TranslationRejected(SegmentError):
    """A translation would change the document's structure; it is not written."""


@dataclass(frozen=True)
class Segment:
    """One piece of human text and where it sits in the source document.

    ``text`` is inline Markdown: soft line breaks joined by one space, hard breaks
    kept as ``"  \\n"``/``"\\\\\\n"``. ``start``/``end`` are character offsets in
    the full document; ``apply`` replaces exactly that range.
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


@dataclass(frozen=True)
class _Heading:
    """A heading's slug source, in document order, for Python-Markdown's id rule."""

    start: int
    name: str
    explicit_id: str | None
    attrs: str | None  # inner text of an attribute list without an id


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


def segment(text: str) -> list[Segment]:
    """All translatable segments of a document, in document order."""
    lines = _Lines(text)
    found: list[Segment] = []
    headings: list[_Heading] = []
    body_start = _front_matter(lines, found)
    _walk(lines, body_start, len(lines), 0, found, headings)
    found.sort(key=lambda seg: seg.start)
    for before, after in zip(found, found[1:], strict=False):
        if before.end > after.start:  # a bug here would corrupt mirrors: stop loudly
            raise SegmentError(f"overlapping segments at {before.key} and {after.key}")
    return _anchor_headings(found, headings)


def _make(lines: _Lines, kind: str, index: int, start_col: int, end_col: int, **extra) -> Segment:
    start = lines.offset(index, start_col)
    text = extra.pop("text", lines.body(index)[start_col:end_col])
    end = extra.pop("end", lines.offset(index, end_col))
    key = f"{index + 1}:{start_col + 1}"
    return Segment(key, kind, text, start, end, index + 1, **extra)


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


def _walk(
    lines: _Lines,
    first: int,
    last: int,
    indent: int,
    found: list[Segment],
    headings: list[_Heading],
) -> None:
    """Segment lines [first, last), which are indented by ``indent`` spaces.

    pymdown block headers and abbreviations are handled here; the runs of lines
    between them go to markdown-it. A block's body is walked recursively.
    """
    run_start, run_indent, fence, index = first, indent, None, first
    while index < last:
        relative = _dedent(lines.body(index), indent)
        if fence:
            if _closes(fence, relative):
                fence = None
            index += 1
            continue
        if opening := _FENCE.match(relative):
            fence = opening.group(1)
            index += 1
            continue
        header = _BLOCK_HEADER.match(relative)
        abbreviation = _ABBREVIATION.match(relative)
        if header and _may_open_block(lines, first, index, indent, len(header.group("indent"))):
            _parse_run(lines, run_start, index, run_indent, found, headings)
            _block_title(lines, index, header, found)
            body_indent = indent + len(header.group("indent")) + 4
            body_end = _block_end(lines, index + 1, last, body_indent)
            _walk(lines, index + 1, body_end, body_indent, found, headings)
            run_start, index = body_end, body_end
            run_indent = _run_indent(lines, body_end, last, indent, len(header.group("indent")))
        elif abbreviation:
            _parse_run(lines, run_start, index, run_indent, found, headings)
            line = lines.body(index)
            column = len(line) - len(relative) + abbreviation.start("expansion")
            if has_text(abbreviation.group("expansion")):
                found.append(
                    _make(
                        lines,
                        "abbreviation",
                        index,
                        column,
                        column + len(abbreviation.group("expansion")),
                    )
                )
            index += 1
            run_start, run_indent = index, indent
        else:
            index += 1
    _parse_run(lines, run_start, last, run_indent, found, headings)


def _closes(fence: str, line: str) -> bool:
    return bool(re.fullmatch(rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*", line))


def _dedent(line: str, indent: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent) :]


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _may_open_block(lines: _Lines, first: int, index: int, indent: int, own: int) -> bool:
    """An indented block header counts only inside a list item or definition."""
    if own == 0:
        return True
    for previous in range(index - 1, first - 1, -1):
        relative = _dedent(lines.body(previous), indent)
        if relative.strip() and _indent_of(relative) < own:
            return bool(_CONTAINER_ITEM.match(relative))
    return False


def _block_end(lines: _Lines, first: int, last: int, body_indent: int) -> int:
    """End of a pymdown block body: indented lines and blank lines between them."""
    end = first
    for index in range(first, last):
        line = lines.body(index)
        if not line.strip():
            continue
        if _indent_of(line) < body_indent:
            break
        end = index + 1
    return end


def _run_indent(lines: _Lines, first: int, last: int, indent: int, nested: int) -> int:
    """Indent of the lines after a nested block: they continue its list item."""
    for index in range(first, last):
        relative = _dedent(lines.body(index), indent)
        if relative.strip():
            return indent + nested if _indent_of(relative) >= nested else indent
    return indent


def _block_title(lines: _Lines, index: int, header: re.Match[str], found: list[Segment]) -> None:
    title = header.group("title")
    if title is None or not has_text(title):
        return
    line = lines.body(index)
    column = len(line) - len(header.string) + header.start("title")
    kind = _BLOCK_KINDS[header.group("marker")[0]]
    found.append(_make(lines, kind, index, column, column + len(title)))


# ------------------------------------------------------------------ markdown-it blocks


def _parse_run(
    lines: _Lines,
    first: int,
    last: int,
    indent: int,
    found: list[Segment],
    headings: list[_Heading],
) -> None:
    """Segment a run of ordinary Markdown lines with markdown-it."""
    source = [_dedent(lines.body(index), indent) for index in range(first, last)]
    if not any(line.strip() for line in source):
        return
    tokens = _MARKDOWN.parse("\n".join(source) + "\n")
    containers: list[str] = []
    for position, token in enumerate(tokens):
        if token.type in _PARAGRAPH_KINDS:
            containers.append(_PARAGRAPH_KINDS[token.type])
        elif token.type.removesuffix("_close") + "_open" in _PARAGRAPH_KINDS:
            containers.pop()
        elif token.type == "tr_open" and token.map:
            found.extend(_table_row(lines, first + token.map[0]))
        elif token.type == "inline" and token.map:
            opener = tokens[position - 1]
            kind = containers[-1] if containers else "paragraph"
            task = position > 1 and tokens[position - 2].type == "list_item_open"
            found.extend(_inline(lines, first, token, opener, kind, task, headings))


def _inline(
    lines: _Lines,
    first: int,
    token: Token,
    opener: Token,
    kind: str,
    task: bool,
    headings: list[_Heading],
) -> list[Segment]:
    index = first + token.map[0]
    if opener.type == "paragraph_open":
        if _BLOCK_HEADER.match(token.content):  # a pymdown block where we do not look for one
            return []
        found = _paragraph(lines, index, token.content, kind)
        if found and task and (marker := _TASK_MARKER.match(found.text)):
            found = replace(
                found,
                text=found.text[marker.end() :],
                start=found.start + marker.end(),
                key=f"{found.line}:{int(found.key.split(':')[1]) + marker.end()}",
            )
    elif opener.type == "heading_open":
        found = _heading(lines, index, token.content, opener.markup.startswith("#"), headings)
    elif opener.type == "dt_open":
        found = _paragraph(lines, index, token.content, "term")
    else:  # table cells are found per row, from the source line
        return []
    return [found] if found and has_text(found.text) else []


def _paragraph(lines: _Lines, index: int, content: str, kind: str) -> Segment | None:
    """A (possibly multi-line) paragraph; each content line is a suffix of its line.

    A last line holding only an attribute list (``{ .class }``) stays outside.
    """
    pieces = content.split("\n")
    if len(pieces) > 1 and _ATTR_LINE.fullmatch(pieces[-1].strip()):
        pieces = pieces[:-1]
    columns = []
    for offset, piece in enumerate(pieces):
        line = lines.body(index + offset)
        if offset == len(pieces) - 1:
            line, piece = line.rstrip(), piece.rstrip()
        if not line.endswith(piece):
            raise SegmentError(
                f"line {index + offset + 1}: cannot locate the text (tabs in the indentation?)"
            )
        start = len(line) - len(piece) + (len(piece) - len(piece.lstrip()) if offset else 0)
        columns.append((start, len(line)))
    text, breaks = _join(lines, index, columns)
    end = lines.offset(index + len(pieces) - 1, columns[-1][1])
    return _make(lines, kind, index, columns[0][0], 0, text=text, end=end, breaks=breaks)


def _join(lines: _Lines, index: int, columns: list[tuple[int, int]]) -> tuple[str, tuple[str, ...]]:
    """Join a paragraph's lines: soft breaks become a space, hard breaks stay."""
    text, breaks = [], []
    for offset, (start, end) in enumerate(columns):
        piece = lines.body(index + offset)[start:end]
        if offset == len(columns) - 1:
            text.append(piece)
        elif _HARD_BREAK_END.search(piece):
            text.append(piece + "\n" if piece.endswith("\\") else piece.rstrip(" ") + "  \n")
            following = lines.body(index + offset + 1)
            breaks.append(following[: columns[offset + 1][0]])
        else:
            text.append(piece.rstrip() + " ")
    return "".join(text), tuple(breaks)


def _heading(
    lines: _Lines, index: int, content: str, atx: bool, headings: list[_Heading]
) -> Segment | None:
    if atx:
        line = lines.body(index)
        hashes = re.search(r"#+", line)
        column = line.find(content, hashes.end() if hashes else 0)
        if column < 0 or not content:
            return None
        found = _make(lines, "heading", index, column, column + len(content))
    else:
        found = _paragraph(lines, index, content, "heading")
        found = replace(found, breaks=()) if found else None
    if found is None:
        return None
    attrs = _HEADING_ATTRS.search(found.text)
    explicit = _ATTR_ID.search(attrs.group("inner")) if attrs else None
    name = found.text[: attrs.start()] if attrs else found.text
    headings.append(
        _Heading(
            found.start,
            name,
            explicit.group(1) if explicit else None,
            attrs.group("inner").strip() if attrs and not explicit else None,
        )
    )
    end = found.end if attrs and not explicit else found.start + len(name)
    return replace(found, text=name.replace("  \n", " "), end=end)


def _table_row(lines: _Lines, index: int) -> list[Segment]:
    line = lines.body(index)
    segments = []
    for start, end in _cell_spans(line):
        if has_text(line[start:end]):
            segments.append(_make(lines, "table_cell", index, start, end))
    return segments


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """Cell contents of a table row, stripped; pipes in code spans or escaped do not split."""
    position = len(re.match(r"[ \t]*(?:>[ \t]?)*[ \t]*", line).group())
    bounds, cursor = [position - 1], position
    while cursor < len(line):
        char = line[cursor]
        if char == "\\":
            cursor += 2
            continue
        if char == "`":
            ticks = re.match(r"`+", line[cursor:]).group()
            close = re.compile(rf"(?<!`){ticks}(?!`)").search(line, cursor + len(ticks))
            cursor = close.end() if close else cursor + len(ticks)
            continue
        if char == "|":
            bounds.append(cursor)
        cursor += 1
    bounds.append(len(line.rstrip()))
    spans = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        cell = line[left + 1 : right]
        stripped = cell.strip()
        if stripped:
            start = left + 1 + len(cell) - len(cell.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _anchor_headings(found: list[Segment], headings: list[_Heading]) -> list[Segment]:
    """Give every heading without an explicit id the id Python-Markdown's toc gives it."""
    used = {heading.explicit_id for heading in headings if heading.explicit_id}
    counters: dict[str, int] = {}
    suffixes = {}
    for heading in sorted(headings, key=lambda item: item.start):
        if heading.explicit_id:
            continue
        anchor = unique(slugify(_plain_name(heading.name), "-"), used, counters)
        extra = f" {heading.attrs}" if heading.attrs else ""
        suffixes[heading.start] = f" {{ #{anchor}{extra} }}"
    return [
        replace(seg, suffix=suffixes[seg.start]) if seg.start in suffixes else seg for seg in found
    ]


def _plain_name(inline: str) -> str:
    """A heading's text as the site's toc sees it (tags, footnote refs, emoji removed)."""
    inline = re.sub(r"\[\^[^\]\s]+\]|:[a-z][a-z0-9_+-]*:", "", inline)
    rendered = _MARKDOWN.renderInline(inline)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


# ------------------------------------------------------------------------------ apply


def apply(text: str, translations: dict[str, str]) -> str:
    """Write ``translations`` (segment key -> translated inline Markdown) into ``text``.

    Segments without a translation keep their source text; an unknown key is an error.
    """
    segments = segment(text)
    unknown = set(translations) - {seg.key for seg in segments}
    if unknown:
        raise SegmentError(f"no segment with key {', '.join(sorted(unknown))}")
    pieces, position = [], 0
    for seg in segments:
        if seg.key in translations:
            pieces += [text[position : seg.start], render(seg, translations[seg.key])]
            position = seg.end
    pieces.append(text[position:])
    return "".join(pieces)


def render(seg: Segment, translation: str) -> str:
    """The bytes that replace ``seg`` in the mirror; raise if they would break structure."""
    translation = translation.strip()
    if not translation:
        raise TranslationRejected(f"segment {seg.key}: empty translation")
    lines = translation.split("\n")
    if len(lines) > 1 and (seg.kind in SINGLE_LINE_KINDS or len(lines) - 1 != len(seg.breaks)):
        raise TranslationRejected(
            f"segment {seg.key}: {len(lines) - 1} line breaks, source has {len(seg.breaks)}"
        )
    if seg.kind in _LINE_START_KINDS:
        lines = [_escape_block_start(line.lstrip()) for line in lines]
    rendered = lines[0] + "".join(
        f"\n{prefix}{line}" for prefix, line in zip(seg.breaks, lines[1:], strict=True)
    )
    if seg.kind == "table_cell":
        rendered = re.sub(r"(?<!\\)\|", r"\\|", rendered)
    if seg.kind == "title":
        rendered = _yaml_encode(rendered, seg.quoting)
    return rendered + seg.suffix


_BLOCK_STARTS = re.compile(
    r"^(?:#{1,6}(?=\s|$)|[-+*](?=\s)|>|!!!|\?\?\?|===|:(?=\s)|`{3,}|~{3,}|\*\[|\[\^)"
)


def _escape_block_start(line: str) -> str:
    """Escape a translated line that would otherwise open a new block (``- ``, ``# `` ...)."""
    if match := re.match(r"^(\d+)([.)])(?=\s)", line):
        return f"{match.group(1)}\\{line[match.end(1) :]}"
    return "\\" + line if _BLOCK_STARTS.match(line) else line


def _yaml_encode(value: str, quoting: str) -> str:
    """A YAML scalar body for the title, in the source's quoting style where possible."""
    if quoting == "'":
        return value.replace("'", "''")
    if quoting == "plain" and _yaml_scalar(f"title: {value}") == {"title": value}:
        return value
    escaped = json.dumps(value, ensure_ascii=False)
    return escaped[1:-1] if quoting == '"' else escaped
