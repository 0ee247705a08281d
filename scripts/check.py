#!/usr/bin/env python3
"""Check the archive's health: everything the build validates, and what it cannot see.

    python scripts/check.py            errors and warnings, then a summary
    python scripts/check.py --strict   warnings fail too (for CI and pre-commit)

Prints one line per finding, ``path:line: level: message``, errors first.
Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors (or warnings
with --strict); 2 wrong usage, or no readable mkdocs.yml under the archive root.
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

from partnership_archive import health, source_text  # noqa: E402
from partnership_archive.findings import Finding  # noqa: E402
from partnership_archive.limits import Limits  # noqa: E402
from partnership_archive.loading import load_archive  # noqa: E402
from partnership_archive.model import (  # noqa: E402
    KNOWLEDGE_DIR,
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
    Archive,
)
from partnership_archive.site_config import archive_languages, configured_limits  # noqa: E402

OK, FAILED, USAGE = 0, 1, 2


def checked_files(root: Path) -> Iterator[Path]:
    """The files validation reads: Markdown pages and partnership.yml, hidden ones skipped."""
    for folder in (root / KNOWLEDGE_DIR, root / PARTNERSHIPS_DIR):
        for current, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and (name.endswith(".md") or name == PARTNERSHIP_FILE):
                    yield Path(current, name)


def version_texts(root: Path, archive: Archive) -> dict[str, str]:
    """The text of every version in the model (all of them decoded fine while loading)."""
    items = [*archive.documents, *archive.knowledge]
    paths = [version.path for item in items for version in item.versions.values()]
    return {path: source_text.read(root / path) for path in paths}


def findings_of(root: Path, languages: list[str], limits: Limits | None = None) -> list[Finding]:
    """Validation's findings and the health checks', each once; errors first, then by place.

    The sort is stable, so two findings on one line stay in the order of the links.
    """
    archive, validation = load_archive(root, languages, limits)
    found = [*validation, *health.check(archive, version_texts(root, archive), validation)]
    return sorted(dict.fromkeys(found), key=lambda f: (f.level != "error", f.path, f.line or 0))


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def summary(findings: list[Finding], files: int) -> str:
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"


def exit_code(findings: list[Finding], strict: bool) -> int:
    failing = ("error", "warning") if strict else ("error",)
    return FAILED if any(f.level in failing for f in findings) else OK


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
    findings = findings_of(root, languages, limits)
    for finding in findings:
        print(finding)
    print(summary(findings, sum(1 for _ in checked_files(root))))
    return exit_code(findings, args.strict)


if __name__ == "__main__":
    sys.exit(main())
