"""Hook: an offline copy that works from ``file://`` without any third-party request.

Material's offline plugin would add a script from unpkg.com to every page; we give it
the same shim served from the site (vendored from npm, see
``overrides/assets/javascripts/vendor/iframe-worker/``), and we write each language's
search index as a script too, since a browser cannot fetch JSON from ``file://``.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from partnership_archive import atomic

SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


def _enabled(config: MkDocsConfig) -> bool:
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


@event_priority(10)  # before the offline plugin looks for an iframe-worker polyfill
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _enabled(config):
        polyfills = config.extra.get("polyfills") or []
        if SHIM not in polyfills:
            config.extra["polyfills"] = [*polyfills, SHIM]
    return config


@event_priority(-120)  # after hooks/language_search.py has written every language's index
def on_post_build(config: MkDocsConfig) -> None:
    if not _enabled(config):
        return
    for index in Path(config.site_dir).glob("**/search/search_index.json"):
        data = json.loads(index.read_text("utf-8"))
        script = "var __index = " + json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic.write_text(index.with_suffix(".js"), script)
