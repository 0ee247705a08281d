"""State the archive hooks share within one `mkdocs build` (or one `mkdocs serve` rebuild).

Each hook file is its own module; this one (importable because MkDocs puts the hooks'
folder on ``sys.path``) holds the archive loaded by ``archive_pages`` for the others.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig

from partnership_archive.model import Archive

# Per configuration file: the public archive of the current top-level build and the
# renderer of its generated pages.
archives: dict[str, Archive] = {}
renderers: dict[str, Callable[[str, dict], str]] = {}


def built_languages(config: MkDocsConfig) -> list:
    """mkdocs-static-i18n's language settings that are built, the default one first."""
    languages = config.plugins["i18n"].config.languages
    return sorted((lang for lang in languages if lang.build), key=lambda lang: not lang.default)


def language_folders(config: MkDocsConfig) -> dict[str, str]:
    """Each language's URL folder as mkdocs-static-i18n lays out the site ("" at /)."""
    return {
        language.locale: "" if language.default else language.link.strip("/")
        for language in built_languages(config)
    }


def current_folder(config: MkDocsConfig) -> str:
    """The URL folder of the language being built now."""
    return language_folders(config).get(config.theme["language"], "")
