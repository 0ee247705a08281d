"""Writing translations back: the bytes of a mirror, from its source and its segments.

``apply`` replaces exactly the ranges of the segments it has a translation for, so
every other byte is the source's (and a segment whose translation is its own text
keeps its bytes too). ``render`` is the last guard of each replacement:
a translation keeps the segment's line structure, cannot start a new block, keeps a
table cell's pipes escaped and a front matter title valid YAML.
"""

from __future__ import annotations

import json
import re

import yaml

from .literal import escape_block_start
from .segments import SINGLE_LINE_KINDS, Segment, SegmentError, TranslationRejected

# Kinds whose text starts a Markdown line, where a translation must not start a new block.
LINE_START_KINDS = frozenset(
    {"paragraph", "list_item", "blockquote", "footnote", "definition", "term"}
)


def apply(text: str, segments: list[Segment], translations: dict[str, str]) -> str:
    """Write ``translations`` (segment key -> translated inline Markdown) into ``text``.

    Segments without a translation keep their source text; an unknown key is an error.
    """
    unknown = set(translations) - {seg.key for seg in segments}
    if unknown:
        raise SegmentError(f"no segment with key {', '.join(sorted(unknown))}")
    pieces, position = [], 0
    for seg in segments:
        if seg.key in translations:
            translation = translations[seg.key]
            # A text that stays as it is (a name, a number) keeps its bytes and line breaks.
            unchanged = translation == seg.text and not seg.suffix  # (a heading's attrs)
            written = _anchored(text[seg.start : seg.end], seg) if unchanged else None
            pieces += [text[position : seg.start], written or render(seg, translation)]
            position = seg.end
    pieces.append(text[position:])
    return "".join(pieces)


def render(seg: Segment, translation: str) -> str:
    """The bytes that replace ``seg`` in the mirror; raise if they would break structure."""
    translation = translation.strip()
    if not translation:
        raise TranslationRejected(f"segment {seg.key}: empty translation")
    lines = translation.split("\n")
    if len(lines) - 1 != len(seg.breaks) or (len(lines) > 1 and seg.kind in SINGLE_LINE_KINDS):
        raise TranslationRejected(
            f"segment {seg.key}: {len(lines) - 1} line breaks, source has {len(seg.breaks)}"
        )
    if seg.kind in LINE_START_KINDS:
        lines = [escape_block_start(line.lstrip()) for line in lines]
    rendered = lines[0] + "".join(
        f"\n{prefix}{line}" for prefix, line in zip(seg.breaks, lines[1:], strict=True)
    )
    if seg.kind == "table_cell":
        rendered = re.sub(r"(?<!\\)\|", r"\\|", rendered)
    if seg.kind == "title":
        rendered = _yaml_encode(rendered, seg.quoting)
    return _anchored(rendered, seg)


def _anchored(text: str, seg: Segment) -> str:
    """A heading's text with its ``{ #id }``: a ``#`` that ends it is escaped, or
    attr_list would take it for a closing ``#`` and drop it ("C#" would become "C")."""
    if seg.suffix and text.endswith("#"):
        bare = text.rstrip("#")
        text = bare + "\\#" * (len(text) - len(bare))
    return text + seg.suffix


def _yaml_encode(value: str, quoting: str) -> str:
    """A YAML scalar body for the title, in the source's quoting style where possible."""
    if quoting == "'":
        return value.replace("'", "''")
    if quoting == "plain" and _yaml_scalar(f"title: {value}") == {"title": value}:
        return value
    escaped = json.dumps(value, ensure_ascii=False)
    return escaped[1:-1] if quoting == '"' else escaped


def _yaml_scalar(source: str) -> object:
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError:
        return None
