"""The ``pseudo`` provider: try the whole workflow without a translation service.

It runs on this computer and sends nothing anywhere. Every text run of a segment gets
look-alike accented letters and a ``⟪en⟫`` mark in front, so nobody can take the
result for a translation: ``Die Delegation`` becomes ``⟪en⟫ Đîé Đéļéĝåţîöñ``. Names,
links, code and markup are holes (``placeholders``) and come back unchanged.

It is a provider like any other: its answers are encoded as HTML tags, decoded
strictly by ``markup`` and verified by ``verify`` before a mirror is written. Its
mirrors record ``provider: pseudo``; ``mirror_status`` gives them their own state,
check.py reports them as errors and ``mkdocs build`` refuses to publish them (only
``mkdocs serve`` shows them, with a banner), and the translation memory never keeps
its answers, so a real provider later translates everything it touched.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from ..mirror_status import PSEUDO_PROVIDER
from .markup import HtmlTags
from .placeholders import Hole, Masked
from .providers import Answer, read_answers

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_LOOK_ALIKE = str.maketrans(_PLAIN, _ACCENTED)


def pseudo_text(masked: Masked, target: str) -> Masked:
    """``masked`` as pseudo-text for ``target``: marked in front, letters accented."""
    parts = [p if isinstance(p, Hole) else p.translate(_LOOK_ALIKE) for p in masked.parts]
    return Masked((f"⟪{target}⟫ ", *parts))


@cache
def _all_languages() -> frozenset[str]:
    return frozenset(code for code in Locale("en").languages if len(code) == 2)


class Pseudo:
    """Pseudo-translation into any language, without a network."""

    name = PSEUDO_PROVIDER
    codec = HtmlTags()
    requests = 0  # nothing is ever sent
    batch_size = 500  # no network: batches only bound the memory a step holds

    def translate_batch(self, texts: list[Masked], source: str, target: str) -> list[Answer]:
        answers = [self.codec.encode(pseudo_text(masked, target)) for masked in texts]
        return read_answers(self.codec, texts, answers)

    def supported_languages(self) -> frozenset[str]:
        return _all_languages()
