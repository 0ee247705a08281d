"""Reading an archive from disk into the model (the I/O edge of validation)."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import schema
from .findings import Finding
from .link_targets import Targets, resolve
from .links import links
from .model import (
    KNOWLEDGE_DIR,
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
    Archive,
    Asset,
    Document,
    KnowledgePage,
    Partnership,
    Version,
    pick_source,
    repo_path,
    split_language,
)
from .validation import check_document_versions, read_partnership, read_version

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_archive(
    root: Path, site_languages: Sequence[str], texts: dict[str, str] | None = None
) -> tuple[Archive, list[Finding]]:
    """Read ``docs/`` and ``partnerships/`` below ``root``; never raises on bad content.

    ``texts``, if given, receives the text of every Markdown file read, by repository
    path, also of files left out of the model for their errors (check.py checks links
    in those too).
    """
    findings: list[Finding] = []
    texts = {} if texts is None else texts
    knowledge, kb_assets = _load_knowledge(root, site_languages, findings, texts)
    partnerships, documents, assets = [], [], list(kb_assets)
    for folder in _partnership_folders(root):
        partnership = _load_partnership(root, folder, findings)
        if partnership is None:
            continue
        partnerships.append(partnership)
        docs, files = _load_documents(root, folder, partnership, findings, texts)
        documents += docs
        assets += files
    archive = Archive(
        partnerships=tuple(partnerships),
        documents=tuple(sorted(documents, key=lambda d: (d.partnership, d.key))),
        knowledge=tuple(knowledge),
        assets=tuple(assets),
        languages=tuple(site_languages),
    )
    return archive, sorted(findings, key=lambda f: (f.path, f.line or 0))


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _walk(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in a stable order, skipping hidden files and folders."""
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(current) / name


def _partnership_folders(root: Path) -> list[Path]:
    base = root / PARTNERSHIPS_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def _load_partnership(root: Path, folder: Path, findings: list[Finding]) -> Partnership | None:
    config = folder / PARTNERSHIP_FILE
    rel = _relative(root, config)
    if not SLUG.fullmatch(folder.name):
        findings.append(
            Finding(
                _relative(root, folder),
                None,
                "error",
                "partnership folder names may only contain a-z, 0-9 and '-' "
                "(they become web addresses)",
            )
        )
        return None
    if not config.is_file():
        findings.append(
            Finding(
                rel,
                None,
                "error",
                f"missing: every partnership folder needs a {PARTNERSHIP_FILE} "
                "(see the knowledge base page on the document model)",
            )
        )
        return None
    text = _read_text(config, rel, findings)
    keys = {
        split_language(p.relative_to(folder).as_posix())[0]
        for p in _walk(folder)
        if p.suffix == ".md"
    }
    partnership, problems = read_partnership(rel, folder.name, text, _locator(root), keys)
    findings += problems
    return partnership


def _read_text(path: Path, rel: str, findings: list[Finding]) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        findings.append(
            Finding(rel, None, "error", f"not UTF-8 text ({error.reason}); save it as UTF-8")
        )
        return ""


def _load_documents(
    root: Path,
    folder: Path,
    partnership: Partnership,
    findings: list[Finding],
    texts: dict[str, str],
) -> tuple[list[Document], list[Asset]]:
    grouped: dict[str, dict[str, tuple[dict, Version]]] = defaultdict(dict)
    assets = []
    for path in _walk(folder):
        rel = _relative(root, path)
        if path.name == PARTNERSHIP_FILE and path.parent == folder:
            continue
        if path.suffix != ".md":
            assets.append(Asset(rel, partnership.slug))
            continue
        key, lang = split_language(path.relative_to(folder).as_posix())
        if lang is None:
            findings.append(_no_language(rel, partnership.languages))
            continue
        text = texts[rel] = _read_text(path, rel, findings)
        meta, version, problems = read_version(
            rel,
            lang,
            text,
            schema.DocumentMeta,
            partnership.languages,
            _locator(root),
            partnership.folder,
        )
        findings += problems
        if version is not None:
            meta["linked_files"] = _linked_files(root, rel, text)
            grouped[key][lang] = (meta, version)
    documents = [
        _document(partnership, key, versions, findings) for key, versions in grouped.items()
    ]
    return documents, assets


