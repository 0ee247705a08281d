"""Cross-cutting lists of documents: latest, by tag, by topic, per partnership by year.

Pure functions from the (public) archive to template contexts. Links are written
relative to the page that shows them, without language suffix, so MkDocs resolves
them to the reader's language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .labels import labels, type_name
from .model import Archive, Document, Partnership, localize
from .pages import relative_link
from .topics import Topic, partnership_topics, topic_names

LATEST_LIMIT = 50


def _row(archive: Archive, document: Document, lang: str, page: str) -> dict[str, Any]:
    partnership = _partnership(archive, document.partnership)
    return {
        "date": document.date.isoformat(),
        "title": document.title(lang),
        "link": relative_link(f"{document.site_key}.md", page),
        "type": type_name(document.type, lang),
        "partnership": partnership.title(lang),
        "partnership_link": relative_link(f"{partnership.folder}/index.md", page),
    }


def _partnership(archive: Archive, slug: str) -> Partnership:
    return next(p for p in archive.partnerships if p.slug == slug)


def newest_first(documents) -> list[Document]:
    return sorted(documents, key=lambda d: (d.date, d.site_key), reverse=True)


def latest_context(archive: Archive, lang: str) -> dict[str, Any]:
    """The newest documents of all partnerships (page ``latest.<lang>.md``)."""
    rows = [_row(archive, d, lang, "latest.md") for d in newest_first(archive.documents)]
    return {"l": labels(lang), "rows": rows[:LATEST_LIMIT]}


def tag_anchor(tag: str) -> str:
    return "tag-" + (re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "x")


def tags_context(archive: Archive, lang: str) -> dict[str, Any]:
    """Every tag with its documents, newest first (page ``tags.<lang>.md``)."""
    by_tag: dict[str, list[Document]] = defaultdict(list)
    for document in archive.documents:
        for tag in document.tags:
            by_tag[tag].append(document)
    return {
        "l": labels(lang),
        "tags": [
            {
                "name": tag,
                "anchor": tag_anchor(tag),
                "rows": [_row(archive, d, lang, "tags.md") for d in newest_first(by_tag[tag])],
            }
            for tag in sorted(by_tag, key=str.lower)
        ],
    }


def topics_context(archive: Archive, lang: str) -> dict[str, Any]:
    """Topics across partnerships: which partnerships work on what (page ``topics``); a
    topic written differently by two partnerships is one (see ``topics``)."""
    names = topic_names(archive, lang)
    by_topic: dict[Topic, list[Partnership]] = defaultdict(list)
    for partnership in archive.partnerships:
        for topic in partnership_topics(partnership, names, lang):
            by_topic[topic].append(partnership)
    return {
        "l": labels(lang),
        "topics": [
            {
                "name": topic.name,
                "lang": topic.lang,
                "partnerships": [
                    {
                        "title": p.title(lang),
                        "link": relative_link(f"{p.folder}/index.md", "topics.md"),
                        "documents": len(archive.documents_of(p.slug)),
                    }
                    for p in by_topic[topic]
                ],
            }
            for topic in sorted(by_topic, key=lambda topic: topic.name.casefold())
        ],
    }


def timeline_context(archive: Archive, partnership: Partnership, lang: str) -> dict[str, Any]:
    """Documents and milestones of one partnership by year, newest year first."""
    page = f"{partnership.folder}/timeline.md"
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for milestone in partnership.milestones:
        years[milestone.date.year].append(
            {
                "date": milestone.date.isoformat(),
                "milestone": True,
                "title": localize(milestone.title, lang, partnership.languages),
            }
        )
    for document in archive.documents_of(partnership.slug):
        years[document.date.year].append(
            {**_row(archive, document, lang, page), "milestone": False}
        )
    return {
        "l": labels(lang),
        "title": f"{labels(lang)['timeline']}: {partnership.title(lang)}",
        "years": [
            {"year": year, "entries": sorted(years[year], key=lambda e: e["date"], reverse=True)}
            for year in sorted(years, reverse=True)
        ],
    }
