"""The preview: the site served while a coordinator edits, rebuilt on every save.

``mkdocs serve`` rebuilds the whole site on every change (half a minute for a thousand
documents) and holds every request until it is done; a broken edit leaves requests
hanging with the error only in the terminal. This preview instead

- builds in this process, so a change to a document's text (the usual edit) is an
  incremental build that renders only the pages that changed (MkDocs' ``dirty`` build;
  the search index and parallel views keep what earlier builds rendered, see
  ``overrides/hooks/_archive.py``); any other change (a new or removed file,
  ``partnership.yml``, the configuration, the theme) is a full build into a new folder;
- serves the last good build all the while, from its own threads: no request waits for
  a build;
- answers every page with an error page naming the file and line while the archive has
  an error, and every page reloads by itself once a build is done (fixed or not).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2
import markupsafe

from .labels import labels
from .site_config import configured_languages

PREVIEW_DIR = ".cache/preview"
STATUS_PATH = "/__preview/status"
WATCHED = ("docs", "partnerships", "overrides")
WATCHED_FILES = ("mkdocs.yml", "hosts.yml")
POLL_SECONDS = 0.2

# Injected into every page: reload when a newer build (good or failed) is there.
RELOAD_SCRIPT = """<script>(() => {{
  const build = {build};
  const check = () => fetch("{status}", {{cache: "no-store"}})
    .then(r => r.json()).then(s => s.build !== build ? location.reload() : setTimeout(check, 500))
    .catch(() => setTimeout(check, 2000));
  setTimeout(check, 500);
}})()</script>"""


@dataclass
class State:
    """What the server shows: the folder of the last good build, or the error."""

    site: Path | None = None
    build: int = 0
    error: str | None = None
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every file the site is built from."""
    times = {}
    for name in WATCHED:
        for current, dirs, files in os.walk(root / name):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for file in files:
                path = os.path.join(current, file)
                try:
                    times[path] = os.stat(path).st_mtime_ns
                except FileNotFoundError:
                    continue
    for name in WATCHED_FILES:
        path = root / name
        if path.is_file():
            times[str(path)] = path.stat().st_mtime_ns
    return times


def is_text_edit(before: dict[str, float], after: dict[str, float]) -> bool:
    """Only existing Markdown pages changed: an incremental build is enough."""
    if before.keys() != after.keys():
        return False
    changed = [path for path in after if after[path] != before[path]]
    return all(path.endswith(".md") and "/overrides/" not in path for path in changed)


@contextmanager
def _argv_dirty(dirty: bool) -> Iterator[None]:
    # mkdocs-static-i18n decides whether its builds of the other languages are dirty by
    # looking for --dirty on the command line, not at the build it runs in.
    saved = sys.argv
    sys.argv = [*saved, "--dirty"] if dirty else [a for a in saved if a != "--dirty"]
    try:
        yield
    finally:
        sys.argv = saved


class _Messages(logging.Handler):
    """Collects what a build logs as errors: MkDocs logs a plugin's error, then aborts."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_once(root: Path, site: Path, dirty: bool) -> str | None:
    """Build the site into ``site`` in this process; the error message, if any."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    errors = _Messages()
    logger.addHandler(errors)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command="serve", dirty=dirty)
        with _argv_dirty(dirty):
            build(config, dirty=dirty)
        config.plugins.on_shutdown()
    except MkDocsException as error:
        return "\n".join(errors.messages) or str(error)
    except Exception:  # a bug in a hook or template: still shown, not a hang
        return traceback.format_exc()
    finally:
        logger.removeHandler(errors)
    return None


