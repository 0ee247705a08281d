"""Bounds on what one file may hold, so that no file can hang or exhaust a build.

Python-Markdown renders block structure recursively and some inline patterns take
quadratic time in the length of a paragraph. Measured with the site's extensions
(``benchmarks/hostile_input.py``, results in BENCHMARKS.md): nested lists fail with
``RecursionError`` at about 250 levels and take 0.5 s at 200, nested admonitions and
``md_in_html`` blocks fail at about 350, a run of 2,000 ``*`` fails, 5,000 nested
``[`` take 1.6 s, and a 136,000-character paragraph of links takes 1.7 s where a
tenth of it takes 0.02 s. The bounds below are far from all of that and far above
what any real document needs.

Only the document size is a setting: ``extra: archive_limits: max_document_size``
in ``mkdocs.yml`` (read by the build hook and by ``scripts/check.py``, see
``site_config.configured_limits``). The checks are pure and linear: they run before
anything else looks at a file, so a hostile file costs one pass over its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

MiB = 1024 * 1024
DEFAULT_DOCUMENT_SIZE = 2 * MiB

MAX_LINE = 10_000
"""Characters in one line (a long pasted paragraph has a few thousand)."""
MAX_PARAGRAPH = 50_000
"""Characters in one paragraph: lines without an empty line between them."""
MAX_NESTING = 20
"""Levels of lists, quotes and indented blocks (admonitions, tabs) inside each other."""
MAX_BRACKETS = 20
"""Levels of ``[`` inside each other in one paragraph."""
MAX_EMPHASIS_RUN = 100
"""``*`` or ``_`` in a row inside text (a line of them alone is a rule, and fine)."""
MAX_ABBREVIATIONS = 100
"""``*[ABC]: ...`` definitions: each is searched for in the whole text."""

SETTING = "extra: archive_limits: max_document_size in mkdocs.yml"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_MARKER = re.compile(r"(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_EMPHASIS_RUN = re.compile(rf"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[[^\]]*\]:")
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(B|KB|kB|KiB|MB|MiB)?\s*")
_UNITS = {None: 1, "B": 1, "KB": 1024, "kB": 1024, "KiB": 1024, "MB": MiB, "MiB": MiB}


@dataclass(frozen=True)
class Limits:
    document_size: int = DEFAULT_DOCUMENT_SIZE
    """Bytes one Markdown or YAML file may have."""

    @classmethod
    def from_extra(cls, extra: Mapping | None) -> Limits:
        """The limits set under ``extra: archive_limits:`` (defaults for what is not set)."""
        settings = (extra or {}).get("archive_limits") or {}
        if not isinstance(settings, Mapping):
            raise ValueError(f"{SETTING.rsplit(':', 1)[0]}: expected keys and values")
        size = settings.get("max_document_size")
        return cls() if size is None else cls(document_size=parse_size(size))


def parse_size(value: object) -> int:
    """``2 MB`` -> 2097152 (sizes as a file manager shows them: 1 KB = 1,024 bytes)."""
    match = _SIZE.fullmatch(str(value)) if isinstance(value, int | float | str) else None
    if not match or isinstance(value, bool):
        raise ValueError(f"{SETTING}: {value!r} is not a size; write it like 2 MB or 500 KB")
    return int(float(match.group(1)) * _UNITS[match.group(2)])


def megabytes(size: int) -> str:
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{size / 1024:.0f} KB"


def size_problem(size: int, limits: Limits) -> str | None:
    """Why a file of ``size`` bytes is not read, or None."""
    if size <= limits.document_size:
        return None
    return (
        f"the file has {megabytes(size)}, more than the {megabytes(limits.document_size)} "
        f"a file may have ({SETTING}): split it into several documents, or attach large "
        "tables and scans as files"
    )


def line_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """The first line longer than ``MAX_LINE`` (checked before any pattern runs on a text)."""
    for number, line in enumerate(text.split("\n"), first_line):
        if len(line) > MAX_LINE:
            return [(number, _long_line(len(line)))]
    return []


def markdown_problems(body: str, first_line: int) -> list[tuple[int, str]]:
    """The first place where a Markdown body goes beyond each bound, as (line, message)."""
    found: dict[str, tuple[int, str]] = {}
    for kind, line, message in _scan(body.split("\n"), first_line):
        found.setdefault(kind, (line, message))
    return sorted(found.values())


def _scan(lines: list[str], first_line: int) -> Iterator[tuple[str, int, str]]:
    fence, in_block, table = "", False, False
    start = length = brackets = abbreviations = 0
    for index, line in enumerate(lines):
        number = first_line + index
        if len(line) > MAX_LINE:
            yield "line", number, _long_line(len(line))
            continue
        fence = _fence_after(line, fence)
        if fence or _FENCE.match(line):
            continue
        if not line.strip():
            in_block = False
            continue
        depth, text = _nesting(line)
        if depth > MAX_NESTING:
            yield "nesting", number, _too_nested(depth)
        if not in_block or _ITEM.match(line) or text.startswith("#"):
            in_block, start, length, brackets = True, number, 0, 0
            table = "|" in line and bool(_TABLE_RULE.match(_next(lines, index)))
        length += 0 if table else len(text)
        if length > MAX_PARAGRAPH:
            yield "paragraph", start, _long_paragraph()
        brackets, deepest = _brackets(text, brackets)
        if deepest > MAX_BRACKETS:
            yield "brackets", number, _too_many_brackets(deepest)
        if _EMPHASIS_RUN.search(text) and len(set(text.strip())) > 1:
            yield "emphasis", number, _EMPHASIS_MESSAGE
        abbreviations += bool(_ABBREVIATION.match(line))
        if abbreviations > MAX_ABBREVIATIONS:
            yield "abbreviations", number, _ABBREVIATIONS_MESSAGE


def _fence_after(line: str, fence: str) -> str:
    """The fence still open after ``line`` (``""``: none), as ``links`` reads fences."""
    if not fence:
        opening = _FENCE.match(line)
        return opening.group(1) if opening else ""
    mark = line.strip()
    return "" if len(mark) >= len(fence) and mark == fence[0] * len(mark) else fence


def _next(lines: list[str], index: int) -> str:
    return lines[index + 1] if index + 1 < len(lines) else ""


def _nesting(line: str) -> tuple[int, str]:
    """How many block levels a line opens or continues, and its text after the markers.

    Every four columns of indentation are one level (Python-Markdown's tab length),
    and so is every ``>`` and list marker in front of the text (``- - > x`` is three).
    """
    expanded = line.expandtabs(4)
    text = expanded.lstrip(" ")
    depth = (len(expanded) - len(text)) // 4
    while match := _MARKER.match(text):
        depth += 1
        text = text[match.end() :].lstrip(" ")
    return depth, text


def _brackets(text: str, depth: int) -> tuple[int, int]:
    """Open ``[`` after ``text`` when ``depth`` were open before it, and the most at once."""
    deepest = depth
    escaped = False
    for character in text:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif character == "]" and depth:
            depth -= 1
    return depth, deepest


def _long_line(length: int) -> str:
    return (
        f"this line has {length:,} characters, more than {MAX_LINE:,}: "
        "break it into shorter lines or paragraphs"
    )


def _long_paragraph() -> str:
    return (
        f"the paragraph that starts here has more than {MAX_PARAGRAPH:,} characters: "
        "separate paragraphs with an empty line"
    )


def _too_nested(depth: int) -> str:
    return (
        f"lists, quotes or indented blocks are nested {depth} levels deep here, more than "
        f"{MAX_NESTING}: use fewer levels (four spaces of indentation are one level)"
    )


def _too_many_brackets(depth: int) -> str:
    return (
        f"'[' is nested {depth} levels deep here, more than {MAX_BRACKETS}: close each '[' "
        "with ']', or write \\[ for a bracket that is part of the text"
    )


_EMPHASIS_MESSAGE = (
    f"more than {MAX_EMPHASIS_RUN} '*' or '_' in a row: write \\* or \\_ for ones that are "
    "part of the text, or put a line of them on a line of its own"
)
_ABBREVIATIONS_MESSAGE = (
    f"more than {MAX_ABBREVIATIONS} abbreviations ('*[ABC]: ...' lines): keep the ones readers need"
)
