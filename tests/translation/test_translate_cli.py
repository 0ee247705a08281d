"""scripts/translate.py against a real HTTP provider on 127.0.0.1: cost, safety, faults."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from builds import run_script
from cli_output import summary_row

from partnership_archive.loading import load_archive
from partnership_archive.mirror_status import mirror_state

REPO = Path(__file__).resolve().parents[2]
BASIC = REPO / "tests/fixtures/basic"
VISIT = "partnerships/lindau-kivu/minutes/2024-02-01-visit"  # English only
BUDGET = "partnerships/lindau-kivu/budget"  # German only, internal
SECRET = "QX7-VERTRAULICH"
VISIT_TEXTS = ["Minutes of the visit", "The delegation inspected the boreholes near the market."]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(BASIC, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def settings(root: Path, url: str, internal: bool = False, attempts: int = 2) -> None:
    options = {
        "endpoint": url,
        "approved_for_internal": internal,
        "timeout": 2,
        "attempts": attempts,
        "backoff": 0,
    }
    config = {
        "provider": "libre",
        "memory": "memory.jsonl",
        "providers": {"libre": options, "deepl": {**options, "endpoint": url}},
    }
    (root / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")


def translate(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_script("translate.py", root, *args, env={"CI": "true", **(env or {})})


def sent_texts(fake) -> list[str]:
    texts = []
    for request in fake.log:
        if request.path == "/translate":
            texts += request.json()["q"]
        elif request.path == "/v2/translate":
            texts += request.form()["text"]
    return texts


def state_of(root: Path, key: str, lang: str) -> str:
    archive, findings = load_archive(root, ["de", "en"])
    assert [f for f in findings if f.level == "error"] == []
    item = next(d for d in archive.documents if d.site_key == key)
    return mirror_state(item.source, item.versions.get(lang))


def test_missing_mirrors_are_written_and_a_second_run_sends_nothing(archive, fake):
    settings(archive, fake.url)
    first = translate(archive)
    assert first.returncode == 0, first.stderr
    mirror = (archive / f"{VISIT}.de.md").read_text("utf-8")
    assert "(de)" in mirror and "status: machine" in mirror and "provider: libre" in mirror
    assert state_of(archive, VISIT, "de") == "machine"
    translations = [r for r in fake.log if r.path == "/translate"]
    # one request per language pair (the visit minutes into German, the contact list into
    # English), all their segments in it
    assert len(translations) == 2
    assert summary_row(first.stdout, "Mirrors written") == "2"

    fake.log.clear()
    second = translate(archive)
    assert second.returncode == 0, second.stderr
    assert sent_texts(fake) == []
    assert summary_row(second.stdout, "Mirrors written") == "0"


def test_an_edit_sends_only_the_changed_paragraph(archive, fake):
    settings(archive, fake.url)
    assert translate(archive).returncode == 0
    source = archive / f"{VISIT}.en.md"
    source.write_text(
        source.read_text("utf-8") + "\nA second paragraph about the pumps.\n", "utf-8"
    )
    fake.log.clear()
    result = translate(archive)
    assert result.returncode == 0, result.stderr
    assert sent_texts(fake) == ["A second paragraph about the pumps."]
    assert "(de) pumps. the about paragraph second A" in (archive / f"{VISIT}.de.md").read_text(
        "utf-8"
    )


def test_a_sentence_already_translated_elsewhere_is_not_paid_for_twice(archive, fake):
    settings(archive, fake.url)
    copy = archive / "partnerships/lindau-kivu/minutes/2024-03-01-copy.en.md"
    copy.write_text(
        (archive / f"{VISIT}.en.md").read_text("utf-8").replace("2024-02-01", "2024-03-01")
    )
    assert translate(archive).returncode == 0
    texts = sent_texts(fake)
    assert texts.count("The delegation inspected the boreholes near the market.") == 1


def test_an_edited_machine_mirror_survives_a_source_change(archive, fake):
    settings(archive, fake.url)
    assert translate(archive).returncode == 0
    mirror = archive / f"{VISIT}.de.md"
    edited = mirror.read_text("utf-8") + "\nVon Hand ergänzt.\n"
    mirror.write_text(edited, "utf-8")
    source = archive / f"{VISIT}.en.md"
    source.write_text(source.read_text("utf-8").replace("market", "school"), "utf-8")

    result = translate(archive)
    assert result.returncode == 0, result.stderr
    assert mirror.read_text("utf-8") == edited
    assert f"{VISIT}.de.md: stale" in result.stdout
    check = translate(archive, "--check", f"{VISIT}.en.md")
    assert check.returncode == 1 and f"{VISIT}.de.md: stale (de)" in check.stdout


def test_internal_documents_never_reach_a_provider_not_approved_for_them(archive, fake):
    settings(archive, fake.url, internal=False)
    result = translate(archive)
    assert result.returncode == 0, result.stderr
    assert f"{BUDGET}.en.md: skipped: the document is internal" in result.stdout
    assert not (archive / f"{BUDGET}.en.md").exists()
    assert all(SECRET not in request.body.decode() for request in fake.log)


def test_internal_documents_go_to_an_approved_provider(archive, fake):
    settings(archive, fake.url, internal=True)
    assert translate(archive).returncode == 0
    assert any(SECRET in text for text in sent_texts(fake))
    assert (archive / f"{BUDGET}.en.md").is_file()


def test_busy_provider_is_retried(archive, fake):
    settings(archive, fake.url)
    fake.faults.too_many = 1
    result = translate(archive)
    assert result.returncode == 0, result.stderr
    # the first request (asking for the languages) got 429 and was sent again
    assert [r.path for r in fake.log] == ["/languages", "/languages", "/translate", "/translate"]


def test_provider_down_mid_run_keeps_finished_work_and_the_rerun_completes(archive, fake):
    settings(archive, fake.url, internal=True)
    fake.faults.down_after = 1  # the first batch (German to English) gets through, then 503
    result = translate(archive)
    assert result.returncode == 1
    assert "LibreTranslate (http://127.0.0.1:" in result.stderr
    assert "run the same command again to continue" in result.stderr
    assert "Traceback" not in result.stderr
    assert (archive / f"{BUDGET}.en.md").exists() and not (archive / f"{VISIT}.de.md").exists()
    assert state_of(archive, BUDGET, "en") == "machine"
    assert list(archive.rglob("*.tmp")) == []
    memory = (archive / "memory.jsonl").read_text("utf-8").splitlines()
    assert memory and all(json.loads(line) for line in memory)

    fake.faults.down_after = None
    fake.log.clear()
    rerun = translate(archive)
    assert rerun.returncode == 0, rerun.stderr
    assert (archive / f"{BUDGET}.en.md").exists() and (archive / f"{VISIT}.de.md").exists()
    assert summary_row(rerun.stdout, "Mirrors written") == "1"
    assert sent_texts(fake) == VISIT_TEXTS  # only what the first run did not get


def test_a_refused_answer_keeps_its_text_in_the_source_language_and_says_so(archive, fake):
    settings(archive, fake.url)
    fake.faults.lose_placeholder = True
    source = archive / f"{VISIT}.en.md"
    source.write_text(source.read_text("utf-8").replace("boreholes", "`boreholes`"), "utf-8")
    result = translate(archive)
    assert result.returncode == 1
    assert (
        f"{VISIT}.en.md:7: kept in English in {VISIT}.de.md: the provider's answer was "
        "refused (text 2: sent tags [1], got back [])"
    ) in result.stderr.splitlines()
    mirror = (archive / f"{VISIT}.de.md").read_text("utf-8")
    assert "The delegation inspected the `boreholes` near the market." in mirror
    assert "  untranslated: [7]\n" in mirror
    assert state_of(archive, VISIT, "de") == "incomplete"
    memory = (archive / "memory.jsonl").read_text("utf-8")
    assert "boreholes" not in memory  # a refused answer is not remembered
    check = translate(archive, "--check")
    assert check.returncode == 1
    assert (
        f"{VISIT}.de.md: incomplete (de): lines 7 of {VISIT}.en.md are still in English"
    ) in check.stdout.splitlines()


def test_a_run_with_nothing_to_do_notes_incomplete_mirrors(archive, fake):
    settings(archive, fake.url)
    fake.faults.lose_placeholder = True
    source = archive / f"{VISIT}.en.md"
    source.write_text(source.read_text("utf-8").replace("boreholes", "`boreholes`"), "utf-8")
    assert translate(archive).returncode == 1
    fake.faults.lose_placeholder = False
    fake.log.clear()
    again = translate(archive)
    assert (again.returncode, sent_texts(fake)) == (0, [])
    assert f"{VISIT}.de.md: incomplete: parts are still in the original language" in again.stdout


def test_dry_run_sends_nothing(archive, fake):
    settings(archive, fake.url)
    result = translate(archive, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert fake.log == []
    assert f"{VISIT}.de.md: 2 of 2 segments to send" in result.stdout


def test_a_language_no_provider_covers_is_refused(archive, fake):
    settings(archive, fake.url)
    config = archive / "partnerships/lindau-kivu/partnership.yml"
    config.write_text(config.read_text("utf-8").replace("[de, en]", "[de, en, sw]"), "utf-8")
    result = translate(archive, "--to", "sw")
    assert result.returncode == 2
    assert (
        "provider 'libre' cannot translate into Swahili (sw); providers that do: microsoft"
        in result.stderr
    )
    assert sent_texts(fake) == []


def test_deepl_is_called_with_post_and_the_authorization_header(archive, fake):
    settings(archive, fake.url)
    key = "secret-key-123:fx"
    result = translate(archive, "--provider", "deepl", env={"DEEPL_API_KEY": key})
    assert result.returncode == 0, result.stderr
    calls = [r for r in fake.log if r.path == "/v2/translate"]
    assert calls and all(r.method == "POST" for r in calls)
    assert all(r.headers["Authorization"] == f"DeepL-Auth-Key {key}" for r in calls)
    assert all(key not in r.body.decode() and not r.query for r in calls)
    assert key not in result.stdout + result.stderr


def test_names_are_kept_and_glossary_terms_applied(archive, fake):
    settings(archive, fake.url)
    source = archive / f"{VISIT}.en.md"
    source.write_text(
        source.read_text("utf-8").replace(
            "The delegation", "The delegation of Gemeinde Lindau with Erika Publik"
        ),
        "utf-8",
    )
    (archive / "partnerships/lindau-kivu/glossary.yml").write_text(
        "terms:\n  - {en: boreholes, de: Bohrlöcher}\n", "utf-8"
    )
    assert translate(archive).returncode == 0
    sent = " ".join(sent_texts(fake))
    assert "Gemeinde Lindau" not in sent and "Erika Publik" not in sent and "boreholes" not in sent
    mirror = (archive / f"{VISIT}.de.md").read_text("utf-8")
    assert "Gemeinde Lindau" in mirror and "Erika Publik" in mirror and "Bohrlöcher" in mirror


def test_review_shows_what_changed_in_the_source_since_the_review(archive, fake):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    agreement = "partnerships/lindau-kivu/agreement"
    assert translate(archive, "--review", f"{agreement}.en.md").returncode == 0
    assert translate(archive, "--mark-reviewed", f"{agreement}.en.md").returncode == 0
    subprocess.run(["git", "init", "-q"], cwd=archive, check=True)
    subprocess.run([*git, "add", "-A"], cwd=archive, check=True)
    subprocess.run([*git, "commit", "-qm", "reviewed"], cwd=archive, check=True)
    source = archive / f"{agreement}.de.md"
    source.write_text(
        source.read_text("utf-8").replace("Trinkwasserbrunnen", "Trinkwasserbrunnen und Schulen"),
        "utf-8",
    )
    result = translate(archive, "--review", f"{agreement}.en.md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"== {agreement}.en.md (stale;")
    assert (
        "   old source:  Die Gemeinden vereinbaren eine Partnerschaft über Trinkwasserbrunnen."
        in lines
    )
    assert (
        "   new source:  Die Gemeinden vereinbaren eine Partnerschaft über "
        "Trinkwasserbrunnen und Schulen." in lines
    )
    assert (
        "   mirror now:  The municipalities agree on a partnership about drinking water wells."
        in lines
    )


def test_languages_names_the_providers_of_every_partnership_language(archive, fake):
    settings(archive, fake.url)
    config = archive / "partnerships/lindau-kivu/partnership.yml"
    config.write_text(config.read_text("utf-8").replace("[de, en]", "[de, en, sw]"), "utf-8")
    result = translate(archive, "--languages")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "de (German): libre, deepl, microsoft, google, mymemory"
    assert lines[2] == "sw (Swahili): microsoft, google, mymemory  <- not covered by libre"


def test_a_source_saved_with_a_bom_and_crlf_gives_a_clean_mirror(archive, fake):
    settings(archive, fake.url)
    source = archive / f"{VISIT}.en.md"
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n"))
    assert translate(archive).returncode == 0
    assert set(VISIT_TEXTS) <= set(sent_texts(fake))  # no BOM in the title, no CR in the text
    mirror = (archive / f"{VISIT}.de.md").read_bytes()
    assert mirror.startswith(b"---\ntitle: (de) visit the of Minutes\n") and b"\r" not in mirror
    assert state_of(archive, VISIT, "de") == "machine"


def test_a_glossary_with_a_yaml_bomb_is_one_message(archive, fake):
    settings(archive, fake.url)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (archive / "partnerships/lindau-kivu/glossary.yml").write_text(bomb, "utf-8")
    result = translate(archive)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "partnerships/lindau-kivu/glossary.yml:" in line
