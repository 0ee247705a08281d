"""Hook: build only the language that ``ARCHIVE_BUILD_LANGUAGE`` names.

The build orchestrator (``partnership_archive.site_build``) runs one ``mkdocs build`` per
language, in parallel, instead of mkdocs-static-i18n's one language after another. Each
of those builds starts in its own language and tells i18n that the other languages are
being built already, so it neither builds them nor merges their search entries; every
language stays a built language, so the language selector and the alternates of every
page still name them all. Without the variable (plain ``mkdocs build``) this does nothing.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

VARIABLE = "ARCHIVE_BUILD_LANGUAGE"


@event_priority(-95)  # after the site's languages are known (-80, -90), before i18n (-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = os.environ.get(VARIABLE)
    if not lang:
        return config
    plugin = config.plugins["i18n"]
    if lang not in plugin.build_languages:
        raise PluginError(f"{VARIABLE}={lang} is not a site language ({plugin.build_languages})")
    plugin.current_language = lang
    plugin.building = True  # i18n's on_post_build then leaves the other languages alone
    return config
