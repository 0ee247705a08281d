"""Validation of the archive's files: one source of truth for the build and the tools.

Each function takes a file's text (no I/O here) and returns plain model data plus
``Finding``s that name the file and, where YAML tells, the line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Sequence
from typing import Any

from . import resilience, schema
from .containment import Escape
from .findings import Finding
from .fingerprints import content_hash
from .frontmatter import Path_, YamlProblem, line_of, load_yaml, missing, split
from .model import (
    Attachment,
    Contact,
    Document,
    Milestone,
    Municipality,
    Partnership,
    Translation,
    Version,
)


def _findings(path: str, problems: list[schema.Problem], lines: dict[Path_, int]) -> list[Finding]:
    return [Finding(path, line_of(lines, p.path), p.level, p.message) for p in problems]  # type: ignore[arg-type]


Locate = Callable[[str], "int | None"]
"""Size in bytes of a file given relative to the archive root, or None if it is missing;
raises ``containment.Escape`` for a symbolic link out of the repository."""


def resolve_file(
    declared_in: str, relative: str, locate: Locate | None, where: Path_, within: str
) -> tuple[str | None, schema.Problem | None]:
    """The archive path of a file named relative to ``declared_in``, checked to exist.

    Files must stay inside ``within`` (the partnership's folder): ``../../`` cannot
    reach another partnership or anything outside the archive.
    """
    target = posixpath.normpath(posixpath.join(posixpath.dirname(declared_in), relative))
    if relative.startswith("/") or not (target + "/").startswith(within.rstrip("/") + "/"):
        return None, schema.Problem(where, f"'{relative}' is outside {within}/")
    try:
        size = locate(target) if locate is not None else 0
    except Escape as refused:
        message = (
            f"'{relative}' is a symbolic link that {refused.reason}: it is never published; "
            "put the file itself there instead"
        )
        return None, schema.Problem(where, message)
    if size is None:
        return None, schema.Problem(where, f"'{relative}' does not exist (looked for {target})")
    return target, None


def read_partnership(
    path: str,
    slug: str,
    text: str,
    locate: Locate | None = None,
    document_keys: Collection[str] | None = None,
) -> tuple[Partnership | None, list[Finding]]:
    """Parse and check a ``partnership.yml``."""
    try:
        data, lines = load_yaml(text)
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, "error", problem.message)]
    values, problems = schema.check(schema.Partnership, data)
    municipalities = _items(
        schema.Municipality, values.get("municipalities"), "municipalities", problems
    )
    contacts = _items(schema.Contact, values.get("contacts"), "contacts", problems)
    milestones = _items(schema.Milestone, values.get("milestones"), "milestones", problems)
    folder = posixpath.dirname(path)
    people = _contacts(contacts, path, locate, folder, problems)
    problems += resilience.check_self_assessment(values.get("self_assessment"), document_keys)
    if problems and any(p.level == "error" for p in problems):
        return None, _findings(path, problems, lines)
    partnership = Partnership(
        slug=slug,
        name=values["name"],
        description=values.get("description"),
        municipalities=tuple(Municipality(**m) for m in municipalities),
        languages=tuple(values["languages"]),
        since=values["since"],
        topics=tuple(values["topics"]),
        contacts=people,
        milestones=tuple(Milestone(**m) for m in milestones),
        self_assessment=values.get("self_assessment") or {},
    )
    problems += _partnership_rules(partnership)
    return partnership, _findings(path, problems, lines)


def _contacts(
    contacts: list[dict],
    path: str,
    locate: Locate | None,
    within: str,
    problems: list[schema.Problem],
) -> tuple[Contact, ...]:
    people = []
    for index, values in enumerate(contacts):
        photo = None
        if values.get("photo"):
            where = ("contacts", index, "photo")
            photo, problem = resolve_file(path, values["photo"], locate, where, within)
            problems += [problem] if problem else []
        people.append(Contact(**{**values, "photo": photo}))
    return tuple(people)


def _items(item_schema: type, items: Any, key: str, problems: list[schema.Problem]) -> list[dict]:
    if items is None:
        return []
    checked = []
    for index, item in enumerate(items):
        values, item_problems = schema.check(item_schema, item, (key, index))
        problems += item_problems
        checked.append(values)
    return checked


def _partnership_rules(p: Partnership) -> list[schema.Problem]:
    problems = []
    if len(set(p.languages)) < 2:
        problems.append(
            schema.Problem(("languages",), "a partnership needs at least two languages")
        )
    if len(p.municipalities) < 2:
        problems.append(
            schema.Problem(("municipalities",), "a partnership needs at least two municipalities")
        )
    for index, town in enumerate(p.municipalities):
        if town.language not in p.languages:
            problems.append(
                schema.Problem(
                    ("municipalities", index, "language"),
                    f"'{town.language}' is not one of the partnership's languages "
                    f"({', '.join(p.languages)}); add it to 'languages'",
                )
            )
    names = {town.name for town in p.municipalities}
    for index, contact in enumerate(p.contacts):
        if contact.municipality not in names:
            problems.append(
                schema.Problem(
                    ("contacts", index, "municipality"),
                    f"'{contact.municipality}' is not one of the municipalities "
                    f"({', '.join(sorted(names))})",
                )
            )
    return problems


def read_version(
    path: str,
    lang: str,
    text: str,
    meta_schema: type,
    languages: Sequence[str],
    locate: Locate | None = None,
    within: str = "",
) -> tuple[dict | None, Version | None, list[Finding]]:
    """Parse and check one language version (front matter and file language).

    For documents, ``attachments`` and ``contacts`` come back as model objects with
    their files resolved (``locate`` checks that they exist inside ``within``).
    """
    block = split(text)
    if block is None:
        line, message = missing(text)
        return None, None, [Finding(path, line, "error", message)]
    try:
        data, lines = load_yaml(block.yaml_text, block.first_line)
    except YamlProblem as problem:
        return None, None, [Finding(path, problem.line, "error", problem.message)]
    values, problems = schema.check(meta_schema, data)
    translation = None
    if values.get("translation") is not None:
        t_values, t_problems = schema.check(
            schema.Translation, values["translation"], ("translation",)
        )
        problems += t_problems
        if not t_problems:
            translation = Translation(
                source=t_values["from"],
                status=t_values["status"],
                provider=t_values["provider"],
                source_hash=t_values["source_hash"],
                text_hash=t_values["text_hash"],
                date=t_values["date"],
                untranslated=tuple(t_values["untranslated"]),
            )
            if translation.source == lang:
                problems.append(
                    schema.Problem(
                        ("translation", "from"),
                        f"a mirror cannot be translated from its own language '{lang}'",
                    )
                )
    if lang not in languages:
        problems.append(schema.Problem((), _language_message(lang, languages)))
    if meta_schema is schema.DocumentMeta:
        _document_files(values, path, locate, within or posixpath.dirname(path), problems)
    findings = _findings(path, problems, lines)
    if any(f.level == "error" for f in findings):
        return None, None, findings
    version = Version(
        lang=lang,
        path=path,
        title=values["title"],
        translation=translation,
        content_hash=content_hash(values["title"], block.body),
    )
    return values, version, findings


def _document_files(
    values: dict, path: str, locate: Locate | None, within: str, problems: list[schema.Problem]
) -> None:
    """Resolve a document's attachments and contacts (in place, as model objects)."""
    attachments = []
    for index, item in enumerate(values.get("attachments") or []):
        entry = {"file": item} if isinstance(item, str) else item
        checked, item_problems = schema.check(schema.Attachment, entry, ("attachments", index))
        problems += item_problems
        if item_problems:
            continue
        where = ("attachments", index)
        target, problem = resolve_file(path, checked["file"], locate, where, within)
        if problem:
            problems.append(problem)
            continue
        size = locate(target) if locate else 0
        attachments.append(Attachment(target, size or 0, checked.get("title")))
    values["attachments"] = tuple(attachments)
    contacts = _items(schema.Contact, values.get("contacts"), "contacts", problems)
    if contacts and values.get("type") != "contacts":
        problems.append(
            schema.Problem(("contacts",), "only 'type: contacts' documents list contacts")
        )
    values["contacts"] = _contacts(contacts, path, locate, within, problems)


def _language_message(lang: str, languages: Sequence[str]) -> str:
    return (
        f"the file name says it is written in '{lang}', but the languages here are "
        f"{', '.join(languages)}: rename the file or add the language"
    )


def check_document_versions(
    doc: Document, metas: dict[str, dict], broken: Collection[str] = ()
) -> list[Finding]:
    """Language versions of one document must agree on what the document *is*.

    ``broken``: languages whose file exists but has errors of its own (reported already,
    so a mirror of it is not said to have no source).
    """
    findings = []
    source = doc.source
    for lang, version in doc.versions.items():
        for key in ("type", "date", "visibility"):
            if metas[lang][key] != metas[source.lang][key]:
                findings.append(
                    Finding(
                        version.path,
                        None,
                        "error",
                        f"'{key}' is {metas[lang][key]!s} here but {metas[source.lang][key]!s} in "
                        f"{source.path}: all language versions of a document must agree",
                    )
                )
        claimed = version.translation.source if version.translation else None
        if claimed and claimed not in doc.versions and claimed not in broken:
            findings.append(
                Finding(
                    version.path,
                    None,
                    "warning",
                    f"this mirror says it was translated from '{version.translation.source}', "
                    f"but there is no {doc.key}.{version.translation.source}.md",
                )
            )
    return findings
