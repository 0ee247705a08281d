"""``new document``: a document of a partnership from the template of its type, in the
language it is written in, named after its date and title. Nothing is overwritten, and
no second original of an existing document is started.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from .. import atomic, scaffold, schema, source_text
from ..answers import parse_date, parse_language
from ..findings import Finding, errors
from ..labels import language_name
from ..loading import SLUG
from ..model import PARTNERSHIP_FILE, PARTNERSHIPS_DIR, Partnership, split_language
from ..validation import read_partnership, read_version
from .common import OK, USAGE, Stop, say, warn
from .messages import language, t
from .prompts import from_option


def fail(message: str) -> Stop:
    return Stop(f"{t('error')}: {message}", USAGE)


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
        listed = ", ".join(known) or t("no_partnership_yet")
        raise fail(f"--partnership: {t('unknown_partnership', wanted=repr(wanted), known=listed)}")
    folder = root / PARTNERSHIPS_DIR / slug
    rel = f"{PARTNERSHIPS_DIR}/{slug}/{PARTNERSHIP_FILE}"
    try:
        text = source_text.read(folder / PARTNERSHIP_FILE)
    except source_text.Unreadable as problem:
        raise fail(str(Finding(rel, problem.line, "error", problem.message))) from None
    partnership, findings = read_partnership(rel, slug, text)
    stop_on_errors(findings, t("fix_partnership_first", path=rel))
    if partnership is None:  # unreachable: read_partnership reports why as an error
        raise fail(t("unreadable", path=rel))
    return partnership, folder


def create(target: Path, text: str, rel: str, hint: str = "") -> None:
    """Create the file, or stop: a run at the same time may have created it first."""
    try:
        atomic.create_text(target, text)
    except FileExistsError:
        raise fail(t("exists", path=rel) + (f" ({hint})" if hint else "")) from None


def stop_on_errors(findings: list[Finding], what: str) -> None:
    if errors(findings):
        listed = "\n".join(f"  {finding}" for finding in errors(findings))
        raise fail(f"{what}:\n{listed}")


def document_facts(args: SimpleNamespace) -> scaffold.DocumentFacts:
    title = scaffold.clean_title(args.title)
    if not title:
        raise fail(f"--title: {t('empty_title')}")
    date = from_option(parse_date, args.date, "--date") if args.date else dt.date.today()
    tags = tuple(filter(None, (scaffold.slugify(x) for x in (args.tags or "").split(","))))
    visibility = args.visibility or scaffold.default_visibility(args.type)
    return scaffold.DocumentFacts(title, args.type, date, visibility, tags)


def target_path(
    args: SimpleNamespace, folder: Path, facts: scaffold.DocumentFacts, lang: str
) -> Path:
    """Where the new version goes: every part made safe, and checked to stay inside."""
    try:
        subfolder = scaffold.folder_path(args.folder)
    except scaffold.ScaffoldError as error:
        raise fail(f"--folder: {error}") from None
    name = (
        scaffold.slugify(args.name)
        if args.name
        else scaffold.document_name(facts.date, facts.title)
    )
    if not name:
        raise fail(f"--name: {t('no_letters', text=repr(args.name))}")
    target = folder / scaffold.document_path(subfolder, name, lang)
    if not scaffold.is_inside(folder, target):
        raise fail(f"--folder: {t('folder_outside', folder=repr(args.folder))}")
    return target


def refuse_existing(target: Path, root: Path) -> None:
    """Never overwrite; and never start a second original of an existing document."""
    stem, _ = split_language(target.name)
    if target.exists():
        raise fail(t("exists", path=target.relative_to(root).as_posix()))
    for other in sorted(target.parent.glob(f"{stem}.*.md")):
        if split_language(other.name)[0] == stem:
            raise fail(t("exists_as_translation", path=other.relative_to(root).as_posix()))


def new_document(args: SimpleNamespace, root: Path) -> int:
    partnership, folder = find_partnership(root, args.partnership)
    lang = from_option(parse_language, args.lang, "--lang")
    if lang not in partnership.languages:
        languages = ", ".join(partnership.languages)
        message = t(
            "lang_not_in_partnership", lang=lang, slug=partnership.slug, languages=languages
        )
        raise fail(f"--lang: {message}")
    facts = document_facts(args)
    target = target_path(args, folder, facts, lang)
    refuse_existing(target, root)
    text = render(partnership, facts, lang)
    rel = target.relative_to(root).as_posix()
    _, _, findings = read_version(rel, lang, text, schema.DocumentMeta, partnership.languages)
    stop_on_errors(findings, t("would_not_validate_document"))
    create(target, text, rel)
    say(t("created", path=rel))
    if facts.visibility == "internal":
        say(t("created_internal"))
    return OK


def render(partnership: Partnership, facts: scaffold.DocumentFacts, lang: str) -> str:
    template_lang = scaffold.template_language(lang)
    if template_lang != lang:
        warn(
            t(
                "no_template",
                language=language_name(lang, language()),
                code=lang,
                used=language_name(template_lang, language()),
            )
        )
    body = scaffold.template_body(facts.type, template_lang)
    return scaffold.render_document(
        facts, scaffold.fill(body, scaffold.placeholder_values(partnership))
    )
