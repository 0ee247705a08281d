"""``partnership-archive serve``: the site of one host on this computer, rebuilt on
every change, at http://127.0.0.1:8000/.

``start_preview`` is the one place that starts the preview (``partnership_archive.preview``:
incremental rebuilds, the last good build served meanwhile, archive errors shown in the
browser). It runs MkDocs as ``serve``, so pseudo-translations show with their banner
(see ``overrides/hooks/pseudo_mirrors.py``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from .. import locking
from ..preview import serve
from .build import host_named, known_hosts, site_options
from .common import OK, USAGE, Stop, archive_root, epilog, root_option, run
from .messages import t


def start_preview(root: Path, host: str, audience: str, address: str) -> int:
    """Serve the site of ``host`` for ``audience`` until Ctrl-C; its exit code."""
    ip, _, port = address.rpartition(":")
    if not ip or not port.isdigit():
        raise Stop(t("bad_dev_addr", address=address), USAGE)
    os.environ.update(ARCHIVE_HOST=host, ARCHIVE_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    serve(root, ip, int(port))
    return OK


@click.command(
    "serve", help=t("help_serve"), short_help=t("short_serve"), epilog=epilog("help_serve_examples")
)
@site_options
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
    with locking.exclusive(root, "build", "serve"):  # the preview stages like a build
        return start_preview(root, host_named(known_hosts(root), host), audience, address)


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    return run(command, argv, "python scripts/serve.py", default_root)
