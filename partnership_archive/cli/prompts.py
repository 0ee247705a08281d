"""Asking a person for an answer, and reading the same answer from an option.

Each answer goes through the parser of the file it ends up in (``answers``), so a
wrong one is refused where it is typed, with the fix; a piped answer is read the same
way. An option's value that does not parse stops the command (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .common import USAGE, Stop, warn
from .messages import t

T = TypeVar("T")


def from_option(parse: Callable[[str], T], value: str, option: str) -> T:
    try:
        return parse(value)
    except ValueError as error:
        raise Stop(f"{t('error')}: {option}: {error}", USAGE) from None


def ask(question: str, parse: Callable[[str], T], default: str = "") -> T:
    """Ask until the answer parses; an empty answer takes ``default``."""
    while True:
        shown = f" [{default}]" if default else ""
        try:
            answer = input(f"{question}{shown}: ").strip() or default
        except EOFError:
            what = question.strip().split(",")[0]
            raise Stop(f"{t('error')}: {t('no_answer', question=what)}", USAGE) from None
        try:
            return parse(answer)
        except ValueError as error:
            warn(f"  {error}")
