"""The archive's health beyond single files: links (``link_checks``), look-alikes, mirrors,
the labels every site language needs (``labels``) and the markers pages use (``markers``).

``validation`` judges each file on its own and stops the build on its errors; the
checks here look *across* files, as ``scripts/check.py`` reports them. Everything is
pure: the model from ``loading.load_archive``, the text of every Markdown file it read
and validation's own findings in, ``Finding``s out. Reading files is the script's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .findings import Finding
from .frontmatter import YamlProblem, load_yaml, split
from .labels import label_findings
from .link_checks import Texts, check_links
from .markers import marker_findings
from .mirror_status import Translatable, mirror_state, report
from .model import Archive, Document, Version
from .site_sources import Render


def check(
    archive: Archive, texts: Texts, validation: Sequence[Finding], render: Render | None = None
) -> list[Finding]:
    """Every cross-file finding; ``validation`` tells which files are already reported broken,
    ``render`` renders generated pages (for anchors on them)."""
    broken = {f.path for f in validation if f.level == "error"}
    return [
        *check_links(archive, texts, broken, render),
        *check_look_alikes(archive, texts),
        *check_mirrors(archive, texts),
        *pseudo_findings(archive, texts),
        *label_findings(archive.languages),
        *marker_findings(texts),
    ]


# --- Look-alikes: duplicate titles, same type on the same day ---------------------


def check_look_alikes(archive: Archive, texts: Texts) -> list[Finding]:
    """Warnings for documents that look like copies someone forgot to change."""
    findings = []
    for partnership in archive.partnerships:
        documents = archive.documents_of(partnership.slug)
        findings += _same_titles(documents, texts)
        findings += _same_type_and_date(documents, texts)
    return findings


def _same_titles(documents: list[Document], texts: Texts) -> list[Finding]:
    groups: dict[tuple[str, str], list[Version]] = defaultdict(list)
    for document in documents:
        for version in document.versions.values():
            groups[(version.lang, " ".join(version.title.casefold().split()))].append(version)
    findings = []
    for versions in groups.values():
        first, *others = sorted(versions, key=lambda v: v.path)
        for version in others:
            line = meta_line(texts[version.path], "title")
            message = (
                f"the title '{version.title}' is also used by {first.path}: "
                "give each document its own title"
            )
            findings.append(Finding(version.path, line, "warning", message))
    return findings


def _same_type_and_date(documents: list[Document], texts: Texts) -> list[Finding]:
    groups: dict[tuple, list[Document]] = defaultdict(list)
    for document in documents:
        groups[(document.type, document.date)].append(document)
    findings = []
    for group in groups.values():
        first, *others = sorted(group, key=lambda d: d.source.path)
        for document in others:
            path = document.source.path
            message = (
                f"{first.source.path} is also a '{document.type}' document dated "
                f"{document.date.isoformat()}: is one of the dates wrong, or is it a copy?"
            )
            findings.append(Finding(path, meta_line(texts[path], "date"), "warning", message))
    return findings


def meta_line(text: str, key: str) -> int | None:
    """The file line of a front matter key, so a warning points where to edit."""
    block = split(text)
    if block is None:
        return None
    try:
        _, lines = load_yaml(block.yaml_text, block.first_line)
    except YamlProblem:
        return None
    return lines.get((key,))


# --- Mirrors ------------------------------------------------------------------------


def check_mirrors(archive: Archive, texts: Texts) -> list[Finding]:
    """Missing, stale and outdated mirrors, as ``mirror_status`` judges them.

    Missing knowledge pages are left to ``scripts/translate.py``: a partnership that
    adds a site language would otherwise flood the report. An orphan mirror's missing
    source is already a validation warning, so it is not reported again here.
    """
    findings = []
    for row in report(archive):
        if row.state == "missing" and isinstance(row.document, Document):
            if not _claimed_source(row.document, row.lang):
                findings.append(_missing(row.document, row.path, row.lang))
        elif row.state in ("stale", "outdated"):
            findings.append(_changed_source(row.document, row.path, row.state, texts))
    return findings


def _claimed_source(document: Document, lang: str) -> bool:
    return any(v.translation and v.translation.source == lang for v in document.versions.values())


def _missing(document: Document, path: str, lang: str) -> Finding:
    message = (
        f"no version in '{lang}' ({path}): readers in that language see the "
        f"'{document.source.lang}' original"
    )
    return Finding(document.source.path, None, "warning", message)


def pseudo_findings(archive: Archive, texts: Texts | None = None) -> list[Finding]:
    """Pseudo-translations (``translate --provider pseudo``) are never published: errors.

    ``mkdocs build`` stops on them (``overrides/hooks/pseudo_mirrors.py``); only the
    preview on the coordinator's computer (``mkdocs serve``) shows them.
    """
    findings = []
    for item in (*archive.knowledge, *archive.documents):
        for mirror in item.versions.values():
            if mirror_state(item.source, mirror) == "pseudo":
                line = meta_line(texts[mirror.path], "translation") if texts else None
                findings.append(Finding(mirror.path, line, "error", PSEUDO_MESSAGE))
    return findings


PSEUDO_MESSAGE = (
    "pseudo-translation (made with --provider pseudo to try the tools): it is never "
    "published; translate it with a real provider (partnership-archive translate PATH) "
    "or delete the file"
)


def _changed_source(item: Translatable, path: str, state: str, texts: Texts) -> Finding:
    source = item.source.path
    if state == "stale":
        message = (
            f"stale mirror: {source} changed after this translation was checked; compare "
            f"them and mark it reviewed: 'partnership-archive review {path}'"
        )
    else:
        message = (
            f"outdated machine translation: {source} changed after it was translated; "
            "translate it again"
        )
    return Finding(path, meta_line(texts[path], "translation"), "warning", message)
