"""Hook: the sidebar rendered once per language and folder, not once for every page.

Material renders the whole navigation into every page, which is almost half of the
time spent in templates. For a page that is not itself in the navigation (documents,
side-by-side views: nearly every page of a large archive) the result depends only on
the language and on the page's folder (its links are relative), so it is rendered for
the first such page of a folder and reused for the others. Material's own
``partials/nav.html`` still renders it: the hook only puts a small caching template
(``CACHING``) in front of it, under the same name. Without hooks (Zensical) nothing
changes. tests/test_build_optimisations.py checks that the site stays byte for byte
the same.
"""

from __future__ import annotations

import posixpath

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

NAV = "partials/nav.html"
ORIGINAL = "archive-original/"  # the theme's own templates stay reachable under this prefix
CACHING = (
    "{%- set key = archive_nav_key(page, nav) -%}"
    "{%- set cached = archive_nav_cached(key) -%}"
    "{%- if cached is not none -%}{{ cached }}{%- else -%}"
    '{%- set html -%}{% include "' + ORIGINAL + NAV + '" %}{%- endset -%}'
    "{{ archive_nav_store(key, html) }}{%- endif -%}"
)


class _CachingFront(jinja2.BaseLoader):
    """Serves the caching template as ``partials/nav.html``, the theme's as the original."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: jinja2.Environment, template: str):
        if template == NAV:
            return CACHING, None, lambda: True
        return self.inner.get_source(environment, template.removeprefix(ORIGINAL))

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if not isinstance(env.loader, _CachingFront):
        env.loader = _CachingFront(env.loader)
    cache: dict[tuple[str, str], str] = {}
    language = config.theme["language"]

    def key(page, nav) -> tuple[str, str] | None:
        if page is None or getattr(page, "url", None) is None or page in nav.pages:
            return None  # its own entry is marked as the current page
        return language, posixpath.dirname(page.url.rstrip("/"))

    def store(key: tuple[str, str] | None, html: str) -> str:
        if key is not None:
            cache[key] = html
        return html

    env.globals.update(
        archive_nav_key=key,
        archive_nav_cached=lambda key: cache.get(key) if key is not None else None,
        archive_nav_store=store,
    )
    return env
