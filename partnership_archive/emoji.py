"""Emoji and icons in documents, without a request to another host.

Material's ``to_svg`` generator inlines Material's own icons (``:material-water:``) but
writes every emoji (``:smile:``) as an ``<img>`` from cdn.jsdelivr.net: a request to a
third party from a public page (GDPR), and a broken image offline. Here an emoji is its
Unicode character (the reader's fonts draw it, screen readers name it) and an icon stays
Material's inline SVG. mkdocs.yml names this generator (``pymdownx.emoji``).
"""

from __future__ import annotations

from material.extensions.emoji import to_svg
from pymdownx.emoji import to_alt


def to_svg_or_text(index, shortname, alias, uc, alt, title, category, options, md):
    """pymdownx.emoji's generator interface: an icon has no Unicode code point."""
    generate = to_alt if uc else to_svg
    return generate(index, shortname, alias, uc, alt, title, category, options, md)
