"""State the archive hooks share within one `mkdocs build` (or one `mkdocs serve` rebuild).

Each hook file is its own module; this one (importable because MkDocs puts the hooks'
folder on ``sys.path``) holds the archive loaded by ``archive_pages`` for the others.
"""

from __future__ import annotations

from collections.abc import Callable

from partnership_archive.model import Archive

# Per configuration file: the public archive of the current top-level build and the
# renderer of its generated pages.
archives: dict[str, Archive] = {}
renderers: dict[str, Callable[[str, dict], str]] = {}
