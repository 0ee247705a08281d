"""The build's warnings about staged pages, pointed at the repository file and line.

The build stages every page of every language into ``.cache/site-sources/``
(``site_sources``), so MkDocs and mkdocs-static-i18n name staged files: ``x.en.md``
may be a copy of ``x.de.md`` made for English readers, and some messages carry the
absolute path of the staging folder. ``locate`` rewrites such a message to begin with
the file a coordinator edits and, for a link, its line (found in the staged text, whose
lines are the repository file's: staging changes links within their line only). A
copy's message says which language's page it is. Pure: the hook
``overrides/hooks/source_locations.py`` applies it to every log record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .labels import language_name
from .model import Archive, version_path

STAGING = ".cache/site-sources"

_DOC_FILE = re.compile(r"Doc file '([^']+)' ")
_LINK = re.compile(r"contains a link '([^']+)'")
_QUOTED = re.compile(r"'([^'\s]+\.md)'")


@dataclass(frozen=True)
class StagedPage:
    source: str  # the repository file the page shows
    lang: str  # the language of the page
    copied: bool  # a copy of the original, for readers of a language it does not exist in


def staged_pages(archive: Archive) -> dict[str, StagedPage]:
    """Every staged document and knowledge page by its path in the staging folder."""
    pages = {}
    for item in (*archive.knowledge, *archive.documents):
        for lang in archive.languages:
            shown = item.versions.get(lang) or item.source
            copied = lang not in item.versions
            pages[version_path(item.site_key, lang)] = StagedPage(shown.path, lang, copied)
    return pages


def unstaged(message: str, staging: str) -> str:
    """``/abs/.cache/site-sources/x.md`` and ``.cache/site-sources/x.md`` -> ``x.md``."""
    for prefix in (f"{staging.rstrip('/')}/", f"{STAGING}/"):
        message = message.replace(prefix, "")
    return message


def locate(
    message: str,
    pages: dict[str, StagedPage],
    staged_text: Callable[[str], str | None],
    staging: str = STAGING,
) -> str:
    """``message`` naming repository files (and the line of a link) instead of staged ones."""
    message = unstaged(message, staging)
    found = _DOC_FILE.search(message)
    page = pages.get(found.group(1)) if found else None
    if found is None or page is None:
        return _quoted_paths(message, pages)
    rest = message[: found.start()] + message[found.end() :]
    link = _LINK.search(rest)
    rest = _quoted_paths(rest, pages)
    line = link_line(staged_text(found.group(1)) or "", link.group(1)) if link else None
    where = f"{page.source}:{line}" if line else page.source
    return f"{where}: {rest}{_copy_note(page)}"


def link_line(text: str, target: str) -> int | None:
    """The first line that links to ``target`` (as Markdown, HTML or a reference)."""
    forms = (f"({target}", f"<{target}>", f'"{target}"', f"'{target}'", f"]: {target}")
    lines = text.splitlines()
    for form in (*forms, target):
        for number, line in enumerate(lines, 1):
            if form in line:
                return number
    return None


def _quoted_paths(message: str, pages: dict[str, StagedPage]) -> str:
    """Other staged pages a message quotes (a link's target page): their repository file."""

    def repository(match: re.Match) -> str:
        page = pages.get(match.group(1))
        return f"'{page.source}'{_copy_note(page)}" if page else match.group(0)

    return _QUOTED.sub(repository, message)


def _copy_note(page: StagedPage) -> str:
    if not page.copied:
        return ""
    return f" (on the {language_name(page.lang, 'en')} page, which shows this file)"
