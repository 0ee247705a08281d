"""Fingerprints of a version's human text, to tell when a source or a mirror changed.

Only the title and the body count: re-ordering tags or adding a translation record
to the front matter does not make a mirror stale. Line endings are normalised so a
Windows editor does not change a fingerprint either.
"""

from __future__ import annotations

import hashlib


def content_hash(title: str, body: str) -> str:
    text = f"{title}\n{body}".replace("\r\n", "\n").rstrip() + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