def _locator(root: Path):
    """The I/O that validation needs: the size of a file, or None if there is none."""

    def size(path: str) -> int | None:
        target = root / path
        return target.stat().st_size if target.is_file() else None

    return size


class _FilesOnDisk:
    """The archive's files by site path, looked up on disk (while loading, before the
    list of assets is complete)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __contains__(self, site_path: object) -> bool:
        return isinstance(site_path, str) and (self.root / repo_path(site_path)).is_file()


def _linked_files(root: Path, rel: str, text: str) -> frozenset[str]:
    """The archive's non-Markdown files that a version links to (published with it)."""
    targets = Targets(pages={}, files=_FilesOnDisk(root))
    resolved = (resolve(rel, link.target, targets) for link in links(text))
    return frozenset(repo_path(target.path) for target in resolved if target.kind == "file")


def _no_language(rel: str, languages: Sequence[str]) -> Finding:
    example = rel.removesuffix(".md")
    return Finding(
        rel,
        None,
        "error",
        "the file name must say which language the text is written in, "
        f"e.g. {example}.{languages[0]}.md",
    )


def _document(
    partnership: Partnership,
    key: str,
    versions: dict[str, tuple[dict, Version]],
    findings: list[Finding],
) -> Document:
    ordered = {lang: versions[lang] for lang in partnership.languages if lang in versions}
    metas = {lang: meta for lang, (meta, _) in ordered.items()}
    by_lang = {lang: version for lang, (_, version) in ordered.items()}
    source_meta = metas[pick_source(by_lang).lang]
    # One internal language version makes the whole document internal: never leak.
    internal = any(meta["visibility"] == "internal" for meta in metas.values())
    document = Document(
        partnership=partnership.slug,
        key=key,
        type=source_meta["type"],
        date=source_meta["date"],
        visibility="internal" if internal else "public",
        tags=tuple(source_meta["tags"]),
        versions=by_lang,
        attachments=tuple(
            {a.path: a for m in reversed(metas.values()) for a in m["attachments"]}.values()
        )[::-1],
        linked_files=frozenset().union(*(m["linked_files"] for m in metas.values())),
        contacts=source_meta["contacts"],
    )
    findings += check_document_versions(document, metas)
    return document


def _load_knowledge(
    root: Path, site_languages: Sequence[str], findings: list[Finding], texts: dict[str, str]
) -> tuple[list[KnowledgePage], list[Asset]]:
    folder = root / KNOWLEDGE_DIR
    grouped: dict[str, dict[str, tuple[dict, Version]]] = defaultdict(dict)
    assets = []
    for path in _walk(folder) if folder.is_dir() else []:
        rel = _relative(root, path)
        if path.suffix != ".md":
            assets.append(Asset(rel))
            continue
        key, lang = split_language(path.relative_to(folder).as_posix())
        if lang is None:
            findings.append(_no_language(rel, site_languages))
            continue
        text = texts[rel] = _read_text(path, rel, findings)
        meta, version, problems = read_version(
            rel, lang, text, schema.KnowledgePageMeta, site_languages
        )
        findings += problems
        if version is not None:
            meta["linked_files"] = _linked_files(root, rel, text)
            grouped[key][lang] = (meta, version)
    pages = []
    for key, versions in grouped.items():
        ordered = {lang: versions[lang] for lang in site_languages if lang in versions}
        orders = [
            meta.get("order") for meta, _ in ordered.values() if meta.get("order") is not None
        ]
        linked = frozenset().union(*(meta["linked_files"] for meta, _ in ordered.values()))
        pages.append(
            KnowledgePage(
                key,
                {lang: v for lang, (_, v) in ordered.items()},
                orders[0] if orders else None,
                linked,
            )
        )
    pages.sort(key=lambda p: (p.order is None, p.order or 0, p.key))
    return pages, assets
