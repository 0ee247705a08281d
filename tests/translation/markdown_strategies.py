"""Hypothesis strategies: documents written in the syntax the site supports.

Imported as a top-level module (pytest puts this directory on ``sys.path``). A
document is front matter (with the YAML coordinators and editors actually write:
quoting styles, escapes, comments, folded text, flow and block lists, anchors) and a
body of blocks nested up to ``MAX_DEPTH``: paragraphs with inline markup and hard
breaks, headings with and without ids, nested and task lists, admonitions and
collapsible blocks, content tabs (also inside lists and admonitions), tables (also
with pipes in code), fenced code, quotes, definition lists, HTML blocks with and
without ``markdown``, footnotes. Words include what coordinators type that looks like
syntax (``C#``, ``#12``, ``snake_case``, ``<3``, ``[Entwurf]``, ``&amp;``). Not
generated, because Python-Markdown reads them as markup in ways a translation cannot
keep (the render check then keeps that text in the source language, and says so): a
lone ``*`` inside text (``**a 2*3**`` becomes stray emphasis), and a brace group such
as ``{wichtig}`` that starts a paragraph's line (attr_list gives the paragraph an
attribute). Sizes are bounded so that a hundred examples take seconds.
"""

from __future__ import annotations

from hypothesis import strategies as st

MAX_DEPTH = 3
INDENT = "    "

WORDS = st.sampled_from(
    "Brunnen Schule Gemeinde Rat Übergabe Straße Mbeya Kivu „Partnerschaft“ "
    "Wasser-Versorgung 2025 12,5 % € § (Entwurf) Anna’s d’Arc – — / & ; : ! ? café naïve "
    "Ärzte 3. 10:30 e.V. z.B. Nr. 7 snake_case <3 C# [Entwurf] 100% "
    "a\\b -- ... &amp; &nbsp; x^2 ~ @rat #12 https://example.org".split()
)


@st.composite
def text(draw, low: int = 1, high: int = 6) -> str:
    """Plain words, joined by single spaces; never markup on its own."""
    return " ".join(draw(st.lists(WORDS, min_size=low, max_size=high)))


def _wrap(template: str) -> st.SearchStrategy[str]:
    return text(1, 3).map(template.format)


INLINE = st.one_of(
    text(),
    _wrap("**{}**"),
    _wrap("*{}*"),
    _wrap("`{}`"),
    _wrap("==({})=="),
    _wrap("~~({})~~"),
    _wrap('[{}](vertrag.de.md#zweck "Vertrag")'),
    _wrap("[{}](https://example.org/a_b)"),
    _wrap("![{}](../files/karte.svg)"),
    _wrap("<span>{}</span>"),
    st.just("++ctrl+alt+del++"),
    st.just(":material-check:"),
)


@st.composite
def line(draw) -> str:
    """One line of inline Markdown that starts and ends with a word."""
    parts = [draw(text(1, 3))] + draw(st.lists(INLINE, min_size=0, max_size=3))
    return " ".join([*parts, draw(text(1, 2))])


@st.composite
def paragraph(draw, footnotes: list[str]) -> str:
    lines = draw(st.lists(line(), min_size=1, max_size=3))
    ends = st.sampled_from(["", "", "  ", "\\"])
    breaks = draw(st.lists(ends, min_size=len(lines), max_size=len(lines)))
    body = "\n".join(text_line + end for text_line, end in zip(lines, breaks, strict=False))
    body = body.rstrip(" \\")
    if draw(st.booleans()) and len(footnotes) < 3:
        footnotes.append(draw(text(2, 5)))
        body += f"[^{len(footnotes)}]"
    return body


@st.composite
def heading(draw) -> str:
    level = draw(st.integers(1, 3))
    anchor = draw(st.sampled_from(["", "", " { #eigener-anker }", " {: .wichtig }"]))
    return f"{'#' * level} {draw(line())}{anchor}"


def indented(block: str) -> str:
    return "\n".join(INDENT + row if row else "" for row in block.split("\n"))


@st.composite
def blocks(draw, depth: int, footnotes: list[str], low: int = 1, high: int = 3) -> str:
    chosen = draw(st.lists(block(depth, footnotes), min_size=low, max_size=high))
    return "\n\n".join(chosen)


@st.composite
def block(draw, depth: int, footnotes: list[str]) -> str:
    simple = [paragraph(footnotes), table(), code(), quote(), definition(), html_block()]
    nested = [bullets(depth, footnotes), admonition(depth, footnotes), tabs(depth, footnotes)]
    kinds = simple + (nested if depth < MAX_DEPTH else [])
    return draw(st.one_of(kinds))


