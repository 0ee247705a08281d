"""What generated pages and page templates show, computed from the model (pure).

The functions return plain dictionaries that Jinja templates in
``overrides/hooks/`` turn into Markdown (overview pages) or HTML (page headers).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any

from babel.numbers import format_decimal

from . import resilience
from .labels import country_name, labels, language_name, type_name
from .mirror_status import STATES, is_machine_made, mirror_state, report
from .model import (
    Archive,
    Contact,
    Document,
    KnowledgePage,
    Partnership,
    Version,
    localize,
    site_folder,
    version_path,
)
from .schema import DOCUMENT_TYPES
from .topics import partnership_topics, topic_names

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|#+!{}~=^])")


def md_text(text: object) -> str:
    """A coordinator's text, shown literally inside generated Markdown (also in tables)."""
    escaped = html.escape(str(text), quote=False)
    return " ".join(_MARKDOWN_SPECIALS.sub(r"\\\1", escaped).split())


def language_list(codes: Iterable[str], lang: str, original: str | None = None) -> list[dict]:
    l10n = labels(lang)
    return [
        {
            "code": code,
            "name": language_name(code, lang),
            "note": l10n["original"] if code == original else "",
        }
        for code in codes
    ]


def overview_context(archive: Archive, partnership: Partnership, lang: str) -> dict[str, Any]:
    """Everything the overview page of one partnership shows in ``lang``."""
    fallbacks = partnership.languages
    documents = archive.documents_of(partnership.slug)
    return {
        "lang": lang,
        "l": labels(lang),
        "title": partnership.title(lang),
        "description": localize(partnership.description, lang, fallbacks),
        "since": partnership.since,
        "languages": language_list(partnership.languages, lang),
        "municipalities": [
            {
                "name": town.name,
                "country": country_name(town.country, lang),
                "language": language_name(town.language, lang),
                "website": town.website,
            }
            for town in partnership.municipalities
        ],
        "topics": partnership_topics(partnership, topic_names(archive, lang), lang),
        "contacts": contact_cards(
            partnership.contacts,  # the public archive has dropped non-public people
            lang,
            version_path(f"{partnership.folder}/index", lang),
            fallbacks,
        ),
        "document_count": len(documents),
        "self_check": resilience.page_labels(lang)["title"]
        if partnership.self_assessment
        else None,
        "groups": document_groups(documents, lang),
    }


def document_groups(documents: list[Document], lang: str) -> list[dict[str, Any]]:
    """Documents grouped by type (in the order of the type list), newest first."""
    groups = []
    for doc_type in DOCUMENT_TYPES:
        members = sorted(
            (d for d in documents if d.type == doc_type),
            key=lambda d: (d.date, d.key),
            reverse=True,
        )
        if members:
            groups.append(
                {
                    "type": doc_type,
                    "heading": type_name(doc_type, lang, plural=True),
                    "rows": [_row(d, lang) for d in members],
                }
            )
    return groups


def _row(document: Document, lang: str) -> dict[str, Any]:
    return {
        "title": document.title(lang),
        "link": f"{document.key}.md",
        "date": document.date.isoformat(),
        "languages": language_list(document.languages, lang, document.source.lang),
        "attachments": len(document.attachments),
    }


def file_size(size: int, lang: str) -> str:
    """``1234567`` -> ``1,2 MB`` (German) / ``1.2 MB`` (English)."""
    if size >= 1_000_000:
        return f"{format_decimal(size / 1_000_000, '#,##0.0', locale=lang)} MB"
    return f"{format_decimal(max(size, 1) / 1000, '#,##0', locale=lang)} kB"


def relative_link(target: str, page: str) -> str:
    """A link from the page file ``page`` to ``target`` (both site source paths)."""
    return posixpath.relpath(target, posixpath.dirname(page))


def attachments_context(document: Document, lang: str, page: str) -> dict[str, Any]:
    """The download list of a document page (``page``: its site source path)."""
    fallbacks = tuple(document.versions)
    return {
        "l": labels(lang),
        "attachments": [
            {
                "title": localize(item.title, lang, fallbacks) or PurePosixPath(item.path).name,
                "link": relative_link(site_folder(item.path), page),
                "kind": item.kind,
                "size": file_size(item.size, lang),
            }
            for item in document.attachments
        ],
    }


def contact_cards(
    contacts: Iterable[Contact], lang: str, page: str, fallbacks: Sequence[str]
) -> list[dict[str, Any]]:
    """Contact cards as templates show them; ``page`` is where the links start."""
    return [
        {
            "name": person.name,
            "role": localize(person.role, lang, fallbacks),
            "municipality": person.municipality,
            "email": person.email,
            "photo": relative_link(site_folder(person.photo), page) if person.photo else None,
        }
        for person in contacts
    ]


def feedback_contact_context(host: dict | None, lang: str) -> dict[str, Any]:
    """Whom readers tell about barriers (the accessibility statement): the hosting
    municipality's ``accessibility_contact`` from hosts.yml, an e-mail or a web address,
    and its legal notice (which names a contact too)."""
    contact = (host or {}).get("accessibility_contact") or ""
    web = contact if contact.startswith(("http://", "https://")) else ""
    return {
        "l": labels(lang),
        "municipality": (host or {}).get("municipality"),
        "email": contact if contact and not web else "",
        "web": web,
        "legal_notice": (host or {}).get("legal_notice"),
    }


