"""Reading an archive from disk into the model (the I/O edge of validation).

Files are found by ``archive_files`` (contained: no symbolic link out of the
repository is followed) and read by ``source_text`` within ``limits``; a file that
cannot be read is one finding and is left out, so nothing reports it a second time.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import schema, source_text
from .archive_files import Tree, enter, walk
from .containment import Escape, escape
from .findings import Finding
from .limits import Limits, line_problems, markdown_problems
from .link_targets import Targets, resolve
from .links import links
from .memo import TextMemo
from .model import (
    KNOWLEDGE_DIR,
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
    THEME_DIR,
    Archive,
    Asset,
    Document,
    KnowledgePage,
    Partnership,
    Version,
    pick_source,
    repo_path,
    site_folder,
    split_language,
)
from .site_config import configured_limits
from .validation import check_document_versions, read_partnership, read_version

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_archive(
    root: Path,
    site_languages: Sequence[str],
    texts: dict[str, str] | None = None,
    limits: Limits | None = None,
    memo: TextMemo | None = None,
) -> tuple[Archive, list[Finding]]:
    """Read ``docs/`` and ``partnerships/`` below ``root``; never raises on bad content.

    ``texts``, if given, receives the text of every Markdown file read, by repository
    path, also of files left out of the model for their front matter errors (check.py
    checks links in those too). ``limits`` default to those ``mkdocs.yml`` sets
    (``site_config.configured_limits``). ``memo`` keeps each file's bounds for the next
    loading in this process (the preview's rebuilds): they depend on the text alone.
    """
    run = _Run(
        root,
        limits or configured_limits(root),
        texts={} if texts is None else texts,
        memo=TextMemo() if memo is None else memo,
    )
    # Walk everything first, so a link to a refused file is reported wherever it is.
    _theme_files(run)  # MkDocs copies them itself: only their links are checked here
    kb_files = _knowledge_files(run)
    folders = [(folder, walk(root, folder, run.tree)) for folder in _partnership_folders(run)]
    knowledge, kb_assets = _load_knowledge(run, kb_files, site_languages)
    partnerships, documents, assets = [], [], list(kb_assets)
    for folder, files in folders:
        partnership = _load_partnership(run, folder, files)
        if partnership is None:
            continue
        partnerships.append(partnership)
        docs, found = _load_documents(run, folder, files, partnership)
        documents += docs
        assets += found
    archive = Archive(
        partnerships=tuple(partnerships),
        documents=tuple(sorted(documents, key=lambda d: (d.partnership, d.key))),
        knowledge=tuple(knowledge),
        assets=tuple(assets),
        languages=tuple(site_languages),
    )
    findings = [*run.findings, *run.tree.findings, *run.tree.collision_findings()]
    return archive, sorted(findings, key=lambda f: (f.path, f.line or 0))


@dataclass
class _Run:
    """One loading: where, within which limits, and what was found on the way."""

    root: Path
    limits: Limits
    tree: Tree = field(default_factory=Tree)
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # readable Markdown, by path
    memo: TextMemo = field(default_factory=TextMemo)  # each file's bounds, by path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def text(self, path: Path) -> str | None:
        """The file's text, or None (reported) if it is unreadable or beyond the limits."""
        rel = self.relative(path)
        try:
            text = source_text.read(path, self.limits)
        except source_text.Unreadable as problem:
            self.findings.append(Finding(rel, problem.line, "error", problem.message))
            return None
        bounds = self.memo.get(rel, text, _markdown_bounds if path.suffix == ".md" else _bounds)
        self.findings += [Finding(rel, line, "error", message) for line, message in bounds]
        if bounds:
            return None
        if path.suffix == ".md":
            self.texts[rel] = text
        return text

    def locate(self, path: str) -> int | None:
        """The size of a file named by a document, None if missing; refused: ``Escape``."""
        target = self.root / path
        reason = escape(self.root, target)
        if reason is not None:
            raise Escape(reason)
        return target.stat().st_size if target.is_file() else None


def _markdown_bounds(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(markdown_problems(text, 1))


def _bounds(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(line_problems(text))


def _partnership_folders(run: _Run) -> list[Path]:
    base = run.root / PARTNERSHIPS_DIR
    if not base.is_dir() or not enter(run.root, base, run.tree):
        return []
    folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [folder for folder in folders if enter(run.root, folder, run.tree)]


def _load_partnership(run: _Run, folder: Path, files: list[Path]) -> Partnership | None:
    config = folder / PARTNERSHIP_FILE
    rel = run.relative(config)
    if not SLUG.fullmatch(folder.name):
        run.findings.append(
            Finding(
                run.relative(folder),
                None,
                "error",
                "partnership folder names may only contain a-z, 0-9 and '-' "
                "(they become web addresses)",
            )
        )
        return None
    if config not in files:
        if run.tree.is_refused(rel) is None:
            run.findings.append(
                Finding(
                    rel,
                    None,
                    "error",
                    f"missing: every partnership folder needs a {PARTNERSHIP_FILE} "
                    "(see the knowledge base page on the document model)",
                )
            )
        return None
    text = run.text(config)
    if text is None:
        return None
    keys = {split_language(p.relative_to(folder).as_posix())[0] for p in files if p.suffix == ".md"}
    partnership, problems = read_partnership(rel, folder.name, text, run.locate, keys)
    run.findings += problems
    return partnership


def _load_documents(
    run: _Run, folder: Path, files: list[Path], partnership: Partnership
) -> tuple[list[Document], list[Asset]]:
    grouped: dict[str, dict[str, tuple[dict, Version]]] = defaultdict(dict)
    broken: dict[str, set[str]] = defaultdict(set)  # languages whose file has errors
    assets = []
    for path in files:
        rel = run.relative(path)
        if path.name == PARTNERSHIP_FILE and path.parent == folder:
            continue
        if path.suffix != ".md":
            assets.append(Asset(rel, partnership.slug))
            continue
        key, lang = split_language(path.relative_to(folder).as_posix())
        if lang is None:
            run.findings.append(_no_language(rel, partnership.languages))
            continue
        text = run.text(path)
        if text is None:
            broken[key].add(lang)
            continue
        meta, version, problems = read_version(
            rel,
            lang,
            text,
            schema.DocumentMeta,
            partnership.languages,
            run.locate,
            partnership.folder,
        )
        run.findings += problems + _refused_links(run.tree, rel, text)
        if version is None:
            broken[key].add(lang)
        else:
            meta["linked_files"] = _linked_files(run, rel, text, partnership.folder)
            grouped[key][lang] = (meta, version)
    documents = [
        _document(partnership, key, versions, run.findings, broken[key])
        for key, versions in grouped.items()
    ]
    return documents, assets


def _linked_files(run: _Run, rel: str, text: str, within: str) -> frozenset[str]:
    """The non-Markdown files below ``within`` that a version links to (published with it).

    Links are read as ``link_targets`` reads them (by repository path first). A link out
    of ``within`` (``../other/files/x.pdf``) publishes nothing: another partnership's
    files are its own to publish (``health`` reports the link).
    """
    targets = Targets(pages={}, files=_FilesOnDisk(run.root))
    found = set()
    for link in links(text):
        resolved = resolve(rel, link.target, targets)
        if resolved.kind != "file":
            continue
        target = repo_path(resolved.path)
        if target.startswith(f"{within}/") and not run.tree.is_refused(target):
            found.add(target)
    return frozenset(found)


class _FilesOnDisk:
    """The archive's files by site path, looked up on disk (while loading, before the
    list of assets is complete); files that lead out of the repository are not there."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __contains__(self, site_path: object) -> bool:
        if not isinstance(site_path, str):
            return False
        target = self.root / repo_path(site_path)
        return escape(self.root, target) is None and target.is_file()


def _refused_links(tree: Tree, rel: str, text: str) -> list[Finding]:
    """Each link of a page to a refused file, on its line (the link itself is reported too)."""
    refused = {site_folder(path): reason for path, reason in tree.refused.items()}
    if not refused:
        return []
    here = posixpath.dirname(site_folder(rel))
    findings = []
    for link in links(text):
        if link.is_external or not link.path or link.path.startswith("/"):
            continue
        target = posixpath.normpath(posixpath.join(here, link.path))
        reason = _refusal(target, refused)
        if reason is not None:
            message = (
                f"'{link.target}' is a symbolic link that {reason}: it is never published; "
                "put the file itself there instead"
            )
            findings.append(Finding(rel, link.line, "error", message))
    return findings


def _refusal(target: str, refused: dict[str, str]) -> str | None:
    """Why the site path ``target`` is refused (a page link ``x.md`` matches ``x.de.md``)."""
    key = split_language(target)[0] if target.endswith(".md") else None
    for path, reason in refused.items():
        if target == path or target.startswith(f"{path}/"):
            return reason
        if key is not None and path.endswith(".md") and split_language(path)[0] == key:
            return reason
    return None


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
    broken: set[str],
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
    findings += check_document_versions(document, metas, broken)
    return document


def _theme_files(run: _Run) -> list[Path]:
    folder = run.root / THEME_DIR
    if not folder.is_dir() or not enter(run.root, folder, run.tree):
        return []
    return walk(run.root, folder, run.tree)


def _knowledge_files(run: _Run) -> list[Path]:
    folder = run.root / KNOWLEDGE_DIR
    if not folder.is_dir() or not enter(run.root, folder, run.tree):
        return []
    return walk(run.root, folder, run.tree)


def _load_knowledge(
    run: _Run, files: list[Path], site_languages: Sequence[str]
) -> tuple[list[KnowledgePage], list[Asset]]:
    folder = run.root / KNOWLEDGE_DIR
    grouped: dict[str, dict[str, tuple[dict, Version]]] = defaultdict(dict)
    assets = []
    for path in files:
        rel = run.relative(path)
        if path.suffix != ".md":
            assets.append(Asset(rel))
            continue
        key, lang = split_language(path.relative_to(folder).as_posix())
        if lang is None:
            run.findings.append(_no_language(rel, site_languages))
            continue
        text = run.text(path)
        if text is None:
            continue
        meta, version, problems = read_version(
            rel, lang, text, schema.KnowledgePageMeta, site_languages
        )
        run.findings += problems + _refused_links(run.tree, rel, text)
        if version is not None:
            meta["linked_files"] = _linked_files(run, rel, text, KNOWLEDGE_DIR)
            grouped[key][lang] = (meta, version)
    return _knowledge_pages(grouped, site_languages), assets


def _knowledge_pages(
    grouped: dict[str, dict[str, tuple[dict, Version]]], site_languages: Sequence[str]
) -> list[KnowledgePage]:
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
    return pages
