#!/usr/bin/env python3
"""Write the mirrors of the archive's documents, and keep track of their state.

    python scripts/translate.py [PATH ...]             translate missing and outdated mirrors
    python scripts/translate.py --dry-run [PATH ...]   show what would be sent; send nothing
    python scripts/translate.py --check [PATH ...]     exit 1 if a mirror needs attention
    python scripts/translate.py --review PATH          what changed in the source since
    python scripts/translate.py --mark-reviewed PATH   record mirrors as reviewed
    python scripts/translate.py --learn [PATH ...]     add reviewed mirrors to the memory
    python scripts/translate.py --languages            which provider covers which language

Without PATH: the whole archive (partnerships/ and docs/). The provider and its
options come from translation.yml; API keys only from environment variables
(DEEPL_API_KEY, LIBRE_API_KEY, MICROSOFT_API_KEY).

Every mirror is rendered and compared with its original before it is written; a part
that cannot be translated safely stays in the original language, is reported as
"path:line: kept in <language> in <mirror>: <why>" and recorded in the mirror.

Exit codes: 0 all good (every mirror written is translated in full); 1 mirrors need
attention, a part was kept in the original language, an answer was refused or the
provider failed (everything finished so far is kept: run again to continue);
2 wrong usage, invalid archive, invalid translation.yml or mkdocs.yml. A second run
while one is translating stops at once with a message and exit code 1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from partnership_archive import locking, source_text  # noqa: E402
from partnership_archive.findings import errors  # noqa: E402
from partnership_archive.labels import language_name  # noqa: E402
from partnership_archive.loading import load_archive  # noqa: E402
from partnership_archive.mirror_status import (  # noqa: E402
    NEEDS_ATTENTION,
    Translatable,
    mirror_state,
    report,
)
from partnership_archive.mirrors import mark_reviewed  # noqa: E402
from partnership_archive.model import Archive  # noqa: E402
from partnership_archive.site_config import archive_languages  # noqa: E402
from partnership_archive.translation.memory import (  # noqa: E402
    MemoryFileError,
    TranslationMemory,
    journal_for,
)
from partnership_archive.translation.providers import (  # noqa: E402
    ProviderError,
    coverage,
    coverage_table,
)
from partnership_archive.translation.review import changes, old_source  # noqa: E402
from partnership_archive.translation.segments import SegmentError, segment  # noqa: E402
from partnership_archive.translation.settings import (  # noqa: E402
    PROVIDERS,
    SettingsError,
    approved_for_internal,
    load_settings,
    make_provider,
)
from partnership_archive.translation.structure import StackError, stack_for  # noqa: E402
from partnership_archive.translation.workflow import Job, Summary, plan, translate  # noqa: E402

OK, ATTENTION, USAGE = 0, 1, 2


class Stop(Exception):
    """A user-facing failure: message on stderr, exit code, no traceback."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- loading and selection


def load(root: Path) -> Archive:
    archive, findings = load_archive(root, archive_languages(root))
    if errors(findings):
        raise Stop("\n".join(str(f) for f in errors(findings)))
    return archive


def _under(path: Path, targets: list[Path]) -> bool:
    return any(path == t or t in path.parents for t in targets)


def resolve_paths(paths: list[str]) -> list[Path]:
    resolved = [Path(p).resolve() for p in paths]
    for path in resolved:
        if not path.exists():
            raise Stop(f"{path}: no such file or folder")
    return resolved


def selected(archive: Archive, root: Path, targets: list[Path]) -> list[Translatable]:
    """Documents and pages with a version at or below one of ``targets`` (default: all)."""
    items: list[Translatable] = [*archive.documents, *archive.knowledge]
    if not targets:
        return items
    return [
        item
        for item in items
        if any(_under((root / v.path).resolve(), targets) for v in item.versions.values())
    ]


def named_mirrors(items: list[Translatable], targets: list[Path], root: Path):
    """(item, mirror) pairs named by ``targets``; naming an original names all its mirrors."""
    for item in items:
        named = {
            v.lang for v in item.versions.values() if _under((root / v.path).resolve(), targets)
        }
        if item.source.lang in named:
            named = set(item.versions)
        for lang in sorted(named - {item.source.lang}):
            yield item, item.versions[lang]


# ---------------------------------------------------------------- commands


def check(archive: Archive, items: list[Translatable]) -> int:
    rows = [r for r in report(archive) if r.document in items]
    attention = [r for r in rows if r.state in NEEDS_ATTENTION]
    for row in attention:
        print(f"{row.path}: {row.state} ({row.lang}){untranslated_note(row)}")
    print(f"{len(rows)} mirrors checked, {len(attention)} need attention")
    return ATTENTION if attention else OK


