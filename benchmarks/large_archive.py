#!/usr/bin/env python3
"""Build time and memory of a large archive: this project's setup versus the stock one.

    python benchmarks/large_archive.py --documents 2000     # 4,000 document pages

Generates a synthetic partnership with N documents in German and English and builds it
twice with `mkdocs build`, each in a fresh process:

- archive: this repository's mkdocs.yml and hooks (small navigation, staging, per-language
  search);
- stock: the same theme, plugins and Markdown extensions without our hooks, the
  documents placed inside docs_dir and MkDocs' automatic navigation (every page in the
  sidebar of every page), which is what mkdocs-static-i18n users get by default.

Prints wall time, peak memory (max RSS of the build process) and the size of the first
search index a reader downloads; for the archive also how long the check of every local
link of the built site takes (``hooks/verify_links.py``, part of the build time, measured
again here on its own). Results go into BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from partnership_archive.built_links import check_site  # noqa: E402

PARAGRAPH = {
    "de": "Die Lenkungsgruppe bespricht den Stand des Wasserprojekts in {n}, die Wartung "
    "der Pumpen und den Jugendaustausch. Beschlossen wird, die Schulung fortzusetzen.",
    "en": "The steering group discusses the state of the water project in {n}, the maintenance "
    "of the pumps and the youth exchange. It decides to continue training the staff.",
}


def write_archive(root: Path, documents: int) -> None:
    (root / "docs").mkdir(parents=True)
    for lang, title in (("de", "Startseite"), ("en", "Home")):
        (root / f"docs/index.{lang}.md").write_text(f"---\ntitle: {title}\n---\n\nText.\n")
    folder = root / "partnerships/bench"
    folder.mkdir(parents=True)
    (folder / "partnership.yml").write_text(
        "name: {de: Benchmark, en: Benchmark}\nmunicipalities:\n"
        "  - {name: Stadt A, country: DE, language: de}\n"
        "  - {name: Town B, country: TZ, language: en}\n"
        "languages: [de, en]\nsince: 2000\n"
    )
    for n in range(documents):
        year, month, day = 2000 + n // 336, 1 + (n // 28) % 12, 1 + n % 28
        date = f"{year}-{month:02d}-{day:02d}"
        for lang in ("de", "en"):
            mirror = "translation: {from: de, status: reviewed}\n" if lang == "en" else ""
            body = "\n\n".join(
                f"## Punkt {i} {{ #item-{i} }}\n\n{PARAGRAPH[lang].format(n=n)}" for i in range(4)
            )
            (folder / f"minutes-{n:05d}.{lang}.md").write_text(
                f"---\ntitle: Minutes {n}\ntype: minutes\ndate: {date}\n{mirror}---\n\n{body}\n"
            )


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
    (target / "mkdocs.yml").write_text(config)


def archive_project(archive: Path, target: Path) -> None:
    shutil.copytree(archive / "docs", target / "docs")
    shutil.copytree(archive / "partnerships", target / "partnerships")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")


def build(project: Path) -> tuple[float, float, int]:
    """Seconds, peak MiB and the default language's search index size in bytes."""
    code = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q', '-d', 'site'])\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(peak); sys.exit(r.returncode)\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    peak_mib = int(result.stdout.strip().splitlines()[-1]) / 1024
    index = project / "site/search/search_index.json"
    return seconds, peak_mib, index.stat().st_size


def link_check_seconds(site: Path) -> str:
    """The built-site link check on its own: files walked, pages read and scanned."""
    start = time.perf_counter()
    pages, broken = check_site(site)
    seconds = time.perf_counter() - start
    if broken:
        sys.exit(f"the built site has broken links, e.g. {broken[0]}")
    return f"link check of the built archive site: {pages} pages in {seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--only", choices=("archive", "stock"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        write_archive(base / "source", args.documents)
        print(
            f"{args.documents} documents, {2 * args.documents} document pages, 2 cores: "
            f"{os.cpu_count()} CPUs visible"
        )
        print("| setup | build time | peak memory | default-language search index |")
        print("|---|---|---|---|")
        for name, make in (("archive", archive_project), ("stock", stock_project)):
            if args.only and args.only != name:
                continue
            make(base / "source", base / name)
            seconds, peak, index_bytes = build(base / name)
            print(
                f"| {name} | {seconds:.1f} s | {peak:.0f} MiB | {index_bytes / 1e6:.2f} MB |",
                flush=True,
            )
            if name == "archive":
                link_check = link_check_seconds(base / name / "site")
        if not args.only or args.only == "archive":
            print(link_check)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
