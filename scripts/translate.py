#!/usr/bin/env python3
"""Translate the archive's documents into mirrors, and keep track of their state.

    python scripts/translate.py --check                 exit 1 if a mirror is missing or stale
    python scripts/translate.py --mark-reviewed PATH    record mirrors as reviewed
    python scripts/translate.py --review PATH           what changed in the source since

Exit codes: 0 all good; 1 mirrors need attention (or the provider failed);
2 wrong usage or invalid archive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from partnership_archive.findings import errors  # noqa: E402
from partnership_archive.loading import load_archive  # noqa: E402
from partnership_archive.mirror_status import NEEDS_ATTENTION, Translatable, report  # noqa: E402
from partnership_archive.mirrors import mark_reviewed  # noqa: E402
from partnership_archive.model import Archive  # noqa: E402
from partnership_archive.site_config import archive_languages  # noqa: E402

OK, ATTENTION, USAGE = 0, 1, 2


def load(root: Path) -> Archive:
    archive, findings = load_archive(root, archive_languages(root))
    if errors(findings):
        for finding in errors(findings):
            print(finding, file=sys.stderr)
        raise SystemExit(USAGE)
    return archive


def _under(path: Path, targets: list[Path]) -> bool:
    return any(path == t or t in path.parents for t in targets)


def resolve_paths(paths: list[str]) -> list[Path]:
    resolved = [Path(p).resolve() for p in paths]
    for path in resolved:
        if not path.exists():
            print(f"{path}: no such file or folder", file=sys.stderr)
            raise SystemExit(USAGE)
    return resolved


def selected(archive: Archive, root: Path, targets: list[Path]) -> list[Translatable]:
    """Documents and pages with a version at or below one of ``targets`` (default: all)."""
    items: list[Translatable] = [*archive.documents, *archive.knowledge]
    if not targets:
        return items
    return [
        item
        for item in items
        if any(_under((root / v.path).resolve(), targets) for v in item.versions.values())
    ]


def check(archive: Archive, items: list[Translatable]) -> int:
    rows = [r for r in report(archive) if r.document in items]
    attention = [r for r in rows if r.state in NEEDS_ATTENTION]
    for row in attention:
        print(f"{row.path}: {row.state} ({row.lang})")
    print(f"{len(rows)} mirrors checked, {len(attention)} need attention")
    return ATTENTION if attention else OK


def review_mark(documents: list[Translatable], targets: list[Path], root: Path) -> int:
    """Mark the named mirrors as reviewed; naming an original marks all its mirrors."""
    marked = 0
    for document in documents:
        named = {
            v.lang for v in document.versions.values() if _under((root / v.path).resolve(), targets)
        }
        if document.source.lang in named:
            named = set(document.versions)
        for lang in sorted(named - {document.source.lang}):
            mirror = document.versions[lang]
            mark_reviewed(root, document.source, mirror, dt.date.today())
            print(f"{mirror.path}: marked as reviewed")
            marked += 1
    if not marked:
        print("no mirror found to mark as reviewed", file=sys.stderr)
        return USAGE
    return OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--check", action="store_true", help="exit 1 if a mirror is missing or stale"
    )
    action.add_argument("--mark-reviewed", action="store_true", help="record mirrors as reviewed")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    archive = load(root)
    targets = resolve_paths(args.paths)
    documents = selected(archive, root, targets)
    if args.mark_reviewed:
        if not targets:
            parser.error("--mark-reviewed needs the mirror file(s) or folder(s) to mark")
        return review_mark(documents, targets, root)
    return check(archive, documents)


if __name__ == "__main__":
    sys.exit(main())
