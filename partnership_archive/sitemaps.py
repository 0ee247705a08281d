"""Sitemaps: a small index at ``sitemap.xml`` and one sitemap per language.

Material for MkDocs fetches ``sitemap.xml`` next to every ``<link rel="alternate">`` of a
page (the language versions, the Atom feed) on every page load, to switch languages in
place. With one sitemap of every page of every language, that is megabytes per page
view for a large archive, while the language selector already links each page's own
translation. So ``sitemap.xml`` is a sitemap index (no ``<url>`` for Material to read),
and search engines find each language's pages, with their alternates, in
``sitemap-<lang>.xml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class Entry:
    location: str  # absolute URL, or relative to the site root without site_url
    alternates: tuple[tuple[str, str], ...]  # (language, URL)


def language_sitemap(entries: Iterable[Entry]) -> str:
    urls = []
    for entry in entries:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(url)}"/>'
            for lang, url in entry.alternates
        )
        urls.append(f"<url><loc>{escape(entry.location)}</loc>{links}</url>\n")
    return (
        HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(urls) + "</urlset>\n"
    )


def file_name(lang: str) -> str:
    return f"sitemap-{lang}.xml"
