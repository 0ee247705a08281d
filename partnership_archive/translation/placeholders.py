"""Inline protection: what a provider sees of a segment, and what it must hand back.

``protect`` cuts a segment's inline Markdown into text runs and numbered holes: every
part that is not human text (code, link targets, HTML tags, attribute lists, emoji,
keys, footnote references, emphasis markers, hard breaks, escapes, abbreviated
terms) becomes a ``Hole``; adjacent parts share one. A provider translates the runs
and returns the holes in its own markup (``markup``).

``restore`` is the one boundary where an answer becomes Markdown again: each hole
must come back exactly once (or the answer is refused with ``PlaceholderError``),
the source's spacing around emphasis and link delimiters is put back (engines add
and drop spaces around tags), and every run of the provider's text passes through
``literal`` so that it renders as text, never as markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .literal import literal, title_problem

OPEN, CLOSE = "⟦", "⟧"

_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")

# Order matters: at one position the first alternative that matches wins.
_PROTECTED_PARTS = (
    r"(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`)",  # inline code
    r"<!--.*?-->",  # HTML comment
    r"<(?:https?|ftp|mailto):[^>\s]*>",  # autolink
    r"<[^<>\s@]+@[^<>\s@]+>",  # e-mail autolink
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # inline HTML tag
    r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"  # link/image target ...
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)",  # ... with optional title
    r"\[\^[^\]\s]+\]",  # footnote reference
    r"\[[^\[\]\n]*\](?:\[\])?(?![(\[])",  # shortcut/collapsed reference: its text is the key
    r"\]\[[^\]\n]*\]",  # reference link label
    r"!?\[|\]",  # link and image brackets (the text between them is translated)
    r"(?:https?|ftp)://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"\\]",  # bare URL (not a break's \\)
    r"\{:?[ \t]*(?:[#.]|[\w-]+=)[^{}\n]*\}",  # attribute list
    r":[a-z][a-z0-9_+-]*:",  # emoji shortcode
    r"\+\+(?:\"[^\"\n]*\"|[^+\s]|\+(?!\+))+\+\+",  # keys, also ++ctrl+"My Key"++
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",  # entity
    r"\\[!-/:-@\[-`{-~]",  # backslash escape
    r"(?: {2,}|\\)\n",  # hard line break
    r"\*+|={2,}|~+|\^+|(?<!\w)_+|_+(?!\w)",  # emphasis, mark, tilde, caret markers
    r"[⟦⟧]",  # a literal placeholder bracket in the source
)
_PROTECTED = re.compile("|".join(f"(?:{part})" for part in _PROTECTED_PARTS), re.DOTALL)
# Holes that only delimit text (emphasis, links, inline tags): their spacing matters.
_DELIMITER = re.compile(
    r"(?:\*+|_+|~+|=+|\^+|\[\^[^\]\s]+\]|!?\[|\](?:\([^()]*\)|\[[^\]]*\])?"
    r"|</?[A-Za-z][^<>]*>|\{[^{}]*\})+"
)
# Kinds whose text is not Markdown: a front matter title, an abbreviation's expansion.
PLAIN_KINDS = frozenset({"title", "abbreviation"})
_LINE_START = frozenset({"paragraph", "list_item", "blockquote", "footnote", "definition", "term"})


@dataclass(frozen=True)
class Hole:
    """A protected part, numbered from 1 in the order of the source."""

    number: int


Part = str | Hole


@dataclass(frozen=True)
class Masked:
    """A segment as a provider sees it: text runs and holes, in the answer's order."""

    parts: tuple[Part, ...]

    @property
    def holes(self) -> list[int]:
        return [part.number for part in self.parts if isinstance(part, Hole)]

    def text(self) -> str:
        """The masked text with ``⟦n⟧`` for each hole."""
        return "".join(marker(p.number) if isinstance(p, Hole) else p for p in self.parts)

    @classmethod
    def from_placeholders(cls, text: str) -> Masked:
        """Read a ``⟦n⟧`` answer (spaces inside the brackets are forgiven)."""
        parts: list[Part] = []
        position = 0
        for match in _PLACEHOLDER.finditer(text):
            parts += [text[position : match.start()], Hole(int(match.group(1)))]
            position = match.end()
        parts.append(text[position:])
        return cls(tuple(part for part in parts if part != ""))


@dataclass(frozen=True)
class Protected:
    """A protected segment: what is sent, and what each hole stands for."""

    masked: Masked
    originals: tuple[str, ...]  # the Markdown behind each hole, written back verbatim
    literal: frozenset[int] = frozenset()  # holes that hold text (glossary terms): escaped
    spacing: tuple[tuple[str, str], ...] = ()  # per hole, each side: see _side


class PlaceholderError(ValueError):
    """A provider's answer lost, duplicated or invented holes, or is unusable as text."""

    def __init__(
        self,
        missing: Sequence[int],
        duplicated: Sequence[int] = (),
        invented: Sequence[int] = (),
        message: str | None = None,
    ) -> None:
        self.missing, self.duplicated, self.invented = (
            list(missing),
            list(duplicated),
            list(invented),
        )
        parts = [
            f"{name} {', '.join(marker(n) for n in numbers)}"
            for name, numbers in (
                ("missing", self.missing),
                ("duplicated", self.duplicated),
                ("invented", self.invented),
            )
            if numbers
        ]
        super().__init__(message or "translation has damaged placeholders: " + "; ".join(parts))


def marker(number: int) -> str:
    """The placeholder text for ``number`` (1-based)."""
    return f"{OPEN}{number}{CLOSE}"


