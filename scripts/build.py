#!/usr/bin/env python3
"""Build the site for one host and audience, as a folder (and, offline, as a zip).

    python scripts/build.py --host auental --audience public
    python scripts/build.py --host mlima --audience internal -d site/mlima-internal
    python scripts/build.py --host auental --offline          # works from file://, zipped
    python scripts/build.py --all-hosts -d public --site-url-base https://x.example/archive/

Hosts are declared in hosts.yml. A public build contains nothing of internal
documents; an internal build shows them with a badge and must stay on an internal
server. Plain `mkdocs build` / `mkdocs serve` build the first host's public site.

Exit codes: 0 built; 1 the build failed (its messages name file and line), or another
build of this archive is running (they share .cache/site-sources/); 2 wrong usage
(unknown host, bad option).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from jinja2 import Template  # noqa: E402

from partnership_archive import atomic, locking  # noqa: E402
from partnership_archive.findings import ArchiveError  # noqa: E402
from partnership_archive.hosts import AUDIENCES, load_hosts  # noqa: E402

OK, FAILED, USAGE = 0, 1, 2


def build(
    root: Path,
    host: str,
    audience: str,
    site_dir: Path,
    offline: bool,
    site_url: str,
    lock: locking.Lock | None = None,
) -> int:
    """Run `mkdocs build --strict` with the host, audience and address in the environment.

    mkdocs inherits the build lock: killed, this process leaves it held until mkdocs ends.
    """
    env = {
        **os.environ,
        "ARCHIVE_HOST": host,
        "ARCHIVE_AUDIENCE": audience,
        "SITE_URL": "" if offline else site_url,
        "OFFLINE": "true" if offline else "false",
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    keep = (lock.fd,) if lock else ()
    return subprocess.run(command, cwd=root, env=env, pass_fds=keep).returncode


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


def build_all(
    root: Path, hosts: dict, audience: str, target: Path, url_base: str | None, lock=None
) -> int:
    """Every host into ``target/<host>/`` (a preview of all sites, e.g. for Pages)."""
    for name, host in hosts.items():
        url = f"{url_base.rstrip('/')}/{name}/" if url_base else host.site_url or ""
        if build(root, name, audience, target / name, False, url, lock) != 0:
            return FAILED
    template = (root / "overrides/hosts-index.html").read_text("utf-8")
    page = Template(template, autoescape=True).render(hosts=list(hosts.values()))
    atomic.write_text(target / "index.html", page)
    print(f"built {', '.join(hosts)} ({audience}) into {target}")
    return OK


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    root = args.root.resolve()
    try:
        with locking.exclusive(root, "build") as lock:
            return build_site(args, root, lock)
    except locking.Locked as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--host",
        default=os.environ.get("ARCHIVE_HOST"),
        help="a host from hosts.yml (default: the first)",
    )
    parser.add_argument("--audience", choices=AUDIENCES, default="public")
    parser.add_argument("--offline", action="store_true", help="a copy that works from file://")
    parser.add_argument("-d", "--site-dir", type=Path, help="default: site/<host>-<audience>")
    parser.add_argument("--site-url", help="override the host's address from hosts.yml")
    parser.add_argument("--all-hosts", action="store_true", help="every host into DIR/<host>/")
    parser.add_argument("--site-url-base", help="with --all-hosts: address of DIR")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def build_site(args: argparse.Namespace, root: Path, lock: locking.Lock) -> int:
    try:
        hosts = {host.name: host for host in load_hosts(root)}
    except ArchiveError as error:
        print(error, file=sys.stderr)
        return USAGE
    if args.all_hosts:
        target = (args.site_dir or root / "site" / f"all-{args.audience}").resolve()
        shutil.rmtree(target, ignore_errors=True)
        return build_all(root, hosts, args.audience, target, args.site_url_base, lock)
    name = args.host or next(iter(hosts), None)
    if name not in hosts:
        print(
            f"unknown host '{name}'; hosts.yml has: {', '.join(hosts) or 'none'}", file=sys.stderr
        )
        return USAGE
    suffix = "-offline" if args.offline else ""
    site_dir = (args.site_dir or root / "site" / f"{name}-{args.audience}{suffix}").resolve()
    if site_dir.exists():
        shutil.rmtree(site_dir)
    url = args.site_url if args.site_url is not None else hosts[name].site_url or ""
    code = build(root, name, args.audience, site_dir, args.offline, url, lock)
    if code != 0:
        return FAILED
    if args.offline:
        print(f"offline copy: {pack(site_dir)}")
    print(f"built {name} ({args.audience}) into {site_dir}")
    return OK


if __name__ == "__main__":
    sys.exit(main())
