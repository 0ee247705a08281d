"""State the archive hooks share within one `mkdocs build` (or one preview rebuild).

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


# What a build keeps for the next one in the same process. An incremental ("dirty")
# rebuild, as the preview runs on every edit, renders only the pages whose sources
# changed; the search index and the parallel views still need what the earlier builds
# rendered. This module stays loaded across rebuilds; the hook modules do not.
_kept: dict[str, dict] = {}
_incremental = {"build": False}


def start(dirty: bool) -> None:
    """Called when a build starts (``on_startup``): a full build forgets everything kept."""
    _incremental["build"] = dirty
    if not dirty:
        _kept.clear()


def kept(name: str, config: MkDocsConfig) -> dict:
    """A dict that lives as long as this process's builds are incremental."""
    return _kept.setdefault(name, {}).setdefault(config.config_file_path, {})


_forever: dict[str, dict] = {}


def kept_forever(name: str) -> dict:
    """A dict that lives as long as the process (for caches checked against their source)."""
    return _forever.setdefault(name, {})
