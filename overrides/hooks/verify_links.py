"""Hook: a broken link never publishes silently.

After the last language is built (mkdocs-static-i18n builds the other languages
inside the default language's ``on_post_build``), every local ``href`` and ``src`` of
every page, 404 page, sitemap and feed must lead to a file of the site. A link that
does not is a warning naming the page and the target, so ``mkdocs build --strict``
fails. The checking is ``partnership_archive.built_links``; this hook does the I/O.
An incremental rebuild (the preview's) reads again only the files that changed since
the last check (``built_links.Memo``, kept while the builds are incremental).
"""

from __future__ import annotations

import time
from pathlib import Path

from _archive import archives, kept
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from partnership_archive.built_links import Memo, check_site
from partnership_archive.model import split_language

log = get_plugin_logger("archive")

LIMIT = 50  # warnings listed one by one; a systematic mistake should not flood the log

# Per configuration file: output file -> the repository file it was made from.
_sources: dict[str, dict[str, str]] = {}


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    archive = archives.get(config.config_file_path)
    key, _ = split_language(page.file.src_uri)
    item = archive.item(key) if archive else None
    if item is not None:
        version = item.versions.get(config.theme["language"]) or item.source
        _sources.setdefault(config.config_file_path, {})[page.file.dest_uri] = version.path
    return output


@event_priority(-130)  # after i18n (-100), language_search (-110) and offline_copy (-120)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a language build inside the default one: the site is not complete yet
    start = time.perf_counter()
    memo = kept("built-links", config).setdefault("memo", Memo())
    pages, broken = check_site(Path(config.site_dir), config.site_url or None, memo)
    sources = _sources.pop(config.config_file_path, {})
    for link in broken[:LIMIT]:
        log.warning(link.message(sources.get(link.page)))
    if len(broken) > LIMIT:
        log.warning(f"... and {len(broken) - LIMIT} more broken links in the built site")
    seconds = time.perf_counter() - start
    log.info(f"Checked the links of {pages} pages of the built site in {seconds:.2f} s")
