"""Containment: nothing outside the repository, and nothing in .git, ever reaches a site.

Real symbolic links (to /etc/passwd, to a folder outside, into .git), real
``scripts/check.py`` runs and a real ``mkdocs build --strict``; the built site and the
staging folder are searched byte by byte for what lies outside.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from builds import FIXTURES, REPO, fixture_archive, make_project, mkdocs_build

from partnership_archive import file_names, scaffold, site_sources
from partnership_archive.containment import Escape
from partnership_archive.findings import ArchiveError
from partnership_archive.hosts import load_hosts
from partnership_archive.loading import load_archive

FOLDER = "partnerships/lindau-kivu"
PASSWD = Path("/etc/passwd")


def run_check(root: Path) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/check.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr == ""
    return result.returncode, [line for line in result.stdout.splitlines() if ": error: " in line]


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder outside the repository with a secret in it, as on a CI runner."""
    folder = tmp_path / "runner-home" / ".ssh"
    folder.mkdir(parents=True)
    (folder / "id_key").write_text(f"SECRET-{secrets.token_hex(16)}\n", "utf-8")
    return folder


def hostile_project(target: Path, outside: Path) -> Path:
    """The basic archive with links out of it, used by a public document as a coordinator would."""
    project = make_project(target, FIXTURES / "basic")
    files = project / FOLDER / "files"
    (files / "passwd.txt").symlink_to(PASSWD)
    (files / "keys").symlink_to(outside, target_is_directory=True)
    (project / ".git").mkdir()
    (project / ".git/config").write_text("[remote]\n\turl = https://token@example\n", "utf-8")
    (files / "config.txt").symlink_to("../../../.git/config")
    (project / "overrides/assets/logo-alt.svg").symlink_to(PASSWD)  # MkDocs copies theme files
    agreement = project / FOLDER / "agreement.de.md"
    text = agreement.read_text("utf-8").replace(
        "attachments:\n", "attachments:\n  - files/config.txt\n"
    )
    text += "\nSiehe [die Liste](files/passwd.txt) und [den Schlüssel](files/keys/id_key).\n"
    agreement.write_text(text, "utf-8")
    return project


LINK_OUT = "is a symbolic link that leads outside the repository"


def expected_errors(outside: Path) -> list[str]:
    tail = "it is never published; put the file itself there instead"
    own = (
        "it is never published or translated; put the file or folder itself here, "
        "or remove the link"
    )
    doc = f"{FOLDER}/agreement.de.md"
    return [
        f"overrides/assets/logo-alt.svg: error: this {LINK_OUT} (to /etc/passwd): {own}",
        f"{doc}:7: error: 'files/config.txt' is a symbolic link that leads "
        f"into .git, where Git keeps its own files: {tail}",
        f"{doc}:14: error: 'files/passwd.txt' {LINK_OUT} (to /etc/passwd): {tail}",
        f"{doc}:14: error: 'files/keys/id_key' {LINK_OUT} (to {outside}): {tail}",
        f"{FOLDER}/files/config.txt: error: this is a symbolic link that leads into .git, where "
        f"Git keeps its own files: {own}",
        f"{FOLDER}/files/keys: error: this {LINK_OUT} (to {outside}): {own}",
        f"{FOLDER}/files/passwd.txt: error: this {LINK_OUT} (to /etc/passwd): {own}",
    ]


def test_links_out_of_the_repository_are_errors_with_the_documents_line(tmp_path, outside):
    project = hostile_project(tmp_path / "p", outside)
    assert run_check(project) == (1, expected_errors(outside))


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_the_build_fails_and_nothing_from_outside_is_in_site_or_staging(tmp_path, outside):
    project = hostile_project(tmp_path / "p", outside)
    build = mkdocs_build(project)
    assert build.returncode == 1
    for line in expected_errors(outside):
        assert f"  {line}" in build.output
    written = every_byte(project / "site") if (project / "site").exists() else b""
    written += every_byte(project / ".cache")
    secrets_outside = [
        (outside / "id_key").read_bytes().strip(),
        PASSWD.read_bytes().splitlines()[0],
        b"token@example",
    ]
    for secret in secrets_outside:
        assert secret not in written


