"""How each provider sees the holes of a segment, and how its answer is read back.

Engines reorder words, re-space them and sometimes translate unusual symbols; where a
service has a tag-preserving mode, holes travel as that mode's tags and the answer is
read with a real parser, strictly: only the tags that were sent, each exactly once,
nothing inside them, the text unescaped exactly once (by the parser, never again).

- ``XmlTags``: ``<x i="3"/>`` (DeepL ``tag_handling=xml``, ``x`` listed in ``ignore_tags``);
- ``HtmlTags``: ``<x id="3"></x>`` (LibreTranslate ``format=html``, Microsoft ``textType=html``);
- ``Placeholders``: ``⟦3⟧`` for services without such a mode (Google's web endpoint,
  MyMemory).

``decode`` returns ``Masked`` parts; ``placeholders.restore`` then checks the holes
and makes the text literal Markdown.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Protocol
from xml.etree import ElementTree
from xml.sax.saxutils import escape as xml_escape

from .placeholders import Hole, Masked, Part

MAX_ANSWER = 100_000  # characters; a longer answer to one segment is not a translation


class MarkupError(ValueError):
    """A provider's answer is not the markup that was sent, translated."""


class Codec(Protocol):
    name: str

    def encode(self, masked: Masked) -> str:
        """The text sent to the provider."""

    def decode(self, answer: str, sent: Masked) -> Masked:
        """Read the provider's answer to ``sent``; raise ``MarkupError`` if it is not one."""


def _checked(parts: list[Part], sent: Masked) -> Masked:
    """Only the holes that were sent, each exactly once."""
    found = [p.number for p in parts if isinstance(p, Hole)]
    if sorted(found) != sorted(sent.holes):
        raise MarkupError(f"sent tags {sorted(sent.holes)}, got back {sorted(found)}")
    return Masked(tuple(p for p in parts if p != ""))


def _bounded(answer: str) -> str:
    if len(answer) > MAX_ANSWER:
        raise MarkupError(f"the answer is {len(answer)} characters long")
    return answer


class Placeholders:
    """``⟦n⟧`` in plain text: for services that know no markup."""

    name = "text"

    def encode(self, masked: Masked) -> str:
        return masked.text()

    def decode(self, answer: str, sent: Masked) -> Masked:
        return Masked.from_placeholders(_bounded(answer))  # holes are checked by restore


class XmlTags:
    """``<x i="n"/>`` in XML: DeepL's ``tag_handling=xml``."""

    name = "xml"
    tag = "x"

    def encode(self, masked: Masked) -> str:
        return "".join(
            f'<x i="{p.number}"/>' if isinstance(p, Hole) else xml_escape(p) for p in masked.parts
        )

    def decode(self, answer: str, sent: Masked) -> Masked:
        if re.search(r"<[!?]", _bounded(answer)):  # no DOCTYPE, entity, CDATA or PI
            raise MarkupError("the answer holds an XML declaration")
        try:
            root = ElementTree.fromstring(f"<r>{answer}</r>")
        except ElementTree.ParseError as error:
            raise MarkupError(f"the answer is not well-formed XML ({error})") from None
        parts: list[Part] = [root.text or ""]
        for child in root:
            number = child.get("i", "")
            if child.tag != self.tag or set(child.attrib) != {"i"} or not number.isdigit():
                raise MarkupError(f"unexpected tag <{child.tag}> in the answer")
            if len(child) or (child.text or "").strip():
                raise MarkupError(f"tag <x i={number!r}> came back with content")
            parts += [Hole(int(number)), child.tail or ""]
        return _checked(parts, sent)


class HtmlTags:
    """``<x id="n"></x>`` in HTML: LibreTranslate ``format=html``, Microsoft ``textType=html``."""

    name = "html"

    def encode(self, masked: Masked) -> str:
        return "".join(
            f'<x id="{p.number}"></x>' if isinstance(p, Hole) else html.escape(p, quote=False)
            for p in masked.parts
        )

    def decode(self, answer: str, sent: Masked) -> Masked:
        reader = _HtmlAnswer()
        reader.feed(_bounded(answer))
        reader.close()
        if reader.problem:
            raise MarkupError(reader.problem)
        return _checked(reader.parts, sent)


class _HtmlAnswer(HTMLParser):
    """Text and ``x`` tags; anything else is a problem (comments and declarations too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Part] = []
        self.problem = ""
        self._open: int | None = None

    def _fail(self, problem: str) -> None:
        self.problem = self.problem or problem

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        number = dict(attrs).get("id") or ""
        if tag != "x" or len(attrs) != 1 or not number.isdigit():
            return self._fail(f"unexpected tag <{tag}> in the answer")
        if self._open is not None:
            return self._fail("tags <x> came back nested")
        self.parts.append(Hole(int(number)))
        self._open = int(number)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._open = None

    def handle_endtag(self, tag: str) -> None:
        if tag != "x" or self._open is None:
            return self._fail(f"unexpected closing tag </{tag}> in the answer")
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None and data.strip():
            return self._fail(f"tag <x id={self._open}> came back with content")
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self._fail("the answer holds an HTML comment")

    def handle_decl(self, decl: str) -> None:
        self._fail("the answer holds a declaration")

    def handle_pi(self, data: str) -> None:
        self._fail("the answer holds a processing instruction")

    def unknown_decl(self, data: str) -> None:
        self._fail("the answer holds a declaration")
