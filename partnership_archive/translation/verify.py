"""Render and compare before a mirror is written: a mismatch never reaches disk.

The candidate mirror is rendered with the site's own stack (``structure``) and its
skeleton compared with the source's. When they differ, the segments responsible are
found by bisection (apply the translations in document order; the first one after
which the structure differs is responsible), kept in the source language, and the
rest checked again, until the structure is the source's. A segment is also kept when
its answer was refused (``Refused``) or cannot be written (``TranslationRejected``).
Kept segments are reported with their source line; the mirror records those lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..frontmatter import split
from .literal import title_problem
from .segments import Segment, TranslationRejected
from .structure import MarkdownStack, Node, first_difference, skeleton
from .writeback import apply, render


@dataclass(frozen=True)
class Kept:
    """A segment left in the source language, and why."""

    segment: Segment
    reason: str


@dataclass(frozen=True)
class Checked:
    """A mirror that renders its source's structure, and what it keeps untranslated."""

    text: str
    kept: tuple[Kept, ...]

    @property
    def untranslated(self) -> list[int]:
        """Source lines whose text stays in the source language."""
        return sorted({kept.segment.line for kept in self.kept})


def body_skeleton(text: str, stack: MarkdownStack) -> tuple[Node, ...]:
    """The structure of a document's body as the site renders it."""
    front = split(text)
    return skeleton(stack.html(front.body if front else text))


def check_mirror(
    source: str,
    segments: list[Segment],
    translations: dict[str, str],
    stack: MarkdownStack,
    refused: dict[str, str] | None = None,
    expected: tuple[Node, ...] | None = None,
) -> Checked:
    """The mirror of ``source`` with as many ``translations`` as keep its structure.

    ``expected`` is the source's skeleton if the caller has it already (segmentation
    rendered the source: one render less per mirror).
    """
    by_key = {seg.key: seg for seg in segments}
    kept = {key: Kept(by_key[key], reason) for key, reason in (refused or {}).items()}
    usable = {}
    for key, translation in translations.items():
        if key in kept:
            continue
        if problem := _unwritable(by_key[key], translation):
            kept[key] = Kept(by_key[key], problem)
        else:
            usable[key] = translation
    expected = expected if expected is not None else body_skeleton(source, stack)
    matching = 0  # this many translated segments, in document order, are known to fit
    if first_difference(expected, body_skeleton(apply(source, segments, usable), stack)) is None:
        matching = len(usable)  # the usual case: one render, and it fits
    while found := _next_culprit(source, segments, usable, expected, stack, matching):
        matching, reason = found
        culprit = [seg for seg in segments if seg.key in usable][matching]
        kept[culprit.key] = Kept(culprit, reason)
        del usable[culprit.key]
    ordered = sorted(kept.values(), key=lambda item: item.segment.start)
    return Checked(apply(source, segments, usable), tuple(ordered))


def _unwritable(seg: Segment, translation: str) -> str | None:
    if seg.kind == "title" and (problem := title_problem(translation)):
        return problem
    try:
        render(seg, translation)
    except TranslationRejected as error:
        return str(error).split(": ", 1)[-1]
    return None


def _next_culprit(
    source: str,
    segments: list[Segment],
    usable: dict[str, str],
    expected: tuple[Node, ...],
    stack: MarkdownStack,
    matching: int,
) -> tuple[int, str] | None:
    """The first translated segment after which the structure differs, and the difference.

    Its index in document order among the translated segments; None if all fit. The
    first ``matching`` are known to fit. The search gallops from there (culprits come
    in clusters: a page's tab labels, a table's cells), then bisects.
    """
    order = [seg for seg in segments if seg.key in usable]

    def difference(count: int):
        chosen = {seg.key: usable[seg.key] for seg in order[:count]}
        return first_difference(expected, body_skeleton(apply(source, segments, chosen), stack))

    step, differing, found = 1, None, None
    while differing is None and matching < len(order):
        probe = min(matching + step, len(order))
        if (found := difference(probe)) is None:
            matching, step = probe, step * 2
        else:
            differing = probe
    if differing is None:
        return None
    while differing - matching > 1:
        middle = (matching + differing) // 2
        if (probe := difference(middle)) is None:
            matching = middle
        else:
            differing, found = middle, probe
    return differing - 1, str(found)
