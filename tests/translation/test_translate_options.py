"""Honest options: ``--to`` says what it will do, a provider that is missing, misaddressed or
refuses the key is one line with what to do, and translation.yml decides which parts of
the archive are translated into which languages."""

from __future__ import annotations

import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from builds import fixture_archive, run_script
from cli_output import summary_row

from partnership_archive.translation.segments import segment
from partnership_archive.translation.structure import stack_for

VISIT = "partnerships/lindau-kivu/minutes/2024-02-01-visit"  # English only
HOSTS = """\
lindau:
  municipality: Gemeinde Lindau
  default_language: de
kivu:
  municipality: Kivu Town
  default_language: en
"""
FRENCH_PARTNERSHIP = """\
name: Lindau – Dori
municipalities:
  - {name: Gemeinde Lindau, country: DE, language: de}
  - {name: Commune de Dori, country: BF, language: fr}
languages: [de, fr]
since: 2020
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    fixture_archive(root)
    (root / "hosts.yml").write_text(HOSTS, "utf-8")
    return root


def settings(root: Path, url: str, **extra) -> None:
    options = {"endpoint": url, "timeout": 2, "attempts": 3, "backoff": 0}
    config = {
        "provider": "libre",
        "memory": "memory.jsonl",
        "providers": {"libre": options, "deepl": {**options, **extra.pop("deepl", {})}},
        **extra,
    }
    (root / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")


def translate(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {"CI": "true", "LANG": "C.UTF-8", **(env or {})}
    return run_script("translate.py", root, *args, env=environ)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The failure, which must be a single line without a traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- --to -----------------------------------------------------------------------------


def test_to_a_language_the_partnership_does_not_have_is_refused(archive, fake):
    settings(archive, fake.url)
    result = translate(archive, "--to", "fr", "partnerships")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--to French (fr): nothing selected is translated into it "
        "(lindau-kivu has the languages de, en (partnership.yml)).",
        "Nothing to do: name a language of the selected documents with --to, or leave --to out.",
    ]
    assert fake.log == []


def test_to_two_languages_says_which_one_cannot_apply(archive, fake):
    settings(archive, fake.url)
    result = translate(archive, "--to", "de,en", f"{VISIT}.en.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "--to English (en): the selected documents are written in it; there is nothing to "
        "translate into it.",
        "1 mirror to write, into German (de).",
    ]
    assert (archive / f"{VISIT}.de.md").is_file()


def test_to_something_that_is_not_a_language_is_refused(archive, fake):
    settings(archive, fake.url)
    result = translate(archive, "--to", "xx")
    assert result.returncode == 2
    assert one_line(result) == "--to xx: 'xx' is not a known ISO 639-1 language code"
    assert fake.log == []


# --- providers ------------------------------------------------------------------------


def test_an_endpoint_without_scheme_is_one_line(archive, fake):
    settings(archive, fake.url)
    result = translate(archive, "--endpoint", "127.0.0.1:5000")
    assert result.returncode == 2
    assert one_line(result) == (
        "--endpoint '127.0.0.1:5000' is not a web address: write it with http:// or "
        "https://, e.g. http://127.0.0.1:5000"
    )


def test_an_endpoint_without_scheme_in_translation_yml_names_the_line(archive):
    (archive / "translation.yml").write_text(
        "provider: libre\nproviders:\n  libre:\n    endpoint: 127.0.0.1:5000\n", "utf-8"
    )
    result = translate(archive)
    assert result.returncode == 2
    assert one_line(result).startswith(
        "translation.yml:4: error: 'endpoint': '127.0.0.1:5000' is not a web address"
    )


@pytest.fixture
def hangs_up() -> Iterator[tuple[str, list[int]]]:
    """A server that accepts each connection and closes it at once; counts them."""
    accepted: list[int] = []
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(1)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    listener.close()


def test_an_unreachable_libretranslate_fails_at_the_first_request(archive, hangs_up):
    url, accepted = hangs_up
    settings(archive, url)  # three attempts allowed for a busy server; none for this
    result = translate(archive)
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"LibreTranslate ({url}) cannot be reached (")
    assert line.endswith(
        "Start the LibreTranslate server, or set its address in translation.yml "
        "(providers: libre: endpoint:) or with --endpoint. To try the workflow without a "
        "service: --provider pseudo."
    )
    assert len(accepted) == 1


def test_no_server_at_all_is_the_same_one_line(archive):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings(archive, url)
    result = translate(archive)
    assert result.returncode == 1
    assert "cannot be reached" in one_line(result)


@pytest.fixture
def refuses_keys() -> Iterator[str]:
    """A DeepL-like server that refuses every key (HTTP 403)."""

    class Refuse(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b'{"message": "Wrong endpoint or key"}'
            self.send_response(403)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_wrong_key_is_one_line_naming_the_variable(archive, refuses_keys):
    settings(archive, refuses_keys, deepl={"endpoint": refuses_keys})
    key = "wrong-key-123"
    result = translate(archive, "-q", "--provider", "deepl", env={"DEEPL_API_KEY": key})
    assert result.returncode == 2
    assert "Check the key in the environment variable DEEPL_API_KEY." in one_line(result)
    assert f"DeepL ({refuses_keys}) refused the API key (deepl: HTTP 403" in result.stderr
    assert key not in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_a_missing_key_is_one_line(archive, fake):
    settings(archive, fake.url)
    result = translate(archive, "--provider", "deepl", env={"DEEPL_API_KEY": ""})
    assert result.returncode == 2
    assert one_line(result) == (
        "error: DeepL needs an API key in the environment variable DEEPL_API_KEY "
        "(never in a file of the archive)"
    )


def test_a_missing_address_is_one_line_in_the_coordinators_language(archive):
    (archive / "translation.yml").write_text("provider: libre\n", "utf-8")
    result = translate(archive, env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 2
    assert one_line(result) == (
        "Fehler: LibreTranslate braucht eine Adresse: in translation.yml setzen "
        "(providers: libre: endpoint:) oder --endpoint angeben"
    )


# --- what is sent, and what it costs ---------------------------------------------------


def test_the_dry_run_counts_what_is_sent_and_its_cost_before_sending(archive, fake):
    price = {"price": {"per_million_characters": 20, "currency": "EUR", "checked": "2026-12-01"}}
    settings(archive, fake.url, deepl=price)
    source = archive / f"{VISIT}.en.md"
    long_link = "https://kivu.example/a/very/long/address/of/the/borehole/report.pdf"
    source.write_text(source.read_text("utf-8") + f"\nSee the [report]({long_link}).\n")
    env = {"DEEPL_API_KEY": "k:fx"}
    dry = translate(archive, "--dry-run", "--provider", "deepl", f"{VISIT}.en.md", env=env)
    assert dry.returncode == 0, dry.stderr
    assert fake.log == []  # nothing was sent
    to_send = int(summary_row(dry.stdout, "Characters to send"))
    segments = segment(source.read_text("utf-8"), stack_for(archive / "mkdocs.yml"))
    assert to_send < sum(len(s.text) for s in segments) - len(long_link) + 10  # masked
    assert summary_row(dry.stdout, "Estimated cost") == "less than €0.01"
    assert "Estimate at €20.00 per million characters (DeepL, price checked 2026-12-01" in (
        dry.stdout
    )

    run = translate(archive, "--provider", "deepl", f"{VISIT}.en.md", env=env)
    assert run.returncode == 0, run.stderr
    assert int(summary_row(run.stdout, "Characters sent")) == to_send
    sent = [text for r in fake.log if r.path == "/v2/translate" for text in r.form()["text"]]
    assert all(long_link not in text for text in sent)  # masked: the address is not sent
    assert summary_row(run.stdout, "Requests") == str(len(fake.log))
    assert summary_row(run.stdout, "Estimated cost") == "less than €0.01"


def test_a_free_provider_shows_no_cost(archive, fake):
    settings(archive, fake.url)
    dry = translate(archive, "--dry-run")
    assert "Estimated cost" not in dry.stdout
    assert summary_row(dry.stdout, "Mirrors to write") == "2"


# --- which parts into which languages ---------------------------------------------------


def add_french_partnership(root: Path) -> None:
    folder = root / "partnerships/lindau-dori"
    folder.mkdir()
    (folder / "partnership.yml").write_text(FRENCH_PARTNERSHIP, "utf-8")


def test_a_french_partnership_does_not_make_the_knowledge_base_a_french_job(archive, fake):
    settings(archive, fake.url)
    add_french_partnership(archive)
    check = translate(archive, "--check", "docs")
    assert "docs/index.fr.md: missing (fr)" not in check.stdout
    dry = translate(archive, "--dry-run", "docs", "--to", "fr")
    assert dry.returncode == 2
    assert "the knowledge base is translated into de, en (translation.yml" in dry.stderr


def test_the_knowledge_base_into_every_site_language_when_translation_yml_says_so(archive, fake):
    settings(archive, fake.url, translate={"knowledge_base": "site"})
    add_french_partnership(archive)
    check = translate(archive, "--check", "docs")
    assert "docs/index.fr.md: missing (fr)" in check.stdout.splitlines()
    dry = translate(archive, "--dry-run", "docs", "--to", "fr")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("docs/index.fr.md: ")


def test_a_list_of_languages_for_the_knowledge_base(archive, fake):
    settings(archive, fake.url, translate={"knowledge_base": ["de"]})
    (archive / "docs/index.en.md").unlink()
    check = translate(archive, "--check", "docs")
    assert check.stdout.splitlines() == ["0 mirrors checked, 0 need attention"]


def test_a_wrong_rule_in_translation_yml_names_its_line(archive, fake):
    settings(archive, fake.url, translate={"knowledge_base": "everywhere"})
    lines = (archive / "translation.yml").read_text("utf-8").splitlines()
    line = lines.index("  knowledge_base: everywhere") + 1
    result = translate(archive, "--check")
    assert result.returncode == 2
    assert one_line(result).startswith(
        f"translation.yml:{line}: error: 'knowledge_base': the text 'everywhere' is not allowed"
    )
