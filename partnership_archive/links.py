"""Links and images as written in a Markdown file, with their lines.

Used by ``loading`` (which files a document references: they are published with it)
and ``health`` (broken links, missing attachments). Code and HTML comments are
skipped: a link shown as an example is not a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from .frontmatter import lines_of, split


@dataclass(frozen=True)
class Link:
    """A link or image as written: ``target`` is its destination, e.g. ``../x.md#goals``."""

    line: int
    target: str

    @property
    def path(self) -> str:
        return unquote(self.target.split("#", 1)[0].split("?", 1)[0])

    @property
    def anchor(self) -> str | None:
        _, hash_, fragment = self.target.partition("#")
        return unquote(fragment) if hash_ and fragment else None

    @property
    def is_external(self) -> bool:
        return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", self.target))


FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^()\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)


def links(text: str) -> list[Link]:
    """Links and images of a Markdown file, with file lines; code and comments are skipped."""
    block = split(text)
    body, first_line = (block.body, block.body_first_line) if block else (text, 1)
    prose = _blank_code(body)
    found = sorted(
        (match.start(), match.group(1).strip("<>"))
        for pattern in (INLINE_LINK, REFERENCE)
        for match in pattern.finditer(prose)
    )
    return [Link(first_line + prose.count("\n", 0, at), target) for at, target in found]


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _closes(line: str, fence: str) -> bool:
    """A closing fence: only the opening's character, at least as many of it."""
    mark = line.strip()
    return len(mark) >= len(fence) and mark == fence[0] * len(mark)


def _blank_code(body: str) -> str:
    """The body with fenced blocks, code spans and HTML comments blanked, lines kept."""
    lines, fence = [], ""
    for line in lines_of(body):  # only CR/LF end a line, as for the line numbers
        opening = FENCE.match(line)
        if not fence and opening:
            fence = opening.group(1)
        elif fence and _closes(line, fence):
            fence = ""
        elif not fence:
            lines.append(line)
            continue
        lines.append("\n" if line.endswith("\n") else "")
    return CODE_SPAN.sub(_blank, COMMENT.sub(_blank, "".join(lines)))