def untranslated_note(row) -> str:
    """For an incomplete mirror: which lines of the original it keeps untranslated."""
    mirror = row.document.versions.get(row.lang)
    lines = mirror.translation.untranslated if mirror and mirror.translation else ()
    if row.state != "incomplete" or not lines:
        return ""
    source = row.document.source
    listed = ", ".join(str(line) for line in lines)
    return f": lines {listed} of {source.path} are still in {language_name(source.lang, 'en')}"


def mark(items: list[Translatable], targets: list[Path], root: Path) -> int:
    marked = 0
    for item, mirror in named_mirrors(items, targets, root):
        mark_reviewed(root, item.source, mirror, dt.date.today())
        print(f"{mirror.path}: marked as reviewed")
        marked += 1
    if not marked:
        raise Stop("no mirror found to mark as reviewed")
    return OK


def review(items: list[Translatable], targets: list[Path], root: Path) -> int:
    shown = 0
    for item, mirror in named_mirrors(items, targets, root):
        shown += 1
        state = mirror_state(item.source, mirror)
        print(f"== {mirror.path} ({state}; source {item.source.path})")
        if state not in ("stale", "outdated"):
            print("   the source has not changed since this mirror was made or reviewed")
            continue
        new_text = source_text.read(root / item.source.path)
        old_text = old_source(root, item.source.path, mirror.translation.source_hash)
        if old_text is None:
            print("   the earlier source is not in the repository history; compare by hand:")
            old_text = ""
        mirror_text = source_text.read(root / mirror.path)
        for change in changes(old_text, new_text, mirror_text, stack_for(root / "mkdocs.yml")):
            print(f"-- source line {change.line}: {change.kind}")
            if change.old:
                print(f"   old source:  {change.old}")
            if change.new:
                print(f"   new source:  {change.new}")
            if change.mirror:
                print(f"   mirror now:  {change.mirror}")
        print(f"   when the mirror is right: translate.py --mark-reviewed {mirror.path}")
    if not shown:
        raise Stop("no mirror found to review")
    return OK


def learn(items: list[Translatable], root: Path, memory: TranslationMemory) -> int:
    """Add segment pairs of reviewed mirrors whose structure matches their source."""
    added, stack = 0, stack_for(root / "mkdocs.yml")
    for item in items:
        for lang, mirror in item.versions.items():
            if lang == item.source.lang or mirror_state(item.source, mirror) != "reviewed":
                continue
            try:
                source = segment(source_text.read(root / item.source.path), stack)
                target = segment(source_text.read(root / mirror.path), stack)
            except (SegmentError, source_text.Unreadable) as error:
                print(f"{mirror.path}: skipped ({error})")
                continue
            if [s.kind for s in source] != [t.kind for t in target]:
                print(f"{mirror.path}: skipped: its blocks do not match the source's one to one")
                continue
            for s, t in zip(source, target, strict=True):
                memory.add(item.source.lang, lang, s.text, t.text, "human")
                added += 1
    memory.save()
    print(f"{added} segment pairs in the memory ({len(memory)} entries in {memory.path.name})")
    return OK


def languages(archive: Archive, settings, endpoint: str | None) -> int:
    """Which provider covers which language; LibreTranslate servers are asked directly."""
    wanted = sorted(
        {lang for p in archive.partnerships for lang in p.languages} | set(archive.languages)
    )
    table = coverage_table(wanted)
    if settings.provider == "libre":
        try:
            served = make_provider(settings, "libre", endpoint).supported_languages()
        except (ProviderError, ValueError) as error:
            print(f"LibreTranslate could not be asked for its languages: {error}")
        else:
            for lang in wanted:
                table[lang] = ["libre", *table[lang]] if lang in served else table[lang]
    missing = [lang for lang in wanted if not table[lang]]
    for lang in wanted:
        names = ", ".join(table[lang]) or "NO PROVIDER"
        mark = (
            "" if settings.provider in table[lang] else f"  <- not covered by {settings.provider}"
        )
        print(f"{lang} ({language_name(lang, 'en')}): {names}{mark}")
    return ATTENTION if missing else OK


def run(args, archive: Archive, items: list[Translatable], root: Path, settings) -> int:
    name = args.provider or settings.provider
    memory = TranslationMemory.open(settings.memory, journal_for(root, settings.memory))
    summary = Summary()
    targets = set(args.to) if args.to else None
    allowed = approved_for_internal(settings, name)
    stack = stack_for(root / "mkdocs.yml")
    jobs = plan(archive, root, items, memory, targets, allowed, summary, stack)
    if args.dry_run:
        return dry_run(jobs, summary)
    if args.verbose:
        for job in jobs:
            print(f"{job.mirror_path}: {len(job.todo)} of {len(job.segments)} segments to send")
    provider = None
    started = time.monotonic()
    try:
        if any(job.todo for job in jobs):
            provider = make_provider(settings, name, args.endpoint)
            refuse_uncovered(provider, jobs)
        translate(jobs, archive, root, provider, memory, summary, stack, progress_printer(args))
    except ProviderError as error:
        print_summary(summary, time.monotonic() - started, args.quiet)
        raise Stop(
            f"translation stopped: {error}. Everything translated so far is kept; "
            "run the same command again to continue.",
            ATTENTION,
        ) from None
    print_summary(summary, time.monotonic() - started, args.quiet)
    return ATTENTION if summary.problems else OK


