"""PyYAML's complaints, said the way a coordinator can act on them.

PyYAML (and libyaml, whose wording differs) reports what its scanner expected:
"found character '\\t' that cannot start any token", "did not find expected key".
``reworded`` turns each known problem into what to change, on the line where the
change is needed (which is not always the line the parser stopped at). Unknown
problems keep the parser's words in parentheses after a general hint.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

TABS = (
    "this line is indented with a tab: use spaces, not tabs, to indent "
    "(most editors have a setting 'indent using spaces')"
)
COLON_IN_VALUE = (
    "there is a ': ' inside a value here: put the whole value in quotes, e.g. "
    'title: "Protokoll: Sitzung"; if this line is a key of its own, indent it like the keys above'
)
NO_COLON = (
    "this line is not 'key: value': write a colon and a space after the key, or indent the "
    "line to continue the value above it"
)
INDENTATION = (
    "this line is not indented like the lines above: keys at the same level need the same "
    "number of spaces in front of them, and list items start with '- '"
)
LIST_INDENTATION = (
    "the items of this list are not indented alike: start each '- ' in the same column"
)
VALUE_TAIL = (
    "a value that starts with a quote, '[' or '{' must also end with it: put the whole value "
    'in quotes, e.g. title: "[2025] Protokoll"'
)
UNCLOSED_QUOTE = (
    "the quote that starts on this line is not closed: add the closing quote (\" or ') "
    "at the end of the value"
)
UNCLOSED_LIST = (
    "the '[' on this line starts a list that is not closed: end it with ']', or put a value "
    "that starts with '[' in quotes"
)
UNCLOSED_MAPPING = (
    "the '{' on this line is not closed: end it with '}', or put a value that starts "
    "with '{' in quotes"
)
BACKSLASH = (
    "a backslash (\\) in double quotes starts a special character: write \\\\ for a "
    "backslash, or use single quotes, e.g. 'C:\\Dokumente'"
)
SECOND_DOCUMENT = (
    "a '---' line here starts a second YAML document: remove it (a file holds one set of keys)"
)
ITEM_AFTER_KEY = (
    "a '- ' list item cannot stand on the line of its key: put each item on its own line "
    "below the key, indented, or write the list as [a, b]"
)
BLOCK_TEXT = (
    "after '|' or '>' the text starts on the next line, indented: move it there, "
    "or put the value in quotes"
)
GENERAL = (
    "this is not valid YAML: check the indentation and the ': ' after each key, and put "
    "values that contain ': ' or ' #' or start with '[', '{', '*', '&', '!', '@' in quotes"
)


class Worded(yaml.MarkedYAMLError):
    """A problem found by the archive's own reader, already in a coordinator's words."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(problem=message, problem_mark=mark)


def tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (
        f"'{shown}' is not needed here: values are read as text and each field says what it "
        "accepts; remove it"
    )


def too_deep_message(depth: int) -> str:
    return (
        f"the values here are nested more than {depth} levels deep; the archive's files need "
        "only a few levels: remove the extra '-', '[' or '{' levels"
    )


def recursive_message(anchor: str) -> str:
    return (
        f"'*{anchor}' is used inside the value '&{anchor}' it refers to, which would repeat "
        "it forever: write the value out instead"
    )


def expansion_message(anchor: str, bound: int) -> str:
    return (
        f"the aliases here ('*{anchor}' and those before it) repeat more than "
        f"{bound:,} values and characters: write the values out instead of "
        "repeating them with '&' and '*'"
    )


def reworded(error: yaml.YAMLError, text: str, depth: int) -> tuple[int | None, str]:
    """The 0-based line of ``text`` to change, and what to change there.

    ``depth`` is the reader's nesting limit (libyaml has its own, higher one).
    """
    if isinstance(error, Worded):
        return error.problem_mark.line, str(error.problem)
    if isinstance(error, yaml.reader.ReaderError):
        return _reader_line(error, text), _control_character(error.character)
    if not isinstance(error, yaml.MarkedYAMLError):
        return None, f"{GENERAL} ({error})"
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    tab_line = _tab_indented(lines, mark.line)
    if tab_line is not None or "tab character" in (error.problem or ""):
        return (mark.line if tab_line is None else tab_line), TABS
    if "maximum nesting depth" in (error.problem or ""):
        return mark.line, too_deep_message(depth)
    return _known(error, lines)


