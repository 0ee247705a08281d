"""Hook: "skip to content" lands on the page's title.

Material's skip link leads to the first entry of the page's table of contents, which for
the archive's pages (their titles come from front matter, not from a ``#`` heading) is
the first ``##`` heading: past the title and the notes under it (a machine translation,
the original's language), and on a page without headings there is no skip link at all.
Here the title becomes the first entry, one level above the headings, with the id that
``main.html`` gives the ``<h1>`` it renders; Material's table of contents shows the
entries below a first-level entry, so the sidebar looks as before.
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

TITLE_ID = "__title"  # also in overrides/main.html and overrides/404.html


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<h1" in html_text:  # the page has a title of its own, and Material uses it
        return html_text
    title = AnchorLink(html.escape(page.title or config.site_name), TITLE_ID, 1)
    title.children = list(page.toc)
    page.toc = TableOfContents([title])
    return html_text
