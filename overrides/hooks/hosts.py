"""Hook: build the site for one host (hosts.yml) and one audience (public or internal).

Runs before mkdocs-static-i18n reads its languages: the host's default language
becomes the site's default (served at ``/``), the others move to ``/<lang>/``. The
footer names the host and links its legal notice and privacy policy; the header
shows its logo. See ``partnership_archive.hosts``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from partnership_archive.findings import ArchiveError
from partnership_archive.hosts import audience, selected_host
from partnership_archive.labels import labels

THEME_DIR = "overrides"


@event_priority(-80)  # before partnership_languages (-90) and mkdocs-static-i18n (-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        host = selected_host(root)
        who = audience()
    except ArchiveError as error:
        raise PluginError(f"Cannot build:\n{error}") from None
    config.extra["archive_audience"] = who
    # An empty SITE_URL makes MkDocs' site_url None, and mkdocs-static-i18n's sitemap
    # then writes "None" in front of every address; unset, it is "" (relative entries).
    config.site_url = config.site_url or ""
    if host is None:
        return config
    _make_default(config, host.default_language)
    lang = host.default_language
    config.extra["archive_host"] = {
        "municipality": host.municipality,
        "legal_notice": host.legal_notice,
        "privacy_policy": host.privacy_policy,
        "accessibility_contact": host.accessibility_contact,
        "labels": {key: labels(lang)[key] for key in ("legal_notice", "privacy_policy")},
    }
    if host.logo:
        logo = PurePosixPath(host.logo)
        if logo.parts[0] != THEME_DIR:
            raise PluginError(f"hosts.yml: the logo of '{host.name}' must lie in {THEME_DIR}/")
        config.theme["logo"] = str(PurePosixPath(*logo.parts[1:]))
    return config


def _make_default(config: MkDocsConfig, locale: str) -> None:
    languages = config.plugins["i18n"].config.languages
    if locale not in [language.locale for language in languages]:
        raise PluginError(
            f"hosts.yml: the default language '{locale}' is not a site language; "
            "add it to plugins.i18n.languages in mkdocs.yml"
        )
    for language in languages:
        language.default = language.locale == locale
        language.link = "/" if language.default else f"/{language.locale}/"
