"""Reading what the tools need from ``mkdocs.yml`` without building the site."""

from __future__ import annotations

from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring ``!!python/name:`` values (the tools do not need them)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


def site_languages(root: Path) -> list[str]:
    """The site's languages as configured for mkdocs-static-i18n, the default first."""
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)  # noqa: S506
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            ordered = sorted(languages, key=lambda language: not language.get("default"))
            return [lang["locale"] for lang in ordered if lang.get("build", True)]
    raise ValueError("mkdocs.yml has no i18n plugin with languages")
