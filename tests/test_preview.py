"""The preview (scripts/serve.py) over real HTTP: edits show, errors show, pages stay up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from builds import FIXTURES, REPO, make_project

AGREEMENT = "partnerships/lindau-kivu/agreement.de.md"
PAGE = "partnerships/lindau-kivu/agreement/"


@pytest.fixture
def preview(tmp_path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    command = [sys.executable, str(REPO / "scripts/serve.py"), "--root", str(project)]
    process = subprocess.Popen(
        [*command, "--dev-addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        line = process.stdout.readline()  # printed once the first build is served
        address = re.search(r"http://\S+/", line)
        assert address, f"the preview did not start: {line!r}"
        yield project, address.group(0)
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()


def until(condition, seconds: float = 60):
    """Poll ``condition`` until it returns something true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("the preview did not get there in time")


def edit(project: Path, old: str, new: str) -> None:
    path = project / AGREEMENT
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def test_an_edited_document_shows_in_the_served_page(preview):
    project, base = preview
    assert requests.get(base + PAGE).status_code == 200
    edit(project, "Trinkwasserbrunnen", "Trinkwasserbrunnen EDITED-IN-PREVIEW")
    until(lambda: "EDITED-IN-PREVIEW" in requests.get(base + PAGE).text)
    # its side-by-side view, rebuilt from the new rendering of the edited version
    parallel = base + "en/partnerships/lindau-kivu/agreement.parallel/"
    until(lambda: "EDITED-IN-PREVIEW" in requests.get(parallel).text)


def test_a_broken_edit_shows_the_error_on_every_page_until_it_is_fixed(preview):
    project, base = preview
    edit(project, "type: agreement", "type: treaty")
    page = until(lambda: [r for r in [requests.get(base + "en/")] if r.status_code == 500])[0]
    html = BeautifulSoup(page.text, "html.parser")
    message = html.select_one("[role=alert]").get_text()
    assert f"{AGREEMENT}:3: error: 'type': 'treaty' is not allowed" in message
    assert html.html["lang"] == "de"  # in the site's default language
    assert html.h1.get_text() == "Das Archiv enthält einen Fehler"
    edit(project, "type: treaty", "type: agreement")
    until(lambda: requests.get(base + "en/").status_code == 200)
    assert requests.get(base + PAGE).status_code == 200


def test_pages_stay_available_while_the_site_rebuilds(preview):
    project, base = preview
    new = project / "partnerships/lindau-kivu/minutes/2024-05-01-new.de.md"
    new.write_text("---\ntitle: Neu\ntype: minutes\ndate: 2024-05-01\n---\n\nNEW-DOCUMENT\n")
    statuses = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # a new file: a full build, into a new folder
        statuses.append(requests.get(base + PAGE).status_code)
        if (
            "NEW-DOCUMENT"
            in requests.get(base + "partnerships/lindau-kivu/minutes/2024-05-01-new/").text
        ):
            break
    else:
        raise AssertionError("the new document never showed")
    assert set(statuses) == {200}, statuses


def test_every_page_reloads_itself_when_a_newer_build_is_there(preview):
    _, base = preview
    page = requests.get(base + PAGE).text
    status = requests.get(base + "__preview/status").json()
    assert f"const build = {status['build']};" in page and "/__preview/status" in page
