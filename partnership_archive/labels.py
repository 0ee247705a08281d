"""Words for generated pages and templates, in the reader's language.

The texts live in ``labels.yml`` (one source of truth); names of languages and
countries come from the CLDR data in Babel, so no list of them is kept here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

LABELS_FILE = Path(__file__).with_name("labels.yml")
FALLBACK = "en"


@lru_cache
def _all_labels() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))


@lru_cache
def labels(lang: str) -> dict[str, Any]:
    """The labels for ``lang``, with English filling any gap."""
    table = _all_labels()
    own = table.get(lang, {})
    return {
        key: {**value, **own.get(key, {})} if isinstance(value, dict) else own.get(key, value)
        for key, value in table[FALLBACK].items()
    }


def type_name(doc_type: str, lang: str, plural: bool = False) -> str:
    return labels(lang)["types"][doc_type][1 if plural else 0]


@lru_cache
def language_name(code: str, in_lang: str) -> str:
    """``language_name("en", "de")`` -> ``Englisch``: as a reader of ``in_lang`` says it."""
    try:
        name = Locale.parse(in_lang).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return name or Locale("en").languages.get(code, code)


@lru_cache
def country_name(code: str, in_lang: str) -> str:
    try:
        name = Locale.parse(in_lang).territories.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return name or Locale("en").territories.get(code, code)
