"""Hook: a separate, compact search index for each site language.

See ``partnership_archive.search_index`` for the design. This hook only does the I/O:
it keeps what the index needs of every page of the language being built, tells
Material's search plugin to index nothing (it still renders the search box and writes
the ``search_index.json`` that Material's script fetches, which stays tiny), writes the
language's index files after the language's build, and points every page's search at
its language folder and at the archive's search worker.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from _archive import archives, current_folder, kept, language_folders
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from partnership_archive import atomic
from partnership_archive.labels import language_name
from partnership_archive.model import split_language
from partnership_archive.search_index import (
    INDEX_FOLDER,
    SearchPage,
    build,
    script,
    search_page,
    stub,
    with_search,
)

_written: dict[str, set[str]] = {}  # per configuration file: languages written by now


def _pages(config: MkDocsConfig) -> dict[str, dict[str, SearchPage]]:
    """Per language, the pages of its build by location; kept for incremental rebuilds,
    which render only the pages that changed (see _archive.kept)."""
    return kept("search", config)


# Before Material's search plugin (priority 0), which then finds every page excluded.
@event_priority(10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    search = page.meta.get("search") or {}
    if not search.get("exclude"):
        label = _original_language(config, page)
        folder = current_folder(config)
        location = page.url.removeprefix(f"{folder}/") if folder else page.url
        tags = page.meta.get("tags") if isinstance(page.meta.get("tags"), list) else ()
        entry = search_page(location, page.title or "", page.content or "", label, map(str, tags))
        by_language = _pages(config).setdefault(config.theme["language"], {})
        by_language[entry.location] = entry
    page.meta["search"] = {**search, "exclude": True}  # Material's own index stays empty
    return context


def _original_language(config: MkDocsConfig, page: Page) -> str | None:
    """The name of the language a page is shown in when it is not the reader's."""
    archive = archives.get(config.config_file_path)
    item = archive.item(split_language(page.file.src_uri)[0]) if archive else None
    lang = config.theme["language"]
    return language_name(item.source.lang, lang) if item and lang not in item.versions else None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_search(output, current_folder(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page searches too (before hooks/not_found_page.py copies it)."""
    return with_search(output, current_folder(config)) if template_name == "404.html" else output


# After mkdocs-static-i18n's on_post_build (-100), which in the default language's build
# first builds the other languages (each running this hook) and then rewrites the default
# language's search_index.json with the merged entries of all: so every stub written so
# far is written again, last.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    folders = language_folders(config)
    written = _written.setdefault(config.config_file_path, set())
    for lang, pages in _pages(config).items():
        if lang not in written:
            _write_index(config, lang, folders[lang], list(pages.values()))
            written.add(lang)
    for lang in written:
        _write_stub(config, lang, folders[lang])


def _write_index(config: MkDocsConfig, lang: str, folder: str, pages: list[SearchPage]) -> None:
    target = Path(config.site_dir, folder, INDEX_FOLDER)
    files = {f"{name}.js": script(name, data) for name, data in build(pages).items()}
    written = kept("search-files", config)
    if lang in written and target.is_dir():  # an incremental build: only what changed
        _update(target, written[lang], files)
    else:
        _replace(target, files)
    written[lang] = files


def _replace(target: Path, files: dict[str, str]) -> None:
    """Write the index next to the target and move it in whole: never half an index."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # (mkdir, not mkdtemp: the web server's user must be able to read it.)
    temporary = target.with_name(f".{target.name}-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    for name, text in files.items():
        path = temporary / name
        if not path.parent.is_dir():
            path.parent.mkdir()
        path.write_text(text, "utf-8")
    shutil.rmtree(target, ignore_errors=True)
    temporary.replace(target)


def _update(target: Path, before: dict[str, str], files: dict[str, str]) -> None:
    for name, text in files.items():
        if before.get(name) != text:
            path = target / name
            path.parent.mkdir(exist_ok=True)
            atomic.write_text(path, text)
    for name in before.keys() - files.keys():
        (target / name).unlink(missing_ok=True)


def _write_stub(config: MkDocsConfig, lang: str, folder: str) -> None:
    search = config.plugins["material/search"].config
    settings = {"separator": search.separator, "pipeline": search.pipeline}
    data = json.dumps(stub(lang, settings), separators=(",", ":"))
    atomic.write_text(Path(config.site_dir, folder, "search", "search_index.json"), data)
