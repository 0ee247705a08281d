"""What people type at ``new.py``'s prompts and options, checked by the rules of the files.

Each parser takes one answer and returns the value, or raises ``ValueError`` with a
message for the person typing; language codes, countries, addresses and dates go
through the same schema options as ``partnership.yml``, front matter and ``hosts.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError

from . import scaffold, schema
from .hosts import Host
from .model import Municipality
from .new_archive import default_host

T = TypeVar("T")


def _checked(option: BaseConfigOption[T], text: str) -> T:
    """Run one schema option on an answer; its message becomes the ValueError's."""
    try:
        return option.validate(text)
    except ValidationError as error:
        raise ValueError(str(error)) from None


def parse_language(text: str) -> str:
    return _checked(schema.LanguageCode(), text.strip().lower())


def parse_country(text: str) -> str:
    return _checked(schema.CountryCode(), text.strip())


def parse_website(text: str) -> str:
    return _checked(c.URL(), text.strip()) if text.strip() else ""


def parse_date(text: str) -> dt.date:
    return _checked(schema.IsoDate(), text.strip())


def parse_year(text: str) -> int:
    year = int(text) if text.strip().isdigit() else 0
    if not 1900 <= year <= dt.date.today().year + 1:
        raise ValueError(f"{text!r} is not a year such as 2011")
    return year


def parse_languages(text: str) -> tuple[str, ...]:
    codes = [parse_language(part) for part in re.split(r"[,\s]+", text) if part]
    unique = tuple(dict.fromkeys(codes))
    if len(unique) < 2:
        raise ValueError(f"{text!r}: a partnership needs at least two languages, e.g. de,en")
    return unique


def parse_municipality(text: str) -> Municipality:
    """``NAME;COUNTRY;LANG[;WEBSITE]``, checked with the partnership.yml schema."""
    parts = [scaffold.clean_title(part) for part in text.split(";")]
    if len(parts) not in (3, 4) or not parts[0]:
        raise ValueError(
            f"{text!r}: write NAME;COUNTRY;LANGUAGE[;WEBSITE], e.g. 'Stadt Auental;DE;de'"
        )
    keys = ("name", "country", "language", "website")
    values, problems = schema.check(schema.Municipality, dict(zip(keys, parts, strict=False)))
    if problems:
        raise ValueError("; ".join(problem.message for problem in problems))
    return Municipality(**values)


def parse_name(text: str) -> tuple[str | None, str]:
    """``de=Partnerschaft X`` -> (``de``, text); a text without ``LANG=`` is for every language."""
    match = re.fullmatch(r"([a-z]{2})=(.*)", text.strip(), re.DOTALL)
    lang, name = (match.group(1), match.group(2)) if match else (None, text)
    if not scaffold.clean_title(name):
        raise ValueError(f"{text!r}: the name is empty")
    return lang, scaffold.clean_title(name)


# --- Hosts of a new archive ----------------------------------------------------


def host_parser(town: Municipality) -> Callable[[str], Host | None]:
    """``NAME;SITE_URL;LEGAL_NOTICE;PRIVACY_POLICY`` (empty parts allowed) or ``-``."""

    def parse(text: str) -> Host | None:
        parts = [part.strip() for part in text.split(";")]
        if len(parts) > 4:
            raise ValueError(f"{text!r}: write NAME;SITE_URL;LEGAL_NOTICE;PRIVACY_POLICY, or '-'")
        name, *urls = (parts + ["", "", ""])[:4]
        if name == "-":
            return None
        name = parse_host_name(name or default_host(town).name)
        site_url, legal_notice, privacy_policy = (parse_website(u) or None for u in urls)
        return host_of(town, name, site_url, legal_notice, privacy_policy)

    return parse


def parse_host_name(text: str) -> str | None:
    """A host's short name (it names a folder and `build.py --host`); `-`: no host."""
    if text.strip() == "-":
        return None
    name = scaffold.slugify(text)
    if not name:
        raise ValueError(f"{text!r} has no letters or digits to make a short name from")
    return name


def host_of(town: Municipality, name: str, *urls: str | None) -> Host:
    """The site of ``town``: its language first; ``urls``: address, legal notice, privacy."""
    site_url, legal_notice, privacy_policy = urls
    return Host(
        name=name,
        municipality=town.name,
        default_language=town.language,
        site_url=site_url,
        legal_notice=legal_notice,
        privacy_policy=privacy_policy,
    )
