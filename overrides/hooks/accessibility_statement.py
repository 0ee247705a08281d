"""Hook: pages' markers filled in; the accessibility statement names the contact.

``<!-- archive:feedback-contact -->`` (see ``partnership_archive.markers``) becomes the
hosting municipality's contact for reports of barriers, from hosts.yml, rendered by
``hooks/feedback_contact.md`` in the page's language. An unknown marker stops the build
(check.py reports it first, with file and line).
"""

from __future__ import annotations

from _archive import renderers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from partnership_archive.markers import FEEDBACK_CONTACT, fill, marker_findings
from partnership_archive.pages import feedback_contact_context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<!--" not in markdown:
        return markdown
    problems = marker_findings({page.file.src_uri: markdown})
    if problems:
        raise PluginError("\n".join(str(problem) for problem in problems))
    render = renderers[config.config_file_path]
    context = feedback_contact_context(config.extra.get("archive_host"), config.theme["language"])
    return fill(markdown, {FEEDBACK_CONTACT: lambda: render("feedback_contact.md", context)})
