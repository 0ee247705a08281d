"""Hook: fill each parallel view with the HTML already rendered for its two versions.

A staged parallel page carries only a slot (see ``partnership_archive.parallel``). While
a language is built, this hook keeps the content MkDocs rendered for every document
version in that language. A parallel page is filled as it is written when both of its
versions are rendered by then (in the later language builds), else after the last
language build. Under the build orchestrator (``partnership_archive.site_build``), which
builds each language in its own process, every process hands what it rendered and what
still waits to the orchestrator instead (``ARCHIVE_HANDOFF``), which fills the rest.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from _archive import archives, kept, language_folders, start
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from partnership_archive import atomic
from partnership_archive.model import Document, split_language
from partnership_archive.parallel import Rendered, Waiting, fill, fill_built_pages, pair_for

SUFFIX = ".parallel"

# Per configuration file: pages still waiting. The rendered versions, by (site key,
# language), are kept for incremental rebuilds (see _archive.kept).
_waiting: dict[str, list[Waiting]] = {}
_environments: dict = {}


def _renderer(config: MkDocsConfig):
    """Renders hooks/<name> templates; one environment per build, so each compiles once."""
    env = _environments.get(config.config_file_path)
    if env is None:
        env = _environments[config.config_file_path] = config.theme.get_env()
    return lambda name, context: env.get_template(f"hooks/{name}").render(**context)


def _document(config: MkDocsConfig, key: str) -> Document | None:
    archive = archives.get(config.config_file_path)
    item = archive.item(key) if archive else None
    return item if isinstance(item, Document) and len(item.versions) > 1 else None


def on_startup(command: str, dirty: bool) -> None:
    start(dirty)


def _rendered(config: MkDocsConfig) -> dict[tuple[str, str], Rendered]:
    return kept("parallel", config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    key, _ = split_language(page.file.src_uri)
    lang = config.theme["language"]
    document = _document(config, key)
    if document is not None and lang in document.versions:
        _rendered(config)[(key, lang)] = Rendered(page.url, html)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    key, _ = split_language(page.file.src_uri)
    document = _document(config, key.removesuffix(SUFFIX)) if key.endswith(SUFFIX) else None
    if document is None:
        return output
    lang = config.theme["language"]
    waiting = Waiting(
        document.site_key, lang, pair_for(document, lang), page.url, page.file.abs_dest_path
    )
    rendered = _rendered(config)
    versions = {code: rendered.get((document.site_key, code)) for code in waiting.pair}
    if None in versions.values():
        _waiting.setdefault(config.config_file_path, []).append(waiting)
        return output
    return fill(output, waiting, versions, language_folders(config), _renderer(config))


@event_priority(-105)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    waiting = _waiting.pop(config.config_file_path, [])
    rendered = _rendered(config)
    handoff = os.environ.get("ARCHIVE_HANDOFF")
    if handoff:
        target = Path(handoff, f"{config.theme['language']}.pickle")
        atomic.write_bytes(target, pickle.dumps((rendered, waiting)))
        return
    still = fill_built_pages(waiting, rendered, language_folders(config), _renderer(config))
    if still:
        _waiting[config.config_file_path] = still
