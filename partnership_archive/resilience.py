"""The resilience self-check: the 20 traits, their validation and the self-check page.

A partnership may keep a self-assessment in ``partnership.yml`` under
``self_assessment:``, one entry per trait id (``status``, ``note``, ``documents``);
traits it does not list count as not assessed. The traits and their words live in
``resilience.yml`` (one source of truth, also for the heading ids of the knowledge base
page ``docs/kb/resilience.<lang>.md``); the status names and the page's words are labels
(``labels.yml``, ``resilience:``).

Everything here is pure. ``check_self_assessment`` returns ``schema.Problem``s with
YAML paths, which ``validation`` turns into ``path:line`` findings like any other;
``self_check_context`` returns the plain data that ``overrides/hooks/resilience.md``
renders as the page ``partnerships/<slug>/resilience.<lang>.md``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import UnknownLocaleError
from babel.numbers import format_percent
from mkdocs.config.base import ValidationError

from .labels import labels
from .model import localize_marked, split_language
from .options import describe
from .schema import LocalizedText, Problem

RESILIENCE_FILE = Path(__file__).with_name("resilience.yml")
KEY = "self_assessment"
PAGE_NAME = "resilience"  # the page is partnerships/<slug>/resilience.<lang>.md
KNOWLEDGE_KEY = "kb/resilience"  # site key of the knowledge base page
FALLBACK = "en"
ENTRY_KEYS = ("status", "note", "documents")
NOT_ASSESSED = "not-assessed"
EXAMPLE_DOCUMENT = "minutes/2025-03-12-steering-group"


@lru_cache
def _table() -> dict[str, Any]:
    return yaml.safe_load(RESILIENCE_FILE.read_text(encoding="utf-8"))


STATUSES: tuple[str, ...] = tuple(_table()["statuses"])  # best first


@dataclass(frozen=True)
class Trait:
    id: str
    part: int  # number of its part, from 1
    name: Mapping[str, str]  # per language (de, en)
    explanation: Mapping[str, str]


@dataclass(frozen=True)
class Part:
    number: int  # from 1; also the page's heading id ``part-<number>``
    id: str
    name: Mapping[str, str]
    traits: tuple[Trait, ...]


@lru_cache
def parts() -> tuple[Part, ...]:
    """The four parts of the guidance, in order, each with its traits."""
    return tuple(
        Part(
            number=number,
            id=part["id"],
            name=part["name"],
            traits=tuple(
                Trait(trait["id"], number, trait["name"], trait["explanation"])
                for trait in part["traits"]
            ),
        )
        for number, part in enumerate(_table()["parts"], start=1)
    )


@lru_cache
def traits() -> tuple[Trait, ...]:
    """All 20 traits in the guidance's order."""
    return tuple(trait for part in parts() for trait in part.traits)


def trait_ids() -> tuple[str, ...]:
    return tuple(trait.id for trait in traits())


def status_name(status: str, lang: str) -> str:
    return labels(lang)["resilience"]["statuses"][status]


def page_labels(lang: str) -> dict[str, str]:
    """The words of the self-check page in ``lang`` (labels.yml, ``resilience:``)."""
    return labels(lang)["resilience"]


def document_key(text: str) -> str:
    """``minutes/x.de.md`` or ``./minutes/x.md`` -> ``minutes/x``: a document's key."""
    key = text.strip().removeprefix("./")
    if key.endswith(".md"):
        key, _ = split_language(key)
    return key


# Validation ---------------------------------------------------------------------------


def check_self_assessment(data: object, documents: Collection[str] | None = None) -> list[Problem]:
    """Problems of the value of ``self_assessment:`` in ``partnership.yml`` (None: absent).

    ``documents``, when given, holds the keys of the partnership's documents (public
    and internal); a listed document that is not among them is an error, since a typo
    would otherwise silently drop the link from the page.
    """
    if data is None:
        return []
    ids = trait_ids()
    if not isinstance(data, Mapping):
        message = f"expected one entry per trait id (such as {ids[1]}), found {describe(data)}"
        return [Problem((KEY,), message)]
    problems: list[Problem] = []
    for trait_id, entry in data.items():
        where = (KEY, trait_id)
        if trait_id in ids:
            problems += _check_entry(entry, where, documents)
        else:
            message = f"unknown trait '{trait_id}'; use one of: {', '.join(ids)}"
            problems.append(Problem(where, message))
    return problems


def _check_entry(entry: object, where: tuple, documents: Collection[str] | None) -> list[Problem]:
    if not isinstance(entry, Mapping):
        hint = ""
        if isinstance(entry, str) and entry in STATUSES:
            hint = f"; write 'status: {entry}' on its own line, indented under the trait"
        message = "expected 'status' and optionally 'note' and 'documents', found "
        return [Problem(where, f"{message}{describe(entry)}{hint}")]
    problems = _check_status(entry.get("status"), (*where, "status"))
    if "note" in entry:
        try:
            LocalizedText().run_validation(entry["note"])
        except ValidationError as error:
            problems.append(Problem((*where, "note"), f"'note': {error}"))
    problems += _check_documents(entry.get("documents"), (*where, "documents"), documents)
    for key in entry:
        if key not in ENTRY_KEYS:
            message = f"unknown key '{key}' (known keys: {', '.join(ENTRY_KEYS)})"
            problems.append(Problem((*where, key), message, "warning"))
    return problems


def _check_status(status: object, where: tuple) -> list[Problem]:
    choices = ", ".join(STATUSES)
    if status is None:
        return [Problem(where, f"'status' is missing; use one of: {choices}")]
    if not isinstance(status, str) or status not in STATUSES:
        return [Problem(where, f"'status': {status!r} is not allowed; use one of: {choices}")]
    return []


