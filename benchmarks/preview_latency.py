#!/usr/bin/env python3
"""Preview latency: edit a document, time until the served page shows the edit.

    python benchmarks/preview_latency.py --pages 2000 --edits 5   # 1,000 documents

Generates an archive (benchmarks/archive_generator.py), starts ``scripts/serve.py`` on
it, then edits a document's text several times. For each edit it prints the seconds
from saving the file to the first HTTP answer for that page that contains the edit,
and whether every other page asked for meanwhile was answered (status 200) while the
site rebuilt. Then one broken edit: the seconds until pages answer with the error
page, and until they are back once it is fixed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from archive_generator import generate  # noqa: E402


def project(target: Path, pages: int, seed: int) -> Path:
    generate(target, pages, seed)
    for name in ("mkdocs.yml", "hosts.yml"):
        (target / name).write_bytes((REPO / name).read_bytes())
    subprocess.run(["cp", "-r", str(REPO / "overrides"), str(target / "overrides")], check=True)
    return target


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def until(predicate, other: str, limit: float = 120) -> tuple[float, list[int]]:
    """Seconds until ``predicate()`` holds, and the statuses ``other`` answered meanwhile
    (asked every 50 ms: a busier loop would mostly measure the server's threads)."""
    start, statuses = time.monotonic(), []
    while time.monotonic() - start < limit:
        if predicate():
            return time.monotonic() - start, statuses
        statuses.append(get(other)[0])
        time.sleep(0.05)
    raise SystemExit("the preview never showed the edit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = project(Path(temp) / "archive", args.pages, args.seed)
        documents = sorted((root / "partnerships/auental-mlima/minutes").glob("*.de.md"))
        target, other = documents[len(documents) // 2], documents[len(documents) // 3]
        url = target.relative_to(root).as_posix().removesuffix(".de.md") + "/"
        other_url = other.relative_to(root).as_posix().removesuffix(".de.md") + "/"
        command = [sys.executable, str(REPO / "scripts/serve.py"), "--root", str(root)]
        start = time.monotonic()
        server = subprocess.Popen(
            [*command, "--dev-addr", "127.0.0.1:0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            base = re.search(r"http://\S+/", server.stdout.readline()).group(0)
            print(f"{args.pages} pages: first build served after {time.monotonic() - start:.1f} s")
            times, statuses = [], []
            for n in range(args.edits):
                marker = f"PREVIEW-EDIT-{n}"
                text = target.read_text("utf-8")
                target.write_text(text.replace("\n\n", f"\n\n{marker} ", 1), "utf-8")
                seconds, seen = until(lambda m=marker: m in get(base + url)[1], base + other_url)
                times.append(seconds)
                statuses += seen
                print(f"edit {n + 1}: shown after {seconds:.2f} s")
            print(
                f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max "
                f"{max(times):.2f}); other page answered {statuses.count(200)} of "
                f"{len(statuses)} requests during the rebuilds with 200"
            )
            text = target.read_text("utf-8")
            target.write_text(text.replace("type: minutes", "type: minute"), "utf-8")
            seconds, _ = until(lambda: get(base + other_url)[0] == 500, base + other_url)
            print(f"broken edit: error page after {seconds:.2f} s")
            target.write_text(text, "utf-8")
            seconds, _ = until(lambda: get(base + other_url)[0] == 200, base + other_url)
            print(f"fixed: pages back after {seconds:.2f} s")
        finally:
            server.terminate()
            server.wait()
            server.stdout.close()


if __name__ == "__main__":
    main()
