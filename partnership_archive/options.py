"""The kinds of value a coordinator writes in YAML, each with a message that says the fix.

``safe_yaml`` reads every value as text, so these options decide what a field accepts:
``Year`` turns ``2015`` into a number, ``Boolean`` accepts ``true``/``false``, and a
``Text`` field takes ``on``, ``NO`` or ``2024`` as the text it is. They are MkDocs
``BaseConfigOption``s, used by the schemas in ``schema`` and ``hosts``; messages name
what was found in words (``the text 'x'``, ``a list``), never Python types.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from mkdocs.config.base import BaseConfigOption, ValidationError

T = TypeVar("T")

TRUE, FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")


class ItemError(ValidationError):
    """A problem with one item of a list, so the message can point at its line."""

    def __init__(self, index: int, message: str) -> None:
        self.index = index
        super().__init__(message)


def describe(value: object) -> str:
    """What a coordinator wrote, in words: ``the text 'ja'``, ``a list``, ``nothing``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        return f"the text {shorten(value)!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "keys and values"
    return "a list" if isinstance(value, list) else "a value"


def shorten(text: str, width: int = 60) -> str:
    """A value as quoted in a message: long texts are cut (a 2 MB title stays out)."""
    return text if len(text) <= width else f"{text[: width - 1]}…"


def suggestion(value: object, choices: Sequence[str]) -> str:
    """``" (did you mean 'minutes'?)"`` when a choice is close to what was written."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value.lower(), choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Option(Generic[T], BaseConfigOption[T]):
    def __init__(self, default: Any = None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> T:
        if value is None:
            raise ValidationError("is missing")
        return self.convert(value)

    def convert(self, value: object) -> T:
        raise NotImplementedError


class Text(_Option[str]):
    """One line of text: a title, a name, a tag. ``2024``, ``yes`` and ``NO`` are texts too."""

    def convert(self, value: object) -> str:
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, str):
            raise ValidationError("is empty: write the text after the colon")
        raise ValidationError(
            f"expected a text, found {describe(value)}; write it after the colon on one "
            'line, in quotes if it contains ": ", e.g. title: "Protokoll: Sitzung"'
        )


class WholeNumber(_Option[int]):
    """A count or a position, such as ``order: 3``."""

    def __init__(self, default: Any = None, example: int = 3) -> None:
        super().__init__(default)
        self.example = example

    def convert(self, value: object) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
            return int(value)
        raise ValidationError(
            f"{_found(value)} is not a whole number: write digits only, e.g. {self.example}"
        )


class Number(_Option[float]):
    """A number that may have a fraction, such as ``timeout: 1.5`` (seconds)."""

    def convert(self, value: object) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value.strip()):
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
        raise ValidationError(
            f"{_found(value)} is not a number: write digits, with a point for a fraction, e.g. 1.5"
        )


class Year(_Option[int]):
    """A year in four digits, such as ``since: 1998``."""

    def convert(self, value: object) -> int:
        text = str(value).strip() if isinstance(value, int | str) else ""
        if re.fullmatch(r"\d{4}", text) and not isinstance(value, bool):
            return int(text)
        raise ValidationError(
            f"{_found(value)} is not a year: write the year in four digits, e.g. 1998"
        )


class Boolean(_Option[bool]):
    """``true`` or ``false``; ``yes``, ``on`` or ``ja`` are refused rather than guessed."""

    def convert(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip() in TRUE + FALSE:
            return value.strip() in TRUE
        raise ValidationError(f"{_found(value)} is not true or false: use true or false")


class OneOf(_Option[str]):
    """One of a few fixed words, such as a document type."""

    def __init__(self, choices: Sequence[str], default: Any = None) -> None:
        super().__init__(default)
        self.choices = tuple(choices)

    def convert(self, value: object) -> str:
        if isinstance(value, str) and value in self.choices:
            return value
        raise ValidationError(
            f"{_found(value)} is not allowed; use one of: {', '.join(self.choices)}"
            f"{suggestion(value, self.choices)}"
        )


class WebAddress(_Option[str]):
    """A web address with ``https://`` (or ``http://``) and a host name."""

    def convert(self, value: object) -> str:
        if isinstance(value, str) and re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value):
            return value
        example = value if isinstance(value, str) and value and " " not in value else "www.x.de"
        raise ValidationError(
            f"{_found(value)} is not a web address: write it with https://, "
            f"e.g. https://{shorten(example, 40).removeprefix('//')}"
        )


class ListOf(_Option[list]):
    """A list whose items are each checked by ``item``; a problem names the item's line."""

    def __init__(self, item: BaseConfigOption, default: Any = None, example: str = "") -> None:
        super().__init__(default)
        self.item = item
        self.example = example

    def convert(self, value: object) -> list:
        if not isinstance(value, list):
            hint = f", e.g. [{self.example}]" if self.example else ""
            raise ValidationError(
                f"expected a list, found {describe(value)}; write it as [a, b] or one "
                f"'- ' line per item{hint}"
            )
        items = []
        for index, item in enumerate(value):
            try:
                items.append(self.item.run_validation(item))
            except ValidationError as error:
                raise ItemError(index, str(error)) from None
        return items


class Items(_Option[list]):
    """A list of entries (each a mapping, checked by its own schema)."""

    def __init__(self, default: Any = None, example: str = "name: ...") -> None:
        super().__init__(default)
        self.example = example

    def convert(self, value: object) -> list:
        if isinstance(value, list):
            return value
        raise ValidationError(
            f"expected a list, found {describe(value)}; start each entry with '- ' on a new "
            f"line below the key, indented, e.g. '  - {self.example}'"
        )


class Keys(_Option[dict]):
    """A mapping of keys and values written below the key, indented."""

    def __init__(self, default: Any = None, example: str = "key: value") -> None:
        super().__init__(default)
        self.example = example

    def convert(self, value: object) -> dict:
        if isinstance(value, Mapping):
            return dict(value)
        raise ValidationError(
            f"expected keys and values, found {describe(value)}; write them on the lines "
            f"below, indented, e.g. '  {self.example}'"
        )


class Anything(_Option[object]):
    """A value checked elsewhere (the resilience self-assessment)."""

    def convert(self, value: object) -> object:
        return value


def _found(value: object) -> str:
    """The value as quoted at the start of a message: ``'neunzehnhundert'``."""
    return repr(shorten(value)) if isinstance(value, str) else describe(value)
