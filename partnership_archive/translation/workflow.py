"""Translating documents into mirrors: plan, send, check, write. Never lose work.

``plan`` decides (without sending anything) which mirrors to write and which
segments the memory cannot answer; ``translate`` carries the plan out one mirror at a
time: send the missing segments in a batch, refuse an implausible answer, write the
memory, then write the mirror atomically. A run stopped anywhere (provider down,
SIGKILL) leaves complete files only and continues where it stopped next time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..fingerprints import content_hash
from ..mirror_status import Translatable, mirror_state, target_languages
from ..mirrors import title_and_body, with_translation_record
from ..model import Archive, Document
from .glossary import Glossary, glossary_for, mask_terms
from .memory import TranslationMemory
from .placeholders import PlaceholderError, protect, restore
from .providers import ImplausibleAnswer, Provider
from .segments import Segment, SegmentError, apply, segment

MEMORY_PROVIDER = "translation-memory"


@dataclass
class Job:
    """One mirror to write: ``item`` translated into ``target``."""

    item: Translatable
    target: str
    mirror_path: str
    source_text: str
    segments: list[Segment]
    todo: list[Segment]  # segments the memory cannot answer

    @property
    def characters(self) -> int:
        return sum(len(s.text) for s in self.todo)


@dataclass
class Summary:
    documents: int = 0
    from_memory: int = 0
    sent: int = 0
    characters: int = 0
    notes: list[str] = field(default_factory=list)  # skipped, stale: for the person
    problems: list[str] = field(default_factory=list)  # refused answers: exit 1


def plan(
    archive: Archive,
    root: Path,
    items: list[Translatable],
    memory: TranslationMemory,
    targets: set[str] | None,
    internal_allowed: bool,
    summary: Summary,
) -> list[Job]:
    """What a run would do; notes why anything is left alone."""
    jobs = []
    planned: set[tuple[str, str, str]] = set()  # a sentence twice in a run is sent once
    for item in items:
        source = item.source
        for lang in target_languages(archive, item):
            if lang == source.lang or (targets and lang not in targets):
                continue
            mirror = item.versions.get(lang)
            state = mirror_state(source, mirror)
            path = (
                mirror.path if mirror else source.path.replace(f".{source.lang}.md", f".{lang}.md")
            )
            if state == "stale":
                summary.notes.append(
                    f"{path}: stale: the source changed since it was "
                    "reviewed or edited; see --review"
                )
            if state not in ("missing", "outdated"):
                continue
            if isinstance(item, Document) and not item.is_public and not internal_allowed:
                summary.notes.append(
                    f"{path}: skipped: the document is internal and the "
                    "provider is not approved for internal documents"
                )
                continue
            text = (root / source.path).read_text("utf-8")
            try:
                segments = segment(text)
            except SegmentError as error:
                summary.problems.append(f"{source.path}: cannot be segmented: {error}")
                continue
            todo = [
                s
                for s in _unique(segments)
                if memory.lookup(source.lang, lang, s.text) is None
                and (source.lang, lang, s.text) not in planned
            ]
            planned.update((source.lang, lang, s.text) for s in todo)
            jobs.append(Job(item, lang, path, text, segments, todo))
    return jobs


def _unique(segments: list[Segment]) -> list[Segment]:
    seen: dict[str, Segment] = {}
    for seg in segments:
        seen.setdefault(seg.text, seg)
    return list(seen.values())


def translate(
    jobs: list[Job],
    archive: Archive,
    root: Path,
    provider: Provider | None,
    memory: TranslationMemory,
    summary: Summary,
    progress: Callable[[int, int, Job], None] = lambda *_: None,
    today: dt.date | None = None,
) -> None:
    """Write each planned mirror. ``ProviderError`` (provider down) propagates: stop."""
    for number, job in enumerate(jobs, 1):
        progress(number, len(jobs), job)
        source_lang = job.item.source.lang
        # The memory is the truth: an earlier job of this run may have filled it.
        job.todo = [
            s
            for s in _unique(job.segments)
            if memory.lookup(source_lang, job.target, s.text) is None
        ]
        if job.todo:
            if provider is None:
                raise ValueError("segments are missing from the memory but no provider is set")
            if not _fill_memory(job, provider, memory, _glossary(archive, root, job), summary):
                continue
            memory.save()
        summary.from_memory += len(job.segments) - len(job.todo)
        translations = {s.key: memory.lookup(source_lang, job.target, s.text) for s in job.segments}
        _write_mirror(job, root, translations, provider, summary, today or dt.date.today())


def _glossary(archive: Archive, root: Path, job: Job) -> Glossary:
    if not isinstance(job.item, Document):
        return Glossary()
    partnership = next(p for p in archive.partnerships if p.slug == job.item.partnership)
    return glossary_for(partnership, root / partnership.folder)


def _fill_memory(
    job: Job, provider: Provider, memory: TranslationMemory, glossary: Glossary, summary: Summary
) -> bool:
    """Send the job's missing segments in one batch; keep only plausible answers."""
    source_lang = job.item.source.lang
    masked = [
        mask_terms(*protect(s.text), glossary.replacements(source_lang, job.target))
        for s in job.todo
    ]
    try:
        answers = provider.translate_batch([m for m, _ in masked], source_lang, job.target)
    except ImplausibleAnswer as error:
        summary.problems.append(f"{job.mirror_path}: not written: {error}")
        return False
    summary.sent += len(job.todo)
    summary.characters += sum(len(m) for m, _ in masked)
    try:
        restored = [
            restore(answer, placeholders)
            for answer, (_, placeholders) in zip(answers, masked, strict=True)
        ]
    except (PlaceholderError, ValueError) as error:
        summary.problems.append(
            f"{job.mirror_path}: not written: the provider's answer was refused ({error})"
        )
        return False
    for seg, text in zip(job.todo, restored, strict=True):
        if not text.strip():
            summary.problems.append(
                f"{job.mirror_path}: not written: empty translation for line {seg.line}"
            )
            return False
    for seg, text in zip(job.todo, restored, strict=True):
        memory.add(source_lang, job.target, seg.text, text, provider.name)
    return True


def _write_mirror(
    job: Job,
    root: Path,
    translations: dict,
    provider: Provider | None,
    summary: Summary,
    today: dt.date,
) -> None:
    path = root / job.mirror_path
    if path.exists() and not _untouched_machine_output(job, path):
        summary.notes.append(f"{job.mirror_path}: left alone: it changed during the run")
        return
    try:
        text = apply(job.source_text, translations)
    except SegmentError as error:
        summary.problems.append(f"{job.mirror_path}: not written: {error}")
        return
    source = job.item.source
    record = {
        "from": source.lang,
        "status": "machine",
        "provider": provider.name if job.todo and provider else MEMORY_PROVIDER,
        "date": today,
        "source_hash": source.content_hash,
        "text_hash": content_hash(*title_and_body(text)),
    }
    atomic.write_text(path, with_translation_record(text, record))
    summary.documents += 1


def _untouched_machine_output(job: Job, path: Path) -> bool:
    """Re-check right before writing: a person may have edited the mirror meanwhile."""
    current = job.item.versions.get(job.target)
    text = path.read_text("utf-8")
    return (
        current is not None
        and current.translation is not None
        and current.translation.status == "machine"
        and current.translation.text_hash == content_hash(*title_and_body(text))
    )
