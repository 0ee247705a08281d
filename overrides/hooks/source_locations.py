"""Hook: the build's warnings name the repository file and line, never the staged copy.

MkDocs validates the staged pages in ``.cache/site-sources/`` and names them in its
warnings (``partnerships/x/a.en.md`` may be a copy of ``a.de.md`` for English readers).
A logging filter on the handlers of the ``mkdocs`` logger (MkDocs' own terminal
handler; mkdocs-static-i18n and every plugin log below ``mkdocs.``) rewrites each
message with ``build_messages.locate`` before it is printed. Installed once, it is
pointed at the current archive on every build (and every ``mkdocs serve`` rebuild).
"""

from __future__ import annotations

import logging
from pathlib import Path

from _archive import archives
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from partnership_archive.build_messages import StagedPage, locate, staged_pages


class SourceLocations(logging.Filter):
    """Rewrites a record's message in place; never drops one (the strict count stays)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, StagedPage] = {}
        self.staging = ""

    def filter(self, record: logging.LogRecord) -> bool:
        if self.pages and record.levelno >= logging.WARNING:
            message = record.getMessage()
            located = locate(message, self.pages, self.staged_text, self.staging)
            if located != message:
                record.msg, record.args = located, ()
        return True

    def staged_text(self, site_path: str) -> str | None:
        try:
            return (Path(self.staging) / site_path).read_text("utf-8")
        except OSError:
            return None


_filter = SourceLocations()


@event_priority(-120)  # after archive_pages (-110) has staged the pages
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    archive = archives.get(config.config_file_path)
    if archive is not None:
        _filter.pages = staged_pages(archive)
        _filter.staging = config.docs_dir
    for handler in logging.getLogger("mkdocs").handlers:
        if _filter not in handler.filters:
            handler.addFilter(_filter)
    return config
