"""Hook: each language build writes its pages into ``sitemap-<lang>.xml`` at the site root.

``sitemap.xml`` itself is rendered from ``overrides/sitemap.xml`` as an index of these;
see ``partnership_archive.sitemaps`` for why.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from partnership_archive import atomic
from partnership_archive.sitemaps import Entry, file_name, language_sitemap

_files: dict[str, Files] = {}


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _files[config.config_file_path] = files
    return files


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
    target = Path(config.site_dir, file_name(config.theme["language"]))
    atomic.write_text(target, language_sitemap(entries))
