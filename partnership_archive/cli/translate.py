"""``partnership-archive translate``: write the mirrors, and keep track of their state.

Without PATH it works on the whole archive (``partnerships/`` and ``docs/``). The
provider and its options come from ``translation.yml``, API keys only from the
environment. ``--review`` and ``--mark-reviewed`` are the ``review`` command, kept here
for the commands the documentation has always shown.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import locking
from ..findings import ArchiveError
from ..labels import language_name
from ..mirror_status import NEEDS_ATTENTION, Translatable, mirror_state, report
from ..model import Archive
from ..source_text import Unreadable
from ..source_text import read as read_source
from ..translation.glossary import GlossaryError
from ..translation.memory import MemoryFileError, TranslationMemory, journal_for
from ..translation.providers import ProviderError, coverage_table
from ..translation.scope import scoped
from ..translation.segments import SegmentError, segment
from ..translation.settings import PROVIDERS, SettingsError, load_settings
from ..translation.structure import StackError, stack_for
from . import review
from .common import ATTENTION, OK, USAGE, Stop, archive_root, epilog, root_option, run, say
from .messages import language, t
from .provider_setup import checked_endpoint, ready_provider
from .selection import load, resolve_paths, selected
from .targets import check_targets, requested
from .translation_run import RunOptions
from .translation_run import run as run_translation

ACTIONS = ("check", "dry_run", "review", "mark_reviewed", "learn", "languages")


@click.command(
    "translate",
    help=t("help_translate"),
    short_help=t("short_translate"),
    epilog=epilog("help_translate_examples"),
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@click.option("--dry-run", is_flag=True, help=t("help_dry_run"))
@click.option("--check", is_flag=True, help=t("help_translate_check"))
@click.option("--to", "to", multiple=True, metavar="LANG[,LANG]", help=t("help_to"))
@click.option(
    "--provider",
    type=click.Choice(PROVIDERS),
    metavar="NAME",
    envvar="TRANSLATE_PROVIDER",
    help=t("help_provider", names=", ".join(PROVIDERS)),
)
@click.option("--endpoint", envvar="TRANSLATE_ENDPOINT", metavar="URL", help=t("help_endpoint"))
@click.option("--languages", is_flag=True, help=t("help_languages"))
@click.option("--learn", is_flag=True, help=t("help_learn"))
@click.option("--review", is_flag=True, help=t("help_legacy_review"))
@click.option("--mark-reviewed", is_flag=True, help=t("help_legacy_mark"))
@click.option("-q", "--quiet", is_flag=True, help=t("help_quiet"))
@click.option("-v", "--verbose", is_flag=True, help=t("help_verbose"))
@root_option
def command(paths: tuple[Path, ...], to: tuple[str, ...], root: Path | None, **flags) -> int:
    chosen = [name for name in ACTIONS if flags.get(name)]
    if len(chosen) > 1:
        options = " ".join("--" + name.replace("_", "-") for name in chosen)
        raise click.UsageError(t("options_exclusive", options=options))
    root = archive_root(root)
    try:
        return dispatch(chosen[0] if chosen else "translate", paths, to, root, flags)
    except SettingsError as error:
        raise Stop(str(error), USAGE) from None
    except ArchiveError as error:
        raise Stop(str(error), USAGE) from None
    except (MemoryFileError, StackError, GlossaryError) as error:
        raise Stop(f"{t('error')}: {error}", USAGE) from None


def dispatch(action: str, paths, to, root: Path, flags: dict) -> int:
    checked_endpoint(flags.get("endpoint"))
    archive = load(root)
    targets = resolve_paths(paths, root)
    items = selected(archive, root, targets)
    if action in ("review", "mark_reviewed"):
        codes = requested(to)
        return review.review_paths(archive, root, targets, codes, action == "mark_reviewed")
    settings = load_settings(root)
    archive = scoped(archive, settings.scope["knowledge_base"], root)
    if action == "languages":
        return languages(archive, settings, flags.get("endpoint"))
    languages_to, notes = check_targets(archive, items, requested(to))
    for note in notes:
        say(note)
    if action == "check":
        return check(archive, items, languages_to)
    if action == "learn":
        with locking.exclusive(root, "translate"):
            memory = TranslationMemory.load(settings.memory, journal_for(root, settings.memory))
            return learn(items, root, memory)
    options = RunOptions(
        provider=flags.get("provider") or settings.provider,
        endpoint=flags.get("endpoint"),
        targets=languages_to,
        dry_run=bool(flags.get("dry_run")),
        quiet=bool(flags.get("quiet")),
        verbose=bool(flags.get("verbose")),
    )
    if options.dry_run:
        return run_translation(archive, root, items, settings, options)
    with locking.exclusive(root, "translate"):  # one run writes mirrors and the memory
        return run_translation(archive, root, items, settings, options)


def check(archive: Archive, items: list[Translatable], languages: set[str] | None) -> int:
    rows = [
        r for r in report(archive) if r.document in items and (not languages or r.lang in languages)
    ]
    attention = [r for r in rows if r.state in NEEDS_ATTENTION]
    for row in attention:
        say(f"{row.path}: {row.state} ({row.lang}){untranslated_note(row)}")
    checked = t("mirrors_checked", count=len(rows))
    say(t("check_mirrors", checked=checked, attention=t("need_attention", count=len(attention))))
    return ATTENTION if attention else OK


def untranslated_note(row) -> str:
    """For an incomplete mirror: which lines of the original it keeps untranslated."""
    mirror = row.document.versions.get(row.lang)
    lines = mirror.translation.untranslated if mirror and mirror.translation else ()
    if row.state != "incomplete" or not lines:
        return ""
    source = row.document.source
    listed = ", ".join(str(line) for line in lines)
    name = language_name(source.lang, language())
    return t("still_untranslated", lines=listed, path=source.path, language=name)


def learn(items: list[Translatable], root: Path, memory: TranslationMemory) -> int:
    """Add segment pairs of reviewed mirrors whose structure matches their source."""
    added, stack = 0, stack_for(root / "mkdocs.yml")
    for item in items:
        for lang, mirror in item.versions.items():
            if lang == item.source.lang or mirror_state(item.source, mirror) != "reviewed":
                continue
            try:
                source = segment(read_source(root / item.source.path), stack)
                target = segment(read_source(root / mirror.path), stack)
            except (SegmentError, Unreadable) as error:
                say(t("learn_skipped", path=mirror.path, error=error))
                continue
            if [s.kind for s in source] != [s.kind for s in target]:
                say(t("learn_not_aligned", path=mirror.path))
                continue
            for s, m in zip(source, target, strict=True):
                memory.add(item.source.lang, lang, s.text, m.text, "human")
                added += 1
    memory.save()
    say(
        t(
            "learn_done",
            pairs=t("segment_pairs", count=added),
            entries=t("entries", count=len(memory)),
            file=memory.path.name,
        )
    )
    return OK


def languages(archive: Archive, settings, endpoint: str | None) -> int:
    """Which provider covers which language; LibreTranslate servers are asked directly."""
    wanted = sorted(
        {lang for p in archive.partnerships for lang in p.languages} | set(archive.languages)
    )
    table = coverage_table(wanted)
    if settings.provider == "libre":
        try:
            served = ready_provider(settings, "libre", endpoint).supported_languages()
        except (Stop, ProviderError) as problem:
            say(t("libre_not_asked", error=problem))
        else:
            for lang in wanted:
                table[lang] = ["libre", *table[lang]] if lang in served else table[lang]
    missing = [lang for lang in wanted if not table[lang]]
    for lang in wanted:
        names = ", ".join(table[lang]) or t("no_provider")
        mark = (
            "" if settings.provider in table[lang] else t("not_covered", provider=settings.provider)
        )
        say(f"{lang} ({language_name(lang, language())}): {names}{mark}")
    return ATTENTION if missing else OK


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    return run(command, argv, "python scripts/translate.py", default_root)
