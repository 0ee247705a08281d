"""What was shown to a reviewer: the proof a mirror may be marked reviewed.

A mirror counts as reviewed only when a person saw it. ``partnership-archive review``
shows a mirror and records here, under ``.cache/`` (never in Git: it says what this
computer displayed), the fingerprints of the mirror text and of the source it showed.
Marking a mirror reviewed without a terminal to confirm on is allowed only while both
fingerprints are unchanged: a mirror edited (or a source changed) after it was shown
has to be shown again.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .. import atomic

SHOWN_FILE = ".cache/review/shown.json"


def _read(root: Path) -> dict[str, dict]:
    try:
        data = json.loads((root / SHOWN_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # nothing shown yet (or a damaged cache: show again)
    return data if isinstance(data, dict) else {}


def record_shown(root: Path, mirror_path: str, text_hash: str, source_hash: str) -> None:
    shown = _read(root)
    shown[mirror_path] = {
        "text_hash": text_hash,
        "source_hash": source_hash,
        "shown": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    atomic.write_text(root / SHOWN_FILE, json.dumps(shown, indent=1, sort_keys=True) + "\n")


def was_shown(root: Path, mirror_path: str, text_hash: str, source_hash: str) -> bool:
    """Was exactly this mirror text, with exactly this source, shown?"""
    entry = _read(root).get(mirror_path)
    return (
        isinstance(entry, dict)
        and entry.get("text_hash") == text_hash
        and entry.get("source_hash") == source_hash
    )


def forget_shown(root: Path, mirror_path: str) -> None:
    shown = _read(root)
    if shown.pop(mirror_path, None) is not None:
        atomic.write_text(root / SHOWN_FILE, json.dumps(shown, indent=1, sort_keys=True) + "\n")
