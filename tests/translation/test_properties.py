"""Properties of segmentation on documents Hypothesis writes (``markdown_strategies``).

1. The identity translation writes the source back byte for byte (plus the ``{ #id }``
   a heading without an explicit id gets, which the site renders the same way), and
   an answer that is exactly what a provider was sent restores to the segment's text.
2. A pseudo-translation (``shout``: every text upper-cased and wrapped in « ») keeps the
   rendered structure: the verifier keeps no segment in the source language, and the
   mirror's skeleton, by the tests' own HTML parser, is the source's.

Bounded for CI: a fixed number of examples, a deadline per example, derandomized in
CI (``CI=true``) so a failure there is reproducible. Every bug found this way became
a case in ``fixtures/segments/`` (see ``test_segments.py``).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from markdown_strategies import documents
from pseudo_translation import shout_segment
from rendering import body_html, skeleton

from partnership_archive.translation.placeholders import PlaceholderError, protect, restore
from partnership_archive.translation.segments import segmentation
from partnership_archive.translation.structure import stack_for
from partnership_archive.translation.verify import check_mirror
from partnership_archive.translation.writeback import apply

SITE = stack_for(Path(__file__).resolve().parents[2] / "mkdocs.yml")
BOUNDED = settings(
    max_examples=int(os.environ.get("ARCHIVE_EXAMPLES", "60")),  # more for a bug hunt
    deadline=timedelta(seconds=5),  # a busy CI machine renders slowly; a hang still fails
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def with_anchors(source: str, segments) -> str:
    """The source with each heading's added ``{ #id }`` and nothing else changed (but a
    ``#`` that ends such a heading, escaped: attr_list would drop it; and the heading's
    own attribute list, which the new one holds)."""
    pieces, position = [], 0
    for seg in segments:
        if seg.suffix:  # its own attribute list, if any, moves into the new one
            bare = seg.text.rstrip("#")
            escaped = bare + "\\#" * (len(seg.text) - len(bare))
            pieces += [source[position : seg.start], escaped, seg.suffix]
            position = seg.end
    return "".join(pieces) + source[position:]


@BOUNDED
@given(documents())
def test_the_identity_translation_writes_the_source_back(source: str) -> None:
    found = segmentation(source, SITE)
    assert found.unplaced == []
    identity = {seg.key: seg.text for seg in found.segments}
    mirror = apply(source, found.segments, identity)
    assert mirror == with_anchors(source, found.segments)
    assert body_html(mirror, SITE) == body_html(source, SITE)


@BOUNDED
@given(documents())
def test_answers_that_are_what_was_sent_render_the_source(source: str) -> None:
    """Each text through the provider boundary and back unchanged: the page is the same.

    (``restore`` may escape more than the source did, e.g. a ``:`` that starts a line:
    the rendered HTML is what must not change.)
    """
    found = segmentation(source, SITE)
    answers = {}
    for seg in found.segments:
        protected = protect(seg.text, seg.keep)
        try:
            answers[seg.key] = restore(protected.masked, protected, seg.kind)
        except PlaceholderError:  # refused (a title that reads as markup): stays as it is
            assert seg.kind == "title"
    mirror = apply(source, found.segments, answers)
    assert page(mirror) == page(source)


def page(text: str) -> str:
    """The body as a browser reads it: ``&#58;`` is ``:``, a line break in text a space."""
    return " ".join(str(BeautifulSoup(body_html(text, SITE), "html.parser")).split())


@BOUNDED
@given(documents())
def test_a_pseudo_translation_keeps_the_rendered_structure(source: str) -> None:
    found = segmentation(source, SITE)
    translations, refused = {}, {}
    for seg in found.segments:
        try:
            translations[seg.key] = shout_segment(seg)
        except PlaceholderError as error:  # what the workflow refuses: kept, and said why
            refused[seg.key] = str(error)
    checked = check_mirror(source, found.segments, translations, SITE, refused)
    kept = [(k.segment.key, k.segment.text, k.reason) for k in checked.kept]
    assert [k for k in kept if k[0] not in refused] == []
    assert skeleton(body_html(checked.text, SITE)).tags == skeleton(body_html(source, SITE)).tags
    assert skeleton(body_html(checked.text, SITE)).code == skeleton(body_html(source, SITE)).code
