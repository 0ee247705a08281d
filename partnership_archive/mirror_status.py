"""Where each mirror stands relative to its source: one rule for tools and site alike.

A mirror records the fingerprint of the source it was made from (``source_hash``)
and, when the tool wrote it, of the text it wrote (``text_hash``). From those:

- ``machine``: machine translation of the current source, untouched since;
- ``incomplete``: the same, but some of its text could not be translated safely and is
  still in the source language (the record lists the source lines): a person must look;
- ``outdated``: machine translation of an older source, untouched: the tool updates it;
- ``edited``: machine translation that a person changed: never overwritten again;
- ``reviewed``: a person checked it against the current source;
- ``stale``: reviewed or edited, but the source changed since: a person must look;
- ``missing``: the document has no version in that language;
- ``original``: a second original (no translation record): not tracked;
- ``pseudo``: pseudo-text from the ``pseudo`` provider, made to try the tools: never
  published, never counted as reviewed (whatever its record says), replaced by the
  next real translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Archive, Document, KnowledgePage, Version, mirror_path

PSEUDO_PROVIDER = "pseudo"

STATES = (
    "pseudo",
    "machine",
    "incomplete",
    "outdated",
    "edited",
    "reviewed",
    "stale",
    "missing",
    "original",
)
NEEDS_ATTENTION = ("pseudo", "incomplete", "outdated", "stale", "missing")


def mirror_state(source: Version, mirror: Version | None) -> str:
    if mirror is None:
        return "missing"
    record = mirror.translation
    if record is None:
        return "original"
    if record.provider == PSEUDO_PROVIDER:
        return "pseudo"
    current = record.source_hash == source.content_hash
    edited = record.status == "machine" and record.text_hash != mirror.content_hash
    if record.status == "reviewed" or edited:
        if not current:
            return "stale"
        return "edited" if edited else "reviewed"
    if not current:
        return "outdated"
    return "incomplete" if record.untranslated else "machine"


def is_machine_made(state: str) -> bool:
    return state in ("pseudo", "machine", "incomplete", "outdated", "edited")


Translatable = Document | KnowledgePage


@dataclass(frozen=True)
class MirrorReport:
    document: Translatable
    lang: str
    state: str

    @property
    def path(self) -> str:
        """The mirror's file, or where it would be."""
        version = self.document.versions.get(self.lang)
        return version.path if version else mirror_path(self.document.source, self.lang)


def target_languages(archive: Archive, item: Translatable) -> tuple[str, ...]:
    """Documents are mirrored into their partnership's languages; knowledge pages into
    ``archive.knowledge_languages`` (``translation.yml``, default: the site's languages)
    and into any language they have a mirror in already: an existing mirror is kept
    up to date, whatever the settings say about new ones."""
    if isinstance(item, Document):
        return next(p.languages for p in archive.partnerships if p.slug == item.partnership)
    wanted = (
        archive.languages if archive.knowledge_languages is None else archive.knowledge_languages
    )
    return (*wanted, *(lang for lang in item.versions if lang not in wanted))


def report(archive: Archive, slug: str | None = None) -> list[MirrorReport]:
    """The state of every mirror (and missing one): of one partnership, or of everything."""
    items: list[Translatable] = list(archive.documents)
    if slug is None:
        items += archive.knowledge
    else:
        items = [d for d in archive.documents if d.partnership == slug]
    rows = []
    for item in items:
        source = item.source
        for lang in target_languages(archive, item):
            if lang != source.lang:
                rows.append(MirrorReport(item, lang, mirror_state(source, item.versions.get(lang))))
    return rows
