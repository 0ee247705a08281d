"""Translating documents into mirrors: plan, send, check, write. Never lose work.

``plan`` decides (without sending anything) which mirrors to write and which
segments the memory cannot answer, for the whole run at once. ``translate`` then sends
the distinct missing segments of all documents, per language pair, in batches of the
provider's size (``sending``); after each batch it journals the answers in the memory
and writes every mirror that now has all it needs: render the candidate and compare
its structure with the source's (``verify``), keep whatever would change it in the
source language, then write the mirror atomically with a record of the lines it keeps
untranslated. The memory is compacted once, at the end.

A run stopped anywhere (provider down, SIGKILL) leaves complete files only, keeps
every answer it received (the journal) and every mirror it finished, and the next run
continues where it stopped and ends with the same files as a run that never stopped.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic, faults, source_text
from ..fingerprints import content_hash
from ..labels import language_name
from ..mirror_status import PSEUDO_PROVIDER, Translatable, mirror_state, target_languages
from ..mirrors import title_and_body, with_translation_record
from ..model import Archive, Document
from .glossary import Glossary, glossary_for
from .memory import TranslationMemory
from .providers import Provider, Refused
from .segments import Segment, SegmentError, segmentation
from .sending import Answers, Wanted, send
from .structure import MarkdownStack, Node, skeleton
from .verify import Checked, check_mirror

MEMORY_PROVIDER = "translation-memory"  # a mirror made only of human or earlier translations


@dataclass
class Job:
    """One mirror to write: ``item`` translated into ``target``."""

    item: Translatable
    target: str
    mirror_path: str
    source_text: str
    segments: list[Segment]
    todo: list[Segment]  # segments this job is the first of the run to need: sent for it
    unplaced: list[int] = field(default_factory=list)  # lines of text that stays as it is
    glossary: Glossary = field(default_factory=Glossary)
    expected: tuple[Node, ...] | None = None  # the source's rendered structure

    @property
    def source_lang(self) -> str:
        return self.item.source.lang

    @property
    def characters(self) -> int:
        return sum(len(s.text) for s in self.todo)


@dataclass
class Summary:
    """What a run did, for the person and for a summary table."""

    documents: int = 0  # mirrors written
    from_memory: int = 0  # segments of those mirrors the memory already had
    sent: int = 0  # segments sent to the provider
    characters: int = 0  # characters sent (as the provider sees them)
    requests: int = 0  # translation requests the provider made (retries included)
    seconds: float = 0.0  # time spent in ``translate``
    notes: list[str] = field(default_factory=list)  # skipped, stale: for the person
    problems: list[str] = field(default_factory=list)  # kept parts, refused answers: exit 1


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
    jobs: list[Job] = []
    planned: set[tuple[str, str, str]] = set()  # a sentence twice in a run is sent once
    glossaries: dict[str, Glossary] = {}
    for item in items:
        for lang in target_languages(archive, item):
            if lang == item.source.lang or (targets and lang not in targets):
                continue
            job = _job(archive, root, item, lang, internal_allowed, summary, stack, glossaries)
            if job is None:
                continue
            fresh = [
                s
                for s in _unique(job.segments)
                if memory.lookup(job.source_lang, lang, s.text) is None
                and (job.source_lang, lang, s.text) not in planned
            ]
            job.todo = fresh
            planned.update((job.source_lang, lang, s.text) for s in fresh)
            jobs.append(job)
    return jobs


def _job(
    archive: Archive,
    root: Path,
    item: Translatable,
    lang: str,
    internal_allowed: bool,
    summary: Summary,
    stack: MarkdownStack,
    glossaries: dict[str, Glossary],
) -> Job | None:
    """The job for one mirror, or None (with a note) if it is to be left alone."""
    source = item.source
    mirror = item.versions.get(lang)
    state = mirror_state(source, mirror)
    path = mirror.path if mirror else source.path.replace(f".{source.lang}.md", f".{lang}.md")
    if state == "stale":
        summary.notes.append(
            f"{path}: stale: the source changed since it was reviewed or edited; see --review"
        )
    if state == "incomplete":
        summary.notes.append(
            f"{path}: incomplete: parts are still in the original language; see --check"
        )
    if state not in ("missing", "outdated", "pseudo"):  # pseudo: any run replaces it
        return None
    if isinstance(item, Document) and not item.is_public and not internal_allowed:
        summary.notes.append(
            f"{path}: skipped: the document is internal and the "
            "provider is not approved for internal documents"
        )
        return None
    try:
        text = source_text.read(root / source.path)
        found = segmentation(text, stack)
    except (source_text.Unreadable, SegmentError) as error:
        summary.problems.append(f"{source.path}: cannot be segmented: {error}")
        return None
    glossary = _glossary(archive, root, item, glossaries)
    expected = skeleton(found.html)
    return Job(item, lang, path, text, found.segments, [], found.unplaced, glossary, expected)


def _unique(segments: list[Segment]) -> list[Segment]:
    seen: dict[str, Segment] = {}
    for seg in segments:
        seen.setdefault(seg.text, seg)
    return list(seen.values())


def _glossary(
    archive: Archive, root: Path, item: Translatable, cache: dict[str, Glossary]
) -> Glossary:
    """The partnership's names and terms (read once per partnership and run)."""
    if not isinstance(item, Document):
        return Glossary()
    if item.partnership not in cache:
        partnership = next(p for p in archive.partnerships if p.slug == item.partnership)
        cache[item.partnership] = glossary_for(partnership, root / partnership.folder)
    return cache[item.partnership]


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
    """Send what the memory lacks, write each planned mirror as soon as it is complete.

    ``ProviderError`` (provider down, implausible answers) propagates: stop. Everything
    received until then is in the memory, every mirror it completed is written. Call it
    holding the translation lock (``locking.exclusive(root, "translate")``).
    """
    started = time.monotonic()
    _remove_leftovers([memory.path, *(root / job.mirror_path for job in jobs)])
    mirrors = _Mirrors(jobs, root, memory, summary, stack, progress, today or dt.date.today())
    mirrors.pseudo = provider is not None and provider.name == PSEUDO_PROVIDER
    requests_before = getattr(provider, "requests", 0)
    try:
        mirrors.write_ready({})
        wanted = [
            Wanted(job.source_lang, job.target, seg, job.glossary)
            for job in jobs
            for seg in job.todo
        ]
        if wanted and provider is None:
            raise ValueError("segments are missing from the memory but no provider is set")
        for answers in send(wanted, provider, summary) if wanted else ():
            _remember(answers, memory, provider)
            mirrors.write_ready(answers)
    finally:
        memory.save()
        summary.requests += getattr(provider, "requests", 0) - requests_before
        summary.seconds += time.monotonic() - started