def _known(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    start = error.context_mark.line if error.context_mark else mark.line
    if "cannot start any token" in problem:
        return mark.line, _cannot_start(_value_at(lines, mark))
    if "mapping values are not allowed" in problem:
        return mark.line, COLON_IN_VALUE
    if "could not find expected ':'" in problem:
        return start, NO_COLON
    if "quoted scalar" in context and "end of stream" in problem:
        return start, UNCLOSED_QUOTE
    if "quoted scalar" in context:
        return mark.line, BACKSLASH
    if "flow sequence" in context:
        return start, UNCLOSED_LIST
    if "flow mapping" in context:
        return start, UNCLOSED_MAPPING
    if "undefined alias" in problem:
        return mark.line, _undefined_alias(problem)
    if "duplicate anchor" in context:
        return mark.line, _duplicate_anchor(context)
    if "single document" in context:
        return mark.line, SECOND_DOCUMENT
    if "sequence entries are not allowed" in problem:
        return mark.line, ITEM_AFTER_KEY
    if "an alias" in context or "an anchor" in context:
        return mark.line, _cannot_start(_value_at(lines, mark, before=True))
    if "block scalar" in context:
        return mark.line, BLOCK_TEXT
    if "block collection" in context:
        return mark.line, LIST_INDENTATION
    if "block mapping" in context:
        return mark.line, VALUE_TAIL if _mid_line(lines, mark) else INDENTATION
    return mark.line, f"{GENERAL} ({problem or context})"


def _tab_indented(lines: list[str], line: int) -> int | None:
    """The problem line or the one above it, if a tab is part of its indentation."""
    for index in (line - 1, line):
        if 0 <= index < len(lines) and re.match(r"[ \t-]*\t", lines[index]):
            return index
    return None


def _value_at(lines: list[str], mark: Any, before: bool = False) -> str:
    """The rest of the line from where the parser stopped (``before``: from the marker
    that started the token, such as the ``*`` of ``* wichtig``)."""
    if mark.line >= len(lines):
        return ""
    text = lines[mark.line].rstrip("\r")
    column = mark.column
    if before:
        column = len(text[:column].rstrip()) - 1
    return text[max(column, 0) :].strip()


def _cannot_start(value: str) -> str:
    character = value[:1]
    example = value.replace('"', "'") if len(value) <= 40 else f"{value[:37]}..."
    why = " (in YAML it repeats another value)" if character in ("*", "&") else ""
    return f"a value cannot start with '{character}'{why}: put it in quotes: \"{example}\""


def _mid_line(lines: list[str], mark: Any) -> bool:
    """Whether the parser stopped after the start of the line's content (not at its indent)."""
    if mark.line >= len(lines):
        return False
    text = lines[mark.line]
    return mark.column > len(text) - len(text.lstrip(" "))


def _undefined_alias(problem: str) -> str:
    name = _quoted_name(problem)
    return (
        f"'*{name}' refers to '&{name}', which is not defined above: "
        f"put a value that starts with '*' in quotes, e.g. \"*{name}\""
    )


def _duplicate_anchor(context: str) -> str:
    name = _quoted_name(context)
    return f"the anchor '&{name}' is defined a second time here: give each anchor its own name"


def _quoted_name(text: str) -> str:
    match = re.search(r"'([^']*)'", text)
    return match.group(1) if match else "?"


def _reader_line(error: yaml.reader.ReaderError, text: str) -> int:
    """PyYAML counts characters; libyaml counts bytes of the UTF-8 text."""
    if error.encoding == "unicode":
        return text.count("\n", 0, error.position)
    return text.encode("utf-8")[: error.position].count(b"\n")


def _control_character(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character)
    return (
        f"an invisible control character (U+{code:04X}) is on this line, often left "
        "by copying and pasting: delete it"
    )
