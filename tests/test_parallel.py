"""Parallel text: blocks pair one to one, or the page says why they cannot."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from builds import FIXTURES, REPO, SAMPLE, make_project, mkdocs_build
from mkdocs.config import load_config
from site_helpers import page_path, soup

from partnership_archive.loading import load_archive
from partnership_archive.parallel import for_column, html_blocks, relocate

ARCHIVE, _ = load_archive(SAMPLE, ["de", "en"])
FOLDERS = {"de": "", "en": "en"}


def rendered(name: str) -> str:
    """A fixture rendered by Python-Markdown with the site's extensions, as MkDocs does."""
    config = load_config(str(REPO / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    return md.convert((FIXTURES / "parallel" / name).read_text("utf-8"))


def test_rendered_content_splits_into_its_top_level_blocks():
    found = html_blocks(rendered("blocks.md"))
    assert [b.kind for b in found] == [
        "h2", "p", "div.admonition", "div.highlight", "ul", "table", "p", "div.footnote",
    ]  # fmt: skip
    assert found[2].html.count("<p") == 3  # title and both paragraphs stay in the block
    assert "a blank line" in found[3].html
    assert "continued item two" in found[4].html
    assert 'href="#fn:1"' in found[6].html and 'id="fn:1"' in found[7].html


def test_a_column_never_shares_an_id_with_the_other():
    html = (
        '<h2 id="agenda">Agenda<a class="headerlink" href="#agenda">¶</a></h2>'
        '<input id="__tabbed_1_1" name="__tabbed_1"><label for="__tabbed_1_1">A</label>'
    )
    column = for_column(html, "de")
    assert 'id="de-agenda"' in column and 'href="#de-agenda"' in column
    assert 'id="de-__tabbed_1_1"' in column and 'name="de-__tabbed_1"' in column
    assert 'for="de-__tabbed_1_1"' in column


def test_links_moved_to_another_language_folder_keep_their_targets():
    html = (
        '<a href="../other/">page</a> <a href="../../files/a.pdf#p2">file</a> '
        '<a href="https://x.example/">out</a> <a href="#here">here</a>'
    )
    moved = relocate(
        html, "partnerships/p/minutes/x/", "en/partnerships/p/minutes/x.parallel/", FOLDERS
    )
    assert '<a href="../other/">' in moved  # the English page of "other"
    assert '"../../../../../partnerships/p/files/a.pdf#p2"' in moved  # files live at the root
    assert 'href="https://x.example/"' in moved and 'href="#here"' in moved
    back = relocate(
        moved, "en/partnerships/p/minutes/x.parallel/", "partnerships/p/minutes/x/", FOLDERS
    )
    assert back == html


def test_e_mail_links_written_as_entities_are_not_moved():
    """Python-Markdown hides an e-mail autolink's address as character references."""
    mailto = "".join(f"&#{ord(c)};" for c in "mailto:erika@lindau.example")
    html = f'<a href="{mailto}">Erika</a>'
    assert relocate(html, "partnerships/p/x/", "en/partnerships/p/x.parallel/", FOLDERS) == html


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_sample_document_pairs_block_by_block(sample_build, lang):
    for document in (d for d in ARCHIVE.documents if d.is_public):
        page = soup(page_path(sample_build.site, lang, f"{document.site_key}.parallel"))
        cells = page.select(".archive-parallel__cell")
        assert cells, document.site_key
        left, right = cells[0::2], cells[1::2]
        assert {c["lang"] for c in left} == {document.source.lang}
        assert {c["lang"] for c in right} == {"en" if document.source.lang == "de" else "de"}
        for a, b in zip(left, right, strict=True):  # heading beside heading, table beside table
            first = [c.name for c in a.find_all(recursive=False)][:1]
            assert first == [c.name for c in b.find_all(recursive=False)][:1], document.site_key


def test_a_document_page_links_to_its_parallel_text(sample_build):
    document = next(d for d in ARCHIVE.documents if d.is_public)
    page_file = page_path(sample_build.site, "en", document.site_key)
    link = soup(page_file).select_one(".archive-facts a[href*='.parallel']")["href"]
    target = (page_file.parent / link / "index.html").resolve()
    assert target == page_path(sample_build.site, "en", f"{document.site_key}.parallel")


def test_blocks_that_do_not_align_are_shown_one_after_the_other(tmp_path: Path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    mirror = project / "partnerships/lindau-kivu/agreement.en.md"
    mirror.write_text(mirror.read_text("utf-8") + "\n## An extra heading\n", "utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    page = soup(page_path(build.site, "de", "partnerships/lindau-kivu/agreement.parallel"))
    assert page.select(".archive-parallel__cell") == []
    assert "nicht Block für Block gleich" in page.select_one(".admonition").get_text()
    assert "Trinkwasserbrunnen" in page.select_one('div[lang="de"]').get_text()
    assert "An extra heading" in page.select_one('div[lang="en"]').get_text()
