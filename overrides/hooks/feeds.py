"""Hook: an Atom feed of new public documents per site language (``<lang>/feed.xml``).

The feed is built from the public archive only. Each page announces its language's
feed in its head so browsers and feed readers find it.
"""

from __future__ import annotations

from pathlib import Path

from _archive import archives, current_folder
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from partnership_archive import atomic
from partnership_archive.feeds import atom_feed
from partnership_archive.labels import labels


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    folder = current_folder(config)
    context["archive_feed"] = {
        "url": f"{folder}/feed.xml" if folder else "feed.xml",
        "title": labels(config.theme["language"])["feed_title"],
    }
    return context


# Default priority: runs before mkdocs-static-i18n's on_post_build starts the next
# language's build, while the configuration still speaks this build's language.
def on_post_build(config: MkDocsConfig) -> None:
    archive = archives.get(config.config_file_path)
    if archive is None:
        return
    folder = current_folder(config)
    feed = atom_feed(
        archive,
        config.theme["language"],
        folder,
        config.site_url,
        config.site_name,
        directory_urls=config.use_directory_urls,
    )
    atomic.write_text(Path(config.site_dir, folder, "feed.xml"), feed)
