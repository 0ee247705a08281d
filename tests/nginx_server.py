"""A real nginx on 127.0.0.1 serving a built site through deploy/nginx/'s snippet.

The snippet is used unchanged except for its ``alias``, which points at the build. nginx
runs as the test's user (root in CI); started as root, its workers run as an
unprivileged user, as on a real web server, so the site must lie in a world-readable
folder (``world_readable_folder``), not under pytest's private temp folder.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from builds import REPO

SNIPPET = REPO / "deploy" / "nginx" / "partnership-archive.conf"
SNIPPET_SITE_DIR = "/var/www/partnerschaft/"  # the alias written in the snippet
SUB_PATH = "/partnerschaft/"  # the sub-path the snippet serves

NGINX_CONF = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 256; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        include {prefix}/partnership-archive.conf;
    }}
}}
"""


def world_readable_folder(prefix: str) -> Path:
    """A fresh folder nginx's unprivileged workers can read (remove it when done)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        pytest.fail(
            "nginx is not installed, but the tests need a real nginx. Install it "
            "(Debian/Ubuntu: apt-get install -y nginx; .ci/run does this in CI).",
            pytrace=False,
        )
    return found


def nginx_build(nginx: str) -> tuple[tuple[int, ...], Path]:
    """nginx's version, and the MIME table next to its own configuration (which a real
    server includes)."""
    info = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=True).stderr
    version = tuple(int(part) for part in re.search(r"nginx/([\d.]+)", info).group(1).split("."))
    conf_path = re.search(r"--conf-path=(\S+)", info)
    table = (Path(conf_path.group(1)).parent if conf_path else Path("/etc/nginx")) / "mime.types"
    assert table.is_file(), f"nginx's mime.types not found at {table}"
    return version, table


def render_snippet(site: Path) -> str:
    """The repository's snippet with its alias pointed at ``site``; nothing else changed."""
    text = SNIPPET.read_text("utf-8")
    aliases = re.findall(r"^\s*alias\s+(\S+);", text, flags=re.MULTILINE)
    assert aliases == [SNIPPET_SITE_DIR], f"expected one 'alias {SNIPPET_SITE_DIR};'"
    return text.replace(f"alias {SNIPPET_SITE_DIR};", f"alias {site}/;")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(process: subprocess.Popen, port: int, error_log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text() if error_log.exists() else ""
            pytest.fail(f"nginx did not start (exit {process.returncode}):\n{log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx does not listen on 127.0.0.1:{port} after 10 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # SIGTERM: nginx's fast shutdown
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serving(site: Path, prefix: Path) -> Iterator[str]:
    """nginx serving ``site`` under the snippet's sub-path, with its files in ``prefix``
    (an empty folder); yields the site's address, ``http://127.0.0.1:<port>/partnerschaft/``."""
    nginx = nginx_binary()
    port = free_port()
    (prefix / "partnership-archive.conf").write_text(render_snippet(site))
    version, mime_types = nginx_build(nginx)
    (prefix / "nginx.conf").write_text(
        NGINX_CONF.format(prefix=prefix, port=port, mime_types=mime_types)
    )
    command = [nginx, "-p", f"{prefix}/", "-c", f"{prefix}/nginx.conf", "-g", "daemon off;"]
    if version >= (1, 19, 5):  # -e: no attempt to open the system's error log first
        command += ["-e", f"{prefix}/error.log"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        wait_until_listening(process, port, prefix / "error.log")
        yield f"http://127.0.0.1:{port}{SUB_PATH}"
    finally:
        stop(process)
