"""Names that must not be translated, and terms with a fixed translation.

Names of municipalities, people and organisations come from ``partnership.yml``; a
partnership may add more, and fixed term translations, in ``glossary.yml`` next to
it. Both travel to the provider as placeholders: a name comes back unchanged, a
term comes back as its agreed translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import source_text
from ..frontmatter import YamlProblem, load_yaml
from ..model import Partnership, localize
from .placeholders import Hole, Masked, Part, Protected

GLOSSARY_FILE = "glossary.yml"


class GlossaryError(ValueError):
    """A ``glossary.yml`` that cannot be used: the message names the file and line."""


@dataclass(frozen=True)
class Glossary:
    keep: tuple[str, ...] = ()
    terms: tuple[Mapping[str, str], ...] = field(default=())

    def replacements(self, source: str, target: str) -> list[tuple[str, str]]:
        """(text in the source, text in the mirror), longest first so names nest safely."""
        pairs = [(name, name) for name in self.keep]
        pairs += [(t[source], t[target]) for t in self.terms if source in t and target in t]
        return sorted(set(pairs), key=lambda pair: -len(pair[0]))


def glossary_for(partnership: Partnership | None, folder: Path | None) -> Glossary:
    """The partnership's names plus its ``glossary.yml`` (if any)."""
    if partnership is None:
        return Glossary()
    names = [town.name for town in partnership.municipalities]
    names += [person.name for person in partnership.contacts]
    names += [localize(partnership.name, lang) for lang in partnership.languages]
    shown = f"{Path(partnership.folder).as_posix()}/{GLOSSARY_FILE}"
    extra = _read(folder / GLOSSARY_FILE, shown) if folder else {}
    names += [str(name) for name in extra.get("keep") or []]
    terms = tuple(dict(term) for term in extra.get("terms") or [] if isinstance(term, dict))
    return Glossary(tuple(dict.fromkeys(n for n in names if n.strip())), terms)


def _read(path: Path, shown: str) -> dict:
    """``glossary.yml`` read like every coordinator's file: bounded, BOM and CRLF allowed."""
    if not path.is_file():
        return {}
    try:
        data, _ = load_yaml(source_text.read(path))
    except (source_text.Unreadable, YamlProblem) as problem:
        line = f":{problem.line}" if problem.line else ""
        raise GlossaryError(f"{shown}{line}: {problem.message}") from None
    if data is not None and not isinstance(data, dict):
        raise GlossaryError(f"{shown}: expected 'keep:' and 'terms:' lists")
    return data or {}


def mask_terms(protected: Protected, replacements: Iterable[tuple[str, str]]) -> Protected:
    """Hide glossary entries in the text runs behind further holes (after ``protect``).

    The hole stands for the agreed text (a name, or a term's fixed translation); it is
    written back as text, escaped like the provider's.
    """
    originals, literal = list(protected.originals), set(protected.literal)
    parts: list[Part] = []
    patterns = [
        (re.compile(rf"(?<!\w){re.escape(original)}(?!\w)"), value)
        for original, value in replacements
    ]
    for part in protected.masked.parts:
        parts += _hide(part, patterns, originals, literal) if isinstance(part, str) else [part]
    spacing = protected.spacing + (("edge", "edge"),) * (len(originals) - len(protected.originals))
    return Protected(Masked(tuple(parts)), tuple(originals), frozenset(literal), spacing)


def _hide(run: str, patterns: list, originals: list[str], literal: set[int]) -> list[Part]:
    """Split one run at the first glossary entry it contains (longest entries first)."""
    for pattern, value in patterns:
        match = pattern.search(run)
        if match:
            originals.append(value)
            literal.add(len(originals))
            before, after = run[: match.start()], run[match.end() :]
            hole: list[Part] = [Hole(len(originals))]
            head = _hide(before, patterns, originals, literal) if before else []
            return head + hole + (_hide(after, patterns, originals, literal) if after else [])
    return [run]
