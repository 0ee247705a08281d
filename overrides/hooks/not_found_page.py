"""Hook: the site's 404 page is in the default language; each language gets its own.

MkDocs renders ``404.html`` into the site root in every language build, so the last
language built (not the default one) would win, with language links left over from
the last page rendered. Here each non-default language keeps its 404 page in its own
folder (for web servers that route by language), the root keeps the default
language's, and the language selector of a 404 page leads to the language homes.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from _archive import built_languages, current_folder
from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig

from partnership_archive import atomic


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    if template_name == "404.html":
        base = urlsplit(config.site_url).path.rstrip("/") if config.site_url else ""
        homes = [
            {"name": language.name, "link": f"{base}{language.link}", "lang": language.locale}
            for language in built_languages(config)
        ]
        # Templates read ``config.extra.alternate``, which finds an *attribute* before the
        # item: mkdocs-static-i18n sets that attribute per page, so without this the
        # 404 page of every language after the first offers the last page built.
        config.extra["alternate"] = homes
        config.extra.alternate = homes
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    folder = current_folder(config)
    if template_name != "404.html" or not folder:
        return output
    atomic.write_text(Path(config.site_dir, folder, "404.html"), output)
    root_page = Path(config.site_dir, "404.html")
    # MkDocs writes what we return to the root: keep the default language's page there.
    return root_page.read_text("utf-8") if root_page.is_file() else output
