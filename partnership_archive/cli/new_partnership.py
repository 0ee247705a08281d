"""The answers ``new partnership`` and ``new archive`` collect: two municipalities, the
partnership's languages, year, names and short name, and each municipality's site.

Options first; whatever they leave out is asked for (a prompt reads piped input too).
Given both ``--municipality`` options and ``--since`` nothing is asked, and the rest
takes its defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from .. import new_archive, scaffold
from ..answers import (
    host_of,
    host_parser,
    parse_country,
    parse_host_name,
    parse_language,
    parse_languages,
    parse_municipality,
    parse_name,
    parse_website,
    parse_year,
)
from ..hosts import Host
from ..labels import language_name
from ..model import Municipality, Partnership
from .common import USAGE, Stop, say
from .messages import language, t
from .prompts import ask, from_option


def interactive(args: SimpleNamespace) -> bool:
    return len(args.municipality) < 2 or args.since is None


def ask_municipality(number: int) -> Municipality:
    """Each answer is checked as it is given, with the same rules as partnership.yml."""
    say(t("ask_municipality", number=number))
    name = ask(t("ask_municipality_name"), non_empty)
    country = ask(t("ask_country"), parse_country)
    lang = ask(t("ask_language"), parse_language)
    website = ask(t("ask_website"), parse_website, "")
    return Municipality(name, country, lang, website or None)


def non_empty(text: str) -> str:
    if not scaffold.clean_title(text):
        raise ValueError(t("type_a_name"))
    return scaffold.clean_title(text)


def collect_partnership(args: SimpleNamespace) -> Partnership:
    towns = [from_option(parse_municipality, m, "--municipality") for m in args.municipality]
    while len(towns) < 2:
        towns.append(ask_municipality(len(towns) + 1))
    parse = languages_of(towns)
    own = ",".join(dict.fromkeys(town.language for town in towns))
    if args.languages or not interactive(args):
        languages = from_option(parse, args.languages or own, "--languages")
    else:
        languages = ask(t("ask_languages"), parse, own)
    since = from_option(parse_year, args.since, "--since") if args.since else None
    since = since or ask(t("ask_since"), parse_year)
    name = collect_name(args, towns, languages)
    slug = collect_slug(args, towns)
    return Partnership(slug, name, tuple(towns), languages, since)


def languages_of(towns: list[Municipality]) -> Callable[[str], tuple[str, ...]]:
    """A parser for the partnership's languages that insists on every partner's language."""

    def parse(text: str) -> tuple[str, ...]:
        languages = parse_languages(text)
        for town in towns:
            if town.language not in languages:
                raise ValueError(t("language_missing", language=town.language, town=town.name))
        return languages

    return parse


def collect_name(
    args: SimpleNamespace, towns: list[Municipality], languages: tuple[str, ...]
) -> str | dict[str, str]:
    """Per-language names win over a name for all languages; the rest is asked or defaulted."""
    given = [from_option(parse_name, text, "--name") for text in args.name]
    given += [
        from_option(parse_name, f"{lang}={text}", f"--name-{lang}")
        for lang, text in (("de", args.name_de), ("en", args.name_en))
        if text is not None
    ]
    names: dict[str, str] = {}
    for lang, text in sorted(given, key=lambda item: item[0] is not None):
        if lang is not None and lang not in languages:
            listed = ", ".join(languages)
            raise Stop(f"{t('error')}: {t('name_language', lang=lang, languages=listed)}", USAGE)
        names.update({each: text for each in ([lang] if lang else languages)})
    default = scaffold.default_name(towns)
    for lang in languages:
        if lang not in names:
            question = t("ask_name", language=language_name(lang, language()), code=lang)
            names[lang] = ask(question, non_empty, default) if interactive(args) else default
    return scaffold.localized_name(names, languages)


def collect_slug(args: SimpleNamespace, towns: list[Municipality]) -> str:
    default = scaffold.partnership_slug(towns)
    if args.slug is not None:
        return from_option(parse_slug, args.slug, "--slug")
    return ask(t("ask_slug"), parse_slug, default) if interactive(args) else default


def parse_slug(text: str) -> str:
    slug = scaffold.slugify(text)
    if not slug:
        raise ValueError(t("no_letters", text=repr(text)))
    return slug


def collect_hosts(args: SimpleNamespace, towns: list[Municipality]) -> tuple[Host, ...]:
    """One host per municipality that publishes the site: flags, answers, or defaults."""
    if args.host and len(args.host) != len(towns):
        raise Stop(f"{t('error')}: --host: {t('host_count', count=len(towns))}", USAGE)
    if args.host:
        pairs = zip(towns, args.host, strict=True)
        found = [from_option(host_parser(town), text, "--host") for town, text in pairs]
    elif interactive(args):
        found = [ask_host(town) for town in towns]
    else:
        found = [new_archive.default_host(town) for town in towns]
    hosts = tuple(host for host in found if host is not None)
    problems = new_archive.host_problems(hosts)
    if problems:
        raise Stop(f"{t('error')}: --host: " + "; ".join(problems), USAGE)
    return hosts


def ask_host(town: Municipality) -> Host | None:
    say(t("ask_host", town=town.name, language=language_name(town.language, language())))
    name = ask(t("ask_host_name"), parse_host_name, new_archive.default_host(town).name)
    if name is None:
        return None
    site_url = ask(t("ask_site_url"), parse_website, "")
    legal = ask(t("ask_legal_notice"), parse_website, "")
    privacy = ask(t("ask_privacy_policy"), parse_website, "")
    return host_of(town, name, site_url or None, legal or None, privacy or None)
