"""``partnership-archive review``: a mirror is reviewed when a person has read it.

``review x.en.md`` shows the mirror as it reads now, in its own language, with what
changed in the original since it was last reviewed; on a terminal it then asks
whether to mark it reviewed. Without a terminal it records what it showed
(``translation.shown``), and ``review --mark-reviewed x.en.md`` marks exactly that
text later; a mirror changed since it was shown is refused. Only mirrors are
reviewed: naming the original asks which mirror (or takes ``--to``), a folder is
refused, and a pseudo-translation can never be marked reviewed.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..fingerprints import content_hash
from ..labels import language_name
from ..mirror_status import Translatable, mirror_state
from ..mirrors import mark_reviewed, title_and_body
from ..model import Archive, Version
from ..source_text import read as read_source
from ..translation.review import changes, old_source
from ..translation.shown import forget_shown, record_shown, was_shown
from ..translation.structure import stack_for
from .common import ATTENTION, OK, USAGE, Stop, archive_root, epilog, root_option, say
from .messages import language, t
from .selection import load, resolve_paths
from .targets import requested

Pair = tuple[Translatable, Version]


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command(
    "review",
    help=t("help_review"),
    short_help=t("short_review"),
    epilog=epilog("help_review_examples"),
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="MIRROR..."
)
@click.option("--to", "to", multiple=True, metavar="LANG", help=t("help_review_to"))
@click.option("--mark-reviewed", is_flag=True, help=t("help_mark_reviewed"))
@root_option
def command(paths: tuple[Path, ...], to: tuple[str, ...], mark_reviewed: bool, root) -> int:
    root = archive_root(root)
    archive = load(root)
    return review_paths(archive, root, resolve_paths(paths, root), requested(to), mark_reviewed)


def review_paths(
    archive: Archive, root: Path, targets: list[Path], codes: list[str], mark: bool
) -> int:
    if not targets:
        raise Stop(t("review_name_a_mirror"), USAGE)
    pairs = [pair for target in targets for pair in named(archive, root, target, codes)]
    refused = 0
    for item, mirror in pairs:
        refused += not (mark_one(root, item, mirror) if mark else show_one(root, item, mirror))
    return ATTENTION if refused else OK


# --- which mirrors -----------------------------------------------------------------


def named(archive: Archive, root: Path, target: Path, codes: list[str]) -> list[Pair]:
    """The mirrors a path names: the mirror itself; for an original, the ones asked for."""
    if target.is_dir():
        raise Stop(t("review_folder", path=rel(root, target)), USAGE)
    for item in (*archive.documents, *archive.knowledge):
        for version in item.versions.values():
            if (root / version.path).resolve() == target:
                if version.lang != item.source.lang:
                    return [(item, version)]
                return mirrors_of(item, codes)
    raise Stop(t("review_not_a_document", path=rel(root, target)), USAGE)


def mirrors_of(item: Translatable, codes: list[str]) -> list[Pair]:
    mirrors = {lang: v for lang, v in item.versions.items() if lang != item.source.lang}
    if not mirrors:
        raise Stop(t("review_no_mirrors", path=item.source.path), USAGE)
    if codes:
        missing = [code for code in codes if code not in mirrors]
        if missing:
            have = ", ".join(sorted(mirrors))
            raise Stop(t("review_no_such_mirror", path=item.source.path, have=have), USAGE)
        return [(item, mirrors[code]) for code in codes]
    if interactive() and len(mirrors) == 1:
        return [(item, next(iter(mirrors.values())))]
    if interactive():
        return [(item, choose(list(mirrors.values())))]
    listed = ", ".join(v.path for v in mirrors.values())
    example = next(iter(mirrors))
    raise Stop(t("review_source", path=item.source.path, mirrors=listed, lang=example), USAGE)


def choose(mirrors: list[Version]) -> Version:
    for number, mirror in enumerate(mirrors, 1):
        say(f"  {number}) {mirror.path} ({language_name(mirror.lang, language())})")
    while True:
        answer = click.prompt(t("which_mirror"), default="", show_default=False).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(mirrors):
            return mirrors[int(answer) - 1]


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


# --- showing and marking ---------------------------------------------------------------


def show_one(root: Path, item: Translatable, mirror: Version) -> bool:
    """Show the mirror; on a terminal, ask whether to mark it. False: refused."""
    text, source_text = read_source(root / mirror.path), read_source(root / item.source.path)
    shown = display(root, item, mirror, text, source_text)
    if interactive() and len(shown) > 2000:
        click.echo_via_pager(shown)
    else:
        say(shown)
    text_hash, source_hash = content_hash(*title_and_body(text)), item.source.content_hash
    if mirror_state(item.source, mirror) == "pseudo":
        say(t("pseudo_not_reviewable", path=mirror.path))
        return True
    record_shown(root, mirror.path, text_hash, source_hash)
    if not interactive():
        say(t("review_then_mark", path=mirror.path))
        return True
    if confirmed(t("mark_question", path=mirror.path)):
        return mark_now(root, item, mirror)
    say(t("review_not_marked", path=mirror.path))
    return True


def mark_one(root: Path, item: Translatable, mirror: Version) -> bool:
    """``--mark-reviewed``: only a text that was shown; on a terminal, show it first."""
    if mirror_state(item.source, mirror) == "pseudo":
        say(t("pseudo_not_reviewable", path=mirror.path))
        return False
    text = read_source(root / mirror.path)
    text_hash = content_hash(*title_and_body(text))
    if was_shown(root, mirror.path, text_hash, item.source.content_hash):
        return mark_now(root, item, mirror)
    if interactive():
        return show_one(root, item, mirror)
    say(t("review_not_shown", path=mirror.path))
    return False


def mark_now(root: Path, item: Translatable, mirror: Version) -> bool:
    mark_reviewed(root, item.source, mirror, dt.date.today())
    forget_shown(root, mirror.path)
    say(t("marked_reviewed", path=mirror.path))
    return True


def confirmed(question: str) -> bool:
    try:
        answer = input(f"{question} [{t('yes_no')}] ").strip().lower()
    except EOFError:
        return False
    return answer in t("yes_answers").split(",")


def display(root: Path, item: Translatable, mirror: Version, text: str, source: str) -> str:
    """What the reviewer reads: the state, the original's changes, the whole mirror."""
    state = mirror_state(item.source, mirror)
    mirror_language = language_name(mirror.lang, language())
    lines = [
        t(
            "review_heading",
            path=mirror.path,
            state=t(f"state_{state}"),
            source=item.source.path,
            language=language_name(item.source.lang, language()),
        )
    ]
    if state in ("stale", "outdated"):
        lines += source_changes(root, item, mirror, text, source)
    lines.append(t("review_mirror_now", language=mirror_language))
    numbered = text.splitlines()
    width = len(str(len(numbered)))
    lines += [f"  {number:>{width}} | {line}" for number, line in enumerate(numbered, 1)]
    return "\n".join(lines)


def source_changes(
    root: Path, item: Translatable, mirror: Version, text: str, source: str
) -> list[str]:
    record = mirror.translation
    old = old_source(root, item.source.path, record.source_hash if record else None)
    if old is None:
        return [t("review_no_history")]
    lines = [t("review_changes")]
    for change in changes(old, source, text, stack_for(root / "mkdocs.yml")):
        lines.append(t("review_change", line=change.line, kind=t(f"change_{change.kind}")))
        lines += [
            f"   {t(label)}  {value}"
            for label, value in (
                ("old_source", change.old),
                ("new_source", change.new),
                ("mirror_now", change.mirror),
            )
            if value
        ]
    return lines
