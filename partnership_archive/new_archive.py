"""Starting one's own archive from this repository (``new.py archive``).

The repository ships a fictional sample: the partnership ``auental-mlima``, its two
hosts in ``hosts.yml`` with their logos (theme files, so they would be published),
and the translation memory's sentences of its documents. A municipality replaces all
of it in one step with its own partnership and hosts.

By default the sample is *set aside* in ``sample-archive/`` (same layout, nothing of it
is built or checked there), so nothing is lost and the developers' tests keep their
fixture; ``remove`` deletes it (Git still has it). Memory entries go with the sample
only if no other page uses their sentence: knowledge-base sentences stay, so they are
not paid for again. The README screenshot stays: it documents the software, not the
archive, and is never published.

``check`` and ``plan`` are pure; ``apply`` does the I/O, validating everything before
it changes anything and creating the new partnership exclusively.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .findings import ArchiveError, Finding
from .hosts import HOSTS_FILE, Host, hosts_yaml, load_hosts, read_hosts
from .model import KNOWLEDGE_DIR, PARTNERSHIP_FILE, PARTNERSHIPS_DIR, Municipality, Partnership
from .scaffold import TEMPLATES_DIR, ScaffoldError, partnership_yaml, slugify
from .validation import read_partnership

SAMPLE_SLUG = "auental-mlima"
SAMPLE_HOSTS = ("auental", "mlima")
SET_ASIDE_DIR = "sample-archive"
MEMORY_FILE = "translation-memory.jsonl"

_SET_ASIDE_README = """\
# The fictional sample archive, set aside

`python scripts/new.py archive` moved the sample partnership Auental – Mlima here when
this archive was started, with its hosts (`hosts.yml`), their logos and the translation
memory entries only its documents used. Nothing here is built, published or checked.
The developers' tests use it as their fixture; delete the folder if you do not need it.
"""


@dataclass(frozen=True)
class NewArchive:
    """What the municipality's own archive starts with."""

    partnership: Partnership
    hosts: tuple[Host, ...]
    remove_sample: bool = False  # delete the sample instead of setting it aside


def default_host(town: Municipality) -> Host:
    """A host for a partner municipality: its site opens in its own language."""
    return Host(slugify(town.name) or "site", town.name, town.language)


def host_problems(hosts: Iterable[Host]) -> list[str]:
    """Rules for the hosts of a new archive beyond hosts.yml's schema."""
    names = [host.name for host in hosts]
    problems = [] if names else ["at least one municipality must publish the site"]
    doubled = sorted({name for name in names if names.count(name) > 1})
    return problems + [f"two hosts are called '{name}': give each its own name" for name in doubled]


def check(root: Path) -> list[str]:
    """Why this repository cannot be turned into a new archive (empty: it can)."""
    problems = []
    others = [p.name for p in _partnership_folders(root) if p.name != SAMPLE_SLUG]
    if others:
        problems.append(
            f"this archive already has partnerships ({', '.join(others)}): add another one "
            "with 'python scripts/new.py partnership' instead"
        )
    hosts, findings = _current_hosts(root)
    if any(f.level == "error" for f in findings):
        problems.append(f"{HOSTS_FILE} has errors ({findings[0]}); fix or delete it first")
    foreign = [host.name for host in hosts if host.name not in SAMPLE_HOSTS]
    if foreign:
        problems.append(
            f"{HOSTS_FILE} already names hosts other than the sample's ({', '.join(foreign)}); "
            "edit it by hand"
        )
    if (root / SET_ASIDE_DIR).exists():
        problems.append(f"{SET_ASIDE_DIR}/ exists already: the sample was set aside before")
    return problems


def _partnership_folders(root: Path) -> list[Path]:
    base = root / PARTNERSHIPS_DIR
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def _current_hosts(root: Path) -> tuple[list[Host], list[Finding]]:
    path = root / HOSTS_FILE
    if not path.is_file():
        return [], []
    return read_hosts(path.read_text("utf-8", "replace"), lambda logo: None)


@dataclass(frozen=True)
class Files:
    """The new archive's files, rendered and validated before anything is touched."""

    partnership_path: str
    partnership_text: str
    hosts_text: str


