"""Links and images as written in a Markdown file, with their lines.

Used by ``loading`` (which files a document references: they are published with it),
``health`` (broken links, missing attachments) and ``site_sources`` (which rewrites
targets, so each link keeps its place in the text: ``Link.span``). Code and HTML
comments are skipped: a link shown as an example is not a link.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .frontmatter import lines_of, split


@dataclass(frozen=True)
class Link:
    """A link or image as written: ``target`` is its destination, e.g. ``../x.md#goals``."""

    line: int
    target: str
    span: tuple[int, int] = (0, 0)
    """Where ``target`` is in the file's text (``text[start:end] == target``)."""

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
HTML_LINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9]*\b[^<>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.DOTALL
)


def links(text: str) -> list[Link]:
    """Links and images of a Markdown file, with file lines; code and comments are skipped."""
    block = split(text)
    body, first_line = (block.body, block.body_first_line) if block else (text, 1)
    offset = len(text) - len(body)
    prose = _blank_code(body)
    found = sorted(
        (match.start(), match.span(1), match.group(1))
        for pattern in (INLINE_LINK, REFERENCE)
        for match in pattern.finditer(prose)
    )
    return [
        _link(first_line + prose.count("\n", 0, at), written, offset + start, offset + end)
        for at, (start, end), written in found
    ]


def html_links(text: str) -> list[Link]:
    """``href`` and ``src`` of HTML tags written into the Markdown (code and comments skipped).

    MkDocs leaves those as they are, so unlike Markdown links they are not adjusted to
    the address each page gets on the site.
    """
    block = split(text)
    body, first_line = (block.body, block.body_first_line) if block else (text, 1)
    prose = _blank_code(body)
    found = []
    for match in HTML_LINK.finditer(prose):
        group = 1 if match.group(1) is not None else 2
        line = first_line + prose.count("\n", 0, match.start())
        found.append(Link(line, html.unescape(match.group(group))))
    return found


def _link(line: int, written: str, start: int, end: int) -> Link:
    """``<a b.pdf>`` is the target ``a b.pdf``: the brackets are not part of it."""
    if written.startswith("<") and written.endswith(">"):
        return Link(line, written[1:-1], (start + 1, end - 1))
    return Link(line, written, (start, end))


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\r\n]", " ", match.group(0))


def _closes(line: str, fence: str) -> bool:
    """A closing fence: only the opening's character, at least as many of it."""
    mark = line.strip()
    return len(mark) >= len(fence) and mark == fence[0] * len(mark)


def _blank_code(body: str) -> str:
    """The body with fenced blocks, code spans and HTML comments blanked.

    Blanking keeps every character's place, so offsets and lines stay those of the file.
    """
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
        lines.append(re.sub(r"[^\r\n]", " ", line))
    return CODE_SPAN.sub(_blank, COMMENT.sub(_blank, "".join(lines)))
