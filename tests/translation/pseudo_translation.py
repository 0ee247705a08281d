"""Deterministic pseudo-translations for the tests and the fake provider server.

Imported as a top-level module (pytest puts this directory on ``sys.path``).
``shout`` goes through the real boundary (``protect``, then ``restore``), so what it
writes is what a provider's answer would become.
"""

from __future__ import annotations

import re

from partnership_archive.translation.placeholders import Hole, Masked, protect, restore
from partnership_archive.translation.segments import Segment

SHOUTED = re.compile(r"«[^«»]*»")


def shout_masked(masked: Masked) -> Masked:
    """Upper-case the text runs and wrap the whole in « »: visible and reversible."""
    parts = [p if isinstance(p, Hole) else p.upper() for p in masked.parts]
    return Masked(("«", *parts, "»"))


def shout(text: str, kind: str = "paragraph", keep: tuple[str, ...] = ()) -> str:
    """``text`` pseudo-translated as a provider's answer would be written back."""
    protected = protect(text, keep)
    return restore(shout_masked(protected.masked), protected, kind)


def shout_segment(seg: Segment) -> str:
    return shout(seg.text, seg.kind, seg.keep)


def reverse_words(masked: str, target: str) -> str:
    """A ``⟦n⟧`` answer: a target tag, then the words in reverse order.

    Placeholders are words like any other, so they survive (in another order).
    """
    words = re.sub(r"(⟦\s*\d+\s*⟧)", r" \1 ", masked).split()
    return f"[{target}] " + " ".join(reversed(words))
