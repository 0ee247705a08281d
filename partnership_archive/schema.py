"""Declared schemas for ``partnership.yml`` and document front matter.

Built on MkDocs' own ``Config`` machinery (as Material does for blog posts), so the
rules read as a list of typed options (``options``: values arrive as text from
``safe_yaml``, the option decides what they mean). ``check`` turns validation results
into ``Problem``s that carry the YAML path of the offending value; the model maps
those paths to file lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from .options import (
    Anything,
    Boolean,
    ItemError,
    Items,
    Keys,
    ListOf,
    OneOf,
    Text,
    WebAddress,
    WholeNumber,
    Year,
    describe,
    shorten,
    suggestion,
)
from .safe_yaml import Path_

DOCUMENT_TYPES = (
    "agreement",
    "council-resolution",
    "strategy",
    "action-plan",
    "minutes",
    "report",
    "contacts",
    "funding",
    "evaluation",
    "other",
)
VISIBILITIES = ("public", "internal")
TRANSLATION_STATUSES = ("machine", "reviewed")

# Front matter keys that Material for MkDocs or MkDocs understand on any page.
THEME_PAGE_KEYS = frozenset(
    {"description", "hide", "icon", "search", "status", "subtitle", "template", "comments"}
)

_ENGLISH = Locale("en")


class LanguageCode(BaseConfigOption[str]):
    """An ISO 639-1 code such as ``de``, ``en``, ``sw``: two lower-case letters."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2}", value):
            raise ValidationError(
                f"{_quoted(value)} is not a language code; use a two-letter ISO 639-1 code "
                "such as de, en, es, fr, uk or sw"
            )
        if value not in _ENGLISH.languages:
            raise ValidationError(f"{value!r} is not a known ISO 639-1 language code")
        return value


class CountryCode(BaseConfigOption[str]):
    """An ISO 3166-1 alpha-2 code such as ``DE`` or ``TZ`` (``NO`` is Norway, not "no")."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or value.upper() not in _ENGLISH.territories:
            raise ValidationError(
                f"{_quoted(value)} is not a country code; use two letters such as DE, TZ, NI, UA"
            )
        return value.upper()


class IsoDate(BaseConfigOption[dt.date]):
    """A calendar date written as YYYY-MM-DD."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value is None:
            raise ValidationError("is missing")
        text = str(value) if isinstance(value, str) else ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise ValidationError(
            f"{_quoted(value)} is not a date in the form YYYY-MM-DD (for example 2025-03-12)"
        )


class LocalizedText(BaseConfigOption["str | dict[str, str]"]):
    """Either one text for all languages, or one text per language code."""

    def run_validation(self, value: object) -> str | dict[str, str]:
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, Mapping) and value:
            for lang, text in value.items():
                LanguageCode().run_validation(lang)
                if not isinstance(text, str) or not text.strip():
                    raise ValidationError(f"the text for {lang!r} is empty")
            return dict(value)
        raise ValidationError(
            f"expected a text, or one text per language (de: ..., en: ...), found {describe(value)}"
        )


class Email(BaseConfigOption[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValidationError(f"{_quoted(value)} is not an e-mail address (name@example.org)")
        return value


def _quoted(value: object) -> str:
    return repr(shorten(value)) if isinstance(value, str) else describe(value)


class Municipality(Config):
    name = Text()
    country = CountryCode()
    language = LanguageCode()
    website = c.Optional(WebAddress())


class Contact(Config):
    name = Text()
    role = c.Optional(LocalizedText())
    municipality = Text()
    email = c.Optional(Email())
    public = Boolean(default=False)
    """Contact data is personal data: published only when this is true."""
    photo = c.Optional(Text())
    """A picture file, relative to the file that lists the contact."""


class Attachment(Config):
    file = Text()
    """The file, relative to the document (e.g. ``files/agreement-signed.pdf``)."""
    title = c.Optional(LocalizedText())


class Milestone(Config):
    date = IsoDate()
    title = LocalizedText()


class Partnership(Config):
    name = LocalizedText()
    description = c.Optional(LocalizedText())
    municipalities = Items(example="name: Gemeinde Lindau")
    languages = ListOf(LanguageCode(), example="de, en")
    since = Year()
    topics = ListOf(LocalizedText(), default=[], example="Wasser, Schule")
    contacts = Items(default=[], example="name: Erika Muster")
    milestones = Items(default=[], example="date: 2011-06-18")
    """Events worth a place on the timeline: ``{date: 2011-06-18, title: ...}``."""
    self_assessment = c.Optional(Anything())
    """The resilience self-check; checked by ``resilience.check_self_assessment``."""


class Translation(Config):
    """The ``translation:`` block of a mirror."""

    from_ = LanguageCode()
    """The language of the source this mirror was translated from."""
    status = OneOf(TRANSLATION_STATUSES, default="reviewed")
    provider = c.Optional(Text())
    source_hash = c.Optional(Text())
    text_hash = c.Optional(Text())
    date = c.Optional(IsoDate())
    untranslated = ListOf(WholeNumber(), default=[], example="12, 40")
    """Lines of the source whose text the machine mirror keeps in the source language."""


class DocumentMeta(Config):
    title = Text()
    type = OneOf(DOCUMENT_TYPES)
    date = IsoDate()
    visibility = OneOf(VISIBILITIES, default="public")
    tags = ListOf(Text(), default=[], example="wasser, schule")
    translation = c.Optional(Keys(example="from: de"))
    attachments = c.Optional(Items(example="files/agreement-signed.pdf"))
    """Signed originals, scans, spreadsheets: a file name, or ``{file: ..., title: ...}``."""
    contacts = c.Optional(Items(example="name: Erika Muster"))
    """The people of a ``type: contacts`` document (same fields as in partnership.yml)."""


class KnowledgePageMeta(Config):
    title = Text()
    order = c.Optional(WholeNumber())
    translation = c.Optional(Keys(example="from: de"))


@dataclass(frozen=True)
class Problem:
    path: Path_
    message: str
    level: str = "error"


def check(schema: type[Config], data: Any, path: Path_ = ()) -> tuple[dict, list[Problem]]:
    """Validate a mapping against a schema; return the cleaned values and all problems.

    MkDocs' ``Config.validate`` stops at the first failing option; a coordinator
    fixing a file wants every problem at once, so each option is run on its own.
    An option named ``from_`` stands for the key ``from`` (a Python keyword). Nothing
    at all (an empty front matter) counts as a mapping without keys.
    """
    data = {} if data is None else data
    options = {name.rstrip("_"): option for name, option in schema._schema}
    if not isinstance(data, Mapping):
        example = next(iter(options))
        message = f"expected 'key: value' lines (such as '{example}: ...'), found {describe(data)}"
        return {}, [Problem(path, message)]
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, option in options.items():
        value = data.get(key)
        try:
            values[key] = option.validate(option.default if value is None else value)
        except ItemError as error:
            problems.append(Problem((*path, key, error.index), _reword(key, error)))
        except ValidationError as error:
            problems.append(Problem((*path, key), _reword(key, error)))
    for key in data:
        if key not in options and key not in THEME_PAGE_KEYS:
            problems.append(Problem((*path, key), _unknown(key, list(options)), "warning"))
    return values, problems


def _unknown(key: object, known: list[str]) -> str:
    return f"unknown key '{key}' (known keys: {', '.join(known)}){suggestion(key, known)}"


def _reword(key: str, error: Exception) -> str:
    text = str(error)
    if text in ("Required configuration not provided.", "is missing"):
        return f"'{key}' is missing"
    return f"'{key}': {text}"
