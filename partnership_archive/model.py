"""The archive's domain model: partnerships, documents and their language versions.

Plain, immutable data built once per build by ``loading.load_archive`` and shared by
the MkDocs hooks and the scripts. A *document* exists in one or more languages; each
file is a *version*; a version that records ``translation: {from: ...}`` is a
*mirror* of the version in that language (its *source*).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePosixPath

Localized = str | Mapping[str, str]

KNOWLEDGE_DIR = "docs"
PARTNERSHIPS_DIR = "partnerships"
PARTNERSHIP_FILE = "partnership.yml"
THEME_DIR = "overrides"  # mkdocs.yml's theme.custom_dir: MkDocs copies its files into the site


def localize(text: Localized | None, lang: str, fallbacks: Sequence[str] = ()) -> str:
    """The text in ``lang``; else in the first fallback language that has one."""
    return localize_marked(text, lang, fallbacks)[0]


def localize_marked(
    text: Localized | None, lang: str, fallbacks: Sequence[str] = ()
) -> tuple[str, str | None]:
    """``localize``, and the language of the text when it is not ``lang``, so a page can
    mark a passage in another language (WCAG 3.1.2). One text for all languages is
    taken to fit any page."""
    if not text:
        return "", None
    if isinstance(text, str):
        return text, None
    for candidate in (lang, *fallbacks, *text):
        if text.get(candidate):
            return text[candidate], None if candidate == lang else candidate
    return "", None


def split_language(file_name: str) -> tuple[str, str | None]:
    """``minutes.de.md`` -> (``minutes``, ``de``); ``minutes.md`` -> (``minutes``, None)."""
    stem = file_name.removesuffix(".md")
    name, dot, lang = stem.rpartition(".")
    if dot and name and len(lang) == 2 and lang.isalpha():
        return name, lang
    return stem, None


def version_path(key: str, lang: str) -> str:
    """The file of a document in one language: ``minutes/x`` -> ``minutes/x.en.md``."""
    return f"{key}.{lang}.md"


def pick_source(versions: Mapping[str, Version]) -> Version:
    """The original among language versions: the one that is not a mirror, else the first."""
    originals = [v for v in versions.values() if not v.is_mirror]
    return (originals or list(versions.values()))[0]


@dataclass(frozen=True)
class Municipality:
    name: str
    country: str
    language: str
    website: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str
    municipality: str
    role: Localized | None = None
    email: str | None = None
    public: bool = False
    photo: str | None = None  # relative to the archive root


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    title: Localized


@dataclass(frozen=True)
class Attachment:
    """A file that belongs to a document: a signed original, a scan, a spreadsheet."""

    path: str  # relative to the archive root
    size: int  # bytes
    title: Localized | None = None

    @property
    def kind(self) -> str:
        """What a reader calls the file: ``PDF``, ``XLSX``."""
        return PurePosixPath(self.path).suffix.lstrip(".").upper() or "?"


@dataclass(frozen=True)
class Partnership:
    slug: str
    name: Localized
    municipalities: tuple[Municipality, ...]
    languages: tuple[str, ...]
    since: int
    description: Localized | None = None
    topics: tuple[Localized, ...] = ()
    contacts: tuple[Contact, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    self_assessment: Mapping[str, Mapping] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return f"{PARTNERSHIPS_DIR}/{self.slug}"

    def title(self, lang: str) -> str:
        return localize(self.name, lang, self.languages)


@dataclass(frozen=True)
class Translation:
    source: str
    status: str = "reviewed"
    provider: str | None = None
    source_hash: str | None = None
    text_hash: str | None = None
    date: dt.date | None = None
    untranslated: tuple[int, ...] = ()  # source lines a machine mirror keeps in the source language


def mirror_path(source: Version, lang: str) -> str:
    """Where the ``lang`` mirror of ``source`` lives: ``x.de.md`` -> ``x.en.md``."""
    return source.path.removesuffix(f".{source.lang}.md") + f".{lang}.md"


@dataclass(frozen=True)
class Version:
    """One language version of a document: a file ``<key>.<lang>.md``."""

    lang: str
    path: str  # relative to the archive root, POSIX separators
    title: str
    translation: Translation | None = None
    content_hash: str = ""  # fingerprints.content_hash of title and body as they are now

    @property
    def is_mirror(self) -> bool:
        return self.translation is not None


@dataclass(frozen=True)
class Document:
    partnership: str
    key: str  # path inside the partnership folder, without ``.<lang>.md``
    type: str
    date: dt.date
    visibility: str
    versions: Mapping[str, Version]
    tags: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    linked_files: frozenset[str] = frozenset()  # other files its text links to
    contacts: tuple[Contact, ...] = ()  # the people of a ``type: contacts`` document

    @property
    def site_key(self) -> str:
        """Path of the document inside the site, without language suffix."""
        return f"{PARTNERSHIPS_DIR}/{self.partnership}/{self.key}"

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def source(self) -> Version:
        return pick_source(self.versions)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.versions)

    def title(self, lang: str) -> str:
        version = self.versions.get(lang) or self.source
        return version.title


@dataclass(frozen=True)
class KnowledgePage:
    key: str  # path inside docs/, without ``.<lang>.md``
    versions: Mapping[str, Version]
    order: int | None = None
    linked_files: frozenset[str] = frozenset()  # files its text links to, e.g. a signed PDF

    @property
    def site_key(self) -> str:
        return self.key

    @property
    def source(self) -> Version:
        return pick_source(self.versions)

    def title(self, lang: str) -> str:
        return (self.versions.get(lang) or self.source).title


@dataclass(frozen=True)
class Asset:
    """A non-Markdown file next to the pages (image, scan, spreadsheet)."""

    path: str  # relative to the archive root

    partnership: str | None = None

    @property
    def site_path(self) -> str:
        return site_folder(self.path)


@dataclass(frozen=True)
class Archive:
    partnerships: tuple[Partnership, ...] = ()
    documents: tuple[Document, ...] = ()
    knowledge: tuple[KnowledgePage, ...] = ()
    assets: tuple[Asset, ...] = ()
    languages: tuple[str, ...] = field(default=())  # the site's languages, default first
    # The languages knowledge pages are translated into (translation.yml); None: all
    # of the site's. Set by the translation tools; the site does not need it.
    knowledge_languages: tuple[str, ...] | None = None

    def documents_of(self, slug: str) -> list[Document]:
        return [d for d in self.documents if d.partnership == slug]

    @cached_property
    def _by_site_key(self) -> dict[str, Document | KnowledgePage]:
        return {item.site_key: item for item in (*self.knowledge, *self.documents)}

    def item(self, site_key: str) -> Document | KnowledgePage | None:
        """The document or knowledge page at ``site_key`` (looked up once per page built)."""
        return self._by_site_key.get(site_key)

    def public(self) -> Archive:
        """The archive as the public may see it.

        Internal documents are left out entirely; of the partnerships' files only those
        a public document or a knowledge page uses are kept (so an internal document's
        attachments stay internal), and contacts not marked public are dropped.
        """
        documents = tuple(d for d in self.documents if d.is_public)
        used = {a.path for d in documents for a in d.attachments}
        used |= {path for item in (*documents, *self.knowledge) for path in item.linked_files}
        used |= {c.photo for p in self.partnerships for c in p.contacts if c.public and c.photo}
        used |= {c.photo for d in documents for c in d.contacts if c.public and c.photo}
        partnerships = tuple(
            replace(p, contacts=tuple(c for c in p.contacts if c.public)) for p in self.partnerships
        )
        documents = tuple(
            replace(d, contacts=tuple(c for c in d.contacts if c.public)) for d in documents
        )
        assets = tuple(a for a in self.assets if a.partnership is None or a.path in used)
        return replace(self, partnerships=partnerships, documents=documents, assets=assets)


def site_folder(path: str) -> str:
    """Where a repository path lands inside the assembled site sources."""
    pure = PurePosixPath(path)
    if pure.parts and pure.parts[0] == KNOWLEDGE_DIR:
        return str(PurePosixPath(*pure.parts[1:]))
    return str(pure)


def repo_path(site_path: str) -> str:
    """Where a site path's file lives in the repository (the inverse of ``site_folder``)."""
    if site_path.startswith(f"{PARTNERSHIPS_DIR}/"):
        return site_path
    return f"{KNOWLEDGE_DIR}/{site_path}"
