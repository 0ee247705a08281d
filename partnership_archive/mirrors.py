"""Writing the ``translation:`` record of a mirror without disturbing anything else.

A mirror's front matter is edited line by line: only the ``translation:`` block is
replaced (or appended), every other byte of the file stays as the person or tool
left it. Writes go through ``atomic``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from . import atomic
from .fingerprints import content_hash
from .frontmatter import YamlProblem, load_yaml, split
from .model import Version


def translation_block(record: dict) -> list[str]:
    """The YAML lines of a translation record, keys in a fixed, readable order."""
    order = ("from", "status", "provider", "date", "source_hash", "text_hash", "untranslated")
    lines = ["translation:\n"]
    for key in order:
        value = record.get(key)
        if value is not None:
            if isinstance(value, dt.date):
                dumped = value.isoformat()  # read back as text, validated as a date
            elif isinstance(value, list | tuple):
                dumped = yaml.safe_dump(list(value), default_flow_style=True).strip()
            else:
                dumped = yaml.safe_dump(value).removesuffix("\n...\n").strip()
            lines.append(f"  {key}: {dumped}\n")
    return lines


def with_translation_record(text: str, record: dict) -> str:
    """``text`` with its front matter's ``translation:`` block replaced by ``record``."""
    lines = text.splitlines(keepends=True)
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    start = next((i for i in range(1, end) if lines[i].startswith("translation:")), None)
    if start is None:
        return "".join(lines[:end] + translation_block(record) + lines[end:])
    stop = start + 1
    while stop < end and (lines[stop].startswith((" ", "\t")) or not lines[stop].strip()):
        stop += 1
    return "".join(lines[:start] + translation_block(record) + lines[stop:])


def title_and_body(text: str) -> tuple[str, str]:
    """Title and body as validation reads them (so their fingerprints agree)."""
    block = split(text)
    if block is None:
        return "", text
    try:
        meta, _ = load_yaml(block.yaml_text)
    except YamlProblem:
        return "", block.body
    title = meta.get("title") if isinstance(meta, dict) else None
    return (title if isinstance(title, str) else ""), block.body


def mark_reviewed(root: Path, source: Version, mirror: Version, today: dt.date) -> None:
    """Record ``mirror`` as reviewed against the current ``source``: it is no longer stale."""
    path = root / mirror.path
    text = path.read_text("utf-8")
    previous = mirror.translation
    record = {
        "from": source.lang,
        "status": "reviewed",
        "provider": previous.provider if previous else None,
        "date": today,
        "source_hash": source.content_hash,
        "text_hash": content_hash(*title_and_body(text)),
    }
    atomic.write_text(path, with_translation_record(text, record))
