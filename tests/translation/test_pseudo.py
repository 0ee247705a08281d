"""Trying the workflow without a service: the ``pseudo`` provider.

Pseudo-text is visibly marked, goes through the same checks as any provider's answer,
never enters the memory, is reported by check.py and refused by ``mkdocs build``; the
preview (``mkdocs serve``) shows it with a banner; a real provider replaces it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from builds import FIXTURES, make_project, mkdocs_build, run_script
from cli_output import summary_row

from partnership_archive.loading import load_archive
from partnership_archive.mirror_status import mirror_state
from partnership_archive.pages import page_context, translation_status_context
from partnership_archive.translation.placeholders import Hole, Masked
from partnership_archive.translation.pseudo import Pseudo

VISIT = "partnerships/lindau-kivu/minutes/2024-02-01-visit"  # English only


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    source = project / f"{VISIT}.en.md"
    source.write_text(
        source.read_text("utf-8") + "\nSee the [agreement](../agreement.de.md) and `code`.\n"
    )
    return project


def translate(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_script("translate.py", root, *args, env={"CI": "true", "LANG": "C.UTF-8"})


def state(root: Path, key: str, lang: str) -> str:
    archive, _ = load_archive(root, ["de", "en"])
    item = next(d for d in archive.documents if d.site_key == key)
    return mirror_state(item.source, item.versions.get(lang))


def test_pseudo_text_is_marked_and_keeps_what_is_not_text():
    [answer] = Pseudo().translate_batch([Masked(("See the ", Hole(1), " now"))], "en", "de")
    assert answer == Masked(("⟪de⟫ Šéé ţĥé ", Hole(1), " ñöŵ"))


def test_a_pseudo_run_writes_marked_mirrors_and_sends_nothing(project):
    result = translate(project, "--provider", "pseudo")
    assert result.returncode == 0, result.stderr
    mirror = (project / f"{VISIT}.de.md").read_text("utf-8")
    assert "title: ⟪de⟫ Ṁîñûţéš öƒ ţĥé ṽîšîţ" in mirror
    assert "⟪de⟫ Ţĥé đéļéĝåţîöñ îñšþéçţéđ ţĥé ƀöŕéĥöļéš ñéåŕ ţĥé ɱåŕķéţ." in mirror
    assert "[åĝŕééɱéñţ](../agreement.de.md)" in mirror and "`code`" in mirror
    assert "provider: pseudo" in mirror
    assert state(project, VISIT, "de") == "pseudo"
    assert summary_row(result.stdout, "Requests") == "0"
    assert not (project / "translation-memory.jsonl").exists() or all(
        "⟪" not in json.loads(line)["translation"]
        for line in (project / "translation-memory.jsonl").read_text("utf-8").splitlines()
    )


def test_check_reports_pseudo_mirrors_as_errors_and_the_build_refuses_them(project):
    assert translate(project, "--provider", "pseudo").returncode == 0
    check = run_script("check.py", project)
    assert check.returncode == 1
    expected = (
        f"{VISIT}.de.md:5: error: pseudo-translation (made with --provider pseudo to try the "
        "tools): it is never published; translate it with a real provider "
        "(partnership-archive translate PATH) or delete the file"
    )
    assert expected in check.stdout.splitlines()
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "Pseudo-translations are never published; nothing was built:" in build.output
    assert f"  {expected}".replace(":5:", ":") in build.output
    assert not (build.site / "index.html").exists()


def test_the_site_never_shows_pseudo_text_as_reviewed(project):
    assert translate(project, "--provider", "pseudo").returncode == 0
    mirror = project / f"{VISIT}.de.md"
    mirror.write_text(mirror.read_text("utf-8").replace("status: machine", "status: reviewed"))
    archive, _ = load_archive(project, ["de", "en"])
    banner = page_context(archive, VISIT, "de")["translation"]["machine"]
    assert banner.startswith("Dies ist keine Übersetzung: Pseudotext aus dem Original")
    status = translation_status_context(archive, archive.partnerships[0], "en")
    groups = {group["state"]: group for group in status["groups"]}
    assert groups["pseudo"]["heading"].startswith("Pseudo-translation")
    titles = [row["title"] for row in groups["pseudo"]["rows"]]
    assert archive.item(VISIT).title("en") in titles  # the page lists titles in its language
    reviewed = groups.get("reviewed", {"rows": []})["rows"]
    assert archive.item(VISIT).title("en") not in [row["title"] for row in reviewed]


def test_translate_check_flags_pseudo_mirrors(project):
    assert translate(project, "--provider", "pseudo").returncode == 0
    result = translate(project, "--check", f"{VISIT}.en.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{VISIT}.de.md: pseudo (de)",
        "1 mirror checked, 1 needs attention",
    ]


def test_a_second_pseudo_run_has_nothing_to_do(project):
    assert translate(project, "--provider", "pseudo").returncode == 0
    again = translate(project, "--provider", "pseudo")
    assert again.returncode == 0
    assert "Nothing to translate: every mirror is up to date." in again.stdout


def test_a_real_provider_replaces_pseudo_mirrors(project, fake):
    assert translate(project, "--provider", "pseudo").returncode == 0
    options = {"endpoint": fake.url, "approved_for_internal": True, "attempts": 1}
    config = {"provider": "libre", "memory": "memory.jsonl", "providers": {"libre": options}}
    (project / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")
    result = translate(project)
    assert result.returncode == 0, result.stderr
    assert state(project, VISIT, "de") == "machine"
    mirror = (project / f"{VISIT}.de.md").read_text("utf-8")
    assert "⟪" not in mirror and "provider: libre" in mirror
    assert run_script("check.py", project).returncode == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_preview_shows_pseudo_pages_with_their_banner(project):
    assert translate(project, "--provider", "pseudo").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/{VISIT}/")  # German: the site's default
    finally:
        server.terminate()
        server.wait(timeout=30)
    banner = BeautifulSoup(page, "html.parser").select_one(".archive-machine-translation")
    assert "Dies ist keine Übersetzung: Pseudotext aus dem Original (Englisch)" in banner.get_text()


def fetch(url: str) -> str:
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
