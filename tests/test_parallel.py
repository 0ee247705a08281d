"""Parallel text: blocks pair one to one, or the page says why they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from builds import FIXTURES, SAMPLE, make_project, mkdocs_build
from site_helpers import page_path, soup

from partnership_archive.loading import load_archive
from partnership_archive.parallel import blocks

ARCHIVE, _ = load_archive(SAMPLE, ["de", "en"])


def test_a_body_splits_into_top_level_blocks():
    found, abbreviations = blocks((FIXTURES / "parallel/blocks.md").read_text("utf-8"))
    assert [b.kind for b in found] == [
        "heading", "paragraph", "admonition", "code", "list", "table", "paragraph", "footnote",
    ]  # fmt: skip
    assert found[2].text.endswith("    in two paragraphs.")
    assert "a blank line" in found[3].text
    assert found[4].text.endswith("    continued item two")
    assert abbreviations == ["*[DWSA]: Drinking Water Supply Association"]


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
