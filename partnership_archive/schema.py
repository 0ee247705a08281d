"""Declared schemas for ``partnership.yml`` and document front matter.

Built on MkDocs' own ``Config`` machinery (as Material does for blog posts), so the
rules read as a list of typed options. ``check`` turns MkDocs' validation results
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

from .frontmatter import Path_

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
                f"{value!r} is not a language code; use a two-letter ISO 639-1 code "
                "such as de, en, es, fr, uk or sw"
            )
        if value not in _ENGLISH.languages:
            raise ValidationError(f"{value!r} is not a known ISO 639-1 language code")
        return value


class CountryCode(BaseConfigOption[str]):
    """An ISO 3166-1 alpha-2 code such as ``DE`` or ``TZ``."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or value.upper() not in _ENGLISH.territories:
            raise ValidationError(
                f"{value!r} is not a country code; use two letters such as DE, TZ, NI, UA"
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
        text = str(value)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise ValidationError(
            f"{text!r} is not a date in the form YYYY-MM-DD (for example 2025-03-12)"
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
        raise ValidationError("expected a text, or one text per language (de: ..., en: ...)")


class Email(BaseConfigOption[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValidationError(f"{value!r} is not an e-mail address")
        return value


class Municipality(Config):
    name = c.Type(str)
    country = CountryCode()
    language = LanguageCode()
    website = c.Optional(c.URL())


class Contact(Config):
    name = c.Type(str)
    role = c.Optional(LocalizedText())
    municipality = c.Type(str)
    email = c.Optional(Email())
    public = c.Type(bool, default=False)
    """Contact data is personal data: published only when this is true."""
    photo = c.Optional(c.Type(str))
    """A picture file, relative to the file that lists the contact."""


class Attachment(Config):
    file = c.Type(str)
    """The file, relative to the document (e.g. ``files/agreement-signed.pdf``)."""
    title = c.Optional(LocalizedText())


class Milestone(Config):
    date = IsoDate()
    title = LocalizedText()


class Partnership(Config):
    name = LocalizedText()
    description = c.Optional(LocalizedText())
    municipalities = c.Type(list)
    languages = c.ListOfItems(LanguageCode())
    since = c.Type(int)
    topics = c.ListOfItems(LocalizedText(), default=[])
    contacts = c.Type(list, default=[])
    milestones = c.Type(list, default=[])
    """Events worth a place on the timeline: ``{date: 2011-06-18, title: ...}``."""
    self_assessment = c.Optional(c.Type(object))
    """The resilience self-check; checked by ``resilience.check_self_assessment``."""


class Translation(Config):
    """The ``translation:`` block of a mirror."""

    from_ = LanguageCode()
    """The language of the source this mirror was translated from."""
    status = c.Choice(TRANSLATION_STATUSES, default="reviewed")
    provider = c.Optional(c.Type(str))
    source_hash = c.Optional(c.Type(str))
    text_hash = c.Optional(c.Type(str))
    date = c.Optional(IsoDate())
    untranslated = c.ListOfItems(c.Type(int), default=[])
    """Lines of the source whose text the machine mirror keeps in the source language."""


class DocumentMeta(Config):
    title = c.Type(str)
    type = c.Choice(DOCUMENT_TYPES)
    date = IsoDate()
    visibility = c.Choice(VISIBILITIES, default="public")
    tags = c.ListOfItems(c.Type(str), default=[])
    translation = c.Optional(c.Type(dict))
    attachments = c.Optional(c.Type(list))
    """Signed originals, scans, spreadsheets: a file name, or ``{file: ..., title: ...}``."""
    contacts = c.Optional(c.Type(list))
    """The people of a ``type: contacts`` document (same fields as in partnership.yml)."""


class KnowledgePageMeta(Config):
    title = c.Type(str)
    order = c.Optional(c.Type(int))
    translation = c.Optional(c.Type(dict))


@dataclass(frozen=True)
class Problem:
    path: Path_
    message: str
    level: str = "error"


def check(schema: type[Config], data: Any, path: Path_ = ()) -> tuple[dict, list[Problem]]:
    """Validate a mapping against a schema; return the cleaned values and all problems.

    MkDocs' ``Config.validate`` stops at the first failing option; a coordinator
    fixing a file wants every problem at once, so each option is run on its own.
    An option named ``from_`` stands for the key ``from`` (a Python keyword).
    """
    if not isinstance(data, Mapping):
        what = "nothing" if data is None else f"a {type(data).__name__}"
        return {}, [Problem(path, f"expected a mapping of keys and values, found {what}")]
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    options = {name.rstrip("_"): option for name, option in schema._schema}
    for key, option in options.items():
        try:
            values[key] = option.validate(data.get(key, option.default))
        except ValidationError as error:
            problems.append(Problem((*path, key), _reword(key, error)))
    for key in data:
        if key not in options and key not in THEME_PAGE_KEYS:
            known = ", ".join(options)
            problems.append(
                Problem((*path, key), f"unknown key '{key}' (known keys: {known})", "warning")
            )
    return values, problems


def _reword(key: str, error: Exception) -> str:
    text = str(error)
    if text in ("Required configuration not provided.", "is missing"):
        return f"'{key}' is missing"
    if text.startswith("Expected one of:"):
        allowed = ", ".join(_choices_of(key))
        received = text.split("but received:")[-1].strip()
        return f"'{key}': {received} is not allowed; use one of: {allowed}"
    if text.startswith("Expected type:"):
        return f"'{key}' has the wrong kind of value ({text})"
    return f"'{key}': {text}"


def _choices_of(key: str) -> tuple[str, ...]:
    return {
        "type": DOCUMENT_TYPES,
        "visibility": VISIBILITIES,
        "status": TRANSLATION_STATUSES,
    }.get(key, ())
