"""``partnership-archive build``: the site for one host and audience, as a folder (and,
offline, as a zip).

Hosts are declared in ``hosts.yml``. A public build contains nothing of internal
documents; an internal build shows them with a badge and must stay on an internal
server. ``partnership_archive.site_build`` runs one strict ``mkdocs build`` per language,
on all cores, with the host, audience and address in its environment (the hooks read
them), and checks every link of the assembled site.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import click
from jinja2 import Template

from .. import atomic, locking
from ..findings import ArchiveError
from ..hosts import AUDIENCES, load_hosts
from ..site_build import build_site
from .common import ATTENTION, OK, USAGE, Stop, archive_root, epilog, root_option, run, say
from .messages import t


def build(
    root: Path, host: str, audience: str, site_dir: Path, offline: bool, site_url: str
) -> int:
    """Build strictly with the host, audience and address in the environment, every
    language in a process of its own (``partnership_archive.site_build``)."""
    env = {
        "ARCHIVE_HOST": host,
        "ARCHIVE_AUDIENCE": audience,
        "SITE_URL": "" if offline else site_url,
        "OFFLINE": "true" if offline else "false",
    }
    return build_site(root, site_dir, env)


def pack(site_dir: Path) -> Path:
    """Zip the offline site (deterministic order), next to the folder."""
    archive = site_dir.with_suffix(".zip")
    temporary = archive.with_name(f".{archive.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, Path(site_dir.name) / path.relative_to(site_dir))
    temporary.replace(archive)
    return archive


def build_all(root: Path, hosts: dict, audience: str, target: Path, url_base: str | None) -> int:
    """Every host into ``target/<host>/`` (a preview of all sites, e.g. for Pages)."""
    for name, host in hosts.items():
        url = f"{url_base.rstrip('/')}/{name}/" if url_base else host.site_url or ""
        if build(root, name, audience, target / name, False, url) != 0:
            return ATTENTION
    template = (root / "overrides/hosts-index.html").read_text("utf-8")
    page = Template(template, autoescape=True).render(hosts=list(hosts.values()))
    atomic.write_text(target / "index.html", page)
    say(t("built_all", hosts=", ".join(hosts), audience=audience, target=target))
    return OK


def known_hosts(root: Path) -> dict:
    try:
        return {host.name: host for host in load_hosts(root)}
    except ArchiveError as error:
        raise Stop(str(error), USAGE) from None


def host_named(hosts: dict, name: str | None) -> str:
    """The host asked for (default: the first in hosts.yml), or a message listing them.

    An archive without hosts.yml builds its one site ("")."""
    if not hosts and not name:
        return ""
    chosen = name or next(iter(hosts))
    if chosen not in hosts:
        raise Stop(t("unknown_host", host=chosen, hosts=", ".join(hosts) or "-"), USAGE)
    return chosen


def site_options(command: Callable) -> Callable:
    """``--host`` and ``--audience``: which site, for the commands that build one."""
    command = click.option(
        "--audience",
        type=click.Choice(AUDIENCES),
        default="public",
        show_default=True,
        help=t("help_audience"),
    )(command)
    return click.option("--host", envvar="ARCHIVE_HOST", help=t("help_host"))(command)


@click.command(
    "build", help=t("help_build"), short_help=t("short_build"), epilog=epilog("help_build_examples")
)
@site_options
@click.option("--offline", is_flag=True, help=t("help_offline"))
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), help=t("help_site_dir"))
@click.option("--site-url", help=t("help_site_url"))
@click.option("--all-hosts", is_flag=True, help=t("help_all_hosts"))
@click.option("--site-url-base", help=t("help_site_url_base"))
@root_option
def command(host, audience, offline, site_dir, site_url, all_hosts, site_url_base, root) -> int:
    root = archive_root(root)
    with locking.exclusive(root, "build"):  # builds and the preview share the staging
        return build_command(
            root, host, audience, offline, site_dir, site_url, all_hosts, site_url_base
        )


def build_command(
    root, host, audience, offline, site_dir, site_url, all_hosts, site_url_base
) -> int:
    hosts = known_hosts(root)
    if all_hosts:
        target = (site_dir or root / "site" / f"all-{audience}").resolve()
        shutil.rmtree(target, ignore_errors=True)
        return build_all(root, hosts, audience, target, site_url_base)
    name = host_named(hosts, host)
    suffix = "-offline" if offline else ""
    folder = f"{name}-{audience}{suffix}" if name else f"{audience}{suffix}"
    target = (site_dir or root / "site" / folder).resolve()
    if target.exists():
        shutil.rmtree(target)
    url = site_url if site_url is not None else (hosts[name].site_url if name else "") or ""
    if build(root, name, audience, target, offline, url) != 0:
        return ATTENTION
    if offline:
        say(t("offline_copy", zip=pack(target)))
    say(t("built", host=name, audience=audience, target=target))
    return OK


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    return run(command, argv, "python scripts/build.py", default_root)