class Preview:
    """Builds and rebuilds; the server reads ``state``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / PREVIEW_DIR
        shutil.rmtree(self.folder, ignore_errors=True)  # what an earlier preview left
        self.state = State()
        self._times: dict[str, float] = {}  # of the last build
        self._good_times: dict[str, float] = {}  # of the last good build
        self._next = 0
        self._retired: list[Path] = []

    def _new_site(self) -> Path:
        self._next += 1
        return self.folder / f"site-{os.getpid()}-{self._next}"

    def rebuild(self) -> None:
        """Build what changed since the last good build (everything, the first time).

        After a failed build the last good one is still there, so fixing a typo in a
        document is an incremental build again.
        """
        times = snapshot(self.root)
        good = self.state.site
        dirty = good is not None and is_text_edit(self._good_times, times)
        self._times = times
        site = good if dirty else self._new_site()
        start = time.monotonic()
        error = build_once(self.root, site, dirty)
        seconds = time.monotonic() - start
        with self.state.lock:
            if error is None:
                self.state.site, self._good_times = site, times
            elif not dirty:
                shutil.rmtree(site, ignore_errors=True)
            self.state.error = error
            self.state.seconds = seconds
            self.state.build += 1
        if good is not None and good != self.state.site:
            # Requests that began on the old folder may still read it: remove it later.
            for retired in self._retired:
                shutil.rmtree(retired, ignore_errors=True)
            self._retired = [good]
        kind = "incremental " if dirty else ""
        result = "failed" if error else "done"
        logging.getLogger("mkdocs").info(f"preview: {kind}build {result} in {seconds:.1f} s")

    def changed(self) -> bool:
        return snapshot(self.root) != self._times

    def watch(self, stop: threading.Event) -> None:
        while not stop.wait(POLL_SECONDS):
            if self.changed():
                self.rebuild()


class _Handler(SimpleHTTPRequestHandler):
    """Serves the last good build; every page learns when a newer build is there."""

    def __init__(self, *args, preview: Preview, **kwargs) -> None:
        self.preview = preview
        with preview.state.lock:
            self.site, self.build, self.error = (
                preview.state.site,
                preview.state.build,
                preview.state.error,
            )
        super().__init__(*args, directory=str(self.site or preview.folder), **kwargs)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = self.path.split("?", 1)[0]
        if path == STATUS_PATH:
            body = json.dumps({"build": self.build, "error": self.error is not None})
            return self._send(HTTPStatus.OK, "application/json", body)
        if self.error is not None and _is_page(path):
            page = error_page(self.preview.root, self.error, self._script())
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html", page)
        if self.site is None:
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain", "building ...")
        if not _is_page(path):
            return super().do_GET()
        file = Path(self.translate_path(path))
        file = file / "index.html" if file.is_dir() else file
        status = HTTPStatus.OK
        if not file.is_file():
            file, status = self.site / "404.html", HTTPStatus.NOT_FOUND
        page = file.read_text("utf-8").replace("</body>", self._script() + "</body>", 1)
        return self._send(status, "text/html", page)

    def _script(self) -> str:
        return RELOAD_SCRIPT.format(build=self.build, status=STATUS_PATH)

    def _send(self, status: HTTPStatus, content_type: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def error_page(root: Path, error: str, script: str) -> str:
    """The page every page is while the archive has an error: what and where, in words."""
    lang = _default_language(root)
    env = jinja2.Environment(autoescape=True)
    template = env.from_string((Path(__file__).parent / "preview_error.html").read_text("utf-8"))
    return template.render(lang=lang, l=labels(lang), error=error, script=markupsafe.Markup(script))


def _is_page(path: str) -> bool:
    return path.endswith("/") or path.endswith(".html")


def _default_language(root: Path) -> str:
    try:
        return configured_languages(root)[0]
    except (OSError, ValueError, KeyError, TypeError):
        return "en"


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, serve on ``host:port`` and rebuild on every change, until interrupted."""
    preview = Preview(root)
    preview.rebuild()
    server = ThreadingHTTPServer((host, port), partial(_Handler, preview=preview))
    server.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    print(f"Serving the archive at http://{host}:{server.server_port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        if preview.state.site is not None:
            shutil.rmtree(preview.state.site, ignore_errors=True)
