"""Inline protection: what a translation provider must hand back untouched.

``segments`` cuts a document into segments of inline Markdown; before a segment
goes to a provider, ``protect`` replaces every part that is not human text (code,
link targets, HTML tags, attribute lists, emoji, keys, footnote references,
emphasis markers, hard breaks, escapes) by a numbered placeholder ``⟦1⟧``.
``restore`` puts them back and refuses an answer in which a placeholder was lost,
duplicated or invented, so a broken translation never reaches a mirror.
"""

from __future__ import annotations

import re
from collections import Counter

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
    r"(?:https?|ftp)://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]",  # bare URL
    r"\{:?[ \t]*(?:[#.]|[\w-]+=)[^{}\n]*\}",  # attribute list
    r":[a-z][a-z0-9_+-]*:",  # emoji shortcode
    r"\+\+(?:[^+\s]|\+(?!\+))+\+\+",  # keys
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",  # entity
    r"\\[!-/:-@\[-`{-~]",  # backslash escape
    r"(?: {2,}|\\)\n",  # hard line break
    r"\*+|={2,}|~{2,}|\^{2,}|(?<!\w)_+|_+(?!\w)",  # emphasis, mark, tilde, caret markers
    r"[⟦⟧]",  # a literal placeholder bracket in the source
)
_PROTECTED = re.compile("|".join(f"(?:{part})" for part in _PROTECTED_PARTS), re.DOTALL)


class PlaceholderError(ValueError):
    """A provider's answer lost, duplicated or invented placeholders."""

    def __init__(self, missing: list[int], duplicated: list[int], invented: list[int]) -> None:
        self.missing, self.duplicated, self.invented = missing, duplicated, invented
        parts = [
            f"{name} {', '.join(marker(n) for n in numbers)}"
            for name, numbers in (
                ("missing", missing),
                ("duplicated", duplicated),
                ("invented", invented),
            )
            if numbers
        ]
        super().__init__("translation has damaged placeholders: " + "; ".join(parts))


def marker(number: int) -> str:
    """The placeholder text for ``number`` (1-based)."""
    return f"{OPEN}{number}{CLOSE}"


def protect(text: str) -> tuple[str, tuple[str, ...]]:
    """Mask every non-text part of ``text``; adjacent parts share one placeholder."""
    spans: list[list[int]] = []
    for match in _PROTECTED.finditer(text):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    masked, originals, position = [], [], 0
    for start, end in spans:
        masked.append(text[position:start])
        originals.append(text[start:end])
        masked.append(marker(len(originals)))
        position = end
    masked.append(text[position:])
    return "".join(masked), tuple(originals)


def restore(masked_translation: str, placeholders: tuple[str, ...] | list[str]) -> str:
    """Put the protected parts back; raise ``PlaceholderError`` unless each came back once."""
    found = [int(m.group(1)) for m in _PLACEHOLDER.finditer(masked_translation)]
    expected = set(range(1, len(placeholders) + 1))
    counts = Counter(found)
    missing = sorted(expected - set(found))
    duplicated = sorted(n for n, count in counts.items() if count > 1 and n in expected)
    invented = sorted(set(found) - expected)
    leftover = _PLACEHOLDER.sub("", masked_translation)
    if OPEN in leftover or CLOSE in leftover:
        invented = invented or [0]
    if missing or duplicated or invented:
        raise PlaceholderError(missing, duplicated, invented)
    return _PLACEHOLDER.sub(lambda m: placeholders[int(m.group(1)) - 1], masked_translation)


def has_text(text: str) -> bool:
    """True if ``text`` holds a letter outside its protected parts (worth translating)."""
    masked, _ = protect(text)
    return any(char.isalpha() for char in _PLACEHOLDER.sub("", masked))
