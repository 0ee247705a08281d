"""``partnership-archive serve``: the site of one host on this computer, rebuilt on
every change, at http://127.0.0.1:8000/.

``start_preview`` is the one place that starts the preview: today it runs
``mkdocs serve`` (which shows pseudo-translations with their banner, see
``overrides/hooks/pseudo_mirrors.py``); a better preview replaces this function alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from ..hosts import AUDIENCES
from .build import host_named, known_hosts
from .common import archive_root, epilog, root_option
from .messages import t


def start_preview(root: Path, host: str, audience: str, address: str) -> int:
    """Serve the site of ``host`` for ``audience`` until Ctrl-C; its exit code."""
    env = {**os.environ, "ARCHIVE_HOST": host, "ARCHIVE_AUDIENCE": audience}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    return subprocess.run(command, cwd=root, env=env).returncode


@click.command(
    "serve", help=t("help_serve"), short_help=t("short_serve"), epilog=epilog("help_serve_examples")
)
@click.option("--host", envvar="ARCHIVE_HOST", help=t("help_host"))
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="public",
    show_default=True,
    help=t("help_audience"),
)
@click.option(
    "-a",
    "--dev-addr",
    "address",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help=t("help_dev_addr"),
)
@root_option
def command(host: str | None, audience: str, address: str, root: Path | None) -> int:
    root = archive_root(root)
    return start_preview(root, host_named(known_hosts(root), host), audience, address)
