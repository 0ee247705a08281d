"""Hook: a pseudo-translation is never published.

``partnership-archive translate --provider pseudo`` writes visibly marked pseudo-text so
a coordinator can try the workflow without a service. ``mkdocs serve`` (the preview on
their own computer) shows such pages with a banner; every other command (``build``,
``gh-deploy``) stops with the list of them, as ``check.py`` reports them
(``health.pseudo_findings``). MkDocs names the command in ``on_startup``; without it
(a build started some other way) the build counts as publishing.
"""

from __future__ import annotations

from _archive import archives
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from partnership_archive.health import pseudo_findings

PREVIEW_COMMANDS = ("serve",)
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(-120)  # after archive_pages (-110) has loaded the archive
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    archive = archives.get(config.config_file_path)
    if archive is None or _command["name"] in PREVIEW_COMMANDS:
        return config
    findings = pseudo_findings(archive)
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings)
        raise PluginError(f"Pseudo-translations are never published; nothing was built:\n{listed}")
    return config
