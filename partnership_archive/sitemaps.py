"""Sitemaps: a small index at ``sitemap.xml`` and one sitemap per language.

Material for MkDocs fetches ``sitemap.xml`` next to every ``<link rel="alternate">`` of a
page on every page load, to switch languages in place: it expects each alternate to be
the root of another language's site. mkdocs-static-i18n's alternates are the page's own
translations, so each page asked for ``<page>/sitemap.xml`` in every language and got
404s, while the language selector already links each page's own translation. So:

- no page lists its translations in its head (``without_language_links``); search
  engines find each language's pages with their alternates in ``sitemap-<lang>.xml``;
- the one alternate left in the head is the language's Atom feed (``<folder>/feed.xml``),
  so each language folder has a ``sitemap.xml`` too (``folder_index``), as the site root
  has: sitemap indexes, with no ``<url>`` for Material to read. With one sitemap of
  every page, that fetch would be megabytes per page view for a large archive.
"""

from __future__ import annotations

import re
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


def folder_index(lang: str, site_url: str) -> str:
    """``<folder>/sitemap.xml`` of a language served in a folder: an index of its sitemap
    at the site root (relative to the folder without a ``site_url``)."""
    location = f"{site_url}{file_name(lang)}" if site_url else f"../{file_name(lang)}"
    return (
        HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <sitemap><loc>{escape(location)}</loc></sitemap>\n</sitemapindex>\n"
    )


# Material writes each alternate of config.extra.alternate as exactly this element.
_LANGUAGE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_language_links(page: str) -> str:
    """A page's HTML without the ``<link rel="alternate" hreflang>`` elements of its
    translations (see the module docstring); the feed's alternate has no ``hreflang``."""
    head_end = page.find("</head>")
    if head_end < 0:
        return page
    return _LANGUAGE_LINK.sub("", page[:head_end]) + page[head_end:]