def self_check_page_context(
    archive: Archive, partnership: Partnership, lang: str
) -> dict[str, Any]:
    """The resilience self-check page of one partnership (public documents only)."""
    documents = {d.key: d.title(lang) for d in archive.documents_of(partnership.slug)}
    has_kb = any(p.site_key == resilience.KNOWLEDGE_KEY for p in archive.knowledge)
    return resilience.self_check_context(
        partnership.slug,
        partnership.title(lang),
        partnership.self_assessment,
        documents,
        lang,
        fallbacks=partnership.languages,
        knowledge_link=f"../../{resilience.KNOWLEDGE_KEY}.md" if has_kb else None,
    )


def partnership_list_context(archive: Archive, lang: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "l": labels(lang),
        "partnerships": [
            {
                "title": p.title(lang),
                "link": f"{p.slug}/index.md",
                "description": localize(p.description, lang, p.languages),
                "municipalities": [town.name for town in p.municipalities],
                "since": p.since,
                "document_count": len(archive.documents_of(p.slug)),
            }
            for p in archive.partnerships
        ],
    }


def page_context(archive: Archive, site_key: str, lang: str) -> dict[str, Any] | None:
    """What the header of an archive page shows: facts, languages, notes."""
    document = archive.item(site_key)
    if document is None:
        return None
    if isinstance(document, KnowledgePage):
        return {
            "kind": "knowledge",
            **_fallback(document.versions, document.source.lang, lang),
            **_translation_notes(document.source, document.versions.get(lang), lang),
        }
    partnership = next(p for p in archive.partnerships if p.slug == document.partnership)
    l10n = labels(lang)
    return {
        "kind": "document",
        "l": l10n,
        "internal": not document.is_public,
        "partnership_title": partnership.title(lang),
        "overview_key": f"{partnership.folder}/index.md",
        "type_name": type_name(document.type, lang),
        "date": document.date.isoformat(),
        "languages": language_list(document.languages, lang, document.source.lang),
        "tags": list(document.tags),
        **_fallback(document.versions, document.source.lang, lang),
        **_translation_notes(document.source, document.versions.get(lang), lang),
    }


def _translation_notes(source: Version, shown: Version | None, lang: str) -> dict[str, Any]:
    """Banners for a mirror: machine-made, and/or its original changed since."""
    if shown is None or shown.translation is None:
        return {"translation": None}
    state = mirror_state(source, shown)
    l10n = labels(lang)
    original = language_name(source.lang, lang)
    return {
        "translation": {
            "state": state,
            "source_lang": source.lang,
            "machine": _machine_banner(state, l10n, original),
            "stale": l10n["stale_banner"].format(language=original)
            if state in ("stale", "outdated")
            else None,
            "incomplete": l10n["incomplete_banner"].format(language=original)
            if state == "incomplete"
            else None,
            "read_original": l10n["read_original"],
            "machine_title": l10n["states"]["machine"],
        }
    }


def _machine_banner(state: str, l10n: dict, original: str) -> str | None:
    """A pseudo-translation says what it is; no machine-made text passes as reviewed."""
    if state == "pseudo":
        return l10n["pseudo_banner"].format(language=original)
    return l10n["machine_banner"].format(language=original) if is_machine_made(state) else None


def translation_status_context(
    archive: Archive, partnership: Partnership, lang: str
) -> dict[str, Any]:
    """The translation status page of one partnership, grouped by state."""
    l10n = labels(lang)
    rows = report(archive, partnership.slug)
    groups = []
    for state in STATES:
        members = [r for r in rows if r.state == state]
        if members:
            groups.append(
                {
                    "state": state,
                    "heading": l10n["states"][state],
                    "rows": [
                        {
                            "title": r.document.title(lang),
                            "link": f"{r.document.key}.md",
                            "language": language_name(r.lang, lang),
                            "source_language": language_name(r.document.source.lang, lang),
                            "untranslated": _untranslated_lines(r),
                        }
                        for r in members
                    ],
                }
            )
    return {
        "lang": lang,
        "l": l10n,
        "title": f"{l10n['translation_status']}: {partnership.title(lang)}",
        "groups": groups,
    }


def _untranslated_lines(row: Any) -> str:
    """``12, 30``: the source lines an incomplete mirror keeps in the original language."""
    mirror = row.document.versions.get(row.lang)
    record = mirror.translation if mirror else None
    return ", ".join(str(line) for line in record.untranslated) if record else ""


def _fallback(versions: dict, original: str, lang: str) -> dict[str, Any]:
    """A page missing in the reader's language shows the original, and says so."""
    if lang in versions:
        return {"fallback": None}
    note = labels(lang)["fallback_note"].format(
        reader_language=language_name(lang, lang),
        original_language=language_name(original, lang),
    )
    return {
        "fallback": {
            "lang": original,
            "language_name": language_name(original, lang),
            "note": note,
        }
    }
