"""Every benchmark runs, on a tiny archive (no timing is asserted: numbers are for
BENCHMARKS.md, measured on the project's machine type)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from builds import REPO

BENCHMARKS = REPO / "benchmarks"


def run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_generator_makes_the_same_archive_from_the_same_seed(tmp_path):
    for name in ("a", "b"):
        run("archive_generator.py", str(tmp_path / name), "--pages", "30", "--seed", "7")
    files = {
        name: {
            p.relative_to(tmp_path / name): p.read_bytes()
            for p in (tmp_path / name / "partnerships").rglob("*")
            if p.is_file()
        }
        for name in ("a", "b")
    }
    assert files["a"] == files["b"]
    documents = [p for p in files["a"] if p.name != "partnership.yml" and p.suffix == ".md"]
    assert 15 <= len({p.with_suffix("").with_suffix("") for p in documents}) <= 16


def test_build_bench_prints_floor_project_and_stock_and_their_ratios():
    out = run("build_bench.py", "--pages", "20", "--runs", "1", "--stock-runs", "1")
    for row in (
        "| floor |",
        "| project |",
        "| stock |",
        "| project / floor |",
        "| project / stock |",
    ):
        assert row in out, out


@pytest.mark.parametrize("stock", [["--stock"]])
def test_search_payload_counts_what_a_browser_fetches(stock):
    out = run("search_payload.py", "--pages", "20", *stock)
    rows = [line for line in out.splitlines() if line.startswith("| project |")]
    assert len(rows) == 2 and all("first search" not in r and " KB" in r for r in rows), out
    assert "| stock |" in out


def test_preview_latency_edits_and_breaks_a_document():
    out = run("preview_latency.py", "--pages", "20", "--edits", "1")
    assert "edit 1: shown after" in out and "broken edit: error page after" in out, out
    assert "fixed: pages back after" in out
