"""Markers: HTML comments by which a page asks for something the archive fills in.

``<!-- archive:feedback-contact -->`` in the accessibility statement
(``docs/kb/accessibility.<lang>.md``) becomes the hosting municipality's contact for
reports of barriers (``hosts.yml``: ``accessibility_contact``), in the page's language,
when the site is built (``hooks/accessibility_statement.py``). A marker the archive does
not know is an error, since a typo would leave the page without what it asked for:
check.py reports it with file and line, and the build stops on it. Markers are HTML, so
translation leaves them as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .findings import Finding

FEEDBACK_CONTACT = "feedback-contact"
KNOWN = (FEEDBACK_CONTACT,)
_MARKER = re.compile(r"<!--\s*archive:([^\s>]*)\s*-->")


def marker_findings(texts: Mapping[str, str]) -> list[Finding]:
    """An error for every unknown marker in the Markdown files ``texts`` (path -> text)."""
    findings = []
    for path, text in texts.items():
        for match in _MARKER.finditer(text):
            if match[1] not in KNOWN:
                line = text.count("\n", 0, match.start()) + 1
                message = (
                    f"unknown marker 'archive:{match[1]}'; the archive knows "
                    f"{', '.join(f'archive:{name}' for name in KNOWN)}"
                )
                findings.append(Finding(path, line, "error", message))
    return findings


def fill(text: str, fillers: Mapping[str, Callable[[], str]]) -> str:
    """``text`` with each marker replaced by what its filler makes (only if it has one)."""

    def replace(match: re.Match) -> str:
        filler = fillers.get(match[1])
        return filler() if filler else match[0]

    return _MARKER.sub(replace, text)
