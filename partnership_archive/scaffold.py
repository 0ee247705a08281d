"""Scaffolding: safe names and ready-to-fill files for new partnerships and documents.

Pure functions used by ``scripts/new.py`` (the I/O edge). Everything a person types
(a title, a folder, a slug) becomes part of a path and a web address, so it passes
through ``slugify`` first: umlauts and accents are transliterated, everything else
outside ``a-z0-9-`` is dropped, and no result can climb out of its folder.
Document bodies come from ``document_templates/<lang>/<type>.md``, written in the
document's language; ``partnership.yml`` is rendered from the domain model so the
same schema checks the result.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .file_names import WINDOWS_RESERVED
from .model import Municipality, Partnership

TEMPLATES_DIR = Path(__file__).with_name("document_templates")
FALLBACK_LANGUAGE = "en"
MAX_SEGMENT = 60  # characters per slug, file name or folder: short web addresses, short paths
MAX_FOLDER_DEPTH = 3

# Contact lists hold personal data: internal unless someone decides otherwise.
DEFAULT_VISIBILITY = {"contacts": "internal"}

# Letters that Unicode decomposition does not reduce to ASCII, or reduces wrongly
# for German readers (NFKD makes "ä" an "a", but Germans write "ae").
_TRANSLITERATION = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
    }
)  # fmt: skip

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


class ScaffoldError(ValueError):
    """Input that cannot be turned into a safe name or a valid file."""


def slugify(text: str, max_length: int = MAX_SEGMENT) -> str:
    """``Ärger über Öl & Straße`` -> ``aerger-ueber-oel-strasse``; may return ``""``.

    The result matches ``loading.SLUG``: it is safe as a path segment and in a URL.
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", ascii_text))
    slug = _truncate("-".join(words), max_length)
    return f"{slug}-1" if slug in WINDOWS_RESERVED else slug


def _truncate(slug: str, max_length: int) -> str:
    """Cut at a word boundary when that keeps at least half of the allowed length."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    boundary = cut.rfind("-")
    return (cut[:boundary] if boundary >= max_length // 2 else cut).strip("-")


def folder_path(folder: str | None) -> PurePosixPath:
    """A subfolder given by a person, each segment slugified; ``..`` and empty parts vanish."""
    segments = [slugify(part) for part in re.split(r"[/\\]+", folder or "")]
    segments = [segment for segment in segments if segment]
    if len(segments) > MAX_FOLDER_DEPTH:
        raise ScaffoldError(
            f"the folder {folder!r} is {len(segments)} levels deep; "
            f"use at most {MAX_FOLDER_DEPTH}, for example 'minutes'"
        )
    return PurePosixPath(*segments)


def document_name(date: dt.date, title: str) -> str:
    """``2025-03-12-steering-group-meeting``: sorts by date, readable, safe."""
    words = slugify(title, MAX_SEGMENT - len("2025-03-12-"))
    return f"{date.isoformat()}-{words}" if words else date.isoformat()


def document_path(folder: PurePosixPath, name: str, lang: str) -> PurePosixPath:
    """Path of a new version inside its partnership folder."""
    return folder / f"{name}.{lang}.md"


def is_inside(base: Path, target: Path) -> bool:
    """Whether ``target`` really lies below ``base`` once symlinks and ``..`` are resolved."""
    return target.resolve().is_relative_to(base.resolve())


def clean_title(title: str) -> str:
    """One line of printable text: titles end up in YAML, HTML titles and search results."""
    return " ".join("".join(ch for ch in word if ch.isprintable()) for word in title.split())


def default_visibility(doc_type: str) -> str:
    return DEFAULT_VISIBILITY.get(doc_type, "public")


# --- Document templates ---------------------------------------------------------------


def template_languages() -> list[str]:
    """Languages with templates: the folders in ``document_templates/`` (no second list)."""
    return sorted(p.name for p in TEMPLATES_DIR.iterdir() if p.is_dir())


def template_language(lang: str) -> str:
    """The language of the template a document in ``lang`` starts from."""
    return lang if (TEMPLATES_DIR / lang).is_dir() else FALLBACK_LANGUAGE


def template_body(doc_type: str, lang: str) -> str:
    return (TEMPLATES_DIR / lang / f"{doc_type}.md").read_text(encoding="utf-8")


def fill(body: str, values: Mapping[str, str]) -> str:
    """Replace ``{{ name }}`` placeholders; an unknown one is a mistake in the template."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise ScaffoldError(f"unknown placeholder {match.group(0)} in a document template")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(value, body)