@st.composite
def bullets(draw, depth: int, footnotes: list[str]) -> str:
    marker = draw(st.sampled_from(["-", "*", "1.", "- [ ]", "- [x]"]))
    items = []
    for number in range(draw(st.integers(1, 3))):
        first = f"{marker.replace('1.', f'{number + 1}.')} {draw(line())}"
        if draw(st.booleans()):
            inner = draw(blocks(depth + 1, footnotes, 1, 2))
            first += "\n\n" + indented(inner)
        items.append(first)
    loose = any("\n\n" in item for item in items)
    return ("\n\n" if loose else "\n").join(items)


@st.composite
def admonition(draw, depth: int, footnotes: list[str]) -> str:
    opener = draw(st.sampled_from(["!!!", "???", "???+"]))
    kind = draw(st.sampled_from(["note", "tip", "warning", "info"]))
    title = draw(st.one_of(st.just(""), text(1, 4).map(lambda t: f' "{t}"')))
    return f"{opener} {kind}{title}\n" + indented(draw(blocks(depth + 1, footnotes, 1, 2)))


@st.composite
def tabs(draw, depth: int, footnotes: list[str]) -> str:
    labels = draw(st.lists(text(1, 3), min_size=1, max_size=3, unique=True))
    return "\n\n".join(
        f'=== "{label}"\n\n' + indented(draw(blocks(depth + 1, footnotes, 1, 2)))
        for label in labels
    )


@st.composite
def cell(draw) -> str:
    return draw(
        st.one_of(
            text(1, 3),
            _wrap("**{}**"),
            st.sampled_from(["`a|b`", "`x \\| y`", "Rat \\| Verband", "[Bericht](bericht.md)"]),
        )
    )


@st.composite
def table(draw) -> str:
    columns = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(cell(), min_size=columns, max_size=columns), max_size=3))
    header = [draw(text(1, 2)) for _ in range(columns)]
    marks = st.sampled_from(["---", ":---", ":---:", "---:"])
    align = draw(st.lists(marks, min_size=columns, max_size=columns))
    lines = [header, align[:columns], *rows]
    return "\n".join("| " + " | ".join(row) + " |" for row in lines)


@st.composite
def code(draw) -> str:
    language = draw(st.sampled_from(["", "python", "yaml"]))
    body = draw(st.lists(text(1, 4), min_size=1, max_size=3))
    return f"```{language}\n" + "\n".join(body) + "\n```"


@st.composite
def quote(draw) -> str:
    return "\n".join(f"> {row}" for row in draw(st.lists(line(), min_size=1, max_size=2)))


@st.composite
def definition(draw) -> str:
    return f"{draw(text(1, 3))}\n:   {draw(line())}"


@st.composite
def html_block(draw) -> str:
    inner = draw(line())
    return draw(
        st.sampled_from(
            [
                f"<div markdown>\n\n{inner}\n\n</div>",
                f'<div class="karte" markdown="1">\n{inner}\n</div>',
                f"<p>{draw(text())}</p>",
                "<!-- Kommentar: nicht übersetzen -->",
            ]
        )
    )


# ---------------------------------------------------------------------- front matter


@st.composite
def title(draw) -> str:
    words = draw(text(1, 5))
    styles = [
        words,
        "'" + words.replace("'", "''") + " ''zitiert'''",
        '"' + words.replace('"', '\\"') + ' \\"zitiert\\" \\u00fc\\t"',
        f"{words}  # Kommentar",
        f'"{words}: mit Doppelpunkt"',
    ]
    return draw(st.sampled_from(styles))


@st.composite
def front_matter(draw) -> str:
    extras = draw(
        st.lists(
            st.sampled_from(
                [
                    "tags: [wasser, schule]",
                    "tags:\n  - wasser\n  - 'schule'",
                    "summary: >\n  Gefaltet über\n  zwei Zeilen.",
                    "# Kommentar von Hand",
                    "visibility: public",
                    "notes: &gemeinsam Gemeinsamer Text\nrepeat: *gemeinsam",
                    "on: yes",
                    "empty:",
                ]
            ),
            unique=True,
            max_size=3,
        )
    )
    lines = ["---", f"title: {draw(title())}", "type: minutes", "date: 2025-03-12", *extras]
    return "\n".join([*lines, "---"])


@st.composite
def documents(draw) -> str:
    """A whole document: front matter, blocks, footnote definitions."""
    footnotes: list[str] = []
    body = draw(blocks(0, footnotes, 1, 4))
    notes = "".join(f"\n\n[^{n}]: {note}" for n, note in enumerate(footnotes, 1))
    return f"{draw(front_matter())}\n\n{body}{notes}\n"
