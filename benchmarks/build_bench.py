#!/usr/bin/env python3
"""Build time and memory: the Markdown floor, this project and the stock setup, interleaved.

    python benchmarks/build_bench.py --pages 4000 --runs 3 --stock-runs 1

Generates one archive (benchmarks/archive_generator.py, seeded) and times, on it, in
fresh processes and in turn (floor, project, stock, floor, project, ...), so that a
machine whose speed drifts affects all alike:

- floor: Python-Markdown rendering just the archive's source files with the site's
  extensions, on all cores (benchmarks/markdown_floor.py);
- project: ``scripts/build.py`` with this repository's configuration and hooks (every
  language in its own process, see partnership_archive/site_build.py);
- sequential (with ``--sequential``): plain ``mkdocs build --strict`` of the same project,
  one language after another in one process;
- stock: Material + mkdocs-static-i18n without our hooks, documents inside docs_dir,
  MkDocs' automatic navigation (every document in the sidebar of every page).

For each it prints the median, minimum and maximum of the wall time and of the peak
memory of the whole process tree (the sum of the resident sets of the process and all
its children, sampled every 20 ms), then the ratios run by run. Tests run it on a tiny
archive; numbers go into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from archive_generator import generate  # noqa: E402


@dataclass
class Run:
    seconds: float
    peak_mib: float


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def measure(command: list[str], cwd: Path, env: dict) -> Run:
    """Wall time and peak memory of the process tree of ``command``; fails loudly."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_rss_kib(pid) for pid in _tree(process.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors.decode()[-3000:]}")
    return Run(seconds, peak[0] / 1024)


def stock_project(archive: Path, target: Path) -> None:
    """The stock setup: documents inside docs_dir, no hooks, automatic navigation."""
    shutil.copytree(archive / "docs", target / "docs")
    shutil.copytree(archive / "partnerships", target / "docs/partnerships")
    for path in (target / "docs/partnerships").rglob("partnership.yml"):
        path.unlink()
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = config.replace("  custom_dir: overrides\n", "")
    config = config.replace("extra_css:\n  - stylesheets/archive.css\n", "")
    config = config.replace("reconfigure_search: false", "reconfigure_search: true")
    config = re.sub(r"\nnot_in_nav: \|\n  /partnerships/\n", "\n", config)
    config = config.replace("strict: true", "strict: false")  # links to partnership pages
    (target / "mkdocs.yml").write_text(config)


def project(archive: Path, target: Path) -> None:
    shutil.copytree(archive, target)
    for name in ("mkdocs.yml", "hosts.yml"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(
        REPO / "overrides", target / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )


def summary(name: str, runs: list[Run], pages: int) -> str:
    times = [r.seconds for r in runs]
    peaks = [r.peak_mib for r in runs]
    median = statistics.median(times)
    return (
        f"| {name} | {median:.1f} s ({min(times):.1f}–{max(times):.1f}) | "
        f"{statistics.median(peaks):.0f} MiB ({min(peaks):.0f}–{max(peaks):.0f}) | "
        f"{1000 * median / pages:.2f} ms | {len(runs)} |"
    )


def ratios(name: str, a: list[Run], b: list[Run]) -> str:
    pairs = [x.seconds / y.seconds for x, y in zip(a, b, strict=False)]
    if not pairs:
        return f"| {name} | – |"
    return (
        f"| {name} | {statistics.median(pairs):.2f} ({min(pairs):.2f}–{max(pairs):.2f}) "
        f"| {len(pairs)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=4000, help="document pages (2 languages)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stock-runs", type=int, default=1, help="0 leaves the stock out")
    parser.add_argument("--sequential", action="store_true", help="also plain mkdocs build")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        generate(base / "archive", args.pages, args.seed)
        project(base / "archive", base / "project")
        stock_project(base / "archive", base / "stock")
        sources = len(list((base / "archive").rglob("*.md")))
        commands = {
            "floor": (
                [sys.executable, str(HERE / "markdown_floor.py"), str(base / "project")],
                base,
            ),
            "project": (
                [sys.executable, str(REPO / "scripts/build.py"), "--root", str(base / "project")]
                + ["-d", str(base / "out")],
                base,
            ),
            "sequential": (
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-q",
                    "-d",
                    str(base / "seq"),
                ],
                base / "project",
            ),
            "stock": (
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(base / "stock-site")],
                base / "stock",
            ),
        }
        results: dict[str, list[Run]] = {name: [] for name in commands}
        for run in range(args.runs):
            for name, (command, cwd) in commands.items():
                if name == "stock" and run >= args.stock_runs:
                    continue
                if name == "sequential" and not args.sequential:
                    continue
                results[name].append(measure(command, cwd, env))
                print(f"run {run + 1} {name}: {results[name][-1].seconds:.1f} s", flush=True)
        html = len(list((base / "out").rglob("*.html")))
        print(
            f"\n{args.pages} document pages ({sources} source files), {html} HTML pages, "
            f"seed {args.seed}; {os.cpu_count()} cores, Python {platform.python_version()}\n"
        )
        print("| setup | wall time, median (min–max) | peak memory of the process tree | "
              "time per document page | runs |")  # fmt: skip
        print("|---|---:|---:|---:|---:|")
        for name, runs in results.items():
            if runs:
                print(summary(name, runs, args.pages))
        print("\n| ratio, run by run | median (min–max) | pairs |\n|---|---:|---:|")
        print(ratios("project / floor", results["project"], results["floor"]))
        print(ratios("project / stock", results["project"], results["stock"]))
        if args.sequential:
            print(ratios("project / sequential", results["project"], results["sequential"]))


if __name__ == "__main__":
    main()
