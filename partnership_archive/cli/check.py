"""``partnership-archive check``: everything the build validates, and what it cannot see.

One line per finding, ``path:line: level: message``, errors first. Everything that
stops ``mkdocs build --strict`` is among them: the errors, and the warnings of
validation (an unknown key, a mirror without its original), which the build logs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import click
import yaml

from .. import health
from ..findings import Finding
from ..limits import Limits
from ..loading import load_archive
from ..model import KNOWLEDGE_DIR, PARTNERSHIP_FILE, PARTNERSHIPS_DIR, THEME_DIR
from ..site_config import archive_languages, configured_limits
from ..site_sources import template_renderer
from .common import ATTENTION, OK, USAGE, archive_root, epilog, root_option, run, say, warn
from .messages import t


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


def summary(findings: list[Finding], stopping: set[Finding], files: int) -> str:
    errors = sum(f.level == "error" for f in findings)
    text = t(
        "check_summary",
        errors=t("errors", count=errors),
        warnings=t("warnings", count=len(findings) - errors),
        files=t("files", count=files),
    )
    stopping_warnings = sum(f.level == "warning" for f in stopping)
    if stopping_warnings:
        text += t("check_build_stops_on", warnings=t("warnings", count=stopping_warnings))
    return text


@click.command(
    "check",
    help=t("help_check"),
    short_help=t("short_check"),
    epilog=epilog("help_check_examples"),
)
@click.option("--strict", is_flag=True, help=t("help_check_strict"))
@root_option
def command(strict: bool, root: Path | None) -> int:
    root = archive_root(root)
    try:
        languages = archive_languages(root)
        limits = configured_limits(root)
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError) as error:
        warn(t("site_settings_unreadable", path=root / "mkdocs.yml", error=error))
        return USAGE
    findings, stopping = findings_of(root, languages, limits)
    for finding in findings:
        say(str(finding))
    say(summary(findings, stopping, sum(1 for _ in checked_files(root))))
    return ATTENTION if stopping or (strict and findings) else OK


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    return run(command, argv, "python scripts/check.py", default_root)
