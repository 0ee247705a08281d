"""Links as coordinators write them: what each one means, and how the site gets it.

``link_targets.resolve`` is the one reading of a link for loading, check.py and staging.
A link is read relative to the repository file (what the Git web editor shows and its
preview follows), by any of the target's file names; the older site-relative form from
the knowledge base keeps working. Staging writes each link language-neutral.
"""

from __future__ import annotations

import pytest
from builds import FIXTURES

from partnership_archive.link_targets import Targets, resolve, site_text

P = "partnerships/bergheim-tanga"
MINUTES = f"{P}/minutes/protokoll.de.md"  # a document in a subfolder, written in German
V = f"{P}/partnerschaftsvertrag"  # the site key of its sibling one folder up ...
T = "../partnerschaftsvertrag"  # ... and how the minutes reach it
TARGETS = Targets(
    pages={
        f"{P}/partnerschaftsvertrag": {"de", "en"},
        f"{P}/minutes/2024-05-01-sitzung": {"de", "en"},
        f"{P}/minutes/protokoll": {"de"},
        "partnerships/esteli/acta-2024": {"es"},
        "kb/about": {"de", "en"},
        "index": {"de", "en"},
    },
    generated={"partnerships/index", f"{P}/index", f"{P}/timeline", "latest"},
    files={f"{P}/files/unterschrift rat.jpg", f"{P}/files/vertrag original.pdf", "img/logo.png"},
)


@pytest.mark.parametrize(
    ("source", "target", "meaning"),
    [
        # A sibling by any of its file names, with or without an anchor.
        (MINUTES, f"{T}.de.md#zweck", ("page", V, "de", "zweck")),
        (MINUTES, f"{T}.en.md#zweck", ("page", V, "en", "zweck")),
        (MINUTES, f"{T}.md", ("page", V, None, None)),
        (MINUTES, "2024-05-01-sitzung.en.md", ("page", f"{P}/minutes/2024-05-01-sitzung", "en", None)),  # noqa: E501
        (MINUTES, "../../esteli/acta-2024.es.md#a", ("page", "partnerships/esteli/acta-2024", "es", "a")),  # noqa: E501
        # A file name that does not exist, and a language the document is not written in.
        (MINUTES, "../vertrag.de.md", ("missing", f"{P}/vertrag", "de", None)),
        (MINUTES, f"{T}.fr.md", ("no-language", V, "fr", None)),
        # Generated pages, and a partnership's folder standing for its overview page.
        (MINUTES, "../index.md#documents", ("page", f"{P}/index", None, "documents")),
        (MINUTES, "../timeline.md", ("page", f"{P}/timeline", None, None)),
        (MINUTES, "../../bergheim-tanga/", ("page", f"{P}/index", None, None)),
        # Knowledge base to partnerships: as a repository path, and in the site's form.
        ("docs/kb/about.de.md", f"../../{V}.de.md", ("page", V, "de", None)),
        ("docs/kb/about.de.md", f"../{V}.md", ("page", V, None, None)),
        ("docs/kb/about.en.md", "../partnerships/index.md", ("page", "partnerships/index", None, None)),  # noqa: E501
        ("docs/index.de.md", "partnerships/index.md", ("page", "partnerships/index", None, None)),
        ("docs/index.de.md", "kb/about.en.md#why", ("page", "kb/about", "en", "why")),
        # ... and back, both ways.
        (MINUTES, "../../../docs/kb/about.de.md", ("page", "kb/about", "de", None)),
        (MINUTES, "../../../kb/about.md", ("page", "kb/about", None, None)),
        (MINUTES, "../../../index.md", ("page", "index", None, None)),
        # Files: percent-encoded or not, and the knowledge base's images from a partnership.
        (MINUTES, "../files/unterschrift%20rat.jpg", ("file", f"{P}/files/unterschrift rat.jpg", None, None)),  # noqa: E501
        (MINUTES, "../files/vertrag original.pdf", ("file", f"{P}/files/vertrag original.pdf", None, None)),  # noqa: E501
        (MINUTES, "../../../docs/img/logo.png", ("file", "img/logo.png", None, None)),
        (MINUTES, "../files/fehlt.pdf", ("missing", f"{P}/files/fehlt.pdf", None, None)),
        # Not for the resolver to follow.
        (MINUTES, "#beschluesse", ("here", "", None, "beschluesse")),
        (MINUTES, "https://example.org/x.md", ("external", "", None, None)),
        (MINUTES, "mailto:partnerschaft@bergheim.example", ("external", "", None, None)),
        (MINUTES, f"/{P}/index.md", ("absolute", f"/{P}/index.md", None, None)),
        (MINUTES, "../../../README.md", ("outside", "../../../README.md", None, None)),
        (MINUTES, "../../../../etc/passwd", ("outside", "../../../../etc/passwd", None, None)),
    ],
)  # fmt: skip
def test_what_a_link_means(source, target, meaning):
    resolved = resolve(source, target, TARGETS)
    assert (resolved.kind, resolved.path, resolved.lang, resolved.anchor) == meaning


@pytest.mark.parametrize(
    ("target", "page", "written"),
    [
        # The same in every language: all languages of a page share its folder.
        (f"{T}.de.md#zweck", f"{P}/minutes/protokoll.de.md", f"{T}.md#zweck"),
        (f"{T}.de.md#zweck", f"{P}/minutes/protokoll.es.md", f"{T}.md#zweck"),
        ("../files/vertrag original.pdf", f"{P}/minutes/protokoll.en.md", "../files/vertrag%20original.pdf"),  # noqa: E501
        ("../../../docs/kb/about.de.md?x=1#why", f"{P}/minutes/protokoll.en.md", "../../../kb/about.md?x=1#why"),  # noqa: E501
        ("../../bergheim-tanga/", f"{P}/minutes/protokoll.de.md", "../index.md"),
    ],
)  # fmt: skip
def test_the_site_gets_a_language_neutral_link(target, page, written):
    assert resolve(MINUTES, target, TARGETS).site_link(page) == written


def test_the_knowledge_base_links_into_partnerships_from_its_own_folder():
    resolved = resolve("docs/kb/about.de.md", f"../../{P}/partnerschaftsvertrag.de.md", TARGETS)
    assert resolved.site_link("kb/about.en.md") == f"../{P}/partnerschaftsvertrag.md"


def test_staging_rewrites_links_and_leaves_everything_else_as_it_was():
    """Code, comments, external and broken links, titles and quotes stay byte for byte."""
    text = (FIXTURES / "links/protokoll.de.md").read_text("utf-8")
    expected = (FIXTURES / "links/protokoll.site.md").read_text("utf-8")
    assert site_text(text, MINUTES, TARGETS) == expected


def test_a_text_without_links_to_rewrite_is_returned_unchanged():
    text = "---\ntitle: T\n---\n\n[Vertrag](../partnerschaftsvertrag.md#zweck) und [x](#y).\n"
    assert site_text(text, MINUTES, TARGETS) == text
