"""Hosts: the municipalities that publish the archive, each with its own site.

``hosts.yml`` names, per host, the municipality, its default language (the partner's
site opens in the partner's language at ``/``), its address (possibly a sub-path),
its logo and the legal notice and privacy policy every German public website must
link to. Which host and audience a build is for comes from the environment
(``ARCHIVE_HOST``, ``ARCHIVE_AUDIENCE``), set by ``scripts/build.py``; plain
``mkdocs build`` builds the public site of the first host.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from . import source_text
from .containment import escape
from .findings import ArchiveError, Finding
from .frontmatter import YamlProblem, line_of, load_yaml
from .options import Text, WebAddress
from .schema import LanguageCode, check

HOSTS_FILE = "hosts.yml"
AUDIENCES = ("public", "internal")


class HostSettings(Config):
    municipality = Text()
    default_language = LanguageCode()
    site_url = c.Optional(WebAddress())
    logo = c.Optional(Text())
    """An image file in the repository, e.g. overrides/assets/logos/auental.svg."""
    legal_notice = c.Optional(WebAddress())
    privacy_policy = c.Optional(WebAddress())


@dataclass(frozen=True)
class Host:
    name: str
    municipality: str
    default_language: str
    site_url: str | None = None
    logo: str | None = None
    legal_notice: str | None = None
    privacy_policy: str | None = None


def load_hosts(root: Path) -> list[Host]:
    """All hosts of ``hosts.yml`` in file order (none if there is no such file)."""
    path = root / HOSTS_FILE
    if not path.is_file():
        return []
    try:
        data, lines = load_yaml(source_text.read(path))
    except (YamlProblem, source_text.Unreadable) as problem:
        raise ArchiveError([Finding(HOSTS_FILE, problem.line, "error", problem.message)]) from None
    if not isinstance(data, dict):
        message = "expected one entry per host: its name, then its settings indented below it"
        raise ArchiveError([Finding(HOSTS_FILE, 1, "error", message)])
    hosts, findings = [], []
    for name, settings in data.items():
        values, problems = check(HostSettings, settings, (name,))
        findings += [
            Finding(HOSTS_FILE, line_of(lines, p.path), p.level, p.message)  # type: ignore[arg-type]
            for p in problems
        ]
        if not any(p.level == "error" for p in problems):
            problem = _logo_problem(root, values.get("logo"))
            if problem:
                findings.append(
                    Finding(HOSTS_FILE, line_of(lines, (name, "logo")), "error", problem)
                )
            hosts.append(Host(name=str(name), **values))
    if any(f.level == "error" for f in findings):
        raise ArchiveError(findings)
    return hosts


def _logo_problem(root: Path, logo: str | None) -> str | None:
    """The logo must be a file inside the repository (it is published with the theme)."""
    if not logo:
        return None
    reason = escape(root, root / logo)
    if reason is not None:
        return f"the logo {logo} {reason}: use a file below overrides/"
    return None if (root / logo).is_file() else f"the logo {logo} does not exist"


def selected_host(root: Path, name: str | None = None) -> Host | None:
    """The host named (or in ``ARCHIVE_HOST``), else the first one."""
    hosts = load_hosts(root)
    wanted = name or os.environ.get("ARCHIVE_HOST") or None
    if wanted is None:
        return hosts[0] if hosts else None
    for host in hosts:
        if host.name == wanted:
            return host
    known = ", ".join(h.name for h in hosts) or "none"
    raise ArchiveError(
        [Finding(HOSTS_FILE, None, "error", f"there is no host '{wanted}' (hosts: {known})")]
    )


def audience() -> str:
    """``public`` (the default) or ``internal``, from ``ARCHIVE_AUDIENCE``."""
    value = os.environ.get("ARCHIVE_AUDIENCE") or "public"
    if value not in AUDIENCES:
        raise ArchiveError(
            [
                Finding(
                    "ARCHIVE_AUDIENCE",
                    None,
                    "error",
                    f"'{value}' is not an audience; use public or internal",
                )
            ]
        )
    return value
