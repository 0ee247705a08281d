"""A run is planned whole: each distinct segment is sent once, in full batches.

Across documents, per language pair, at most the provider's batch size per request:
a thousand short documents cost ceil(segments / batch size) requests per language,
not a thousand. Also ``benchmarks/translation.py`` on a tiny archive (its figures are
the same properties; the timings are for BENCHMARKS.md, never asserted).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml
from builds import run_script
from cli_output import summary_row

REPO = Path(__file__).resolve().parents[2]


def make_archive(root: Path, url: str, batch_size: int) -> Path:
    shutil.copytree(REPO / "tests/fixtures/translation", root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    minutes = root / "partnerships/auental-mbeya/minutes/2025-03-12-lenkungsgruppe.de.md"
    for day in ("13", "14"):  # the same minutes twice more: their sentences are sent once
        copy = minutes.with_name(f"2025-03-{day}-lenkungsgruppe.de.md")
        copy.write_text(minutes.read_text("utf-8").replace("12. März", f"{day}. März"), "utf-8")
    options = {"endpoint": url, "timeout": 2, "attempts": 1, "batch_size": batch_size}
    config = {"provider": "libre", "memory": "memory.jsonl", "providers": {"libre": options}}
    config["translate"] = {"knowledge_base": "site"}  # the knowledge base into French too
    (root / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")
    return root


def test_each_distinct_segment_is_sent_once_in_full_batches(tmp_path, fake) -> None:
    root = make_archive(tmp_path / "archive", fake.url, batch_size=4)
    result = run_script("translate.py", root, env={"CI": "true"})
    assert result.returncode == 0, result.stderr
    requests = [r.json() for r in fake.log if r.path == "/translate"]
    for target in ("en", "fr"):
        batches = [len(r["q"]) for r in requests if r["target"] == target]
        sent = Counter(text for r in requests if r["target"] == target for text in r["q"])
        assert max(sent.values()) == 1  # nothing twice, though three minutes share it
        assert len(batches) == math.ceil(sum(sent.values()) / 4)
        assert batches[:-1] == [4] * (len(batches) - 1)  # full batches across documents
    # 4 documents in en and fr, 1 knowledge-base page in fr
    assert summary_row(result.stdout, "Mirrors written") == "9"


def test_the_benchmark_runs_on_a_tiny_archive() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/translation.py"), "report", "--documents", "3"]
        + ["--edit", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| run ")
    }
    first, rerun, edited = rows["first run"], rows["rerun"], rows["after editing 2 paragraphs"]
    assert int(first[0]) == math.ceil(int(first[1]) / 50)
    assert rerun[:3] == ["0", "0", "0"]
    assert edited[:2] == ["1", "2"]  # one request, the two edited paragraphs
    ratio = re.search(r"sent ([\d.]+) x", result.stdout)
    assert ratio and float(ratio.group(1)) <= 1.05
