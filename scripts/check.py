#!/usr/bin/env python3
"""Check the archive's health: everything the build validates, and what it cannot see.

    python scripts/check.py            errors and warnings, then a summary
    python scripts/check.py --strict   warnings fail too (for CI and pre-commit)

Prints one line per finding, ``path:line: level: message``, errors first. Everything
that stops ``mkdocs build --strict`` is among them: the errors, and the warnings of
validation (an unknown key, a mirror without its original), which the build logs.
Exit codes: 0 nothing stops the build (other warnings allowed unless --strict);
1 something does (or any warning with --strict); 2 wrong usage, or no readable
mkdocs.yml under the archive root.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from partnership_archive import health  # noqa: E402
from partnership_archive.findings import Finding  # noqa: E402
from partnership_archive.limits import Limits  # noqa: E402
from partnership_archive.loading import load_archive  # noqa: E402
from partnership_archive.model import (  # noqa: E402
    KNOWLEDGE_DIR,
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
)
from partnership_archive.site_config import archive_languages, configured_limits  # noqa: E402
from partnership_archive.site_sources import template_renderer  # noqa: E402

OK, FAILED, USAGE = 0, 1, 2
THEME_DIR = "overrides"  # mkdocs.yml's theme.custom_dir: the generated pages' templates


def checked_files(root: Path) -> Iterator[Path]:
    """The files validation reads: Markdown pages and partnership.yml, hidden ones skipped."""
    for folder in (root / KNOWLEDGE_DIR, root / PARTNERSHIPS_DIR):
        for current, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and (name.endswith(".md") or name == PARTNERSHIP_FILE):
                    yield Path(current, name)


def findings_of(
    root: Path, languages: list[str], limits: Limits | None = None
) -> tuple[list[Finding], set[Finding]]:
    """Validation's findings and the health checks', each once; errors first, then by place;
    and those of them that stop the build.

    The sort is stable, so two findings on one line stay in the order of the links.
    """
    texts: dict[str, str] = {}
    archive, validation = load_archive(root, languages, texts, limits)
    render = template_renderer(root / THEME_DIR) if (root / THEME_DIR).is_dir() else None
    found = [*validation, *health.check(archive, texts, validation, render)]
    ordered = sorted(dict.fromkeys(found), key=lambda f: (f.level != "error", f.path, f.line or 0))
    return ordered, {f for f in ordered if f.level == "error"} | set(validation)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def summary(findings: list[Finding], stopping: set[Finding], files: int) -> str:
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    text = f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"
    stopping_warnings = sum(f.level == "warning" for f in stopping)
    if stopping_warnings:
        text += f"; the site build stops on {_count(stopping_warnings, 'warning')} too"
    return text


def exit_code(findings: list[Finding], stopping: set[Finding], strict: bool) -> int:
    return FAILED if stopping or (strict and findings) else OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        languages = archive_languages(root)
        limits = configured_limits(root)
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError) as error:
        print(f"{root / 'mkdocs.yml'}: cannot read the site's settings: {error}", file=sys.stderr)
        return USAGE
    findings, stopping = findings_of(root, languages, limits)
    for finding in findings:
        print(finding)
    print(summary(findings, stopping, sum(1 for _ in checked_files(root))))
    return exit_code(findings, stopping, args.strict)


if __name__ == "__main__":
    sys.exit(main())
