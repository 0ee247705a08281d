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
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
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
    accessibility_contact = c.Optional(Text())
    """Where readers report barriers: an e-mail address or a web address (the
    accessibility statement, docs/kb/accessibility.<lang>.md, shows it)."""


@dataclass(frozen=True)
class Host:
    name: str
    municipality: str
    default_language: str
    site_url: str | None = None
    logo: str | None = None
    legal_notice: str | None = None
    privacy_policy: str | None = None
    accessibility_contact: str | None = None


def load_hosts(root: Path) -> list[Host]:
    """All hosts of ``hosts.yml`` in file order (none if there is no such file)."""
    path = root / HOSTS_FILE
    if not path.is_file():
        return []
    try:
        text = source_text.read(path)
    except source_text.Unreadable as problem:
        raise ArchiveError([Finding(HOSTS_FILE, problem.line, "error", problem.message)]) from None
    hosts, findings = read_hosts(text, lambda logo: _logo_problem(root, logo))
    if any(f.level == "error" for f in findings):
        raise ArchiveError(findings)
    return hosts


def read_hosts(
    text: str, logo_problem: Callable[[str], str | None]
) -> tuple[list[Host], list[Finding]]:
    """Parse and check the text of ``hosts.yml`` (``logo_problem``: the one look at the disk,
    what is wrong with a logo's path, or None)."""
    try:
        data, lines = load_yaml(text)
    except YamlProblem as problem:
        return [], [Finding(HOSTS_FILE, problem.line, "error", problem.message)]
    if not isinstance(data, dict):
        message = "expected one entry per host: its name, then its settings indented below it"
        return [], [Finding(HOSTS_FILE, 1, "error", message)]
    hosts, findings = [], []
    for name, settings in data.items():
        values, problems = check(HostSettings, settings, (name,))
        findings += [
            Finding(HOSTS_FILE, line_of(lines, p.path), p.level, p.message)  # type: ignore[arg-type]
            for p in problems
        ]
        if any(p.level == "error" for p in problems):
            continue
        problem = logo_problem(values["logo"]) if values.get("logo") else None
        if problem:
            findings.append(Finding(HOSTS_FILE, line_of(lines, (name, "logo")), "error", problem))
            continue
        hosts.append(Host(name=str(name), **values))
    return hosts, findings


_HOSTS_HEADER = """\
# The municipalities that host this archive, one entry each. The first one is what
# plain `mkdocs build` and `mkdocs serve` build; `python scripts/build.py --host NAME`
# builds any of them. Each host opens the site in its own default language at "/".
# Optional per host: site_url (its address), logo (an image in overrides/, e.g.
# overrides/assets/logos/NAME.svg), legal_notice and privacy_policy (addresses of
# its pages, which every German public website must link to), accessibility_contact
# (an e-mail or web address for reports of barriers, shown in the accessibility statement).
"""


def hosts_yaml(hosts: Iterable[Host]) -> str:
    """``hosts.yml`` for ``hosts``, in file order; empty settings are left out."""
    data = {
        host.name: {
            key: value
            for key, value in asdict(host).items()
            if key != "name" and value not in (None, "")
        }
        for host in hosts
    }
    return _HOSTS_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def _logo_problem(root: Path, logo: str) -> str | None:
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
