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


# ---------------------------------------------------------------- the journal of a run

ENTRY = ("de", "en", "Zug", "Train", "libre", "2025-01-01")


def journaled(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "memory.jsonl", tmp_path / ".cache" / "memory.jsonl.journal"


def test_what_a_killed_run_flushed_is_replayed_and_the_file_is_untouched(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    earlier = TranslationMemory(path, [], journal)
    earlier.add("de", "en", "Apfel", "Apple", "human", "2025-01-01")
    earlier.save()
    before = path.read_bytes()
    run = TranslationMemory.load(path, journal)
    run.add(*ENTRY)
    run.flush()  # ... and the run is killed before save()
    assert path.read_bytes() == before
    again = TranslationMemory.load(path, journal)
    assert again.lookup("de", "en", "Zug") == "Train"
    again.save()
    assert not journal.exists()
    assert TranslationMemory.load(path).lookup("de", "en", "Zug") == "Train"


def test_a_torn_last_line_is_dropped_and_cut_before_the_next_append(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    run = TranslationMemory.load(path, journal)
    run.add(*ENTRY)
    run.flush()
    with journal.open("ab") as handle:  # killed half-way through the next append
        handle.write(b'{"date": "2025-01-01", "provider": "li')
    again = TranslationMemory.load(path, journal)
    assert len(again) == 1
    again.add("de", "en", "Bus", "Bus", "libre", "2025-01-01")
    again.flush()
    lines = journal.read_text("utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["Zug", "Bus"]


def test_a_replayed_entry_never_replaces_one_the_file_has(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    run = TranslationMemory.load(path, journal)
    run.add(*ENTRY)
    run.flush()
    # meanwhile a colleague's correction arrived with git pull
    pulled = TranslationMemory(path)
    pulled.add("de", "en", "Zug", "Railway", "human", "2025-01-02")
    pulled.save()
    assert TranslationMemory.load(path, journal).lookup("de", "en", "Zug") == "Railway"


def test_a_forgotten_answer_stays_forgotten_after_a_kill(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    run = TranslationMemory.load(path, journal)
    run.add(*ENTRY)
    run.flush()
    assert run.is_new("de", "en", "Zug")
    run.forget("de", "en", "Zug")
    run.flush()
    assert TranslationMemory.load(path, journal).lookup("de", "en", "Zug") is None


def test_an_unchanged_memory_is_not_rewritten(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    memory = TranslationMemory(path, [], journal)
    memory.add(*ENTRY)
    memory.save()
    inode = path.stat().st_ino
    TranslationMemory.load(path, journal).save()
    assert path.stat().st_ino == inode  # an atomic rewrite would have made a new file


def test_a_broken_journal_line_names_the_journal(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    journal.parent.mkdir()
    journal.write_text("<<<<<<< HEAD\n", "utf-8")
    with pytest.raises(MemoryFileError, match=r"memory.jsonl.journal, line 1: not valid JSON"):
        TranslationMemory.load(path, journal)


def test_opened_memory_is_read_only_when_asked(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    path.write_text("<<<<<<< HEAD\n", "utf-8")  # would fail if it were read
    memory = TranslationMemory.open(path, journal)
    memory.flush()
    memory.save()  # nothing was read, nothing changed, no journal to take over
    assert path.read_text("utf-8") == "<<<<<<< HEAD\n"
    with pytest.raises(MemoryFileError, match="line 1: not valid JSON"):
        memory.lookup("de", "en", "Zug")


def test_a_run_with_nothing_to_ask_still_takes_over_a_killed_runs_journal(tmp_path) -> None:
    path, journal = journaled(tmp_path)
    killed = TranslationMemory.load(path, journal)
    killed.add(*ENTRY)
    killed.flush()
    TranslationMemory.open(path, journal).save()  # the next run: every mirror is there
    assert not journal.exists()
    assert TranslationMemory.load(path).lookup("de", "en", "Zug") == "Train"
