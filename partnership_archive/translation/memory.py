"""Translation memory: every segment ever translated, shared through the repository.

``translate.py`` looks a segment up here before paying a provider for it, and adds
what it receives. The file is JSON Lines, one entry per line with sorted keys, the
lines sorted by (source language, target language, source text): a new entry is
a one-line diff and two municipalities' additions merge without conflicts.
Entries hold inline Markdown as in ``Segment.text`` (not the masked form), so a
reviewer can read and correct them.

Rewriting the sorted file after every answer costs time that grows with the square of
the archive (0.43 s per save at 25,000 entries). So a run appends what it receives to
a journal (``flush``: a few lines, fsynced, in ``.cache/``) and rewrites the file once,
at the end (``save``: atomic, then the journal is removed). A run killed anywhere
leaves the old file or the new one, and a journal whose complete lines the next
``load`` replays (a torn last line is dropped): nothing paid for is lost. Replayed
entries never replace an entry the file has (a colleague's correction that arrived
with ``git pull`` wins).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date as Date
from pathlib import Path

from partnership_archive import atomic, faults, source_text

_FIELDS = ("source_lang", "target_lang", "source", "translation", "provider", "date")


class MemoryFileError(ValueError):
    """The memory file cannot be read; the message names file and line."""


@dataclass(frozen=True)
class Entry:
    source_lang: str
    target_lang: str
    source: str
    translation: str
    provider: str  # "human" for reviewed or hand-written translations
    date: str  # ISO date of the translation

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source_lang, self.target_lang, self.source)


class TranslationMemory:
    """Segment translations keyed by (source language, target language, source text)."""

    def __init__(
        self, path: Path, entries: list[Entry] | None = None, journal: Path | None = None
    ) -> None:
        self.path, self.journal = path, journal
        self._store = {entry.key: entry for entry in entries or []}
        self._unread = False  # ``open``: the file is read at the first question
        self._unflushed: list[str] = []  # journal lines not written yet
        self._from_journal: set[tuple[str, str, str]] = set()
        self._new: set[tuple[str, str, str]] = set()  # added or replayed since the last save
        self._journal_end: int | None = None  # where a torn journal must be cut
        self._changed = False

    @classmethod
    def load(cls, path: Path, journal: Path | None = None) -> TranslationMemory:
        """Read ``path`` (missing: empty), then what ``journal`` kept of an interrupted run."""
        memory = cls.open(path, journal)
        memory._entries  # noqa: B018 - read now: a broken file is reported here
        return memory

    @classmethod
    def open(cls, path: Path, journal: Path | None = None) -> TranslationMemory:
        """Like ``load``, but read only when first asked: a run with nothing to do reads nothing."""
        memory = cls(path, None, journal)
        memory._unread = True
        return memory

    @property
    def _entries(self) -> dict[tuple[str, str, str], Entry]:
        if self._unread:
            self._unread = False
            self._read()
        return self._store

    def _read(self) -> None:
        if self.path.exists():
            for number, line in enumerate(_text(self.path).splitlines(), 1):
                if line.strip():
                    entry = _parse(self.path, number, line)
                    self._store[entry.key] = entry
        if self.journal is not None and self.journal.exists():
            self._replay(self.journal)

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, source_lang: str, target_lang: str, source: str) -> str | None:
        entry = self._entries.get((source_lang, target_lang, source))
        return entry.translation if entry else None

    def entry(self, source_lang: str, target_lang: str, source: str) -> Entry | None:
        return self._entries.get((source_lang, target_lang, source))

    def add(
        self,
        source_lang: str,
        target_lang: str,
        source: str,
        translation: str,
        provider: str,
        date: str | None = None,
    ) -> None:
        """Record a translation (replacing an older one for the same source text)."""
        day = date or Date.today().isoformat()
        entry = Entry(source_lang, target_lang, source, translation, provider, day)
        self._entries[entry.key] = entry
        self._new.add(entry.key)
        self._unflushed.append(_line(entry))
        self._changed = True

    def is_new(self, source_lang: str, target_lang: str, source: str) -> bool:
        """Added since the file was last saved (in this run, or in an interrupted one)?"""
        return (source_lang, target_lang, source) in self._new

    def forget(self, source_lang: str, target_lang: str, source: str) -> None:
        """Drop a translation that turned out unusable (it will be asked for again)."""
        self._new.discard((source_lang, target_lang, source))
        if self._entries.pop((source_lang, target_lang, source), None) is not None:
            self._unflushed.append(json.dumps({"forget": [source_lang, target_lang, source]}))
            self._changed = True

    def entries(self) -> list[Entry]:
        return [self._entries[key] for key in sorted(self._entries)]

    def dumps(self) -> str:
        return "".join(_line(entry) + "\n" for entry in self.entries())

    def flush(self) -> None:
        """Make what was added since the last flush survive a kill (journal append, fsync)."""
        if self.journal is None or not self._unflushed:
            return
        self.journal.parent.mkdir(parents=True, exist_ok=True)
        data = "".join(line + "\n" for line in self._unflushed).encode("utf-8")
        fd = os.open(self.journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            if self._journal_end is not None:  # a torn line from a killed run: cut it first
                os.ftruncate(fd, self._journal_end)
                self._journal_end = None
            os.write(fd, data[: len(data) // 2])
            faults.reached(f"append {self.journal.name}")  # tests: killed mid-append
            os.write(fd, data[len(data) // 2 :])
            os.fsync(fd)
        finally:
            os.close(fd)
        self._unflushed.clear()

    def save(self) -> None:
        """Rewrite the file, sorted and atomically, if anything changed; then drop the journal.

        Killed in between, the journal is replayed over the new file: nothing changes.
        Never read and no journal of an interrupted run to take over: nothing to do.
        """
        if self._unread and not (self.journal is not None and self.journal.exists()):
            return
        self._entries  # noqa: B018 - read (and replay the journal) if not done yet
        if self._changed:
            atomic.write_text(self.path, self.dumps())
        if self.journal is not None:
            self.journal.unlink(missing_ok=True)
        self._unflushed.clear()
        self._new.clear()
        self._changed = False

    def _replay(self, journal: Path) -> None:
        data = journal.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) != len(data):
            self._journal_end = len(complete)
        for number, line in enumerate(complete.decode("utf-8").splitlines(), 1):
            if line.strip():
                self._replay_line(journal, number, line)

    def _replay_line(self, journal: Path, number: int, line: str) -> None:
        forget = _tombstone(journal, number, line)
        if forget is not None:
            if forget in self._from_journal:
                del self._entries[forget]
                self._from_journal.discard(forget)
                self._new.discard(forget)
            return
        entry = _parse(journal, number, line)
        if entry.key not in self._entries or entry.key in self._from_journal:
            self._entries[entry.key] = entry
            self._from_journal.add(entry.key)
            self._new.add(entry.key)
            self._changed = True


def _text(path: Path) -> str:
    """The file as a Windows editor may have saved it (BOM, CRLF); any size."""
    try:
        return source_text.decode(path.read_bytes())
    except source_text.Unreadable as problem:
        raise MemoryFileError(f"{path}, line {problem.line}: {problem.message}") from None


def _line(entry: Entry) -> str:
    return json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True)


def _tombstone(journal: Path, number: int, line: str) -> tuple[str, str, str] | None:
    """The key a journal line drops (``{"forget": [...]}``), None for an entry line."""
    if not line.startswith('{"forget": '):
        return None
    try:
        source_lang, target_lang, source = json.loads(line)["forget"]
    except (ValueError, KeyError, TypeError):
        raise MemoryFileError(f"{journal}, line {number}: not a journal line") from None
    return (str(source_lang), str(target_lang), str(source))


def journal_for(root: Path, memory: Path) -> Path:
    """Where a run on the archive at ``root`` journals its answers (ignored by Git)."""
    return root / ".cache" / f"{memory.name}.journal"


def _parse(path: Path, number: int, line: str) -> Entry:
    where = f"{path}, line {number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise MemoryFileError(
            f"{where}: not valid JSON ({error.msg}); a merge conflict marker?"
        ) from None
    if not isinstance(data, dict):
        raise MemoryFileError(f"{where}: expected a JSON object")
    missing = [field for field in _FIELDS if not isinstance(data.get(field), str)]
    if missing:
        raise MemoryFileError(f"{where}: missing or non-text field(s) {', '.join(missing)}")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise MemoryFileError(f"{where}: unknown field(s) {', '.join(unknown)}")
    return Entry(**data)
