"""Atom feeds of new public documents, one per site language.

Staff, partners and the municipal website can follow the archive without visiting
it. Built from the public archive only, so nothing internal can appear in a feed.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from .labels import labels, type_name
from .listings import newest_first
from .model import Archive

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50


def page_url(site_key: str, folder: str, directory_urls: bool = True) -> str:
    """A page's path from the site root, as MkDocs writes it: ``x/`` with directory URLs,
    else (the offline copy) ``x.html``."""
    if not directory_urls:
        return "/".join(part for part in (folder, f"{site_key}.html") if part)
    key = site_key.removesuffix("index").rstrip("/")
    return "/".join(part for part in (folder, key) if part) + "/"


def atom_feed(
    archive: Archive,
    lang: str,
    folder: str,
    site_url: str | None,
    site_name: str,
    directory_urls: bool = True,
) -> str:
    """The feed of ``lang`` (served at ``<folder>/feed.xml``) as Atom XML.

    Links are relative to the feed's own folder (Atom resolves them against the feed's
    address, or against ``xml:base`` when the site's address is known).
    """
    ET.register_namespace("", ATOM)
    base = "/".join(p for p in (site_url.rstrip("/"), folder) if p) + "/" if site_url else None
    feed_path = "feed.xml"
    documents = newest_first(archive.documents)[:FEED_LIMIT]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    if base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", base)
    _text(feed, "title", f"{site_name}: {labels(lang)['feed_title']}")
    _text(feed, "id", f"{base}{feed_path}" if base else f"urn:partnership-archive:{lang}:feed")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_path})
    newest = documents[0].date if documents else dt.date(2000, 1, 1)
    _text(feed, "updated", _timestamp(newest))
    for document in documents:
        feed.append(_entry(archive, document, lang, base, directory_urls))
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _entry(
    archive: Archive, document, lang: str, base: str | None, directory_urls: bool
) -> ET.Element:
    partnership = next(p for p in archive.partnerships if p.slug == document.partnership)
    url = page_url(document.site_key, "", directory_urls)
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "title", document.title(lang))
    _text(entry, "id", f"{base}{url}" if base else f"urn:partnership-archive:{lang}:{url}")
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
    _text(entry, "updated", _timestamp(document.date))
    ET.SubElement(
        entry,
        f"{{{ATOM}}}category",
        {"term": document.type, "label": type_name(document.type, lang)},
    )
    _text(entry, "summary", f"{type_name(document.type, lang)} · {partnership.title(lang)}")
    return entry


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
