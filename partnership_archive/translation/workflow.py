"""Translating documents into mirrors: plan, send, check, write. Never lose work.

``plan`` decides (without sending anything) which mirrors to write and which
segments the memory cannot answer; ``translate`` carries the plan out one mirror at a
time: send the missing segments in a batch, render the candidate mirror and compare
its structure with the source's (``verify``), keep whatever would change it in the
source language, write the memory, then write the mirror atomically with a record of
the lines it keeps untranslated. A run stopped anywhere (provider down, SIGKILL)
leaves complete files only and continues where it stopped next time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..fingerprints import content_hash
from ..labels import language_name
from ..mirror_status import PSEUDO_PROVIDER, Translatable, mirror_state, target_languages
from ..mirrors import title_and_body, with_translation_record
from ..model import Archive, Document
from .glossary import Glossary, glossary_for, mask_terms
from .memory import TranslationMemory
from .placeholders import PlaceholderError, Protected, protect, restore
from .providers import ImplausibleAnswer, Provider, Refused
from .segments import Segment, SegmentError, segmentation
from .structure import MarkdownStack
from .verify import Checked, check_mirror

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
    unplaced: list[int] = field(default_factory=list)  # lines of text that stays as it is

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
    stack: MarkdownStack,
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
            if state == "incomplete":
                summary.notes.append(
                    f"{path}: incomplete: parts are still in the original language; see --check"
                )
            if state not in ("missing", "outdated", "pseudo"):  # pseudo: any run replaces it
                continue
            if isinstance(item, Document) and not item.is_public and not internal_allowed:
                summary.notes.append(
                    f"{path}: skipped: the document is internal and the "
                    "provider is not approved for internal documents"
                )
                continue
            text = (root / source.path).read_text("utf-8")
            try:
                found = segmentation(text, stack)
            except SegmentError as error:
                summary.problems.append(f"{source.path}: cannot be segmented: {error}")
                continue
            segments = found.segments
            todo = [
                s
                for s in _unique(segments)
                if memory.lookup(source.lang, lang, s.text) is None
                and (source.lang, lang, s.text) not in planned
            ]
            planned.update((source.lang, lang, s.text) for s in todo)
            jobs.append(Job(item, lang, path, text, segments, todo, found.unplaced))
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
    stack: MarkdownStack,
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
        fresh: dict[str, str | Refused] = {}
        if job.todo:
            if provider is None:
                raise ValueError("segments are missing from the memory but no provider is set")
            answers = _ask(job, provider, _glossary(archive, root, job), summary)
            if answers is None:
                continue
            fresh = answers
        summary.from_memory += len(job.segments) - len(job.todo)
        checked = _checked(job, memory, fresh, stack)
        if fresh and provider is not None and provider.name != PSEUDO_PROVIDER:
            _remember(job, fresh, checked, memory, provider.name)
        _write_mirror(job, root, checked, provider, summary, today or dt.date.today())


def _remember(
    job: Job, fresh: dict[str, str | Refused], checked: Checked, memory: TranslationMemory, by: str
) -> None:
    """Keep the answers the mirror uses; a refused or structure-breaking one is forgotten."""
    kept = {kept.segment.text for kept in checked.kept}
    for text, answer in fresh.items():
        if isinstance(answer, str) and text not in kept:
            memory.add(job.item.source.lang, job.target, text, answer, by)
    memory.save()  # before the mirror: a run stopped now has paid for nothing in vain


def _glossary(archive: Archive, root: Path, job: Job) -> Glossary:
    if not isinstance(job.item, Document):
        return Glossary()
    partnership = next(p for p in archive.partnerships if p.slug == job.item.partnership)
    return glossary_for(partnership, root / partnership.folder)


def protected_segments(job: Job, glossary: Glossary) -> list[Protected]:
    """What is sent for the job's missing segments: code, links, names and terms masked."""
    replacements = glossary.replacements(job.item.source.lang, job.target)
    return [mask_terms(protect(s.text, s.keep), replacements) for s in job.todo]


def characters_to_send(job: Job, archive: Archive, root: Path) -> int:
    """The characters a provider gets for ``job``: counted after masking, as sent."""
    protected = protected_segments(job, _glossary(archive, root, job))
    return sum(len(p.masked.text()) for p in protected)


def _ask(
    job: Job, provider: Provider, glossary: Glossary, summary: Summary
) -> dict[str, str | Refused] | None:
    """Send the job's missing segments in one batch: each answer, or why it is refused.

    None if the batch as a whole is unusable (the mirror is not written).
    """
    source_lang = job.item.source.lang
    protected = protected_segments(job, glossary)
    try:
        answers = provider.translate_batch([p.masked for p in protected], source_lang, job.target)
    except ImplausibleAnswer as error:
        summary.problems.append(f"{job.mirror_path}: not written: {error}")
        return None
    summary.sent += len(job.todo)
    summary.characters += sum(len(p.masked.text()) for p in protected)
    found: dict[str, str | Refused] = {}
    for seg, answer, sent in zip(job.todo, answers, protected, strict=True):
        if isinstance(answer, Refused):
            found[seg.text] = Refused(f"the provider's answer was refused ({answer.reason})")
            continue
        try:
            restored = restore(answer, sent, seg.kind)
        except PlaceholderError as error:
            found[seg.text] = Refused(f"the provider's answer was refused ({error})")
            continue
        found[seg.text] = restored or Refused("the provider's answer is empty")
    return found


def _checked(
    job: Job, memory: TranslationMemory, fresh: dict[str, str | Refused], stack: MarkdownStack
) -> Checked:
    """The verified mirror text: refused answers and structure changes stay in the source."""
    source_lang = job.item.source.lang
    translations: dict[str, str] = {}
    refused: dict[str, str] = {}
    for seg in job.segments:
        answer = fresh.get(seg.text) or memory.lookup(source_lang, job.target, seg.text)
        if isinstance(answer, Refused):
            refused[seg.key] = answer.reason
        elif answer is not None:
            translations[seg.key] = answer
    return check_mirror(job.source_text, job.segments, translations, stack, refused)


def _write_mirror(
    job: Job,
    root: Path,
    checked: Checked,
    provider: Provider | None,
    summary: Summary,
    today: dt.date,
) -> None:
    path = root / job.mirror_path
    if path.exists() and not _untouched_machine_output(job, path):
        summary.notes.append(f"{job.mirror_path}: left alone: it changed during the run")
        return
    source = job.item.source
    record = {
        "from": source.lang,
        "status": "machine",
        "provider": provider.name if job.todo and provider else MEMORY_PROVIDER,
        "date": today,
        "source_hash": source.content_hash,
        "text_hash": content_hash(*title_and_body(checked.text)),
        "untranslated": sorted({*checked.untranslated, *job.unplaced}) or None,
    }
    atomic.write_text(path, with_translation_record(checked.text, record))
    summary.documents += 1
    language = language_name(source.lang, "en")
    reasons = [(kept.segment.line, kept.reason) for kept in checked.kept]
    reasons += [
        (line, "the site shows text here that could not be found in the source")
        for line in job.unplaced
    ]
    for line, reason in sorted(reasons):
        summary.problems.append(
            f"{source.path}:{line}: kept in {language} in {job.mirror_path}: {reason}"
        )


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
