"""Translation memory: every segment ever translated, shared through the repository.

``translate.py`` looks a segment up here before paying a provider for it, and adds
what it receives. The file is JSON Lines, one entry per line with sorted keys, the
lines sorted by (source language, target language, source text): a new entry is
a one-line diff and two municipalities' additions merge without conflicts.
Entries hold inline Markdown as in ``Segment.text`` (not the masked form), so a
reviewer can read and correct them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date as Date
from pathlib import Path

from partnership_archive import atomic

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

    def __init__(self, path: Path, entries: list[Entry] | None = None) -> None:
        self.path = path
        self._entries = {entry.key: entry for entry in entries or []}

    @classmethod
    def load(cls, path: Path) -> TranslationMemory:
        """Read ``path``; a missing file is an empty memory. Later lines win over earlier."""
        if not path.exists():
            return cls(path)
        entries = [
            _parse(path, number, line)
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip()
        ]
        return cls(path, entries)

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, source_lang: str, target_lang: str, source: str) -> str | None:
        entry = self._entries.get((source_lang, target_lang, source))
        return entry.translation if entry else None

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

    def entries(self) -> list[Entry]:
        return [self._entries[key] for key in sorted(self._entries)]

    def dumps(self) -> str:
        lines = [json.dumps(asdict(e), ensure_ascii=False, sort_keys=True) for e in self.entries()]
        return "".join(line + "\n" for line in lines)

    def save(self) -> None:
        """Write atomically: an interrupted run leaves the old file or the new one."""
        atomic.write_text(self.path, self.dumps())


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
