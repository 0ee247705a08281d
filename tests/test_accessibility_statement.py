"""The accessibility statement BITV 2.0 asks for: a knowledge base page in every site
language, linked from every page's footer, naming the host's contact for barriers."""

from __future__ import annotations

import shutil

import pytest
from builds import FIXTURES, make_project, mkdocs_build, run_script
from site_helpers import page_path, soup

from partnership_archive.pages import feedback_contact_context

HEADINGS = {
    "de": ["Stand der Vereinbarkeit mit den Anforderungen", "Nicht barrierefreie Inhalte",
           "Wie diese Erklärung erstellt wurde", "Barrieren melden: Feedback und Kontakt",
           "Schlichtungsverfahren"],
    "en": ["Compliance status", "Content that is not accessible",
           "How this statement was prepared", "Reporting barriers: feedback and contact",
           "Enforcement procedure"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_statement_has_what_bitv_asks_for_in_each_language(sample_build, lang):
    page = soup(page_path(sample_build.site, lang, "kb/accessibility"))
    assert page.html["lang"] == lang
    headings = [h2.get_text(strip=True).rstrip("¶") for h2 in page.select("article h2")]
    assert headings == HEADINGS[lang]
    contact = page.select_one("#feedback").find_next("p").find_next("p")
    assert "Stadt Auental" in contact.get_text()  # hosts.yml of the first host
    assert contact.select_one("a[href^=mailto]").get_text() == "barrierefreiheit@auental.example"
    assert "archive:" not in page.decode()  # the marker is gone


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_links_the_statement_in_its_language(sample_build, lang):
    statement = page_path(sample_build.site, lang, "kb/accessibility")
    pages = [
        path
        for path in sample_build.site.rglob("index.html")
        if (path.relative_to(sample_build.site).parts[0] == "en") == (lang == "en")
    ]
    assert len(pages) > 30
    for page in pages:
        link = soup(page).select(".md-copyright a")[-1]
        assert (page.parent / link["href"] / "index.html").resolve() == statement, page


def test_the_contact_is_an_address_a_form_or_else_the_legal_notice():
    host = {"municipality": "Stadt X", "legal_notice": "https://x.example/impressum/"}
    mail = feedback_contact_context({**host, "accessibility_contact": "a@x.example"}, "de")
    assert (mail["email"], mail["web"]) == ("a@x.example", "")
    form = feedback_contact_context({**host, "accessibility_contact": "https://x.example/f"}, "de")
    assert (form["email"], form["web"]) == ("", "https://x.example/f")
    neither = feedback_contact_context(host, "de")
    assert (neither["email"], neither["web"], neither["legal_notice"]) == (
        "",
        "",
        host["legal_notice"],
    )
    assert feedback_contact_context(None, "de")["municipality"] is None  # words say "not yet"


def test_an_unknown_marker_is_an_error_of_check_and_of_the_build(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    page = project / "docs/index.de.md"
    page.write_text(
        page.read_text("utf-8") + "\nSchreiben Sie uns:\n\n<!-- archive:feedbak-contact -->\n"
    )
    lines = page.read_text("utf-8").splitlines()
    line = lines.index("<!-- archive:feedbak-contact -->") + 1
    checked = run_script("check.py", project)
    expected = (
        f"docs/index.de.md:{line}: error: unknown marker 'archive:feedbak-contact'; "
        "the archive knows archive:feedback-contact"
    )
    assert expected in checked.stdout.splitlines() and checked.returncode == 1, checked.stdout
    built = mkdocs_build(project)
    assert built.returncode != 0 and "unknown marker 'archive:feedbak-contact'" in built.output
    shutil.rmtree(project / "site", ignore_errors=True)
