"""Hook: each language build writes its pages into ``sitemap-<lang>.xml`` at the site root.

``sitemap.xml`` itself is rendered from ``overrides/sitemap.xml`` as an index of these;
a language in a folder gets a ``sitemap.xml`` there too, and no page lists its
translations in its head: see ``partnership_archive.sitemaps`` for why.
"""

from __future__ import annotations

from pathlib import Path

from _archive import current_folder
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from partnership_archive import atomic
from partnership_archive.sitemaps import (
    Entry,
    file_name,
    folder_index,
    language_sitemap,
    without_language_links,
)

_files: dict[str, Files] = {}


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _files[config.config_file_path] = files
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_language_links(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return without_language_links(output) if template_name == "404.html" else output


def _url(config: MkDocsConfig, file) -> str:
    page = file.page
    return (page.canonical_url if page else None) or f"{config.site_url or ''}{file.url}"


# Default priority: before mkdocs-static-i18n's on_post_build starts the next language.
def on_post_build(config: MkDocsConfig) -> None:
    files = _files.pop(config.config_file_path, None)
    if files is None:
        return
    entries = [
        Entry(
            _url(config, file),
            tuple(
                (lang, _url(config, alternate))
                for lang, alternate in sorted(getattr(file, "alternates", {}).items())
            ),
        )
        for file in files.documentation_pages()
        if file.page is not None
    ]
    lang = config.theme["language"]
    atomic.write_text(Path(config.site_dir, file_name(lang)), language_sitemap(entries))
    folder = current_folder(config)
    if folder:
        atomic.write_text(
            Path(config.site_dir, folder, "sitemap.xml"), folder_index(lang, config.site_url)
        )
