"""The strict build's warnings name the file a coordinator edits, and the line, never the
staged copy under .cache/site-sources/."""

from __future__ import annotations

import re
from pathlib import Path

from builds import FIXTURES, make_project, mkdocs_build

from partnership_archive.build_messages import StagedPage, link_line, locate

CONTACTS = "partnerships/lindau-kivu/contacts"  # German only: English readers get a copy
PAGES = {
    f"{CONTACTS}.de.md": StagedPage(f"{CONTACTS}.de.md", "de", False),
    f"{CONTACTS}.en.md": StagedPage(f"{CONTACTS}.de.md", "en", True),
    "kb/about.en.md": StagedPage("docs/kb/about.en.md", "en", False),
}
STAGED = "---\ntitle: x\n---\n\nText.\n\nSiehe [weg](nirgends.md) und [da](#oben).\n"


def test_a_warning_about_a_copy_names_the_original_and_the_line():
    message = (
        f"Doc file '{CONTACTS}.en.md' contains a link 'nirgends.md', but the target "
        "'partnerships/lindau-kivu/nirgends.md' is not found among documentation files."
    )
    assert locate(message, PAGES, lambda path: STAGED) == (
        f"{CONTACTS}.de.md:7: contains a link 'nirgends.md', but the target "
        "'partnerships/lindau-kivu/nirgends.md' is not found among documentation files. "
        "(on the English page, which shows this file)"
    )


def test_a_knowledge_page_is_named_by_its_repository_path():
    message = "Doc file 'kb/about.en.md' contains a link '#oben', but there is no such anchor."
    assert locate(message, PAGES, lambda path: STAGED) == (
        "docs/kb/about.en.md:7: contains a link '#oben', but there is no such anchor."
    )


def test_the_staging_folder_never_appears():
    staging = "/srv/archive/.cache/site-sources"
    message = f"Error reading page '{staging}/{CONTACTS}.en.md': bad"
    assert locate(message, PAGES, lambda path: None, staging) == (
        f"Error reading page '{CONTACTS}.de.md' (on the English page, which shows this file): bad"
    )


def test_other_messages_pass_unchanged():
    message = "Doc file 'unknown.md' contains a link 'x.md', but the target is not found."
    assert locate(message, PAGES, lambda path: STAGED) == message


def test_link_line_finds_markdown_html_and_references():
    text = 'a\n<a href="x.md">x</a>\n[r]: y.md\n[z](z.md#k)\n'
    assert [link_line(text, t) for t in ("x.md", "y.md", "z.md#k", "w.md")] == [2, 3, 4, None]


def test_the_strict_build_names_repository_files_and_lines(tmp_path: Path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    page = project / f"{CONTACTS}.de.md"
    text = (
        page.read_text("utf-8")
        + "\nSiehe [Vertrag](agreement.de.md#fehlt) und [weg](nirgends.md).\n"
    )
    page.write_text(text, "utf-8")
    line = text.splitlines().index(text.splitlines()[-1]) + 1
    build = mkdocs_build(project)
    assert build.returncode != 0
    warnings = [w for w in build.output.splitlines() if w.startswith("WARNING")]
    assert warnings == [
        f"WARNING -  {CONTACTS}.de.md:{line}: contains a link 'nirgends.md', but the target "
        "'partnerships/lindau-kivu/nirgends.md' is not found among documentation files.",
        f"WARNING -  {CONTACTS}.de.md:{line}: contains a link 'agreement.md#fehlt', but the doc "
        "'partnerships/lindau-kivu/agreement.de.md' does not contain an anchor '#fehlt'.",
        f"WARNING -  {CONTACTS}.de.md:{line}: contains a link 'nirgends.md', but the target "
        "'partnerships/lindau-kivu/nirgends.md' is not found among documentation files. "
        "(on the English page, which shows this file)",
        f"WARNING -  {CONTACTS}.de.md:{line}: contains a link 'agreement.md#fehlt', but the doc "
        "'partnerships/lindau-kivu/agreement.en.md' does not contain an anchor '#fehlt'. "
        "(on the English page, which shows this file)",
    ]
    assert ".cache" not in build.output
    assert not re.search(rf"{CONTACTS}\.en\.md", build.output)