def plan(new: NewArchive) -> Files:
    """Render partnership.yml and hosts.yml; a ``ScaffoldError`` if either would be invalid."""
    slug = new.partnership.slug
    rel = f"{PARTNERSHIPS_DIR}/{slug}/{PARTNERSHIP_FILE}"
    text = partnership_yaml(new.partnership)
    _, findings = read_partnership(rel, slug, text)
    hosts_text = hosts_yaml(new.hosts)
    _, host_findings = read_hosts(hosts_text, lambda logo: f"the logo {logo} does not exist")
    problems = [str(f) for f in (*findings, *host_findings) if f.level == "error"]
    problems += host_problems(new.hosts)
    if slug == SAMPLE_SLUG:
        problems.append(f"'{slug}' is the sample's short name: choose another one")
    if problems:
        raise ScaffoldError("the new archive would not be valid:\n  " + "\n  ".join(problems))
    return Files(rel, text, hosts_text)


def split_memory(
    lines: Iterable[str], sample_texts: Iterable[str], kept_texts: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Memory lines to keep, and those only the sample's documents use (a sentence in
    a sample text and in none of the texts that stay). Lines are kept byte for byte."""
    sample, kept = "\n".join(sample_texts), "\n".join(kept_texts)
    keep, drop = [], []
    for line in lines:
        source = _source(line)
        only_sample = source is not None and source in sample and source not in kept
        (drop if only_sample else keep).append(line)
    return keep, drop


def _source(line: str) -> str | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None  # not ours to judge: the memory's own reader reports it
    source = entry.get("source") if isinstance(entry, dict) else None
    return source if isinstance(source, str) and source else None


def apply(root: Path, new: NewArchive) -> list[str]:
    """Turn the repository at ``root`` into ``new``; what was done, one line each.

    Raises ``ScaffoldError`` if the archive cannot be started and ``FileExistsError``
    if the partnership file appeared meanwhile; either way nothing was changed. The
    partnership is created first, exclusively, so a second run at the same time stops.
    """
    problems = check(root)
    if problems:
        raise ScaffoldError("; ".join(problems))
    files = plan(new)
    atomic.create_text(root / files.partnership_path, files.partnership_text)
    done = [f"created {files.partnership_path}"]
    done += _set_aside_or_remove(root, new.remove_sample)
    atomic.write_text(root / HOSTS_FILE, files.hosts_text)
    done.append(f"wrote {HOSTS_FILE} ({', '.join(host.name for host in new.hosts)})")
    return done


def _set_aside_or_remove(root: Path, remove: bool) -> list[str]:
    aside = None if remove else root / SET_ASIDE_DIR
    folder = root / PARTNERSHIPS_DIR / SAMPLE_SLUG
    logos = _sample_logos(root)
    if aside is not None:
        aside.mkdir()
        atomic.write_text(aside / "README.md", _SET_ASIDE_README)
        if (root / HOSTS_FILE).is_file():
            shutil.copy2(root / HOSTS_FILE, aside / HOSTS_FILE)
    done = _prune_memory(root, folder, aside)
    for path in [folder, *logos]:
        if not path.exists():
            continue
        rel = path.relative_to(root).as_posix()
        if aside is None:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            done.append(f"removed the sample's {rel}")
        else:
            (aside / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, aside / rel)
            done.append(f"set aside the sample's {rel} in {SET_ASIDE_DIR}/")
        _remove_empty_parents(path.parent, root)
    return done


def _sample_logos(root: Path) -> list[Path]:
    try:
        hosts = load_hosts(root)
    except ArchiveError:  # a broken hosts.yml: check() has refused to go on already
        hosts = []
    return [root / h.logo for h in hosts if h.name in SAMPLE_HOSTS and h.logo]


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _prune_memory(root: Path, sample: Path, aside: Path | None) -> list[str]:
    memory = root / MEMORY_FILE
    if not memory.is_file() or not sample.is_dir():
        return []
    lines = memory.read_text("utf-8").splitlines(keepends=True)
    sample_texts = [p.read_text("utf-8", "replace") for p in sorted(sample.rglob("*.md"))]
    keep, drop = split_memory(lines, sample_texts, _kept_texts(root, sample))
    if not drop:
        return []
    atomic.write_text(memory, "".join(keep))
    if aside is None:
        return [f"removed {len(drop)} entries of {MEMORY_FILE} that only the sample used"]
    atomic.write_text(aside / MEMORY_FILE, "".join(drop))
    return [f"set aside {len(drop)} entries of {MEMORY_FILE} that only the sample used"]


def _kept_texts(root: Path, sample: Path) -> list[str]:
    folders = [root / KNOWLEDGE_DIR, root / PARTNERSHIPS_DIR, TEMPLATES_DIR]
    paths = [p for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*.md"))]
    return [p.read_text("utf-8", "replace") for p in paths if not p.is_relative_to(sample)]
