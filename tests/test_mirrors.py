"""The translation record of a mirror is rewritten without touching anything else."""

from __future__ import annotations

from partnership_archive.mirrors import with_translation_record

MIRROR = """---
title: Minutes
type: minutes   # a comment the coordinator wrote
date: 2025-03-12
translation:
  from: de
  status: machine
tags: [water]
---

Body *text* stays.
"""

RECORD = {"from": "de", "status": "reviewed", "source_hash": "0123abcd", "text_hash": "ffff0000"}


def test_only_the_translation_block_changes():
    updated = with_translation_record(MIRROR, RECORD)
    assert updated == MIRROR.replace(
        "  status: machine\n",
        "  status: reviewed\n  source_hash: 0123abcd\n  text_hash: ffff0000\n",
    )


def test_a_record_is_added_when_there_is_none():
    plain = MIRROR.replace("translation:\n  from: de\n  status: machine\n", "")
    updated = with_translation_record(plain, RECORD)
    assert updated.endswith(
        "tags: [water]\ntranslation:\n  from: de\n  status: reviewed\n"
        "  source_hash: 0123abcd\n  text_hash: ffff0000\n---\n\nBody *text* stays.\n"
    )


def test_hashes_that_look_like_numbers_stay_text():
    updated = with_translation_record(MIRROR, {**RECORD, "source_hash": "12345678"})
    assert "  source_hash: '12345678'\n" in updated