def characters_to_send(job: Job) -> int:
    """The characters a provider gets for ``job``: counted after masking, as sent."""
    return sum(
        len(Wanted(job.source_lang, job.target, seg, job.glossary).protected().masked.text())
        for seg in job.todo
    )


def _remove_leftovers(paths: list[Path]) -> None:
    """Temporary files of a run killed while writing these files: never part of the archive."""
    for path in paths:
        for leftover in atomic.leftovers(path):
            leftover.unlink(missing_ok=True)


def _remember(answers: Answers, memory: TranslationMemory, provider: Provider | None) -> None:
    """Journal every usable answer of a batch before any mirror uses it: nothing is paid twice."""
    if provider is None or provider.name == PSEUDO_PROVIDER:  # pseudo-text is never kept
        return
    for (source_lang, target, text), answer in answers.items():
        if isinstance(answer, str):
            memory.add(source_lang, target, text, answer, provider.name)
    memory.flush()


class _Mirrors:
    """The planned mirrors, each written once all of its segments are answered."""

    def __init__(
        self,
        jobs: list[Job],
        root: Path,
        memory: TranslationMemory,
        summary: Summary,
        stack: MarkdownStack,
        progress: Callable[[int, int, Job], None],
        today: dt.date,
    ) -> None:
        self.root, self.memory, self.summary, self.stack = root, memory, summary, stack
        self.progress, self.today, self.total = progress, today, len(jobs)
        self.done = 0
        self.pseudo = False  # answers of this run are pseudo-text (kept out of the memory)
        self.received: set[tuple[str, str, str]] = set()  # keys answered in this run
        # What the memory held at the start and what this run received (refused ones
        # too): what the mirrors are made of, even if the memory forgets an answer later.
        self.answers: Answers = {}
        self.missing: dict[int, int] = {}  # job index -> segments it still waits for
        self.waiting: dict[tuple[str, str, str], list[int]] = {}
        self.jobs = jobs
        for index, job in enumerate(jobs):
            keys = {(job.source_lang, job.target, s.text) for s in job.segments}
            known = {key: memory.lookup(*key) for key in keys}
            self.answers.update((key, found) for key, found in known.items() if found is not None)
            lacking = [key for key, found in known.items() if found is None]
            self.missing[index] = len(lacking)
            for key in lacking:
                self.waiting.setdefault(key, []).append(index)

    def write_ready(self, answers: Answers) -> None:
        """Take a batch's answers; write the mirrors that need nothing more, in plan order."""
        self.answers.update(answers)
        self.received.update(answers)
        for key in answers:
            for index in self.waiting.pop(key, []):
                self.missing[index] -= 1
        for index in sorted(i for i, left in self.missing.items() if left == 0):
            del self.missing[index]
            self._write(self.jobs[index])

    def _write(self, job: Job) -> None:
        self.done += 1
        self.progress(self.done, self.total, job)
        faults.reached(f"mirror {job.mirror_path}")  # tests: killed before this mirror
        checked = self._checked(job)
        self._forget_misfits(job, checked)
        _write_mirror(job, self.root, checked, self._providers(job), self.summary, self.today)
        self.summary.from_memory += len(job.segments) - len(job.todo)

    def _checked(self, job: Job) -> Checked:
        """The verified mirror text: refused answers and structure changes stay in the source."""
        translations: dict[str, str] = {}
        refused: dict[str, str] = {}
        for seg in job.segments:
            answer = self.answers.get((job.source_lang, job.target, seg.text))
            if isinstance(answer, Refused):
                refused[seg.key] = answer.reason
            elif answer is not None:
                translations[seg.key] = answer
        return check_mirror(
            job.source_text, job.segments, translations, self.stack, refused, job.expected
        )

    def _forget_misfits(self, job: Job, checked: Checked) -> None:
        """A new answer that breaks the structure is not kept: next time it is asked again.

        New means received in this run or in an interrupted one (replayed from the
        journal), so a rerun after a kill forgets exactly what one run would have.
        """
        for text in {kept.segment.text for kept in checked.kept}:
            if self.memory.is_new(job.source_lang, job.target, text):
                self.memory.forget(job.source_lang, job.target, text)
        self.memory.flush()

    def _providers(self, job: Job) -> str:
        """Who translated the mirror's text: the machine providers of the entries it uses."""
        keys = {(job.source_lang, job.target, seg.text) for seg in job.segments}
        if self.pseudo and keys & self.received:
            return PSEUDO_PROVIDER
        names = set()
        for seg in job.segments:
            entry = self.memory.entry(job.source_lang, job.target, seg.text)
            if entry is not None and entry.provider != "human":
                names.add(entry.provider)
        return ", ".join(sorted(names)) or MEMORY_PROVIDER


def _write_mirror(
    job: Job,
    root: Path,
    checked: Checked,
    provider: str,
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
        "provider": provider,
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
    try:
        text = source_text.read(path)
    except source_text.Unreadable:
        return False
    return (
        current is not None
        and current.translation is not None
        and current.translation.status == "machine"
        and current.translation.text_hash == content_hash(*title_and_body(text))
    )
