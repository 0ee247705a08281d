"""Deterministic pseudo-translations for the tests and the fake provider server.

Imported as a top-level module (pytest puts this directory on ``sys.path``).
"""

from __future__ import annotations

import re

from partnership_archive.translation.placeholders import protect, restore

SHOUTED = re.compile(r"«[^«»]*»")
_PLACEHOLDER = re.compile(r"(⟦\s*\d+\s*⟧)")


def shout(text: str) -> str:
    """Upper-case the text outside placeholders and wrap it in « »: visible, reversible."""
    masked, placeholders = protect(text)
    return restore("«" + masked.upper() + "»", placeholders)


def reverse_words(masked: str, target: str) -> str:
    """What the fake server answers: a target tag, then the words in reverse order.

    Placeholders are words like any other, so they survive (in another order).
    """
    words = _PLACEHOLDER.sub(r" \1 ", masked).split()
    return f"[{target}] " + " ".join(reversed(words))
