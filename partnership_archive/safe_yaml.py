"""YAML as coordinators write it: read safely, as text, with the line of every value.

Everything a person edits goes through ``load_yaml``: document front matter,
``partnership.yml`` (with its self-assessment), ``hosts.yml`` and ``translation.yml``.

- **Values stay text.** YAML 1.1 reads ``on``, ``no``, ``NO`` (Norway), ``yes`` as
  booleans and ``2015`` or ``1.5`` as numbers; here every plain value is text and the
  schema (``options``) decides what a field accepts, so ``tags: [on, wasser]`` and
  ``country: NO`` mean what they say. Only an empty value, ``~`` and ``null`` mean
  "nothing". Tags other than ``!!str``/``!!seq``/``!!map`` are refused.
- **Bounded.** Aliases (``*name``) may repeat at most ``MAX_ALIAS_EXPANSION`` values
  and characters (a "billion laughs" would otherwise expand to gigabytes in whatever
  walks the data), and values nest at most ``MAX_DEPTH`` levels. Both are checked
  while composing, before anything is expanded.
- **Strict where YAML is lax.** A key written twice is an error (PyYAML silently keeps
  the last one).
- **Errors in a coordinator's words** (``yaml_messages``), with the file line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .yaml_messages import (
    Worded,
    expansion_message,
    recursive_message,
    reworded,
    tag_message,
    too_deep_message,
)

try:  # libyaml's parser is several times faster; the composer stays ours either way
    from yaml._yaml import CParser as _FastParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _FastParser = None

Path_ = tuple[str | int, ...]

MAX_ALIAS_EXPANSION = 100_000
"""Values plus characters that aliases may add; real files use a few hundred at most."""
MAX_DEPTH = 50
"""Levels of lists and mappings inside each other."""

_ALLOWED_TAGS = {None, "!", *(f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))}


class YamlProblem(Exception):
    """A YAML text that cannot be used, with the file line and a message for people."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


class _TextResolver(BaseResolver):
    """Plain values are text; only empty, ``~`` and ``null`` are nothing; ``<<`` merges."""


_TextResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_TextResolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])


class _BoundedComposer(Composer):
    """PyYAML's composer, counting what aliases add and how deep values nest."""

    def __init__(self) -> None:
        super().__init__()
        self._composed = 0  # values and characters so far, aliases expanded
        self._aliased = 0  # of which added by aliases
        self._sizes: dict[str, int] = {}  # expanded size of each finished anchor
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._expand(event)
            return super().compose_node(parent, index)
        if event.tag not in _ALLOWED_TAGS:
            raise Worded(event.start_mark, tag_message(event.tag))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise Worded(event.start_mark, too_deep_message(MAX_DEPTH))
        start = self._composed
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._composed += 1 + (len(node.value) if isinstance(node, ScalarNode) else 0)
        if event.anchor is not None:
            self._sizes[event.anchor] = self._composed - start
        return node

    def _expand(self, event: yaml.AliasEvent) -> None:
        if event.anchor in self.anchors and event.anchor not in self._sizes:
            raise Worded(event.start_mark, recursive_message(event.anchor))
        size = self._sizes.get(event.anchor, 0)
        self._composed += size
        self._aliased += size
        if self._aliased > MAX_ALIAS_EXPANSION:
            raise Worded(event.start_mark, expansion_message(event.anchor, MAX_ALIAS_EXPANSION))


class _PythonLoader(
    _BoundedComposer,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    SafeConstructor,
    _TextResolver,
):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        _TextResolver.__init__(self)


_FastLoader: type | None = None
if _FastParser is not None:

    class _FastLoader(_BoundedComposer, _FastParser, SafeConstructor, _TextResolver):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            _FastParser.__init__(self, text)
            _BoundedComposer.__init__(self)
            SafeConstructor.__init__(self)
            _TextResolver.__init__(self)


_Loader = _FastLoader or _PythonLoader


def load_yaml(text: str, first_line: int = 1) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML; return the data and the file line of every key path.

    ``("contacts", 2, "email") -> 17``: validation points at the exact line. Raises
    ``YamlProblem`` for anything that cannot be used.
    """
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        if node is None:
            lines[()] = first_line
        else:
            _record_lines(node, (), first_line, lines)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        line, message = reworded(error, text, MAX_DEPTH)
        raise YamlProblem(None if line is None else first_line + line, message) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines


def _record_lines(node: Node, path: Path_, first_line: int, out: dict[Path_, int]) -> None:
    """Every key path's line; a key given twice in one mapping is refused here."""
    out[path] = first_line + node.start_mark.line
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise YamlProblem(first_line + key.start_mark.line, _COMPLEX_KEY)
            line = first_line + key.start_mark.line
            if key.value in seen and key.tag != "tag:yaml.org,2002:merge":
                raise YamlProblem(line, _twice(key.value, seen[key.value]))
            seen[key.value] = line
            child = (*path, key.value)
            _record_lines(value, child, first_line, out)
            out[child] = line
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), first_line, out)


_COMPLEX_KEY = (
    "a key must be a word or a text, not a list or a mapping: write 'key: value', "
    "and put a value that starts with '[', '{' or '?' in quotes"
)


def _twice(key: str, first: int) -> str:
    return (
        f"'{key}' is written twice in the same place (first on line {first}): "
        "keep one of them, or merge the two values"
    )


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
