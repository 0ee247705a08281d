"""What a reviewer needs to see: the source's changes since the mirror was checked.

The mirror records the fingerprint of the source it matches (``source_hash``); the
source's text at that time is found in the repository history (``git``). Source
segments then align one to one with mirror segments (translation keeps the block
structure), so each changed source segment is shown with its old and new text and
the mirror's current text for it.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..fingerprints import content_hash
from ..mirrors import title_and_body
from .segments import Segment, SegmentError, segment
from .structure import MarkdownStack


@dataclass(frozen=True)
class Change:
    kind: str  # "changed", "added", "removed"
    line: int  # in the current source (or the old one for removals)
    old: str
    new: str
    mirror: str


def old_source(root: Path, source_path: str, source_hash: str | None) -> str | None:
    """The source's text as it was when its fingerprint was ``source_hash`` (from git)."""
    if not source_hash:
        return None
    try:
        log = subprocess.run(
            ["git", "log", "--format=%H", "--", source_path],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
        for commit in log:
            text = subprocess.run(
                ["git", "show", f"{commit}:{source_path}"],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
            if text and content_hash(*title_and_body(text)) == source_hash:
                return text
    except (OSError, subprocess.SubprocessError):
        return None
    return None


def changes(old_text: str, new_text: str, mirror_text: str, stack: MarkdownStack) -> list[Change]:
    """Source segments that changed, with the mirror's text at the old position."""
    old, new, mirror = (_segments(text, stack) for text in (old_text, new_text, mirror_text))
    aligned = len(old) == len(mirror)
    found = []
    matcher = difflib.SequenceMatcher(
        a=[s.text for s in old], b=[s.text for s in new], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for offset in range(max(a2 - a1, b2 - b1)):
            before = old[a1 + offset] if a1 + offset < a2 else None
            after = new[b1 + offset] if b1 + offset < b2 else None
            mirrored = mirror[a1 + offset].text if before and aligned else ""
            kind = "changed" if before and after else ("added" if after else "removed")
            line = after.line if after else before.line  # type: ignore[union-attr]
            found.append(
                Change(
                    kind, line, before.text if before else "", after.text if after else "", mirrored
                )
            )
    return found


def _segments(text: str, stack: MarkdownStack) -> list[Segment]:
    try:
        return segment(text, stack)
    except SegmentError:
        return []
