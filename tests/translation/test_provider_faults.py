"""A provider failing in every way a real one does, through translate.py.

The loopback server answers the first request (two texts) properly and then breaks
for good. Each time: one line on stderr that says what happened, exit code 1, the
mirror of the first batch and its memory entries kept, and the API key nowhere: not
on stdout or stderr, not in any file the run wrote.
"""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

import pytest
import yaml
from builds import fixture_archive, run_script

from partnership_archive.loading import load_archive
from partnership_archive.mirror_status import mirror_state

REPO = Path(__file__).resolve().parents[2]
KEY = "lt-secret-key-7f3a9"
BUDGET = "partnerships/lindau-kivu/budget"  # the first batch: its title and its paragraph
AGAIN = "Everything translated so far is kept; run the same command again to continue."
AGAIN_AFTER_FIX = (
    "Everything translated so far is kept; after the fix, run the same command again to continue."
)
UNREACHABLE = "To try the workflow without a service: --provider pseudo."
WRONG_ENDPOINT = "Check the endpoint in translation.yml or --endpoint."


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return fixture_archive(tmp_path / "archive")


def configure(root: Path, endpoint: str) -> None:
    options = {
        "endpoint": endpoint,
        "approved_for_internal": True,
        "timeout": 0.5,
        "attempts": 2,
        "backoff": 0,
        "batch_size": 2,
    }
    config = {"provider": "libre", "memory": "memory.jsonl", "providers": {"libre": options}}
    (root / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")


def translate(root: Path) -> subprocess.CompletedProcess:
    return run_script("translate.py", root, env={"CI": "true", "LIBRE_API_KEY": KEY})


def assert_key_nowhere(root: Path, result: subprocess.CompletedProcess) -> None:
    assert KEY not in result.stdout + result.stderr
    for path in root.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


def stop_line(result: subprocess.CompletedProcess, code: int = 1, ending: str = AGAIN) -> str:
    """The one line that explains the stop (after the problems and progress lines).

    Code 1: try again later; 2: the settings are wrong (a refused key). A service that
    cannot be reached at all is named before anything is sent: ``UNREACHABLE``."""
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("LibreTranslate (") and lines[-1].endswith(ending), lines
    return lines[-1]


def assert_first_batch_kept(root: Path) -> None:
    archive, _ = load_archive(root, ["de", "en"])
    item = next(d for d in archive.documents if d.site_key == BUDGET)
    assert mirror_state(item.source, item.versions.get("en")) == "machine"
    memory = [json.loads(line) for line in (root / "memory.jsonl").read_text("utf-8").splitlines()]
    assert {entry["source"] for entry in memory} == {
        "Vertrauliche Haushaltsplanung",
        "Geheimmarker QX7-VERTRAULICH: Verhandlungsspielraum 12.345 Euro.",
    }
    assert not (root / "partnerships/lindau-kivu/minutes/2024-02-01-visit.de.md").exists()


BROKEN = {
    "status 429": "HTTP 429 from {url}/translate (too many requests: the service's rate limit is "
    "reached); gave up after 2 attempts",
    "status 503": "HTTP 503 from {url}/translate (the service has a problem); "
    "gave up after 2 attempts",
    "status 403": "HTTP 403 from {url}/translate (the service refuses the request: is the API "
    'key right?): {{"error": "no"}}',
    "status 456": "HTTP 456 from {url}/translate (the account's translation quota is used up): "
    '{{"error": "no"}}',
    "not json": "the answer from {url}/translate is not JSON (text/html): is the endpoint right?",
    "wrong shape": "answer is not a list of texts",
    "fewer": "sent 2 texts, got 1 back",
    "more": "sent 2 texts, got 3 back",
    "hang": "no answer from {url}/translate within 0.5 s; gave up after 2 attempts",
    "trickle": "no complete answer from {url}/translate within 1 s; gave up after 2 attempts",
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_provider_that_breaks_mid_run(kind, archive, fake) -> None:
    configure(archive, fake.url)
    fake.faults.broken, fake.faults.healthy = kind, 1
    fake.faults.retry_after = "1" if kind == "status 429" else "0"  # a storm that asks to wait
    result = translate(archive)
    if kind == "status 403":  # the key is wrong: the settings need a fix first
        line = stop_line(result, 2, AGAIN_AFTER_FIX)
        assert "refused the API key" in line and "LIBRE_API_KEY" in line
    elif kind == "not json":  # a web page answers instead of the service: the address
        line = stop_line(result, 2, AGAIN_AFTER_FIX)
        assert "cannot be used at this address" in line
    else:
        line = stop_line(result)
    assert BROKEN[kind].format(url=fake.url) in line
    if kind in ("wrong shape", "fewer", "more"):  # it answered: never "cannot be reached"
        assert "answered, but not with a translation of what was sent" in line
    assert_first_batch_kept(archive)
    assert_key_nowhere(archive, result)


def test_a_storm_of_429_is_waited_out_as_retry_after_asks(archive, fake) -> None:
    configure(archive, fake.url)
    fake.faults.too_many, fake.faults.retry_after = 1, "1"  # then the service recovers
    result = translate(archive)
    assert result.returncode == 0, result.stderr
    assert [r.path for r in fake.log[:2]] == ["/languages", "/languages"]


def test_an_answer_that_echoes_the_key_is_never_shown(archive, fake) -> None:
    configure(archive, fake.url)
    fake.faults.broken, fake.faults.healthy = "echo", 1
    result = translate(archive)
    line = stop_line(result)
    assert f"HTTP 400 from {fake.url}/translate: " in line and "***" in line
    assert_key_nowhere(archive, result)


def test_tls_to_a_plain_http_port_stops_at_once(archive, fake) -> None:
    endpoint = fake.url.replace("http://", "https://")
    configure(archive, endpoint)
    result = translate(archive)
    assert (
        f"the secure connection (TLS) to {endpoint}/languages failed: the server does not "
        "speak HTTPS, or its certificate is not trusted; check the endpoint's http/https"
    ) in stop_line(result, 2, WRONG_ENDPOINT)
    assert len(fake.log) == 0  # nothing was understood, nothing was retried
    assert_key_nowhere(archive, result)


def test_a_name_that_does_not_resolve_stops_at_once(archive) -> None:
    configure(archive, "http://translate.invalid")
    result = translate(archive)
    assert (
        "the server name 'translate.invalid' cannot be found (DNS); check the endpoint"
    ) in stop_line(result, 2, WRONG_ENDPOINT)
    assert_key_nowhere(archive, result)


def test_nothing_listening_is_named_at_once(archive) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    configure(archive, f"http://127.0.0.1:{port}")
    result = translate(archive)
    assert (
        f"cannot connect to http://127.0.0.1:{port}/languages (connection refused: is the "
        "service running?); gave up after 1 attempt)"  # at once: the first one is not retried
    ) in stop_line(result, ending=UNREACHABLE)
    assert_key_nowhere(archive, result)


def test_a_batch_too_large_for_the_service_asks_for_a_smaller_batch_size(archive, fake) -> None:
    configure(archive, fake.url)
    fake.faults.broken, fake.faults.healthy = "status 413", 1
    line = stop_line(translate(archive), 2, AGAIN_AFTER_FIX)  # waiting would not help
    assert f"HTTP 413 from {fake.url}/translate" in line
    assert "Set a smaller batch_size in translation.yml (providers: libre: batch_size:)" in line
    assert_first_batch_kept(archive)
