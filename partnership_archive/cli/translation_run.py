"""``translate`` proper: plan, say what will happen, send, write, and sum up.

The plan is made before anything is sent (``workflow.plan``); a dry run shows it with
the characters a provider would get (counted after masking) and, for a provider that
charges, the cost. A real run shows progress, then the summary table; a provider that
fails stops the run with one line saying what to do, and everything finished so far
is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..labels import language_name
from ..mirror_status import PSEUDO_PROVIDER, Translatable
from ..model import Archive
from ..translation.memory import TranslationMemory, journal_for
from ..translation.providers import ProviderError
from ..translation.settings import Settings, approved_for_internal, price_of
from ..translation.structure import stack_for
from ..translation.workflow import Job, Summary, characters_to_send, plan, translate
from .common import ATTENTION, OK, Stop, say, warn
from .messages import language, t
from .progress import Progress
from .provider_setup import (
    PROVIDER_NAMES,
    code_of,
    explain,
    ready_provider,
    refuse_uncovered,
    work_kept,
)
from .run_summary import dry_run_table, run_table


@dataclass(frozen=True)
class RunOptions:
    provider: str
    endpoint: str | None
    targets: set[str] | None
    dry_run: bool = False
    quiet: bool = False
    verbose: bool = False


def planned(
    archive: Archive, root: Path, items: list[Translatable], settings: Settings, options: RunOptions
) -> tuple[list[Job], Summary, TranslationMemory]:
    memory = TranslationMemory.open(settings.memory, journal_for(root, settings.memory))
    summary = Summary()
    allowed = approved_for_internal(settings, options.provider)
    stack = stack_for(root / "mkdocs.yml")
    jobs = plan(archive, root, items, memory, options.targets, allowed, summary, stack)
    if options.provider == PSEUDO_PROVIDER:
        jobs = [job for job in jobs if not _current_pseudo(job)]
    return jobs, summary, memory


def _current_pseudo(job: Job) -> bool:
    """A pseudo mirror of the current source: another pseudo run has nothing to add."""
    mirror = job.item.versions.get(job.target)
    record = mirror.translation if mirror else None
    return bool(
        record
        and record.provider == PSEUDO_PROVIDER
        and record.source_hash == job.item.source.content_hash
    )


def run(
    archive: Archive, root: Path, items: list[Translatable], settings: Settings, options: RunOptions
) -> int:
    jobs, summary, memory = planned(archive, root, items, settings, options)
    characters = {job.mirror_path: characters_to_send(job) for job in jobs}
    if options.dry_run:
        return dry_run(jobs, summary, characters, settings, options.provider)
    say_plan(jobs, options)
    provider = None
    if any(job.todo for job in jobs):
        provider = ready_provider(settings, options.provider, options.endpoint)
        refuse_uncovered(provider, jobs)
    progress = Progress(len(jobs), options.quiet)
    started = time.monotonic()
    stack = stack_for(root / "mkdocs.yml")
    failed: ProviderError | None = None
    try:
        translate(jobs, archive, root, provider, memory, summary, stack, progress)
    except ProviderError as error:
        failed = error
    finally:
        progress.close()
    finish(summary, started, provider, settings, options)
    if failed is not None:
        message = f"{explain(failed, settings, options.endpoint)} {work_kept(failed)}"
        raise Stop(message, code_of(failed))
    return ATTENTION if summary.problems else OK


def say_plan(jobs: list[Job], options: RunOptions) -> None:
    """Before sending: how many mirrors, into which languages (or that all is done)."""
    if options.quiet:
        return
    if not jobs:
        say(t("nothing_to_translate"))
        return
    languages = sorted({job.target for job in jobs})
    names = ", ".join(f"{language_name(code, language())} ({code})" for code in languages)
    say(t("plan_line", mirrors=t("mirrors", count=len(jobs)), languages=names))
    if options.verbose:
        for job in jobs:
            say(t("segments_to_send", path=job.mirror_path, segments=segments_of(job)))


def finish(
    summary: Summary, started: float, provider, settings: Settings, options: RunOptions
) -> None:
    for line in summary.problems:
        warn(line)
    if not options.quiet:
        for note in summary.notes:
            say(note)
    requests = getattr(provider, "requests", 0) if provider is not None else 0
    label = PROVIDER_NAMES.get(options.provider, options.provider)
    price = price_of(settings, options.provider) if summary.characters else None
    seconds = time.monotonic() - started
    say(run_table(summary, seconds, requests, price, label))


def segments_of(job: Job) -> str:
    """``3 of 12 segments``: those the memory cannot answer, of the mirror's."""
    return t("segments_of", count=len(job.segments), todo=len(job.todo))


def dry_run(
    jobs: list[Job],
    summary: Summary,
    characters_by_mirror: dict[str, int],
    settings: Settings,
    provider: str,
) -> int:
    for job in jobs:
        characters = t("characters", count=characters_by_mirror[job.mirror_path])
        say(
            t(
                "dry_run_line",
                path=job.mirror_path,
                segments=segments_of(job),
                characters=characters,
            )
        )
    for note in summary.notes:
        say(note)
    label = PROVIDER_NAMES.get(provider, provider)
    segments = sum(len(job.todo) for job in jobs)
    from_memory = sum(len(job.segments) - len(job.todo) for job in jobs)
    total = sum(characters_by_mirror.values())
    price = price_of(settings, provider)
    say(dry_run_table(len(jobs), from_memory, segments, total, price, label))
    return OK