def test_links_that_stay_inside_the_partnership_are_followed(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    files = project / FOLDER / "files"
    (files / "vertrag.pdf").symlink_to("agreement-signed.pdf")
    (files / "scans").mkdir()
    (files / "scans" / "loop").symlink_to("..", target_is_directory=True)  # a cycle of folders
    agreement = project / FOLDER / "agreement.de.md"
    agreement.write_text(agreement.read_text("utf-8") + "\n[Vertrag](files/vertrag.pdf)\n", "utf-8")
    archive, findings = load_archive(project, ["de", "en"])
    assert [f for f in findings if f.level == "error"] == []
    assert f"{FOLDER}/files/vertrag.pdf" in {a.path for a in archive.public().assets}
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    signed = (project / FOLDER / "files/agreement-signed.pdf").read_bytes()
    assert (build.site / FOLDER / "files/vertrag.pdf").read_bytes() == signed


def test_a_whole_partnership_folder_linked_from_outside_is_refused(tmp_path, outside):
    root = tmp_path / "archive"
    shutil.copytree(FIXTURES / "basic", root)
    shutil.copytree(root / FOLDER, outside / "copy")
    (root / "partnerships/elsewhere").symlink_to(outside / "copy", target_is_directory=True)
    archive, findings = load_archive(root, ["de", "en"])
    assert [p.slug for p in archive.partnerships] == ["lindau-kivu"]
    assert [(f.path, f.level) for f in findings if LINK_OUT in f.message] == [
        ("partnerships/elsewhere", "error")
    ]


def test_a_link_to_a_hidden_file_of_the_repository_is_refused(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(FIXTURES / "basic", root)
    (root / ".env").write_text("DEEPL_API_KEY=secret\n", "utf-8")
    (root / FOLDER / "files/settings.txt").symlink_to("../../../.env")
    archive, findings = load_archive(root, ["de", "en"])
    assert f"{FOLDER}/files/settings.txt" not in {a.path for a in archive.assets}
    assert [str(f) for f in findings if f.level == "error"] == [
        f"{FOLDER}/files/settings.txt: error: this is a symbolic link that leads into .env, a "
        "hidden file or folder the archive never uses: it is never published or translated; "
        "put the file or folder itself here, or remove the link"
    ]


def test_staging_refuses_to_copy_a_link_out_even_if_it_was_planned(tmp_path):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / "passwd.txt").symlink_to(PASSWD)
    plan = {f"{FOLDER}/passwd.txt": site_sources.Copy(f"{FOLDER}/passwd.txt")}
    with pytest.raises(Escape, match="refusing to read a file that leads outside the repository"):
        site_sources.sync(plan, root, tmp_path / "staging")
    assert not (tmp_path / "staging" / FOLDER / "passwd.txt").exists()


@pytest.mark.parametrize("logo", ["{up}etc/passwd", "/etc/passwd", "overrides/../{up}etc/passwd"])
def test_a_hosts_logo_outside_the_repository_is_an_error(tmp_path, logo):
    logo = logo.format(up="../" * len(tmp_path.parts))  # enough to reach /
    (tmp_path / "hosts.yml").write_text(
        f"auental:\n  municipality: Auental\n  default_language: de\n  logo: {logo}\n", "utf-8"
    )
    with pytest.raises(ArchiveError) as raised:
        load_hosts(tmp_path)
    assert [str(f) for f in raised.value.findings] == [
        f"hosts.yml:4: error: the logo {logo} leads outside the repository (to /etc/passwd): "
        "use a file below overrides/"
    ]


# --- ".." cannot leave the partnership folder ----------------------------------------------


def two_partnerships(root: Path) -> Path:
    shutil.copytree(FIXTURES / "basic", root)
    other = root / "partnerships/kivu-lindau"
    shutil.copytree(root / FOLDER, other)
    (other / "files/intern.pdf").write_bytes(b"%PDF-1.4 internal budget")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_a_link_to_another_partnerships_file_publishes_nothing_and_is_an_error(tmp_path):
    root = two_partnerships(tmp_path / "archive")
    agreement = root / FOLDER / "agreement.de.md"
    link = "../kivu-lindau/files/intern.pdf"
    agreement.write_text(agreement.read_text("utf-8") + f"\n[Haushalt]({link})\n", "utf-8")
    archive, _ = load_archive(root, ["de", "en"])
    assert "partnerships/kivu-lindau/files/intern.pdf" not in {
        a.path for a in archive.public().assets
    }
    code, errors = run_check(root)
    assert (code, errors) == (
        1,
        [
            f"{FOLDER}/agreement.de.md:13: error: '{link}' is a file of another partnership: a "
            "document can only use files of its own partnership folder; copy the file into "
            f"{FOLDER}/files/"
        ],
    )


@pytest.mark.parametrize(
    "attachment",
    ["../kivu-lindau/files/intern.pdf", "../../partnerships/kivu-lindau/x.pdf", "/etc/passwd"],
)
def test_attachments_cannot_leave_the_partnership_folder(tmp_path, attachment):
    root = two_partnerships(tmp_path / "archive")
    agreement = root / FOLDER / "agreement.de.md"
    text = agreement.read_text("utf-8").replace(
        "attachments:\n", f"attachments:\n  - {attachment}\n"
    )
    agreement.write_text(text, "utf-8")
    code, errors = run_check(root)
    assert (code, errors) == (
        1,
        [f"{FOLDER}/agreement.de.md:7: error: '{attachment}' is outside {FOLDER}/"],
    )


# --- Names every checkout can hold ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "con.de.md",
            "'CON' is a reserved device name on Windows, also with an extension: rename it, "
            "e.g. con-1.de.md",
        ),
        (
            "LPT1",
            "'LPT1' is a reserved device name on Windows, also with an extension: rename it, "
            "e.g. lpt1-1",
        ),
        (
            "Protokoll: Mai.de.md",
            "Windows does not allow : in names: rename it, e.g. with '-' instead",
        ),
        (
            'Was? "Wir".pdf',
            "Windows does not allow \" ? in names: rename it, e.g. with '-' instead",
        ),
        ("scan.", "Windows drops a dot or space at the end of a name: rename it without it"),
        ("Bericht ", "Windows drops a dot or space at the end of a name: rename it without it"),
        (
            "a\tb.pdf",
            "the name contains an invisible control character (U+0009): rename it without it",
        ),
        ("x" * 256, "the name is longer than 255 bytes: shorten it"),
    ],
    ids=[
        "reserved",
        "reserved-folder",
        "colon",
        "quote-and-question",
        "dot",
        "space",
        "tab",
        "long",
    ],
)
def test_names_windows_cannot_hold_say_how_to_rename(name, message):
    assert file_names.name_problem(name) == message


