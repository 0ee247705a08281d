#!/usr/bin/env python3
"""Time and memory of scripts/check.py on hostile input, and where Markdown rendering breaks.

    python benchmarks/hostile_input.py check                  # this checkout
    python benchmarks/hostile_input.py check --repo OLD_TREE  # e.g. `git archive` of main
    python benchmarks/hostile_input.py build [--repo OLD_TREE]  # mkdocs build --strict
    python benchmarks/hostile_input.py render                 # Python-Markdown's limits

``check`` writes a small archive per case (a billion laughs, a 2.2 MB document, a
1 MB line, a 1 MB paragraph of links, lists nested 300 deep) and runs that
checkout's ``scripts/check.py`` on it in a fresh process, bounded by ``--timeout``
seconds and ``--memory`` GiB of address space so a blow-up cannot take the machine
down. It prints wall time, peak memory (max RSS from ``wait4``) and the first line
of output. ``render`` renders growing inputs with the site's Markdown extensions,
each in its own process, and prints when rendering gets slow or fails: the numbers
behind ``partnership_archive/limits.py``. Results go into BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PARTNERSHIP = """name: {de: Bench, en: Bench}
municipalities:
  - {name: Stadt A, country: DE, language: de}
  - {name: Town B, country: TZ, language: en}
languages: [de, en]
since: 2000
"""
HEAD = "---\ntitle: Fall\ntype: report\ndate: 2024-01-01\n---\n\n"


def billion_laughs() -> str:
    lines = ["---", "title: Lachen", "type: other", "date: 2024-06-01", 'a0: &a0 ["lol"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join([*lines, "tags: *a8", "---", "", "Text.", ""])


CASES = {
    "billion laughs (9 anchors)": billion_laughs,
    "2.2 MB document": lambda: HEAD + ("Ein Satz über Wasser und Schulen. " * 30 + "\n\n") * 2200,
    "1 MB line": lambda: HEAD + "Wasser " * 150_000 + "\n",
    "1 MB paragraph of links": lambda: HEAD + "[a](b.md) `c` *d* x\n" * 55_000,
    "lists nested 300 deep": lambda: HEAD + "".join("    " * i + "- x\n" for i in range(300)),
}


def write_archive(root: Path, name: str, text: str) -> None:
    (root / "docs").mkdir(parents=True)
    for lang in ("de", "en"):
        (root / f"docs/index.{lang}.md").write_text("---\ntitle: Start\n---\n\nText.\n")
    folder = root / "partnerships/bench"
    folder.mkdir(parents=True)
    (folder / "partnership.yml").write_text(PARTNERSHIP)
    (folder / name).write_text(text, "utf-8")
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())


def measure(
    command: list[str], timeout: float, memory_gib: float, **options
) -> tuple[str, float, int, str]:
    """Outcome, wall seconds, max RSS in MiB and the first error line of one process."""
    limit = int(memory_gib * 1024**3)

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=output, stderr=output, preexec_fn=bounded, **options
        )
        outcome = ""
        while True:  # wait4, not Popen.wait: it also returns the process's own peak memory
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                process.kill()
                outcome = f"killed after {timeout:.0f} s"
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        outcome = outcome or f"exit {process.returncode}"
        output.seek(0)
        lines = output.read().decode("utf-8", "replace").splitlines()
    first = next((line for line in lines if "error" in line.lower()), lines[-1] if lines else "")
    return outcome, elapsed, usage.ru_maxrss // 1024, first[:150]


def check(args: argparse.Namespace) -> None:
    """scripts/check.py of ``--repo`` (which imports that checkout's library) per case."""
    script = args.repo.resolve() / "scripts/check.py"
    for case, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_archive(root, "case.de.md", make())
            command = [sys.executable, str(script), "--root", str(root)]
            outcome, elapsed, peak, first = measure(command, args.timeout, args.memory)
        print(f"{case:28} {outcome:18} {elapsed:7.2f} s {peak:6d} MiB  {first}")


def build(args: argparse.Namespace) -> None:
    """``mkdocs build --strict`` with the hooks and library of ``--repo``, per case."""
    repo = args.repo.resolve()
    env = {**os.environ, "PYTHONPATH": str(repo), "NO_MKDOCS_2_WARNING": "1"}
    for case, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_archive(root, "case.de.md", make())
            shutil.copytree(repo / "overrides", root / "overrides")
            shutil.copy(repo / "hosts.yml", root / "hosts.yml")
            shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"]
            outcome, elapsed, peak, first = measure(
                command, args.timeout, args.memory, cwd=root, env=env
            )
        print(f"{case:28} {outcome:18} {elapsed:7.2f} s {peak:6d} MiB  {first}")


EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.keys", "pymdownx.mark", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
]  # fmt: skip
RENDER = {
    "nested lists": (lambda n: "".join("    " * i + "- x\n" for i in range(n)), [100, 200, 250]),
    "nested admonitions": (
        lambda n: "".join("    " * i + "!!! note\n" for i in range(n)) + "    " * n + "x\n",
        [200, 300, 350],
    ),
    "nested <div markdown>": (
        lambda n: "<div markdown>\n" * n + "x\n" + "</div>\n" * n,
        [200, 300, 350],
    ),
    "quote lines 1..n deep": (lambda n: "".join(">" * i + " x\n" for i in range(1, n)), [200, 400]),
    "run of n '*' around a word": (lambda n: "*" * n + "x" + "*" * n + "\n", [1000, 2000]),
    "n nested '['": (lambda n: "[" * n + "x" + "]" * n + "(y)\n", [1000, 5000]),
    "paragraph of n links": (lambda n: "[a](b) `c` *d* x\n" * n, [800, 8000]),
    "n abbreviations": (
        lambda n: "".join(f"*[A{i}]: x\n" for i in range(n)) + " ".join(f"A{i}" for i in range(n)),
        [1000, 5000],
    ),
}
RENDER_ONE = """
import sys, markdown
sys.setrecursionlimit(1000)
markdown.markdown(sys.stdin.read(), extensions=sys.argv[1].split(","))
"""


def render(args: argparse.Namespace) -> None:
    for case, (make, sizes) in RENDER.items():
        for n in sizes:
            text = make(n)
            command = [sys.executable, "-c", RENDER_ONE, ",".join(EXTENSIONS)]
            start = time.perf_counter()
            try:
                result = subprocess.run(
                    command, input=text, capture_output=True, text=True, timeout=args.timeout
                )
                failed = "RecursionError" in result.stderr
                outcome = "RecursionError" if failed else f"exit {result.returncode}"
            except subprocess.TimeoutExpired:
                outcome = f"killed after {args.timeout:.0f} s"
            elapsed = time.perf_counter() - start
            print(f"{case:28} n={n:<6} {len(text):>9,} chars {outcome:18} {elapsed:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    on_check = commands.add_parser("check", help="scripts/check.py on hostile archives")
    on_check.add_argument("--repo", type=Path, default=REPO, help="checkout whose check.py runs")
    on_check.add_argument("--timeout", type=float, default=60)
    on_check.add_argument("--memory", type=float, default=6, help="GiB of address space")
    on_build = commands.add_parser("build", help="mkdocs build --strict on hostile archives")
    on_build.add_argument("--repo", type=Path, default=REPO, help="checkout whose hooks run")
    on_build.add_argument("--timeout", type=float, default=60)
    on_build.add_argument("--memory", type=float, default=6, help="GiB of address space")
    on_render = commands.add_parser("render", help="where Python-Markdown gets slow or fails")
    on_render.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    {"check": check, "build": build, "render": render}[args.command](args)


if __name__ == "__main__":
    main()
