"""Reading what the tools need from ``mkdocs.yml`` without building the site."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import source_text
from .frontmatter import YamlProblem, load_yaml
from .limits import Limits
from .model import PARTNERSHIP_FILE, PARTNERSHIPS_DIR


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring ``!!python/name:`` values (the tools do not need them)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


def _mkdocs_yml(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)  # noqa: S506


def configured_limits(root: Path) -> Limits:
    """The limits under ``extra: archive_limits:`` in mkdocs.yml (defaults without the file).

    The build hook reads the same setting from MkDocs' own ``config.extra``.
    """
    if not (root / "mkdocs.yml").is_file():
        return Limits()
    config = _mkdocs_yml(root)
    return Limits.from_extra(config.get("extra") if isinstance(config, dict) else None)


def configured_languages(root: Path) -> list[str]:
    """The languages mkdocs.yml configures for mkdocs-static-i18n, the default first."""
    config = _mkdocs_yml(root)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            ordered = sorted(languages, key=lambda language: not language.get("default"))
            return [lang["locale"] for lang in ordered if lang.get("build", True)]
    raise ValueError("mkdocs.yml has no i18n plugin with languages")


def partnership_languages(root: Path) -> list[str]:
    """Every language some partnership declares, in order of first appearance.

    Read leniently: a broken partnership.yml is reported by validation, not here.
    """
    found: list[str] = []
    for config in sorted((root / PARTNERSHIPS_DIR).glob(f"*/{PARTNERSHIP_FILE}")):
        try:
            data, _ = load_yaml(source_text.read(config))
        except (YamlProblem, source_text.Unreadable):
            continue
        languages = data.get("languages") if isinstance(data, dict) else None
        for lang in languages if isinstance(languages, list) else []:
            if isinstance(lang, str) and re.fullmatch(r"[a-z]{2}", lang) and lang not in found:
                found.append(lang)
    return found


def site_languages(configured: list[str], partnerships: list[str]) -> list[str]:
    """The site's languages: those configured, then any other a partnership uses."""
    return configured + [lang for lang in partnerships if lang not in configured]


def archive_languages(root: Path) -> list[str]:
    return site_languages(configured_languages(root), partnership_languages(root))