@pytest.mark.parametrize(
    "name", ["2025-03-12-lenkungsgruppe.de.md", "Grüße & Dank.pdf", "console.md", "aux-1.de.md"]
)
def test_ordinary_names_are_fine(name):
    assert file_names.name_problem(name) is None


def test_names_that_differ_only_in_case_or_umlaut_encoding_collide():
    composed, decomposed = "Grüße.pdf", unicodedata.normalize("NFD", "Grüße.pdf")
    paths = [
        "p/Protokoll.de.md",
        "p/protokoll.de.md",
        f"p/{composed}",
        f"p/{decomposed}",
        "p/x.pdf",
    ]
    assert sorted(file_names.collisions(paths)) == sorted(
        [("p/protokoll.de.md", "p/Protokoll.de.md"), (f"p/{composed}", f"p/{decomposed}")]
    )


def test_check_reports_unportable_names_with_the_fix(tmp_path):
    root = tmp_path / "archive"
    fixture_archive(root)
    minutes = root / FOLDER / "minutes"
    shutil.copy(minutes / "2023-06-01-meeting.de.md", minutes / "nul.de.md")
    (root / FOLDER / "Files").mkdir()
    (root / FOLDER / "Files" / "scan?.pdf").write_bytes(b"%PDF-1.4")
    code, errors = run_check(root)
    assert code == 1
    assert errors == [
        f"{FOLDER}/Files/scan?.pdf: error: Windows does not allow ? in names: rename it, e.g. "
        "with '-' instead",
        f"{FOLDER}/files: error: Windows and macOS see this as the same name as {FOLDER}/Files "
        "(they ignore upper and lower case): one of them would be lost in a checkout; rename one",
        f"{FOLDER}/minutes/nul.de.md: error: 'NUL' is a reserved device name on Windows, also "
        "with an extension: rename it, e.g. nul-1.de.md",
    ]


def test_generated_names_of_new_documents_pass_the_same_rules():
    for title in ("Con", "AUX", "Nul: Sitzung?", "Protokoll.", "COM1 ", "com0"):
        name = scaffold.document_name(dt.date(2025, 3, 12), title)
        assert file_names.name_problem(f"{name}.de.md") is None, name
        assert file_names.name_problem(scaffold.slugify(title)) is None, title
