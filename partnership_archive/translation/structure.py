"""One parser decides: the site's own Markdown stack, and the structure of what it renders.

A machine mirror must render the same element structure as its source. "The same"
is decided by the parser the build uses: Python-Markdown with exactly the
``markdown_extensions`` (and options) of ``mkdocs.yml``, plus the extensions MkDocs
always adds (``toc``, ``tables``, ``fenced_code``). MkDocs' own tree processors are
left out on purpose: they read anchors and the title, and rewrite link targets by a
fixed rule, so they change nothing that differs between a source and its mirror.

``MarkdownStack`` is that parser, built once (it is expensive) and reset between
documents. ``skeleton`` reduces rendered HTML to what translation must not change
(tags, nesting, attributes other than ``alt``/``title``, and the text of code), and
``first_difference`` names the first place where two skeletons part.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

# Attributes whose values are human text: a translation may change them.
TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label"})
# Elements whose text is code: never translated, so part of the structure.
CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "script", "style", "math"})
# Elements without content: one node, however the HTML writes them (<img> or <img />).
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


class StackError(ValueError):
    """The Markdown configuration cannot be read or an extension cannot be loaded."""


@dataclass(frozen=True)
class MarkdownConfig:
    """Extensions and their options, as MkDocs hands them to Python-Markdown."""

    extensions: tuple[str, ...]
    options: Mapping[str, Mapping[str, Any]]


class _MarkdownOptions(Config):
    """The part of ``mkdocs.yml`` that configures Python-Markdown, checked by MkDocs' rules."""

    markdown_extensions = c.MarkdownExtensions(
        builtins=MkDocsConfig.markdown_extensions.builtins, configkey="mdx_configs"
    )
    mdx_configs = c.Private[dict]()


def read_markdown_config(config_file: Path) -> MarkdownConfig:
    """The Markdown configuration of ``config_file`` (``mkdocs.yml`` or a file like it).

    Read with MkDocs' own YAML loader and option class, so ``!ENV``,
    ``!!python/name:`` and ``!relative`` mean what they mean in a build.
    """
    options = _MarkdownOptions(config_file_path=str(config_file))
    try:
        with open(config_file, "rb") as stream:
            data = yaml_load(stream, get_yaml_loader(config=options))  # type: ignore[arg-type]
    except (OSError, ConfigurationError) as error:
        raise StackError(f"{config_file}: {error}") from None
    options.load_dict({"markdown_extensions": data.get("markdown_extensions", [])})
    errors, _ = options.validate()
    if errors:
        raise StackError(f"{config_file}: " + "; ".join(f"{k}: {e}" for k, e in errors))
    return MarkdownConfig(tuple(options["markdown_extensions"]), dict(options["mdx_configs"]))


Inspector = Callable[[Element], None]


class _Inspect(Treeprocessor):
    """Hands the block tree to an inspector right before inline patterns run.

    At this point every text that Python-Markdown will treat as inline Markdown is
    still raw (``element.text``/``.tail``), footnotes are parsed and task list
    markers are gone: it is the parser's own answer to "what is text".
    """

    inspector: Inspector | None = None

    def run(self, root: Element) -> None:
        if self.inspector is not None:
            self.inspector(root)


class MarkdownStack:
    """The site's Markdown parser: build once, convert many documents."""

    def __init__(self, config: MarkdownConfig) -> None:
        self.config = config
        try:
            self._md = markdown.Markdown(
                extensions=list(config.extensions),
                extension_configs={k: dict(v) for k, v in config.options.items()},
            )
        except Exception as error:  # an extension that fails to load
            raise StackError(f"cannot load the Markdown extensions: {error}") from None
        self._inspect = _Inspect(self._md)
        # Just above "inline" (20), below "footnote" (50) and "task-list" (25).
        self._md.treeprocessors.register(self._inspect, "archive_inspect", 20.5)

    @property
    def escapable(self) -> frozenset[str]:
        """Characters a backslash escapes in this configuration (extensions add some)."""
        return frozenset(self._md.ESCAPED_CHARS)

    def abbreviations(self) -> dict[str, str]:
        """Abbreviations the last document defined (term -> expansion), glossary included."""
        found: dict[str, str] = {}
        for extension in self._md.registeredExtensions:
            if isinstance(extension, AbbrExtension):
                found.update(extension.abbrs)
        return found

    def raw_html(self) -> list[str]:
        """The HTML the last document held as raw blocks (and inline tags): never text."""
        return [block for block in self._md.htmlStash.rawHtmlBlocks if isinstance(block, str)]

    def html(self, body: str, inspector: Inspector | None = None) -> str:
        """Render a Markdown body (without front matter) as the build would."""
        self._md.reset()
        self._inspect.inspector = inspector
        try:
            return self._md.convert(body)
        finally:
            self._inspect.inspector = None


