"""What the command-line program says, in the user's language, from one catalogue.

``messages.yml`` holds every sentence of ``partnership-archive`` per language, as
``labels.yml`` does for the site. The language comes from the environment the way
POSIX programs pick it (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``: ``de_DE.UTF-8``
means German); a language the catalogue lacks, or a sentence it lacks, is English.
Counts choose their plural form by the CLDR rules of the language (Babel), and numbers
are written as the language writes them (``1,020`` or ``1.020``).

Messages that come from the library (findings of validation, ``path:line: error: ...``)
stay as the library words them: the build prints the same lines.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

CATALOGUE = Path(__file__).with_name("messages.yml")
FALLBACK = "en"
LANGUAGE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(CATALOGUE.read_text("utf-8"))


def language(environ: dict[str, str] | None = None) -> str:
    """The user's language as a two-letter code the catalogue has, else English.

    The first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set decides, as in
    POSIX (``C`` and ``POSIX`` mean English).
    """
    env = os.environ if environ is None else environ
    for variable in LANGUAGE_VARIABLES:
        value = env.get(variable, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in catalogue() else FALLBACK
    return FALLBACK


def plural_form(count: int, lang: str) -> str:
    """``one``, ``other`` (or ``few``, ``many`` ...) by the language's plural rules."""
    try:
        return Locale.parse(lang).plural_form(count)
    except (UnknownLocaleError, ValueError):
        return "one" if count == 1 else "other"


def number(value: float, lang: str | None = None) -> str:
    """``1020`` -> ``1,020`` in English, ``1.020`` in German."""
    return format_decimal(value, locale=lang or language())


def text(key: str, *, count: int | None = None, in_language: str | None = None, **values) -> str:
    """The sentence ``key`` in ``in_language`` (default: the user's), filled with ``values``.

    With ``count`` the sentence has plural forms (``one``/``other``) and ``{count}`` is
    written as a number of that language.
    """
    lang = in_language or language()
    entry = catalogue().get(lang, {}).get(key, catalogue()[FALLBACK].get(key))
    if entry is None:
        raise KeyError(f"no message '{key}' in {CATALOGUE.name}")
    if isinstance(entry, dict):
        if count is None:
            raise TypeError(f"message '{key}' needs a count")
        entry = entry.get(plural_form(count, lang), entry["other"])
        values["count"] = number(count, lang)
    return entry.format(**values)


t = text  # the short name call sites use
