"""Rendering for the tests' own checks: a document as a stack renders it, reduced to tags.

Deliberately not ``structure.skeleton``: the tests compare with a parser of their own,
so a mistake in the code under test cannot hide itself.
"""

from __future__ import annotations

from html.parser import HTMLParser

from partnership_archive.frontmatter import split
from partnership_archive.translation.structure import MarkdownStack


def body_html(text: str, stack: MarkdownStack) -> str:
    """A document's body (without front matter) rendered with ``stack``."""
    front = split(text)
    return stack.html(front.body if front else text)


class Skeleton(HTMLParser):
    """Tags and attributes without text (alt and title are translated text), plus code."""

    TEXT_ATTRIBUTES = {"alt", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.code: list[str] = []
        self._in_code = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        kept = sorted((k, v) for k, v in attrs if k not in self.TEXT_ATTRIBUTES)
        self.tags.append((tag, tuple(kept)))
        self._in_code += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag,))
        self._in_code -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.code.append(data)


def skeleton(html: str) -> Skeleton:
    parser = Skeleton()
    parser.feed(html)
    return parser
