"""Translation memory: clean diffs, atomic saves, clear errors for broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnership_archive.translation.memory import MemoryFileError, TranslationMemory


def test_round_trip_sorted_and_diff_friendly(tmp_path: Path) -> None:
    path = tmp_path / "memory.jsonl"
    memory = TranslationMemory.load(path)
    assert len(memory) == 0
    memory.add("de", "sw", "Wasser", "Maji", "deepl", "2025-01-02")
    memory.add("de", "en", "Zug", "Train", "libre", "2025-01-01")
    memory.add("de", "en", "Apfel", "Apple", "human", "2025-01-03")
    memory.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["Apfel", "Zug", "Wasser"]
    assert lines[0] == (
        '{"date": "2025-01-03", "provider": "human", "source": "Apfel", '
        '"source_lang": "de", "target_lang": "en", "translation": "Apple"}'
    )
    again = TranslationMemory.load(path)
    assert again.lookup("de", "sw", "Wasser") == "Maji"
    assert again.lookup("de", "en", "Wasser") is None
    assert again.dumps() == path.read_text(encoding="utf-8")


def test_add_replaces_and_keeps_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "memory.jsonl"
    memory = TranslationMemory(path)
    memory.add("de", "en", "Zug", "Train", "libre")
    memory.add("de", "en", "Zug", "Railway", "human")
    memory.save()
    assert TranslationMemory.load(path).lookup("de", "en", "Zug") == "Railway"
    assert [p.name for p in tmp_path.iterdir()] == ["memory.jsonl"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<<<<<<< HEAD", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"source": "x"}', "missing or non-text field"),
        (
            '{"date": "d", "provider": "p", "source": "s", "source_lang": "de", '
            '"target_lang": "en", "translation": "t", "extra": 1}',
            "unknown field",
        ),
    ],
)
def test_corrupt_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "memory.jsonl"
    good = (
        '{"date": "d", "provider": "p", "source": "s", "source_lang": "de", '
        '"target_lang": "en", "translation": "t"}'
    )
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(MemoryFileError, match=rf"memory.jsonl, line 3: {message}"):
        TranslationMemory.load(path)