def _check_documents(value: object, where: tuple, known: Collection[str] | None) -> list[Problem]:
    if value is None:
        return []
    if not isinstance(value, list):
        message = "'documents': expected a list of document paths, for example "
        return [Problem(where, f"{message}[{EXAMPLE_DOCUMENT}]")]
    problems = []
    for index, item in enumerate(value):
        at = (*where, index)
        if not isinstance(item, str) or not item.strip():
            message = f"expected a document path such as {EXAMPLE_DOCUMENT}, found {describe(item)}"
            problems.append(Problem(at, message))
            continue
        key = document_key(item)
        if key != item:
            message = f"write the document path without language and '.md': {key}"
            problems.append(Problem(at, message, "warning"))
        if known is not None and key not in known:
            message = (
                f"there is no document '{key}' in this partnership; give its path inside the "
                f"partnership folder without language and '.md', e.g. {EXAMPLE_DOCUMENT}"
            )
            problems.append(Problem(at, message))
    return problems


# The self-check page ------------------------------------------------------------------


def self_check_context(
    partnership_slug: str,
    partnership_title: str,
    assessment: Mapping[str, Mapping[str, Any]] | None,
    documents_by_key: Mapping[str, str],
    lang: str,
    *,
    fallbacks: Sequence[str] = (),
    knowledge_link: str | None = None,
) -> dict[str, Any]:
    """Everything the self-check page of one partnership shows in ``lang``.

    ``assessment`` is the validated ``self_assessment`` mapping; ``documents_by_key``
    maps the keys of the documents this site shows to their titles in ``lang``
    (listed documents missing from it, such as internal ones, are left out);
    ``fallbacks`` are the languages to try for a note not written in ``lang``;
    ``knowledge_link``, when given, is the knowledge base page relative to this page
    (``../../kb/resilience.md``), and each trait name links to its explanation there.
    """
    assessment = assessment or {}
    words = page_labels(lang)
    part_rows = []
    for part in parts():
        rows = [
            _trait_row(trait, assessment.get(trait.id) or {}, documents_by_key, lang, fallbacks)
            for trait in part.traits
        ]
        for row in rows:
            row["link"] = f"{knowledge_link}#{row['id']}" if knowledge_link else None
        name, name_lang = _pick(part.name, lang)
        part_rows.append(
            {
                "number": part.number,
                "id": part.id,
                "anchor": f"part-{part.number}",
                "name": name,
                "lang": name_lang,
                "traits": rows,
                "counts": status_counts([row["status"] for row in rows], lang),
            }
        )
    statuses = [row["status"] for part in part_rows for row in part["traits"]]
    return {
        "lang": lang,
        "slug": partnership_slug,
        "l": words,
        "title": f"{words['title']}: {partnership_title}",
        "knowledge_link": knowledge_link,
        "total": len(statuses),
        "counts": status_counts(statuses, lang),
        "parts": part_rows,
    }


def _trait_row(
    trait: Trait,
    entry: Mapping[str, Any],
    documents_by_key: Mapping[str, str],
    lang: str,
    fallbacks: Sequence[str],
) -> dict[str, Any]:
    status = entry.get("status") or NOT_ASSESSED
    name, name_lang = _pick(trait.name, lang)
    explanation, _ = _pick(trait.explanation, lang)
    note, note_lang = _pick(entry.get("note"), lang, fallbacks)
    return {
        "id": trait.id,
        "name": name,
        "explanation": explanation,
        "lang": name_lang,  # set when the trait's words are not in the page's language
        "status": status,
        "status_label": status_name(status, lang),
        "css_class": css_class(status),
        "note": note,
        "note_lang": note_lang,
        "documents": _linked_documents(entry.get("documents") or (), documents_by_key),
    }


def css_class(status: str) -> str:
    return f"resilience-{status}"


def _linked_documents(listed: Sequence[str], documents_by_key: Mapping[str, str]) -> list[dict]:
    """Titles and links, relative to ``partnerships/<slug>/resilience.<lang>.md``."""
    keys = dict.fromkeys(document_key(item) for item in listed)  # ordered, no repeats
    return [
        {"title": documents_by_key[key], "link": f"{key}.md"}
        for key in keys
        if key in documents_by_key
    ]


def _pick(
    text: str | Mapping[str, str] | None, lang: str, fallbacks: Sequence[str] = ()
) -> tuple[str, str | None]:
    """The text in ``lang`` or a fallback (English last), and its language if not ``lang``."""
    return localize_marked(text, lang, (*fallbacks, FALLBACK))


def status_counts(statuses: Sequence[str], lang: str) -> list[dict[str, Any]]:
    """How many traits have each status, with bar widths that add up to 100."""
    counts = [statuses.count(status) for status in STATUSES]
    widths = percentages(counts)
    total = len(statuses)
    return [
        {
            "status": status,
            "label": status_name(status, lang),
            "css_class": css_class(status),
            "count": count,
            "width": width,
            "text": page_labels(lang)["of_total"].format(
                count=count, total=total, percent=_percent(count, total, lang)
            ),
        }
        for status, count, width in zip(STATUSES, counts, widths, strict=True)
    ]


def percentages(counts: Sequence[int]) -> list[int]:
    """Whole percentages of ``counts`` that add up to exactly 100 (largest remainder)."""
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    exact = [count * 100 / total for count in counts]
    whole = [int(share) for share in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - whole[i], reverse=True)
    for index in by_remainder[: 100 - sum(whole)]:
        whole[index] += 1
    return whole


def _percent(count: int, total: int, lang: str) -> str:
    share = count / total if total else 0
    try:
        return format_percent(share, locale=lang)
    except (UnknownLocaleError, ValueError):
        return format_percent(share, locale=FALLBACK)