def refuse_uncovered(provider, jobs: list[Job]) -> None:
    for lang in sorted({job.target for job in jobs if job.todo}):
        if not coverage(provider, lang):
            others = [n for n in coverage_table([lang])[lang] if n != provider.name]
            hint = f"; providers that do: {', '.join(others)}" if others else ""
            raise Stop(
                f"provider '{provider.name}' cannot translate into "
                f"{language_name(lang, 'en')} ({lang}){hint}"
            )


def dry_run(jobs: list[Job], summary: Summary) -> int:
    for job in jobs:
        print(
            f"{job.mirror_path}: {len(job.todo)} of {len(job.segments)} segments to send, "
            f"{job.characters} characters"
        )
    print(
        f"{len(jobs)} mirrors, {sum(len(j.todo) for j in jobs)} segments, "
        f"{sum(j.characters for j in jobs)} characters would be sent"
    )
    for note in summary.notes:
        print(note)
    return OK


def progress_printer(args):
    on_terminal = sys.stderr.isatty() and not os.environ.get("CI")

    def show(number: int, total: int, job: Job) -> None:
        if args.quiet:
            return
        line = f"[{number}/{total}] {job.mirror_path}"
        if on_terminal:
            print(
                f"\r\033[K{line}", end="" if number < total else "\n", file=sys.stderr, flush=True
            )
        else:
            print(line, file=sys.stderr)

    return show


def print_summary(summary: Summary, seconds: float, quiet: bool) -> None:
    for line in summary.problems:
        print(line, file=sys.stderr)
    if not quiet:
        for note in summary.notes:
            print(note)
    print(
        f"{summary.documents} mirrors written; {summary.from_memory} segments from memory, "
        f"{summary.sent} segments sent ({summary.characters} characters) in {seconds:.1f} s"
    )


# ---------------------------------------------------------------- entry point


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all)")
    action = p.add_mutually_exclusive_group()
    action.add_argument(
        "--check", action="store_true", help="exit 1 if a mirror is missing, stale or incomplete"
    )
    action.add_argument("--dry-run", action="store_true", help="show what would be sent")
    action.add_argument("--review", action="store_true", help="show source changes since review")
    action.add_argument("--mark-reviewed", action="store_true", help="record mirrors as reviewed")
    action.add_argument("--learn", action="store_true", help="add reviewed mirrors to the memory")
    action.add_argument(
        "--languages", action="store_true", help="which provider covers which language"
    )
    p.add_argument(
        "--provider",
        choices=PROVIDERS,
        default=os.environ.get("TRANSLATE_PROVIDER"),
        help="default: translation.yml",
    )
    p.add_argument(
        "--endpoint",
        default=os.environ.get("TRANSLATE_ENDPOINT"),
        help="provider URL (self-hosted LibreTranslate)",
    )
    p.add_argument("--to", action="append", metavar="LANG", help="only these target languages")
    p.add_argument("-q", "--quiet", action="store_true", help="only problems and the summary")
    p.add_argument("-v", "--verbose", action="store_true", help="also list the planned mirrors")
    p.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    return p


def writes(args) -> bool:
    """Commands that write mirrors or the memory: one at a time per archive."""
    return not (args.check or args.review or args.dry_run or args.languages)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = args.root.resolve()
    lock = locking.exclusive(root, "translate") if writes(args) else contextlib.nullcontext()
    try:
        with lock:
            return command(args, root)
    except locking.Locked as error:
        print(f"error: {error}", file=sys.stderr)
        return ATTENTION


def command(args, root: Path) -> int:
    try:
        archive = load(root)
        targets = resolve_paths(args.paths)
        items = selected(archive, root, targets)
        if args.check:
            return check(archive, items)
        if args.mark_reviewed or args.review:
            if not targets:
                raise Stop(
                    "name the mirror file(s) or folder(s), e.g. partnerships/x/minutes.en.md"
                )
            return (mark if args.mark_reviewed else review)(items, targets, root)
        settings = load_settings(root)
        if args.languages:
            return languages(archive, settings, args.endpoint)
        if args.learn:
            return learn(items, root, TranslationMemory.load(settings.memory))
        return run(args, archive, items, root, settings)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return USAGE
    except (MemoryFileError, StackError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE
    except Stop as stop:
        print(stop, file=sys.stderr)
        return stop.code


if __name__ == "__main__":
    sys.exit(main())
