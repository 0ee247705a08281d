"""Parallel text: the original and one translation in two columns, block by block.

Partners use it to check a translation, councils to discuss or sign an agreement in
two languages. Translation keeps the block structure of the source (heading beside
heading, table beside table), so blocks pair one to one; where they do not (a
hand-written mirror), the page says so and shows the two texts one after the other
rather than pairing the wrong blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .frontmatter import split
from .labels import labels, language_name
from .model import Document

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING_ID = re.compile(r"\s*\{[^{}]*#[^{}]*\}\s*$")
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")


@dataclass(frozen=True)
class Block:
    kind: str
    text: str


def kind_of(first_line: str) -> str:
    line = first_line.lstrip()
    for kind, pattern in (
        ("heading", r"#{1,6}\s"), ("admonition", r"(!!!|\?\?\?)"), ("tab", r"==="),
        ("code", r"(```|~~~)"), ("table", r"\|"), ("list", r"([-*+]|\d+[.)])\s"),
        ("quote", r">"), ("footnote", r"\[\^"), ("html", r"<"),
    ):  # fmt: skip
        if re.match(pattern, line):
            return kind
    return "paragraph"


def blocks(body: str) -> tuple[list[Block], list[str]]:
    """Top-level blocks of a Markdown body, and its abbreviation definitions.

    A block ends at a blank line unless what follows is indented (the body of an
    admonition, a tab, a list item, a footnote) or it is inside a fenced code block.
    """
    found: list[list[str]] = []
    abbreviations: list[str] = []
    fence = ""
    for line in body.splitlines():
        opening = FENCE.match(line)
        if fence:
            found[-1].append(line)
            mark = line.strip()
            if opening and mark == mark[0] * len(mark) and mark[0] == fence[0]:
                fence = "" if len(mark) >= len(fence) else fence
            continue
        if ABBREVIATION.match(line):
            abbreviations.append(line)
            continue
        if not line.strip():
            if found and found[-1] and found[-1][-1] != "":
                found[-1].append("")
            continue
        continues = found and (line.startswith(("    ", "\t")) or found[-1][-1] != "")
        if continues:
            found[-1].append(line)
        else:
            found.append([line])
        if opening:
            fence = opening.group(1)
    return [
        Block(kind_of(lines[0]), "\n".join(lines).strip("\n")) for lines in found
    ], abbreviations


def _for_column(block: Block, lang: str, keep_ids: bool = False) -> str:
    """One block as it goes into a column, footnotes kept apart per language.

    Explicit heading ids stay in the original's column only (two columns would repeat
    them): a link such as ``#agenda`` in either text then still lands on its heading,
    beside the translation's, since mirrors keep the original's ids.
    """
    text = block.text
    if block.kind == "heading" and not keep_ids:
        first, _, rest = text.partition("\n")
        text = HEADING_ID.sub("", first) + ("\n" + rest if rest else "")
    return FOOTNOTE.sub(lambda m: f"[^{m.group(1)}-{lang}]", text)


def pair_for(document: Document, lang: str) -> tuple[str, str] | None:
    """(left, right) languages of the parallel view a reader of ``lang`` gets."""
    if len(document.versions) < 2:
        return None
    original = document.source.lang
    if lang != original and lang in document.versions:
        return original, lang
    return original, next(code for code in document.versions if code != original)


def parallel_context(document: Document, lang: str, texts: dict[str, str]) -> dict[str, Any] | None:
    """The parallel view of ``document`` for a reader of ``lang`` (``texts``: by language)."""
    pair = pair_for(document, lang)
    if pair is None:
        return None
    left, right = pair
    parsed = {code: blocks(_body(texts[code])) for code in pair}
    (left_blocks, left_abbr), (right_blocks, right_abbr) = parsed[left], parsed[right]
    aligned = [b.kind for b in left_blocks] == [b.kind for b in right_blocks]
    l10n = labels(lang)
    return {
        "l": l10n,
        "title": f"{document.title(lang)} ({l10n['parallel_view']})",
        "document_link": f"{document.key.rsplit('/', 1)[-1]}.md",
        "left": {"lang": left, "name": language_name(left, lang)},
        "right": {"lang": right, "name": language_name(right, lang)},
        "aligned": aligned,
        "rows": [
            {"left": _for_column(a, left, keep_ids=True), "right": _for_column(b, right)}
            for a, b in zip(left_blocks, right_blocks, strict=False)
        ]
        if aligned
        else [],
        "left_text": "\n\n".join(_for_column(b, left, keep_ids=True) for b in left_blocks),
        "right_text": "\n\n".join(_for_column(b, right) for b in right_blocks),
        "abbreviations": left_abbr + right_abbr,
    }


def _body(text: str) -> str:
    block = split(text)
    return block.body if block else text


def columns_text(context: dict[str, Any]) -> str:
    """The columns' Markdown in page order: what decides the parallel page's heading ids."""
    cells = [text for row in context["rows"] for text in (row["left"], row["right"])]
    return "\n\n".join(cells or [context["left_text"], context["right_text"]])
