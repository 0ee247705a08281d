#!/usr/bin/env python3
"""The Markdown floor: Python-Markdown rendering just an archive's source files.

    python benchmarks/markdown_floor.py PROJECT [--processes 2]

Every ``*.md`` file below PROJECT's ``docs/`` and ``partnerships/`` is rendered once, with
the Markdown extensions and settings of PROJECT's ``mkdocs.yml`` (as MkDocs loads them),
by one reused ``Markdown`` instance per process, on all cores. No theme, no navigation,
no search, no generated pages: no site build can do less Markdown work, so a build's
time is quoted as a multiple of this one (issue 13: at most 1.5 times).
"""

from __future__ import annotations

import argparse
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

_md: markdown.Markdown | None = None


def _start(config_file: str) -> None:
    global _md
    config = load_config(config_file)
    _md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def _render(paths: list[str]) -> int:
    size = 0
    for path in paths:
        body, _ = get_data(Path(path).read_text("utf-8"))
        size += len(_md.reset().convert(body))
    return size


def sources(project: Path) -> list[str]:
    return sorted(
        str(path)
        for folder in ("docs", "partnerships")
        for path in (project / folder).rglob("*.md")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    files = sources(args.project)
    chunks = [files[i :: args.processes * 8] for i in range(args.processes * 8)]
    config_file = str(args.project / "mkdocs.yml")
    with ProcessPoolExecutor(args.processes, initializer=_start, initargs=(config_file,)) as pool:
        html = sum(pool.map(_render, chunks))
    print(f"{len(files)} files, {html} characters of HTML")


if __name__ == "__main__":
    main()