def placeholder_values(partnership: Partnership) -> dict[str, str]:
    """What templates may use: the partners' names, so lists and tables start filled in."""
    names = [town.name for town in partnership.municipalities]
    return {f"municipality_{index}": name for index, name in enumerate(names, start=1)}


@dataclass(frozen=True)
class DocumentFacts:
    """What the front matter of a new original says."""

    title: str
    type: str
    date: dt.date
    visibility: str = "public"
    tags: tuple[str, ...] = ()


def front_matter(facts: DocumentFacts) -> str:
    data: dict[str, object] = {
        "title": facts.title,
        "type": facts.type,
        "date": facts.date,
        "visibility": facts.visibility,
    }
    if facts.tags:
        data["tags"] = _Flow(facts.tags)
    return f"---\n{_dump(data)}---\n"


def render_document(facts: DocumentFacts, body: str) -> str:
    """The complete file: front matter, an empty line, the template's body."""
    return f"{front_matter(facts)}\n{body.lstrip()}"


# --- Partnerships ----------------------------------------------------------------------

# No start page is written: the site generates each partnership's overview page from
# partnership.yml and the documents (see site_sources.plan), so this file is all it needs.
_PARTNERSHIP_HEADER = """\
# Partnership {slug}
# The website builds the overview page of this partnership from this file and the
# documents in this folder: there is no start page to write. All fields are
# explained in the knowledge base, page "Document model".
"""

_PARTNERSHIP_FOOTER = """\
# Optional fields; remove the '# ' to use them:
# description:
#   {first}: ...
# topics:
#   - {{{first}: ..., {second}: ...}}
# contacts:
#   - name: ...
#     role: {{{first}: ..., {second}: ...}}
#     municipality: {municipality}
#     email: ...
#     public: false  # contact data is personal data: true only with the person's consent
"""


def partnership_slug(municipalities: Sequence[Municipality]) -> str:
    """A default short name from the partners' names; people usually shorten it."""
    return slugify(" ".join(town.name for town in municipalities))


def default_name(municipalities: Sequence[Municipality]) -> str:
    return " – ".join(town.name for town in municipalities)


def partnership_yaml(partnership: Partnership) -> str:
    """``partnership.yml`` for a new partnership, in the layout the knowledge base shows.

    Values go through the YAML dumper; only codes and one cleaned line reach the comments.
    """
    data = {
        "name": partnership.name,
        "municipalities": [_municipality(town) for town in partnership.municipalities],
        "languages": _Flow(partnership.languages),
        "since": partnership.since,
    }
    first, second = (*partnership.languages, "en", "en")[:2]
    footer = _PARTNERSHIP_FOOTER.format(
        first=first, second=second, municipality=clean_title(partnership.municipalities[0].name)
    )
    return _PARTNERSHIP_HEADER.format(slug=partnership.slug) + _dump(data) + footer


def localized_name(names: Mapping[str, str], languages: Iterable[str]) -> str | dict[str, str]:
    """One text when every language has the same name, else one text per language."""
    texts = {lang: names[lang] for lang in languages if lang in names}
    distinct = set(texts.values())
    return distinct.pop() if len(distinct) == 1 else texts


def _municipality(town: Municipality) -> dict[str, str]:
    entry = {"name": town.name, "country": town.country, "language": town.language}
    return {**entry, "website": town.website} if town.website else entry


# --- YAML output -----------------------------------------------------------------------


class _Flow(tuple):
    """A short list written on one line, ``[de, en]``, as the knowledge base shows it."""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as people write YAML by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    _Flow, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, True)
)


def _dump(data: Mapping[str, object]) -> str:
    return yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
