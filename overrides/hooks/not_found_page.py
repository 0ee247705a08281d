"""Hook: a "page not found" page in every language, the default language's at the root.

MkDocs renders ``404.html`` into the site root in every language build, so the last
language built (not the default one) would win, with language links left over from
the last page rendered. Here each non-default language keeps its 404 page in its own
folder, the root keeps the default language's (the one web servers serve for every
unknown address: its links are absolute, from ``site_url``), each in its language's
words (``overrides/404.html``), and the language selector of a 404 page leads to the
404 page of the other language, which links that language's home. Material gives a
page without a table of contents (a 404 page has no ``page``) no skip link; this one
gets one, to its title.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from _archive import built_languages, current_folder
from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from partnership_archive import atomic
from partnership_archive.labels import labels

TITLE_ID = "__title"  # as in hooks/page_title.py and overrides/404.html
_EMPTY_SKIP = re.compile(r'<div data-md-component="skip">\s*</div>')
_SKIP_TEXT = '{% import "partials/language.html" as lang with context %}{{ lang.t("action.skip") }}'
_skip_text: dict[str, str] = {}  # per configuration file, in the language being built
_statement: dict[str, str | None] = {}  # the accessibility statement's URL, likewise
STATEMENT = "kb/accessibility.md"  # as in hooks/archive_pages.py


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    statement = files.get_file_from_path(STATEMENT)
    _statement[config.config_file_path] = statement.url if statement else None
    return files


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    if template_name == "404.html":
        base = urlsplit(config.site_url).path.rstrip("/") if config.site_url else ""
        pages = [
            {
                "name": language.name,
                "link": f"{base}{language.link}404.html",
                "lang": language.locale,
            }
            for language in built_languages(config)
        ]
        # Templates read ``config.extra.alternate``, which finds an *attribute* before the
        # item: mkdocs-static-i18n sets that attribute per page, so without this the
        # 404 page of every language after the first offers the last page built.
        config.extra["alternate"] = pages
        config.extra.alternate = pages
        folder = current_folder(config)
        config.extra["archive_home"] = f"{base}/{folder}/" if folder else f"{base}/"
        config.extra["archive_labels"] = labels(config.theme["language"])
        statement = _statement.get(config.config_file_path)
        config.extra["archive_statement_href"] = f"{base}/{statement}" if statement else None
        skip = template.environment.from_string(_SKIP_TEXT).render(config=config)
        _skip_text[config.config_file_path] = skip.strip()
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    text = html.escape(_skip_text.get(config.config_file_path, ""))
    link = f'<a href="#{TITLE_ID}" class="md-skip">{text}</a>'
    output = _EMPTY_SKIP.sub(lambda _: f'<div data-md-component="skip">{link}</div>', output, 1)
    folder = current_folder(config)
    if not folder:
        return output
    atomic.write_text(Path(config.site_dir, folder, "404.html"), output)
    root_page = Path(config.site_dir, "404.html")
    # MkDocs writes what we return to the root: keep the default language's page there.
    return root_page.read_text("utf-8") if root_page.is_file() else output
