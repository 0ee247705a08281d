"""Protection and restoring: what a provider sees, and how its answer becomes Markdown.

A provider's answer is untrusted: outside the holes it is text, and ``restore``
writes it so that it renders as exactly that text.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest

from partnership_archive.translation.glossary import mask_terms
from partnership_archive.translation.literal import literal, title_problem
from partnership_archive.translation.placeholders import (
    Hole,
    Masked,
    PlaceholderError,
    has_text,
    protect,
    restore,
)


def answer(text: str) -> Masked:
    return Masked.from_placeholders(text)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Siehe [Bericht](a.md#x) hier", "Siehe ⟦1⟧Bericht⟦2⟧ hier"),
        ("![Karte](k.png){ width=3 } ok", "⟦1⟧Karte⟦2⟧ ok"),
        ("Nutze `x` und <b>fett</b>", "Nutze ⟦1⟧ und ⟦2⟧fett⟦3⟧"),
        ("Wasser :material-water: ++ctrl+p++", "Wasser ⟦1⟧ ⟦2⟧"),
        ("Text[^1] und **fett**", "Text⟦1⟧ und ⟦2⟧fett⟦3⟧"),
        ("==mark== ~~del~~ H~2~O snake_case", "⟦1⟧mark⟦2⟧ ⟦3⟧del⟦4⟧ H⟦5⟧2⟦6⟧O snake_case"),
        ("um 10:30:45 Uhr &amp; \\*", "um 10:30:45 Uhr ⟦1⟧ ⟦2⟧"),
        ("Web https://example.org/a. Ende", "Web ⟦1⟧. Ende"),
        ("eins  \nzwei", "eins⟦1⟧zwei"),
        ("<https://x.org> und [ref][id]", "⟦1⟧ und ⟦2⟧ref⟦3⟧"),
        ("Zeichen ⟦1⟧ im Text", "Zeichen ⟦1⟧1⟦2⟧ im Text"),
        # found by Hypothesis: the URL took the backslash of the hard break after it
        ("Siehe https://example.org\\\nweiter", "Siehe ⟦1⟧weiter"),
    ],
)
def test_protect_and_restore_round_trip(text: str, masked: str) -> None:
    protected = protect(text)
    assert protected.masked.text() == masked
    assert restore(protected.masked, protected) == text


def test_abbreviated_terms_are_kept_as_they_are() -> None:
    protected = protect("Der DWSA baut", keep=("DWSA",))
    assert protected.masked.text() == "Der ⟦1⟧ baut"


def test_glossary_terms_become_holes_written_back_as_text() -> None:
    protected = mask_terms(protect("Die Stadt Lindau hilft"), [("Lindau", "Lindau <am See>")])
    assert protected.masked.text() == "Die Stadt ⟦1⟧ hilft"
    assert restore(answer("The town ⟦1⟧ helps"), protected) == "The town Lindau &lt;am See> helps"


def test_restore_follows_the_answers_order_and_forgives_spaces_inside_markers() -> None:
    protected = protect("a `x` b `y`")
    assert restore(answer("⟦ 2 ⟧ B ⟦1⟧ A"), protected) == "`y` B `x` A"


@pytest.mark.parametrize(
    ("answer_text", "message"),
    [
        ("A B", "missing ⟦1⟧, ⟦2⟧"),
        ("⟦1⟧ ⟦1⟧ ⟦2⟧", "duplicated ⟦1⟧"),
        ("⟦1⟧ ⟦2⟧ ⟦3⟧", "invented ⟦3⟧"),
        ("⟦1⟧ ⟦2⟧ ⟦x⟧", "invented"),
    ],
)
def test_restore_refuses_damaged_holes(answer_text: str, message: str) -> None:
    with pytest.raises(PlaceholderError, match=message):
        restore(answer(answer_text), protect("a `x` b `y`"))


@pytest.mark.parametrize(
    ("source", "engine", "written"),
    [
        # engines add spaces inside emphasis and links: the source's spacing comes back
        ("Das **Haus** steht", "The ⟦1⟧ house ⟦2⟧ stands", "The **house** stands"),
        ("Siehe [Bericht](b.md).", "See ⟦1⟧ report ⟦2⟧ .", "See [report](b.md)."),
        # and drop spaces next to them: a word does not stick to the delimiter
        ("ein _kleiner_ Test", "a⟦1⟧small⟦2⟧test", "a \\_small\\_ test".replace("\\_", "_")),
        # code and other holes keep the engine's spacing, but no letter sticks to them
        ("Nutze `x`-Werte", "Use ⟦1⟧ values", "Use `x` values"),
        ("Siehe https://x.org/a.", "See ⟦1⟧here", "See https://x.org/a here"),
        # punctuation inside the emphasis is inner, next to it outside is outer
        ("**Wirklich so?**", "⟦1⟧ so really? ⟦2⟧", "**so really?**"),
        ("*Kursiv. **Fett.** Kursiv.*", "⟦1⟧ a. ⟦2⟧b.⟦3⟧ c. ⟦4⟧", "*a. **b.** c.*"),
        # a closing delimiter with a word after it would not close anything
        ("Das ist __wichtig__.", "This is ⟦1⟧ important⟦2⟧or", "This is __important__ or"),
    ],
)
def test_spacing_around_delimiters_is_the_sources(source: str, engine: str, written: str) -> None:
    assert restore(answer(engine), protect(source)) == written


HOSTILE = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://other.host/p.png)",
    "!!! danger",
    "{: onclick=alert(1) }",
    "&lt;b&gt;",
    "# Kopf",
    "- list",
    "1. list",
    "> quote",
    "*emphasis* _emphasis_ `code` ==mark== ~~del~~ ^^ins^^ ++ctrl++ :smile: [^1] <!-- c -->",
]


EXTENSIONS = ["attr_list", "admonition", "footnotes", "pymdownx.mark", "pymdownx.tilde"]
EXTENSIONS += ["pymdownx.caret", "pymdownx.keys", "pymdownx.emoji", "md_in_html", "def_list"]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.mark.parametrize("payload", HOSTILE)
def test_provider_text_renders_as_exactly_that_text(payload: str) -> None:
    rendered = _Elements()
    rendered.feed(markdown.markdown(literal(payload, line_start=True), extensions=EXTENSIONS))
    assert (rendered.tags, rendered.text) == (["p"], payload)


def test_provider_text_is_escaped_in_a_restored_segment() -> None:
    protected = protect("Siehe `x` hier")
    restored = restore(answer("<b>See</b> ⟦1⟧ [here](javascript:x)"), protected)
    assert restored == "&lt;b>See&lt;/b> `x` \\[here\\](javascript:x)"


def test_a_heading_cannot_lose_its_last_hash_to_the_closing_sequence() -> None:
    assert restore(answer("Issue #"), protect("Frage #"), "heading") == "Issue \\#"


@pytest.mark.parametrize(
    ("title", "problem"),
    [("Vertrag <script>", "'<'"), ("Vertrag &lt;script&gt;", "'&'"), ("Vertrag &#60;b>", "'&'")],
)
def test_a_title_that_could_be_markup_is_refused(title: str, problem: str) -> None:
    assert problem in title_problem(title)
    with pytest.raises(PlaceholderError, match=problem):
        restore(Masked((title,)), protect("Vertrag"), "title")


def test_a_title_on_several_lines_is_refused() -> None:
    assert title_problem("Zeile\nZwei") == "the title came back on several lines"


def test_a_plain_title_is_not_escaped() -> None:
    assert title_problem('Say "hi" & *go* > A') is None
    assert restore(Masked(('Say "hi"\n& go',)), protect("Hallo"), "title") == 'Say "hi" & go'


def test_has_text() -> None:
    assert has_text("Ein `x`") and not has_text("`x` [^1] 12 :smile:")


def test_masked_parts() -> None:
    assert answer("a ⟦2⟧ b⟦1⟧").parts == ("a ", Hole(2), " b", Hole(1))
