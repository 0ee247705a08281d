"""Printing a page for a council session: no navigation, link addresses spelled out,
the translation note kept. Printed to PDF by a real headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from site_helpers import page_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def printed(page: Path, tmp_path: Path) -> str:
    assert Path(CHROMIUM).is_file(), "Chromium is missing: apt-get install chromium (.ci/run does)"
    pdf = tmp_path / "page.pdf"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    return " ".join(text.split())


def test_a_printed_page_has_no_navigation_and_spells_out_link_addresses(sample_build, tmp_path):
    page = page_path(sample_build.site, "de", "partnerships/auental-mlima/index")
    text = printed(page, tmp_path)
    assert "Partnerschaft Auental – Mlima" in text
    # the address after the link (the PDF may wrap it, so compare without spaces)
    assert "(https://www.mlima.example)" in text.replace(" ", "")
    for navigation in ("Wissensbasis", "Einarbeitung", "Impressum", "Suche"):
        assert navigation not in text


@pytest.mark.parametrize("lang", ["en"])
def test_a_printed_machine_translation_still_says_so(sample_build, tmp_path, lang):
    page = page_path(
        sample_build.site, lang, "partnerships/auental-mlima/press/anniversary-press-release-2021"
    )
    text = printed(page, tmp_path)
    assert "machine-translated from German" in text