@functools.lru_cache(maxsize=8)
def stack_for(config_file: Path) -> MarkdownStack:
    """The (cached) stack configured by ``config_file``, usually the site's ``mkdocs.yml``."""
    return MarkdownStack(read_markdown_config(config_file))


# --------------------------------------------------------------------------- skeleton


@dataclass(frozen=True)
class Node:
    """One step of a skeleton: an opening tag, a closing tag, or the text of code."""

    kind: str  # "open", "close", "code"
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    text: str = ""
    before: str = ""  # the last words of human text before this node (for messages)

    def __str__(self) -> str:
        if self.kind == "close":
            return f"</{self.tag}>"
        if self.kind == "code":
            return f"code text {self.text[:40]!r}"
        attrs = "".join(f' {k}="{v}"' for k, v in self.attrs)
        return f"<{self.tag}{attrs}>"

    def same(self, other: Node) -> bool:
        return (self.kind, self.tag, self.attrs, self.text) == (
            other.kind,
            other.tag,
            other.attrs,
            other.text,
        )


class _Skeleton(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[Node] = []
        self._code = 0
        self._words = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(sorted((k, v or "") for k, v in attrs if k not in TEXT_ATTRIBUTES))
        self.nodes.append(Node("open", tag, kept, before=self._words))
        self._code += tag in CODE_ELEMENTS

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        self.nodes.append(Node("close", tag, before=self._words))
        self._code -= tag in CODE_ELEMENTS and self._code > 0

    def handle_data(self, data: str) -> None:
        if self._code and data:
            self.nodes.append(Node("code", "", text=data, before=self._words))
        elif data.strip():
            self._words = " ".join((self._words + " " + data).split()[-6:])


def skeleton(html: str) -> tuple[Node, ...]:
    """The structure of rendered HTML: what a translation must leave exactly as it is."""
    parser = _Skeleton()
    parser.feed(html)
    parser.close()
    return tuple(_merge_code(parser.nodes))


def _merge_code(nodes: list[Node]) -> list[Node]:
    """Adjacent pieces of code text are one (the HTML parser may split them)."""
    merged: list[Node] = []
    for node in nodes:
        if node.kind == "code" and merged and merged[-1].kind == "code":
            last = merged.pop()
            node = Node("code", "", text=last.text + node.text, before=last.before)
        merged.append(node)
    return merged


@dataclass(frozen=True)
class Difference:
    """Where two skeletons part: the source's node and the mirror's (None past the end)."""

    index: int
    expected: Node | None
    found: Node | None

    def __str__(self) -> str:
        expected = str(self.expected) if self.expected else "the end"
        found = str(self.found) if self.found else "the end"
        where = self.expected.before if self.expected else ""
        after = f" after {where!r}" if where else ""
        return f"the source has {expected}{after}, the translation {found}"


def first_difference(source: tuple[Node, ...], mirror: tuple[Node, ...]) -> Difference | None:
    """The first node where ``mirror`` differs from ``source``; None if the structure is equal."""
    for index, (expected, found) in enumerate(zip(source, mirror, strict=False)):
        if not expected.same(found):
            return Difference(index, expected, found)
    if len(source) != len(mirror):
        index = min(len(source), len(mirror))
        return Difference(
            index,
            source[index] if index < len(source) else None,
            mirror[index] if index < len(mirror) else None,
        )
    return None
