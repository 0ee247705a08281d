"""``--to``: which languages to translate into, checked against what the archive has.

``--to en``, ``--to de,en`` and ``--to de --to en`` all work. A code that is not a
language stops the command; a language none of the selected documents is translated
into is named with the reason (the partnership's languages, the knowledge base's
from ``translation.yml``, or the original's own language). Only when no requested
language is left does the command stop (exit 2): there is nothing sensible to do.
"""

from __future__ import annotations

from ..answers import parse_language
from ..labels import language_name
from ..mirror_status import Translatable, target_languages
from ..model import Archive, Document
from .common import USAGE, Stop
from .messages import language, t


def requested(values: tuple[str, ...]) -> list[str]:
    """The codes of ``--to``, each checked; split at commas."""
    codes = []
    for value in values:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            try:
                codes.append(parse_language(part))
            except ValueError as error:
                raise Stop(t("to_not_a_language", value=part, error=error), USAGE) from None
    return list(dict.fromkeys(codes))


def wanted_by(archive: Archive, items: list[Translatable], lang: str) -> list[Translatable]:
    """The selected documents and pages that are translated into ``lang``."""
    return [
        item
        for item in items
        if lang != item.source.lang and lang in target_languages(archive, item)
    ]


def check_targets(
    archive: Archive, items: list[Translatable], codes: list[str]
) -> tuple[set[str] | None, list[str]]:
    """The languages to translate into (None: all) and a note for each one left out."""
    if not codes:
        return None, []
    usable = {code for code in codes if wanted_by(archive, items, code)}
    notes = [why_not(archive, items, code) for code in codes if code not in usable]
    if not usable:
        raise Stop("\n".join([*notes, t("to_nothing_to_do")]), USAGE)
    return usable, notes


def why_not(archive: Archive, items: list[Translatable], lang: str) -> str:
    """Why nothing selected is translated into ``lang``, in the user's words."""
    name = f"{language_name(lang, language())} ({lang})"
    if items and all(item.source.lang == lang for item in items):
        return t("to_is_the_original", language=name)
    reasons = []
    slugs = sorted({item.partnership for item in items if isinstance(item, Document)})
    for partnership in (p for p in archive.partnerships if p.slug in slugs):
        languages = ", ".join(partnership.languages)
        reasons.append(t("to_partnership_languages", slug=partnership.slug, languages=languages))
    if any(not isinstance(item, Document) for item in items):
        languages = ", ".join(archive.knowledge_languages or archive.languages)
        reasons.append(t("to_knowledge_languages", languages=languages))
    return t("to_not_wanted", language=name, reasons="; ".join(reasons) or t("to_no_selection"))
