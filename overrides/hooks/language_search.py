"""Hook: a separate search index for each site language.

See ``partnership_archive.search_index`` for the why. This hook only does the I/O:
after each language build it writes that language's index into its folder, and it
points every non-default-language page at that folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from _archive import current_folder, language_folders
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from partnership_archive import atomic
from partnership_archive.search_index import for_language, label_titles, with_search_base

# Pages shown in their original language, by URL, with the language's name: their
# search entries are labelled. Filled by on_page_context in every language build.
_original_language_pages: dict[str, str] = {}


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    info = context.get("archive_page")  # set by hooks/archive_pages.py, listed before us
    if info and info.get("fallback"):
        _original_language_pages[page.url] = info["fallback"]["language_name"]
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    folder = current_folder(config)
    return with_search_base(output, folder) if folder else output


# After mkdocs-static-i18n's own on_post_build (-100): in the default language's
# build it runs the other languages' builds and then writes the merged index. Every
# language is split out on every call, so the last call (on the merged index) wins;
# the language of the config is not reliable here, i18n leaves it at the last one.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_path.is_file():
        return
    merged = label_titles(json.loads(merged_path.read_text("utf-8")), _original_language_pages)
    folders = language_folders(config)
    for lang, folder in folders.items():
        index = for_language(merged, lang, folders)
        target = Path(config.site_dir, folder, "search", "search_index.json")
        atomic.write_text(target, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
