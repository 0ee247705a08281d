"""Building the site on every core: one ``mkdocs build`` process per language.

mkdocs-static-i18n builds the languages one after another in one process, so on a
two-core machine one core idles. The orchestrator here (what ``scripts/build.py`` runs;
plain ``mkdocs build`` still works, on one core):

1. stages the archive once, in this process, by running the configuration's
   ``on_config`` hooks exactly as a build does (loading, validation, staging);
2. builds each language in its own ``mkdocs build --strict`` process, as many at once as
   there are cores, each into a folder of its own (``hooks/one_language.py``), with the
   staging left alone (``ARCHIVE_STAGED``) and handing over what the parallel views
   need (``ARCHIVE_HANDOFF``, see ``hooks/parallel_view.py``);
3. fills the parallel views from the versions all processes rendered, moves every
   language's folder and sitemap into the default language's site;
4. checks every local link of the finished site (``built_links``; in plain ``mkdocs
   build`` the hook ``verify_links`` does it, which the language builds here skip).

Nothing is written to ``site_dir`` until every language has built and every link leads
somewhere.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import jinja2

from . import locking, parallel
from .built_links import check_site
from .hosts import selected_host
from .site_config import archive_languages
from .sitemaps import file_name

OK, FAILED = 0, 1
LINK_LIMIT = 50  # broken links listed one by one; a systematic mistake should not flood


def languages(root: Path) -> tuple[list[str], str]:
    """The site's languages and the default one (the host's, from ``ARCHIVE_HOST``)."""
    codes = archive_languages(root)
    host = selected_host(root)
    default = host.default_language if host else codes[0]
    return codes, default


@contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def stage(root: Path, env: Mapping[str, str]) -> str | None:
    """Load, validate and stage the archive as a build would; the error, if any.

    In a process of its own, so that the orchestrator stays small while the language
    builds run (memory is measured for the whole process tree).
    """
    command = [sys.executable, "-m", "partnership_archive.site_build", "stage", str(root)]
    result = subprocess.run(
        command, env=dict(env), capture_output=True, text=True, pass_fds=locking.held()
    )
    if result.returncode == 0:
        return None
    return result.stdout.strip() or result.stderr.strip() or "staging the archive failed"


def _stage_here(root: Path) -> str | None:
    """Run the configuration's ``on_config`` hooks, which load, validate and stage."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the builds report warnings
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        config.plugins.on_config(config)
    except MkDocsException as error:
        return str(error)
    return None


def build_site(root: Path, site_dir: Path, env: Mapping[str, str], jobs: int = 0) -> int:
    """Build the site into ``site_dir`` with one process per language; an exit code."""
    env = {**os.environ, **env, "NO_MKDOCS_2_WARNING": "1"}
    jobs = jobs or os.cpu_count() or 1
    error = stage(root, env)
    if error:
        print(f"ERROR    -  {error}", file=sys.stderr)
        return FAILED
    with _environment(env):
        codes, default = languages(root)
    parts = site_dir.with_name(f".{site_dir.name}.parts")
    shutil.rmtree(parts, ignore_errors=True)
    handoff = parts / "handoff"
    handoff.mkdir(parents=True)
    try:
        if not _build_languages(root, codes, parts, handoff, env, jobs):
            return FAILED
        folders = {code: "" if code == default else code for code in codes}
        _fill_parallel_views(root, handoff, folders, jobs)
        site = _assemble(parts, folders)
        if not _links_lead_somewhere(site, env.get("SITE_URL") or None):
            return FAILED
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site.replace(site_dir)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    return OK


def _build_languages(root, codes, parts, handoff, env, jobs) -> bool:
    """Run the language builds, at most ``jobs`` at a time; True if all succeeded."""
    waiting, running, ok = list(codes), [], True
    while waiting or running:
        while waiting and len(running) < jobs and ok:
            code = waiting.pop(0)
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
            command += ["--site-dir", str(parts / code)]
            language_env = {
                **env,
                "ARCHIVE_BUILD_LANGUAGE": code,
                "ARCHIVE_STAGED": "1",
                "ARCHIVE_HANDOFF": str(handoff),
            }
            running.append(
                subprocess.Popen(command, cwd=root, env=language_env, pass_fds=locking.held())
            )
        for process in [p for p in running if p.poll() is not None]:
            running.remove(process)
            ok = ok and process.returncode == 0
        if not ok:  # one language failed: the site cannot be complete
            for process in running:
                process.terminate()
                process.wait()
            return False
        time.sleep(0.02)
    return ok


# What the fill workers share with the orchestrator: inherited when they fork, not sent.
_shared: dict = {}


def _fill_parallel_views(root: Path, handoff: Path, folders: Mapping[str, str], jobs: int) -> None:
    """Fill every language's parallel views, on all cores."""
    rendered: dict = {}
    waiting: list = []
    for part in sorted(handoff.glob("*.pickle")):
        their_rendered, their_waiting = pickle.loads(part.read_bytes())
        rendered.update(their_rendered)
        waiting += their_waiting
    _shared.update(rendered=rendered, folders=folders, root=root)
    chunks = [waiting[i::jobs] for i in range(jobs)]
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            still = [page for left in pool.map(_fill, chunks) for page in left]
    else:
        still = [page for chunk in chunks for page in _fill(chunk)]
    _shared.clear()
    if still:  # a version no language build rendered: a bug, not a user mistake
        raise RuntimeError(f"parallel views without their versions: {still[:3]}")


def _fill(waiting: list) -> list:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_shared["root"] / "overrides")))

    def render(name: str, context: dict) -> str:
        return env.get_template(f"hooks/{name}").render(**context)

    return parallel.fill_built_pages(waiting, _shared["rendered"], _shared["folders"], render)


def _links_lead_somewhere(site: Path, site_url: str | None) -> bool:
    """Every local href/src of the assembled site leads to one of its files (else say so)."""
    start = time.perf_counter()
    pages, broken = check_site(site, site_url)
    for link in broken[:LINK_LIMIT]:
        print(f"WARNING  -  {link.message()}", file=sys.stderr)
    if len(broken) > LINK_LIMIT:
        print(f"WARNING  -  ... and {len(broken) - LINK_LIMIT} more broken links", file=sys.stderr)
    seconds = time.perf_counter() - start
    print(f"INFO     -  Checked the links of {pages} pages of the built site in {seconds:.2f} s")
    return not broken


def _assemble(parts: Path, folders: Mapping[str, str]) -> Path:
    """Move the language folders (and sitemaps) into the default language's site."""
    default = next(code for code, folder in folders.items() if not folder)
    site = parts / default
    for code, folder in folders.items():
        if folder:
            shutil.rmtree(site / folder, ignore_errors=True)
            (parts / code / folder).replace(site / folder)
            (parts / code / file_name(code)).replace(site / file_name(code))
    return site


if __name__ == "__main__":  # python -m partnership_archive.site_build stage ROOT
    problem = _stage_here(Path(sys.argv[2])) if sys.argv[1:2] == ["stage"] else "usage: stage ROOT"
    if problem:
        print(problem)
    sys.exit(FAILED if problem else OK)
