"""Words for generated pages and templates, in the reader's language.

The texts live in ``labels.yml``, the one place for them: every site language (a
partnership's language becomes one) needs every key of its ``en`` block. A key missing
in a language is shown in English and is a finding of ``scripts/check.py``
(``label_findings``, called from ``health``), never silently English. Names of languages
and countries come from the CLDR data in Babel, so no list of them is kept here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from .findings import Finding
from .safe_yaml import Path_, load_yaml

LABELS_FILE = Path(__file__).with_name("labels.yml")
REPORTED_PATH = f"{__package__}/labels.yml"  # as check.py names it (the package's folder)
FALLBACK = "en"


@lru_cache
def _table() -> tuple[dict[str, dict[str, Any]], dict[Path_, int]]:
    """The labels of every language, and the file line of each key."""
    return load_yaml(LABELS_FILE.read_text(encoding="utf-8"))


@lru_cache
def labels(lang: str) -> dict[str, Any]:
    """The labels for ``lang``; a key it lacks is the English one (see ``missing_labels``)."""
    table, _ = _table()
    return _merged(table[FALLBACK], table.get(lang) or {})


def _merged(fallback: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: _merged(value, own.get(key) or {})
        if isinstance(value, Mapping)
        else own.get(key) or value
        for key, value in fallback.items()
    }


def missing_labels(lang: str) -> list[str]:
    """The keys of the ``en`` block that ``lang`` lacks, dotted (``states.machine``);
    every key if ``lang`` has no block at all."""
    table, _ = _table()
    return _missing(table[FALLBACK], table.get(lang) or {}, "")


def _missing(fallback: Mapping[str, Any], own: Mapping[str, Any], prefix: str) -> list[str]:
    found = []
    for key, value in fallback.items():
        if isinstance(value, Mapping):
            found += _missing(value, own.get(key) or {}, f"{prefix}{key}.")
        elif not own.get(key):
            found.append(f"{prefix}{key}")
    return found


def label_findings(languages: Iterable[str]) -> list[Finding]:
    """A warning for every label a site language lacks, naming the file and the key."""
    table, lines = _table()
    findings = []
    for lang in languages:
        missing = missing_labels(lang)
        if lang not in table:
            message = (
                f"no labels for the site language '{lang}': add a '{lang}:' block (a "
                f"translated copy of the 'en:' block, {len(missing)} labels); until then "
                "its generated pages show English words"
            )
            findings.append(Finding(REPORTED_PATH, None, "warning", message))
            continue
        for key in missing:
            message = (
                f"the site language '{lang}' has no label '{key}': add it to the '{lang}:' "
                "block; until then its pages show the English words"
            )
            findings.append(Finding(REPORTED_PATH, lines.get((lang,)), "warning", message))
    return findings


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
