"""Each provider's markup mode: holes as tags, answers read back strictly.

Only the tags that were sent, each exactly once, nothing inside them, and the text
unescaped exactly once (by the parser).
"""

from __future__ import annotations

import pytest

from partnership_archive.translation.markup import HtmlTags, MarkupError, Placeholders, XmlTags
from partnership_archive.translation.placeholders import Hole, Masked

SENT = Masked(("Siehe ", Hole(1), "den Bericht", Hole(2), " & <mehr>"))


def test_each_mode_writes_holes_as_its_own_tags_and_escapes_the_text() -> None:
    assert XmlTags().encode(SENT) == 'Siehe <x i="1"/>den Bericht<x i="2"/> &amp; &lt;mehr&gt;'
    assert HtmlTags().encode(SENT) == (
        'Siehe <x id="1"></x>den Bericht<x id="2"></x> &amp; &lt;mehr&gt;'
    )
    assert Placeholders().encode(SENT) == "Siehe ⟦1⟧den Bericht⟦2⟧ & <mehr>"


@pytest.mark.parametrize(
    ("codec", "answer"),
    [
        (XmlTags(), 'See <x i="2"/> the <x i="1"></x>report &amp; &lt;more&gt;'),
        (HtmlTags(), 'See <x id="2"/> the <x id=1></x>report &amp; &lt;more&gt;'),
        (Placeholders(), "See ⟦ 2⟧ the ⟦1 ⟧report & <more>"),
    ],
)
def test_answers_may_reorder_and_respace_tags(codec, answer: str) -> None:
    assert codec.decode(answer, SENT) == Masked(
        ("See ", Hole(2), " the ", Hole(1), "report & <more>")
    )


@pytest.mark.parametrize("codec", [XmlTags(), HtmlTags()])
def test_text_is_unescaped_exactly_once(codec) -> None:
    [hole_1, hole_2] = (
        ('<x i="1"/>', '<x i="2"/>')
        if codec.name == "xml"
        else (
            '<x id="1"></x>',
            '<x id="2"></x>',
        )
    )
    decoded = codec.decode(f"{hole_1}{hole_2} &amp;lt;b&amp;gt;", SENT)
    assert decoded.parts[-1] == " &lt;b&gt;"


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ('<x i="1"/><x i="2"/><script>alert(1)</script>', "unexpected tag <script>"),
        ('<x i="1"/><x i="2"/><x i="3"/>', r"sent tags \[1, 2\], got back \[1, 2, 3\]"),
        ('<x i="1"/><x i="1"/><x i="2"/>', r"got back \[1, 1, 2\]"),
        ('<x i="1"/>', r"got back \[1\]"),
        ('<x i="1">Bericht</x><x i="2"/>', "came back with content"),
        ('<x i="1" onclick="y"/><x i="2"/>', "unexpected tag <x>"),
        ('<x i="1"/><x i="2"/> <b>fett', "not well-formed"),
        ('<!DOCTYPE r [<!ENTITY a "b">]><x i="1"/><x i="2"/>&a;', "XML declaration"),
        ('<x i="1"/><x i="2"/> &nbsp;', "not well-formed"),
    ],
)
def test_xml_answers_are_read_strictly(answer: str, problem: str) -> None:
    with pytest.raises(MarkupError, match=problem):
        XmlTags().decode(answer, SENT)


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ('<x id="1"></x><x id="2"></x><img src=x onerror=alert(1)>', "unexpected tag <img>"),
        ('<x id="1"></x><x id="2"></x><!-- c -->', "HTML comment"),
        ('<x id="1">Bericht</x><x id="2"></x>', "came back with content"),
        ('<x id="1"></x>', r"got back \[1\]"),
        ('<x id="1" class="a"></x><x id="2"></x>', "unexpected tag <x>"),
        ('<x id="1"></x><x id="2"></x></p>', "unexpected closing tag </p>"),
    ],
)
def test_html_answers_are_read_strictly(answer: str, problem: str) -> None:
    with pytest.raises(MarkupError, match=problem):
        HtmlTags().decode(answer, SENT)


def test_a_huge_answer_is_refused() -> None:
    with pytest.raises(MarkupError, match="characters long"):
        Placeholders().decode("x" * 100_001, SENT)
