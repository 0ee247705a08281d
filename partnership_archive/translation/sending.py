"""Sending what the memory lacks: the distinct segments of a whole run, in full batches.

``workflow.plan`` lists, across all documents, each segment the memory cannot answer
once per language pair (``Wanted``). Here they are grouped by language pair and cut
into batches of the provider's size (and a character budget), so a thousand short
documents cost a few hundred requests instead of a thousand. Each batch's answers are
handed back as soon as they arrive (``send`` is a generator): the workflow journals
them and writes the mirrors they complete before the next request is made.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .glossary import Glossary, mask_terms
from .placeholders import PlaceholderError, Protected, protect, restore
from .providers import Provider, Refused
from .segments import Segment

DEFAULT_BATCH = 50  # texts per request when the provider sets no size of its own
DEFAULT_CHARACTERS = 30_000  # characters per request (DeepL takes 128 KiB per request)

Key = tuple[str, str, str]  # (source language, target language, source text)
Answers = dict[Key, str | Refused]


@dataclass(frozen=True)
class Wanted:
    """A segment the run must send, with the glossary of the document that needs it."""

    source_lang: str
    target: str
    segment: Segment
    glossary: Glossary

    @property
    def key(self) -> Key:
        return (self.source_lang, self.target, self.segment.text)

    def protected(self) -> Protected:
        replacements = self.glossary.replacements(self.source_lang, self.target)
        return mask_terms(protect(self.segment.text, self.segment.keep), replacements)


def batches(
    wanted: list[Wanted], size: int, characters: int
) -> Iterator[list[tuple[Wanted, Protected]]]:
    """Per language pair (in order of first need), at most ``size`` texts and about
    ``characters`` characters per batch (a longer text goes alone)."""
    pairs: dict[tuple[str, str], list[Wanted]] = {}
    for item in wanted:
        pairs.setdefault((item.source_lang, item.target), []).append(item)
    for items in pairs.values():
        batch: list[tuple[Wanted, Protected]] = []
        used = 0
        for item in items:
            protected = item.protected()
            length = len(protected.masked.text())
            if batch and (len(batch) == size or used + length > characters):
                yield batch
                batch, used = [], 0
            batch.append((item, protected))
            used += length
        if batch:
            yield batch


def send(wanted: list[Wanted], provider: Provider, summary) -> Iterator[Answers]:
    """Each batch's answers (restored Markdown, or why one is refused), batch by batch.

    ``ProviderError`` propagates: what was yielded before is all there is.
    """
    size = getattr(provider, "batch_size", None) or DEFAULT_BATCH
    characters = getattr(provider, "batch_characters", None) or DEFAULT_CHARACTERS
    for batch in batches(wanted, size, characters):
        first = batch[0][0]
        sent = [protected.masked for _, protected in batch]
        answers = provider.translate_batch(sent, first.source_lang, first.target)
        summary.sent += len(batch)
        summary.characters += sum(len(masked.text()) for masked in sent)
        yield {
            item.key: _restored(item.segment, answer, protected)
            for (item, protected), answer in zip(batch, answers, strict=True)
        }


def _restored(seg: Segment, answer, sent: Protected) -> str | Refused:
    if isinstance(answer, Refused):
        return Refused(f"the provider's answer was refused ({answer.reason})")
    try:
        restored = restore(answer, sent, seg.kind)
    except PlaceholderError as error:
        return Refused(f"the provider's answer was refused ({error})")
    return restored or Refused("the provider's answer is empty")
