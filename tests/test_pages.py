"""Generated pages show a coordinator's text literally, whatever characters it has."""

from __future__ import annotations

import markdown
import pytest

from partnership_archive.pages import md_text

EXTENSIONS = ["tables", "attr_list", "pymdownx.tilde", "pymdownx.mark", "pymdownx.caret"]


@pytest.mark.parametrize(
    "title",
    [
        "Protokoll [Entwurf",
        "Budget | Ausgaben",
        "*wichtig* _sehr_ `code`",
        "<script>alert(1)</script> & Co.",
        "Ziele { #x } ==neu== ~~alt~~ ^hoch^",
        "# Nummer 1 + 2 !",
        "Pfad C:\\Daten\\Scan",
    ],
)
def test_text_survives_a_table_cell_literally(title):
    table = f"| a |\n|---|\n| {md_text(title)} |\n"
    html = markdown.markdown(table, extensions=EXTENSIONS)
    cell = html.split("<td>")[1].split("</td>")[0]
    assert cell == title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
