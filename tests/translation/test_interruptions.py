"""translate.py killed at exact points, and two runs at once: nothing lost, nothing torn.

Each run is killed with SIGKILL at a named point (``partnership_archive.faults``,
test-only): before the first mirror, half-way through writing a mirror, half-way
through appending answers to the memory's journal, half-way through rewriting the
memory. Then: the sources are byte for byte as before, every file is complete, and
a second run ends with exactly the files (byte for byte) of a run never interrupted.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from builds import run_script

from partnership_archive import locking
from partnership_archive.faults import VARIABLE
from partnership_archive.loading import load_archive
from partnership_archive.translation.memory import TranslationMemory

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests/fixtures/translation"
KILLED = -signal.SIGKILL
NAMES = ("vertrag", "minutes/2025-03-12-lenkungsgruppe")  # mirrored into en and fr


def make_archive(root: Path, url: str) -> Path:
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # three texts per request: several batches per language pair, mirrors finish in between
    options = {"endpoint": url, "timeout": 2, "attempts": 1, "batch_size": 3}
    config = {"provider": "libre", "memory": "memory.jsonl", "providers": {"libre": options}}
    config["translate"] = {"knowledge_base": "site"}  # the knowledge base into French too
    (root / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")
    return root


def files(root: Path) -> dict[str, bytes]:
    """Every file of the archive, except the run's own scratch space (.cache/)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(root).parts
    }


def translate(root: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {"CI": "true", VARIABLE: kill_at or ""}
    return run_script("translate.py", root, env=env)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict[str, bytes]:
    from fake_providers import serve

    with serve() as fake:
        root = make_archive(tmp_path_factory.mktemp("whole") / "archive", fake.url)
        result = translate(root)
    assert result.returncode == 0, result.stderr
    return files(root)


@pytest.mark.parametrize(
    "point",
    [
        "mirror *@1",  # the first batches are in the journal, no mirror written yet
        "write *.md@2",  # half-way through writing the second mirror
        "append memory.jsonl.journal@3",  # half-way through journaling the third batch
        "write memory.jsonl",  # half-way through rewriting the memory at the end
    ],
)
def test_a_run_killed_anywhere_leaves_valid_files_and_the_rerun_converges(
    point, uninterrupted, tmp_path, fake
) -> None:
    root = make_archive(tmp_path / "archive", fake.url)
    before = files(root)
    killed = translate(root, kill_at=point)
    assert killed.returncode == KILLED, killed.stderr  # it really died at that point

    after = files(root)
    changed = {path for path in before if after.get(path) != before[path]}
    assert changed <= {"memory.jsonl"}, "a source changed"
    new = set(after) - set(before)
    assert all(Path(p).name.endswith(".md") or Path(p).name.startswith(".") for p in new), new
    _, findings = load_archive(root, ["de", "en", "fr"])
    assert [f for f in findings if f.level == "error"] == []  # every mirror written is whole
    if (root / "memory.jsonl").exists():
        TranslationMemory.load(root / "memory.jsonl")  # the memory is a valid file

    paid = [texts(request) for request in fake.log if request.path == "/translate"]
    fake.log.clear()
    rerun = translate(root)
    assert rerun.returncode == 0, rerun.stderr
    assert without_settings(files(root)) == without_settings(uninterrupted)
    # Nothing received is paid for again; only a batch torn while being journaled may be.
    sent_again = {pair for r in fake.log if r.path == "/translate" for pair in texts(r)}
    torn = set(paid[-1]) if point.startswith("append") else set()
    assert sent_again & {pair for batch in paid for pair in batch} <= torn
    assert set(uninterrupted) - set(before) == {
        "docs/index.fr.md",
        "memory.jsonl",
        *(
            f"partnerships/auental-mbeya/{name}.{lang}.md"
            for name in NAMES
            for lang in "en fr".split()
        ),
    }


def texts(request) -> list[tuple[str, str]]:
    body = request.json()
    return [(body["target"], text) for text in body["q"]]


def without_settings(found: dict[str, bytes]) -> dict[str, bytes]:
    """translation.yml names the test server's port, which differs between the servers."""
    return {path: data for path, data in found.items() if path != "translation.yml"}


def test_the_memory_file_is_written_once_per_run(tmp_path, fake) -> None:
    root = make_archive(tmp_path / "archive", fake.url)
    # A second rewrite would reach this point and die; one rewrite at the end does not.
    result = translate(root, kill_at="write memory.jsonl@2")
    assert result.returncode == 0, result.stderr
    assert len([r for r in fake.log if r.path == "/translate"]) > 4  # many batches
    assert not (root / ".cache/memory.jsonl.journal").exists()


def test_a_second_run_stops_at_once_with_one_line(tmp_path, fake) -> None:
    root = make_archive(tmp_path / "archive", fake.url)
    before = files(root)
    with locking.exclusive(root, "translate"):
        second = translate(root)
    assert second.returncode == 1
    [line] = second.stderr.splitlines()
    assert line.startswith(f"error: another run is using {root} (partnership-archive translate, ")
    assert line.endswith("wait until it has finished, then run this again")
    assert fake.log == [] and files(root) == before
    assert translate(root).returncode == 0  # and the lock is free again


def test_the_lock_of_a_killed_run_is_free_at_once(tmp_path) -> None:
    hold = (
        "import sys, time; from pathlib import Path; from partnership_archive import locking\n"
        "with locking.exclusive(Path(sys.argv[1]), 'translate'):\n"
        "    print('held', flush=True); time.sleep(60)"
    )
    command = [sys.executable, "-c", hold, str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(locking.Locked, match=rf"process {holder.pid}, started "):
            with locking.exclusive(tmp_path, "translate"):
                pass
        holder.kill()
    with locking.exclusive(tmp_path, "translate"):
        pass  # no stale lock to remove by hand
