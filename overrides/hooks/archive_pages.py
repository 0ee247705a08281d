"""Hook: turn the repository's archive into the pages MkDocs builds.

On every (per-language) build it loads and validates ``docs/`` and ``partnerships/``,
stops the build with a message naming file and line on invalid content, assembles
all pages in every site language into a staging folder that becomes ``docs_dir``
(see ``partnership_archive.site_sources`` for why), sets the small navigation, and
gives page templates what they show about a document.
"""

from __future__ import annotations

import os
from pathlib import Path

from _archive import archives, built_languages, kept, renderers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from partnership_archive import site_sources, source_text
from partnership_archive.findings import errors
from partnership_archive.labels import labels
from partnership_archive.limits import Limits
from partnership_archive.loading import load_archive
from partnership_archive.memo import TextMemo
from partnership_archive.model import Archive, Document, split_language
from partnership_archive.navigation import build_nav
from partnership_archive.pages import attachments_context, contact_cards, md_text, page_context

log = get_plugin_logger("archive")

STAGING = ".cache/site-sources"
STATEMENT = "kb/accessibility.md"  # the accessibility statement, linked from every footer
STAGED = "ARCHIVE_STAGED"

# Per configuration file: the current language build's files.
_files: dict[str, Files] = {}


@event_priority(-110)  # after mkdocs-static-i18n has switched to this build's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    staging = root / STAGING
    if Path(config.docs_dir) != staging:  # first build of this configuration
        archives[config.config_file_path] = _assemble(config, root, staging)
        config.watch.extend(str(root / folder) for folder in ("docs", "partnerships"))
        config.docs_dir = str(staging)
    archive = archives[config.config_file_path]
    config.nav = build_nav(archive, config.theme["language"])
    return config


def _assemble(config: MkDocsConfig, root: Path, staging: Path) -> Archive:
    try:
        limits = Limits.from_extra(config.extra)
    except ValueError as error:
        raise PluginError(f"{Path(config.config_file_path).name}: {error}") from None
    texts: dict[str, str] = {}  # every Markdown file as read (and checked) while loading
    languages = [lang.locale for lang in built_languages(config)]
    # What depends on a file's text alone, kept while the builds are incremental.
    memos = kept("texts", config)
    loading, staging_memo = (memos.setdefault(name, TextMemo()) for name in ("load", "stage"))
    archive, findings = load_archive(root, languages, texts, limits, loading)
    for finding in findings:
        if finding.level == "warning":
            log.warning(str(finding))
    if errors(findings):
        problems = "\n".join(f"  {finding}" for finding in errors(findings))
        raise PluginError(f"The archive has errors; nothing was built:\n{problems}")
    # A public build never even stages an internal document (see Archive.public).
    public = archive.public() if config.extra.get("archive_audience") != "internal" else archive
    env = config.theme.get_env()
    env.filters["md"] = md_text

    def render(template: str, context: dict) -> str:
        return env.get_template(f"hooks/{template}").render(**context)

    renderers[config.config_file_path] = render

    def read(path: str) -> str:
        return texts[path] if path in texts else source_text.read(root / path, limits)

    if not os.environ.get(STAGED):  # the build orchestrator has staged it already
        planned = site_sources.plan(public, render, read, staging_memo)
        site_sources.sync(planned, root, staging)
    return public


def on_serve(server, config: MkDocsConfig, builder):
    """Watch the sources (added in on_config), not the staging folder we write ourselves."""
    server.unwatch(config.docs_dir)
    return server


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _files[config.config_file_path] = files
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Append what a document's front matter lists: its contacts and its attachments."""
    archive = archives.get(config.config_file_path)
    key, file_lang = split_language(page.file.src_uri)
    document = archive.item(key) if archive else None
    if document is not None and "title" in page.meta:
        # MkDocs reads front matter as YAML 1.1 ("title: yes" is True); the archive, as text.
        page.meta["title"] = document.title(file_lang or config.theme["language"])
    if not isinstance(document, Document):
        return markdown
    render = renderers[config.config_file_path]
    lang = config.theme["language"]
    if document.contacts:
        cards = contact_cards(document.contacts, lang, page.file.src_uri, document.languages)
        markdown += "\n\n" + render("contact_cards.md", {"contacts": cards, "l": labels(lang)})
    if document.attachments:
        context = attachments_context(document, lang, page.file.src_uri)
        markdown += "\n\n" + render("document_files.md", context)
    return markdown


def edit_url(config: MkDocsConfig, archive: Archive, key: str, lang: str) -> str | None:
    """The web editor address of the file a page shows (the original, if it is a copy)."""
    if not config.repo_url:
        return None
    github = "github.com" in config.repo_url
    editor = config.edit_uri or ("edit/main/" if github else "-/edit/main/")
    item = archive.item(key)
    if item is None:
        return None
    version = item.versions.get(lang) or item.source
    return f"{config.repo_url.rstrip('/')}/{editor.strip('/')}/{version.path}"


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    archive = archives.get(config.config_file_path)
    key, _ = split_language(page.file.src_uri)
    info = archive and page_context(archive, key, config.theme["language"])
    if info and info.get("overview_key"):
        files = _files[config.config_file_path]
        overview = files.get_file_from_path(info["overview_key"])
        info["overview_url"] = overview.url if overview else None
        parallel = files.get_file_from_path(f"{key}.parallel.md")
        info["parallel_url"] = parallel.url if parallel else None
    if info and info.get("translation"):
        original = page.file.alternates.get(info["translation"]["source_lang"])
        info["translation"]["original_url"] = original.url if original else ""
    if archive is not None:
        # Sources live in docs/ and partnerships/, not in the staging docs_dir.
        page.edit_url = edit_url(config, archive, key, config.theme["language"])
    context["archive_page"] = info
    context["archive_labels"] = labels(config.theme["language"])
    statement = _files[config.config_file_path].get_file_from_path(STATEMENT)
    context["archive_statement"] = statement.url if statement else None
    return context
