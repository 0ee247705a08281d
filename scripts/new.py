#!/usr/bin/env python3
"""Start your own archive, or create a new partnership or document, ready to fill in.

    python scripts/new.py archive            your partnership and hosts instead of the sample
    python scripts/new.py archive --municipality "Stadt Bergheim;DE;de" \\
        --municipality "Tanga City Council;TZ;en" --since 2001 \\
        --host "bergheim;https://www.bergheim.example/partnerschaft/" --host "tanga"
    python scripts/new.py partnership        asks for the two municipalities (or use flags)
    python scripts/new.py partnership --municipality "Stadt Auental;DE;de" \\
        --municipality "Mlima Town Council;TZ;en;https://mlima.example" --since 2011 \\
        --name-de "Partnerschaft Auental – Mlima" --name-en "Auental–Mlima Partnership"
    python scripts/new.py document --partnership auental-mlima --type minutes --lang de \\
        --title "Sitzung der Lenkungsgruppe" [--date 2025-03-12] [--folder minutes]

`archive` and `partnership` ask for whatever their options leave out (answers may also
be piped in); given both --municipality options and --since, they ask nothing and take
defaults for the rest. `archive` sets the fictional sample aside in sample-archive/
(--remove-sample deletes it), writes hosts.yml (one --host per municipality, in the
same order: NAME;SITE_URL;LEGAL_NOTICE;PRIVACY_POLICY, empty parts allowed, '-' for
a municipality that does not publish the site) and the partnership's partnership.yml.
Nothing here is needed for the site: a file copied in a Git web editor is picked up
just the same. Existing files are never overwritten.

Exit codes:
  0  created
  1  unexpected failure (a bug: please report it with the traceback)
  2  wrong usage: a missing or malformed option or answer (date, type, language code,
     country, empty title, unsafe folder)
  3  unknown partnership
  4  the language is not one of the partnership's languages
  5  the file or partnership already exists, or the archive was started before
     (nothing was changed)
  6  invalid archive content (a broken partnership.yml, or output that would not validate)
  130 cancelled (Ctrl-C)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing


from partnership_archive import atomic, new_archive, scaffold, schema  # noqa: E402
from partnership_archive.answers import (  # noqa: E402
    host_of,
    host_parser,
    parse_country,
    parse_date,
    parse_host_name,
    parse_language,
    parse_languages,
    parse_municipality,
    parse_name,
    parse_website,
    parse_year,
)
from partnership_archive.findings import Finding, errors  # noqa: E402
from partnership_archive.hosts import Host  # noqa: E402
from partnership_archive.labels import language_name  # noqa: E402
from partnership_archive.loading import SLUG  # noqa: E402
from partnership_archive.model import (  # noqa: E402
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
    Municipality,
    Partnership,
    split_language,
)
from partnership_archive.validation import read_partnership, read_version  # noqa: E402

OK, USAGE, UNKNOWN_PARTNERSHIP, LANGUAGE, EXISTS, INVALID, CANCELLED = 0, 2, 3, 4, 5, 6, 130

T = TypeVar("T")


class Stop(Exception):
    """A user mistake: printed as one message, then the program exits with ``code``."""

    def __init__(self, code: int, message: str) -> None:
        self.code = code
        super().__init__(message)


def from_option(parse: Callable[[str], T], value: str, option: str) -> T:
    try:
        return parse(value)
    except ValueError as error:
        raise Stop(USAGE, f"{option}: {error}") from None


def ask(question: str, parse: Callable[[str], T], default: str = "") -> T:
    """Ask until the answer parses; an empty answer takes ``default``."""
    while True:
        shown = f" [{default}]" if default else ""
        try:
            answer = input(f"{question}{shown}: ").strip() or default
        except EOFError:
            what = question.strip().split(",")[0]
            raise Stop(USAGE, f"no answer for '{what}': give it as an option") from None
        try:
            return parse(answer)
        except ValueError as error:
            print(f"  {error}", file=sys.stderr)


# --- new partnership -------------------------------------------------------------------


def ask_municipality(number: int) -> Municipality:
    """Each answer is checked as it is given, with the same rules as partnership.yml."""
    print(f"Municipality {number}")
    name = ask("  Name, e.g. Stadt Auental", _non_empty)
    country = ask("  Country as two letters, e.g. DE, TZ, NI", parse_country)
    language = ask("  Language it writes in, e.g. de, en, es, fr", parse_language)
    website = ask("  Website (https://..., empty for none)", parse_website, "")
    return Municipality(name, country, language, website or None)


def _non_empty(text: str) -> str:
    if not scaffold.clean_title(text):
        raise ValueError("please type a name")
    return scaffold.clean_title(text)


def collect_partnership(args: argparse.Namespace) -> Partnership:
    """Flags first; whatever is missing is asked for (a prompt reads piped input too)."""
    interactive = len(args.municipality) < 2 or args.since is None
    towns = [from_option(parse_municipality, m, "--municipality") for m in args.municipality]
    while len(towns) < 2:
        towns.append(ask_municipality(len(towns) + 1))
    parse = languages_of(towns)
    own = ",".join(dict.fromkeys(town.language for town in towns))
    if args.languages or not interactive:
        languages = from_option(parse, args.languages or own, "--languages")
    else:
        languages = ask("Languages of the partnership", parse, own)
    since = from_option(parse_year, args.since, "--since") if args.since else None
    since = since or ask("Partnership since (year)", parse_year)
    name = collect_name(args, towns, languages, interactive)
    slug = collect_slug(args, towns, interactive)
    return Partnership(slug, name, tuple(towns), languages, since)


def languages_of(towns: list[Municipality]) -> Callable[[str], tuple[str, ...]]:
    """A parser for the partnership's languages that insists on every partner's language."""

    def parse(text: str) -> tuple[str, ...]:
        languages = parse_languages(text)
        for town in towns:
            if town.language not in languages:
                raise ValueError(f"'{town.language}', the language of {town.name}, is missing")
        return languages

    return parse


def collect_name(
    args: argparse.Namespace, towns: list[Municipality], languages: tuple[str, ...], ask_: bool
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
            raise Stop(
                USAGE, f"--name: '{lang}' is not one of the languages {', '.join(languages)}"
            )
        names.update({each: text for each in ([lang] if lang else languages)})
    default = scaffold.default_name(towns)
    for lang in languages:
        if lang not in names:
            question = f"Name of the partnership in {language_name(lang, 'en')} ({lang})"
            names[lang] = ask(question, _non_empty, default) if ask_ else default
    return scaffold.localized_name(names, languages)


def collect_slug(args: argparse.Namespace, towns: list[Municipality], ask_: bool) -> str:
    default = scaffold.partnership_slug(towns)
    if args.slug is not None:
        return from_option(parse_slug, args.slug, "--slug")
    return ask("Short name (folder and web address)", parse_slug, default) if ask_ else default


def parse_slug(text: str) -> str:
    slug = scaffold.slugify(text)
    if not slug:
        raise ValueError(f"{text!r} has no letters or digits to make a short name from")
    return slug


def new_partnership(args: argparse.Namespace, root: Path) -> int:
    partnership = collect_partnership(args)
    target = root / PARTNERSHIPS_DIR / partnership.slug / PARTNERSHIP_FILE
    rel = target.relative_to(root).as_posix()
    if target.exists():
        raise Stop(EXISTS, f"{rel} already exists; nothing was changed (choose another --slug)")
    text = scaffold.partnership_yaml(partnership)
    _, findings = read_partnership(rel, partnership.slug, text)
    stop_on_errors(findings, "the new partnership.yml would not be valid")
    create(target, text, rel, "choose another --slug")
    print(f"created {rel}")
    print(
        "Add a document with: python scripts/new.py document "
        f"--partnership {partnership.slug} --type minutes --lang {partnership.languages[0]} "
        '--title "..."'
    )
    return OK


# --- new archive -----------------------------------------------------------------------


def new_archive_command(args: argparse.Namespace, root: Path) -> int:
    refused = new_archive.check(root)  # before any question: nobody answers in vain
    if refused:
        raise Stop(EXISTS, "; ".join(refused) + "; nothing was changed")
    partnership = collect_partnership(args)
    interactive = len(args.municipality) < 2 or args.since is None
    hosts = collect_hosts(args, list(partnership.municipalities), interactive)
    plan = new_archive.NewArchive(partnership, hosts, args.remove_sample)
    try:
        done = new_archive.apply(root, plan)
    except scaffold.ScaffoldError as error:
        raise Stop(INVALID, str(error)) from None
    except FileExistsError as error:
        raise Stop(EXISTS, f"{error.filename} already exists; nothing was changed") from None
    print("\n".join(done))
    print(
        "Next: python scripts/check.py && mkdocs build --strict; add a document with: "
        f"python scripts/new.py document --partnership {partnership.slug} --type agreement "
        f'--lang {partnership.languages[0]} --title "..."'
    )
    return OK


def collect_hosts(
    args: argparse.Namespace, towns: list[Municipality], interactive: bool
) -> tuple[Host, ...]:
    """One host per municipality that publishes the site: flags, answers, or defaults."""
    if args.host and len(args.host) != len(towns):
        raise Stop(
            USAGE,
            f"--host: give it once per --municipality ({len(towns)} times), in the same "
            "order; '-' for a municipality that does not publish the site",
        )
    if args.host:
        pairs = zip(towns, args.host, strict=True)
        found = [from_option(host_parser(town), text, "--host") for town, text in pairs]
    elif interactive:
        found = [ask_host(town) for town in towns]
    else:
        found = [new_archive.default_host(town) for town in towns]
    hosts = tuple(host for host in found if host is not None)
    problems = new_archive.host_problems(hosts)
    if problems:
        raise Stop(USAGE, "--host: " + "; ".join(problems))
    return hosts


def ask_host(town: Municipality) -> Host | None:
    print(f"The site of {town.name} (it opens in {language_name(town.language, 'en')})")
    default = new_archive.default_host(town).name
    question = "  Short name, for build.py --host ('-' if it does not publish the site)"
    name = ask(question, parse_host_name, default)
    if name is None:
        return None
    site_url = ask("  Its address, https://... (empty if not known yet)", parse_website, "")
    legal = ask("  Address of its legal notice (empty if none yet)", parse_website, "")
    privacy = ask("  Address of its privacy policy (empty if none yet)", parse_website, "")
    return host_of(town, name, site_url or None, legal or None, privacy or None)


# --- new document ----------------------------------------------------------------------


def known_partnerships(root: Path) -> list[str]:
    base = root / PARTNERSHIPS_DIR
    if not base.is_dir():
        return []
    folders = [config.parent.name for config in base.glob(f"*/{PARTNERSHIP_FILE}")]
    return sorted(name for name in folders if SLUG.fullmatch(name))


def find_partnership(root: Path, wanted: str) -> tuple[Partnership, Path]:
    """Look the partnership up among existing folders; no path is built from raw input."""
    known = known_partnerships(root)
    slug = scaffold.slugify(wanted)
    if slug not in known:
        listed = ", ".join(known) or "none yet (create one with: python scripts/new.py partnership)"
        raise Stop(
            UNKNOWN_PARTNERSHIP,
            f"--partnership: there is no partnership {wanted!r}; known: {listed}",
        )
    folder = root / PARTNERSHIPS_DIR / slug
    rel = f"{PARTNERSHIPS_DIR}/{slug}/{PARTNERSHIP_FILE}"
    text = (folder / PARTNERSHIP_FILE).read_text(encoding="utf-8", errors="replace")
    partnership, findings = read_partnership(rel, slug, text)
    stop_on_errors(findings, f"{rel} has errors; fix them first")
    if partnership is None:  # unreachable: read_partnership reports why as an error
        raise Stop(INVALID, f"{rel} could not be read")
    return partnership, folder


def create(target: Path, text: str, rel: str, hint: str = "") -> None:
    """Create the file, or stop: a run at the same time may have created it first."""
    try:
        atomic.create_text(target, text)
    except FileExistsError:
        advice = f" ({hint})" if hint else ""
        raise Stop(EXISTS, f"{rel} already exists; nothing was changed{advice}") from None


def stop_on_errors(findings: list[Finding], what: str) -> None:
    if errors(findings):
        listed = "\n".join(f"  {finding}" for finding in errors(findings))
        raise Stop(INVALID, f"{what}:\n{listed}")


def document_facts(args: argparse.Namespace) -> scaffold.DocumentFacts:
    title = scaffold.clean_title(args.title)
    if not title:
        raise Stop(USAGE, "--title: the title is empty; give the document a title")
    date = from_option(parse_date, args.date, "--date") if args.date else dt.date.today()
    tags = tuple(filter(None, (scaffold.slugify(t) for t in (args.tags or "").split(","))))
    visibility = args.visibility or scaffold.default_visibility(args.type)
    return scaffold.DocumentFacts(title, args.type, date, visibility, tags)


def target_path(
    args: argparse.Namespace, folder: Path, facts: scaffold.DocumentFacts, lang: str
) -> Path:
    """Where the new version goes: every part made safe, and checked to stay inside."""
    try:
        subfolder = scaffold.folder_path(args.folder)
    except scaffold.ScaffoldError as error:
        raise Stop(USAGE, f"--folder: {error}") from None
    name = (
        scaffold.slugify(args.name)
        if args.name
        else scaffold.document_name(facts.date, facts.title)
    )
    if not name:
        raise Stop(USAGE, f"--name: {args.name!r} has no letters or digits to make a name from")
    target = folder / scaffold.document_path(subfolder, name, lang)
    if not scaffold.is_inside(folder, target):
        raise Stop(USAGE, f"--folder: {args.folder!r} leads outside the partnership folder")
    return target


def refuse_existing(target: Path, root: Path) -> None:
    """Never overwrite; and never start a second original of an existing document."""
    stem, _ = split_language(target.name)
    if target.exists():
        rel = target.relative_to(root).as_posix()
        raise Stop(EXISTS, f"{rel} already exists; nothing was changed")
    for other in sorted(target.parent.glob(f"{stem}.*.md")):
        if split_language(other.name)[0] == stem:
            rel = other.relative_to(root).as_posix()
            raise Stop(
                EXISTS,
                f"{rel} already exists: a file with this name in another language is its "
                "translation, not a new document; choose another --name or --title",
            )


def new_document(args: argparse.Namespace, root: Path) -> int:
    partnership, folder = find_partnership(root, args.partnership)
    lang = from_option(parse_language, args.lang, "--lang")
    if lang not in partnership.languages:
        raise Stop(
            LANGUAGE,
            f"--lang: '{lang}' is not one of the languages of {partnership.slug} "
            f"({', '.join(partnership.languages)}); add it to its {PARTNERSHIP_FILE} first",
        )
    facts = document_facts(args)
    target = target_path(args, folder, facts, lang)
    refuse_existing(target, root)
    text = render(partnership, facts, lang)
    rel = target.relative_to(root).as_posix()
    _, _, findings = read_version(rel, lang, text, schema.DocumentMeta, partnership.languages)
    stop_on_errors(findings, "the new document would not be valid")
    create(target, text, rel)
    print(f"created {rel}")
    if facts.visibility == "internal":
        print("It is internal: it will not appear on the public website.")
    return OK


def render(partnership: Partnership, facts: scaffold.DocumentFacts, lang: str) -> str:
    template_lang = scaffold.template_language(lang)
    if template_lang != lang:
        print(
            f"note: there is no template in {language_name(lang, 'en')} ({lang}) yet; "
            f"the {language_name(template_lang, 'en')} one was used: translate its headings",
            file=sys.stderr,
        )
    body = scaffold.template_body(facts.type, template_lang)
    return scaffold.render_document(
        facts, scaffold.fill(body, scaffold.placeholder_values(partnership))
    )


# --- command line ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = commands.add_parser(
        "archive", parents=[common], help="start your own archive instead of the sample"
    )
    partnership_options(a)
    a.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAME;SITE_URL;LEGAL_NOTICE;PRIVACY_POLICY",
        help="the site of each municipality, in --municipality order ('-': none)",
    )
    a.add_argument(
        "--remove-sample",
        action="store_true",
        help="delete the sample instead of setting it aside in sample-archive/",
    )
    a.set_defaults(run=new_archive_command)

    p = commands.add_parser("partnership", parents=[common], help="create a partnership")
    partnership_options(p)
    p.set_defaults(run=new_partnership)

    d = commands.add_parser("document", parents=[common], help="create a document from a template")
    d.add_argument("--partnership", required=True, metavar="SLUG")
    d.add_argument("--type", required=True, choices=schema.DOCUMENT_TYPES)
    d.add_argument("--lang", required=True, help="the language the document is written in")
    d.add_argument("--title", required=True)
    d.add_argument("--date", help="YYYY-MM-DD (default: today)")
    d.add_argument("--folder", help="subfolder inside the partnership, e.g. minutes")
    d.add_argument(
        "--visibility",
        choices=schema.VISIBILITIES,
        help="default: internal for contacts, else public",
    )
    d.add_argument("--tags", metavar="a,b", help="comma-separated keywords")
    d.add_argument("--name", help="file name without language and .md (default: date and title)")
    d.set_defaults(run=new_document)
    return parser


def partnership_options(p: argparse.ArgumentParser) -> None:
    """The options that describe a partnership (``partnership`` and ``archive``)."""
    p.add_argument(
        "--municipality",
        action="append",
        default=[],
        metavar="NAME;COUNTRY;LANG[;WEBSITE]",
        help="a partner municipality; give it twice",
    )
    p.add_argument("--languages", metavar="de,en", help="the partnership's languages")
    p.add_argument("--since", metavar="YEAR", help="the year the partnership began")
    p.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="LANG=TEXT",
        help="the partnership's name in one language (repeat), or TEXT for all",
    )
    p.add_argument("--name-de", metavar="TEXT", help="the name in German")
    p.add_argument("--name-en", metavar="TEXT", help="the name in English")
    p.add_argument("--slug", help="short name: folder and web address (default: from the names)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args, args.root.resolve())
    except Stop as stop:
        print(f"error: {stop}", file=sys.stderr)
        return stop.code
    except KeyboardInterrupt:
        print("\ncancelled; nothing was written", file=sys.stderr)
        return CANCELLED


if __name__ == "__main__":
    sys.exit(main())