def protect(text: str, keep: tuple[str, ...] = ()) -> Protected:
    """Cut ``text`` into runs and holes; ``keep`` lists terms that must stay as they are.

    A kept term (an abbreviation, a word that becomes a link) must stay a word of its
    own, so ``restore`` sets it apart from letters an engine glues to it.
    """
    spans: list[list[int]] = []
    terms = _term_spans(text, keep)
    for start, end in sorted([m.span() for m in _PROTECTED.finditer(text)] + terms):
        if spans and spans[-1][1] >= start:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    parts: list[Part] = []
    originals, spacing, position = [], [], 0
    for start, end in spans:
        parts.append(text[position:start])
        originals.append(text[start:end])
        word = (start, end) in terms
        spacing.append(("spaced", "spaced") if word else (_side(text, start - 1), _side(text, end)))
        parts.append(Hole(len(originals)))
        position = end
    parts.append(text[position:])
    masked = Masked(tuple(part for part in parts if part != ""))
    return Protected(masked, tuple(originals), frozenset(), tuple(spacing))


def _term_spans(text: str, keep: tuple[str, ...]) -> list[tuple[int, int]]:
    return [
        m.span() for term in keep for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text)
    ]


def _side(text: str, index: int) -> str:
    """What the source has next to a hole: a "word" character, "spaced", "punct" or "edge"."""
    if index < 0 or index >= len(text):
        return "edge"
    char = text[index]
    return "spaced" if char.isspace() else "word" if char.isalnum() else "punct"


def restore(answer: Masked, protected: Protected, kind: str = "paragraph") -> str:
    """The answer as Markdown: holes back in place, the provider's text made literal.

    Raise ``PlaceholderError`` unless every hole came back exactly once and nothing
    else came back as a hole; a title that would be markup is refused too.
    """
    _check_holes(answer, len(protected.originals))
    parts = _respace(list(answer.parts), protected)
    pieces, line_start = [], kind in _LINE_START
    for index, part in enumerate(parts):
        if isinstance(part, Hole):
            original = protected.originals[part.number - 1]
            plain = part.number in protected.literal and kind not in PLAIN_KINDS
            pieces.append(literal(original) if plain else original)
            line_start = original.endswith("\n")
            continue
        heading = kind == "heading" and index == len(parts) - 1
        pieces.append(
            re.sub(r"\s+", " ", part)
            if kind in PLAIN_KINDS
            else literal(part, line_start=line_start, heading=heading)
        )
        line_start = False
    restored = "".join(pieces).strip()
    if kind == "title" and (problem := title_problem(restored)):
        raise PlaceholderError([], message=problem)
    return restored


def _check_holes(answer: Masked, count: int) -> None:
    found = answer.holes
    expected = set(range(1, count + 1))
    counts = Counter(found)
    missing = sorted(expected - set(found))
    duplicated = sorted(n for n, times in counts.items() if times > 1 and n in expected)
    invented = sorted(set(found) - expected)
    if any(OPEN in p or CLOSE in p for p in answer.parts if isinstance(p, str)):
        invented = invented or [0]
    if missing or duplicated or invented:
        raise PlaceholderError(missing, duplicated, invented)


def _respace(parts: list[Part], protected: Protected) -> list[Part]:
    """Put back the source's spacing around holes: engines add and drop spaces at tags.

    A delimiter (``**``, ``[``, ``](x)``) sticks again to the text it encloses (its inner
    side), and no letter sticks to a hole from a side where the source had none (an
    outer side: ``__x__or`` would not be emphasis, a URL would grow).
    """
    for index, part in enumerate(parts):
        if not isinstance(part, Hole) or not protected.spacing:
            continue
        delimiter = bool(_DELIMITER.fullmatch(protected.originals[part.number - 1]))
        before, after = _roles(*protected.spacing[part.number - 1], delimiter)
        if index > 0 and isinstance(parts[index - 1], str):
            parts[index - 1] = _fit(parts[index - 1], before, at_end=True)  # type: ignore[arg-type]
        if index + 1 < len(parts) and isinstance(parts[index + 1], str):
            parts[index + 1] = _fit(parts[index + 1], after, at_end=False)  # type: ignore[arg-type]
    return parts


def _roles(before: str, after: str, delimiter: bool) -> tuple[str, str]:
    """Each side of a hole: "inner" (glue to it), "outer" / "outer punct" (keep letters
    apart; the source had a space / punctuation there) or "free" (the engine decides)."""
    if not delimiter:
        return _outer(before), _outer(after)
    open_before, open_after = (side in ("spaced", "edge") for side in (before, after))
    if open_before != open_after:
        return (_outer(before), "inner") if open_before else ("inner", _outer(after))
    if {before, after} == {"word", "punct"}:
        return ("inner", "outer punct") if before == "word" else ("outer punct", "inner")
    return ("inner", "inner") if not open_before else (_outer(before), _outer(after))


def _outer(side: str) -> str:
    return "free" if side == "word" else "outer punct" if side == "punct" else "outer"


def _fit(run: str, role: str, at_end: bool) -> str:
    """A run's end next to a hole, by the role of that side of the hole."""
    stripped = run.rstrip() if at_end else run.lstrip()
    if role == "inner":
        return stripped
    edge = (run[-1] if at_end else run[0]) if run else ""
    if role.startswith("outer") and edge.isalnum():
        return run + " " if at_end else " " + run
    near = (stripped[-1] if at_end else stripped[0]) if stripped else ""
    if role == "outer punct" and near and not near.isalnum() and not near.isspace():
        return stripped  # "[report](b.md) ." -> "[report](b.md)."
    return run


def has_text(text: str) -> bool:
    """True if ``text`` holds a letter outside its protected parts (worth translating)."""
    masked = protect(text).masked
    return any(char.isalpha() for p in masked.parts if isinstance(p, str) for char in p)
