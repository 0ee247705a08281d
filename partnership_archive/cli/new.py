"""``partnership-archive new``: start your own archive, or a new partnership or document.

``archive`` and ``partnership`` ask for whatever their options leave out (answers may
also be piped in). ``archive`` sets the fictional sample aside in ``sample-archive/``
(``--remove-sample`` deletes it), writes ``hosts.yml`` and the partnership's
``partnership.yml``. Nothing here is needed for the site: a file copied in a Git web
editor is picked up just the same. Existing files are never overwritten; every
refusal (an unknown partnership, a language it does not have, a file that exists, a
broken ``partnership.yml``) is exit code 2, and nothing was changed.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click

from .. import new_archive, scaffold, schema
from ..model import PARTNERSHIP_FILE, PARTNERSHIPS_DIR
from ..validation import read_partnership
from .common import OK, USAGE, Stop, archive_root, epilog, root_option, run, say
from .messages import t
from .new_document import create, new_document, stop_on_errors
from .new_partnership import collect_hosts, collect_partnership


def partnership_options(command):
    """The options that describe a partnership (``partnership`` and ``archive``)."""
    for option in reversed(
        [
            click.option(
                "--municipality",
                multiple=True,
                metavar="NAME;COUNTRY;LANG[;WEBSITE]",
                help=t("help_municipality"),
            ),
            click.option("--languages", metavar="de,en", help=t("help_languages_of")),
            click.option("--since", metavar="YEAR", help=t("help_since")),
            click.option("--name", multiple=True, metavar="LANG=TEXT", help=t("help_name")),
            click.option("--name-de", metavar="TEXT", help=t("help_name_de")),
            click.option("--name-en", metavar="TEXT", help=t("help_name_en")),
            click.option("--slug", help=t("help_slug")),
        ]
    ):
        command = option(command)
    return command


@click.group(
    "new", help=t("help_new"), short_help=t("short_new"), epilog=epilog("help_new_examples")
)
def group() -> None:
    """The ``new`` commands."""


@group.command(
    "partnership",
    short_help=t("short_new_partnership"),
    help=t("help_new_partnership"),
    epilog=epilog("help_new_partnership_examples"),
)
@partnership_options
@root_option
def partnership(root: Path | None, **options) -> int:
    root = archive_root(root)
    args = SimpleNamespace(**options)
    found = collect_partnership(args)
    target = root / PARTNERSHIPS_DIR / found.slug / PARTNERSHIP_FILE
    rel = target.relative_to(root).as_posix()
    if target.exists():
        raise Stop(f"{t('error')}: {t('exists', path=rel)} ({t('choose_slug')})", USAGE)
    text = scaffold.partnership_yaml(found)
    _, findings = read_partnership(rel, found.slug, text)
    stop_on_errors(findings, t("would_not_validate_partnership"))
    create(target, text, rel, t("choose_slug"))
    say(t("created", path=rel))
    say(t("next_document", slug=found.slug, lang=found.languages[0]))
    return OK


@group.command(
    "archive",
    short_help=t("short_new_archive"),
    help=t("help_new_archive"),
    epilog=epilog("help_new_archive_examples"),
)
@partnership_options
@click.option(
    "--host",
    multiple=True,
    metavar="NAME;SITE_URL;LEGAL_NOTICE;PRIVACY_POLICY",
    help=t("help_new_host"),
)
@click.option("--remove-sample", is_flag=True, help=t("help_remove_sample"))
@root_option
def archive(root: Path | None, remove_sample: bool, **options) -> int:
    root = archive_root(root)
    refused = new_archive.check(root)  # before any question: nobody answers in vain
    if refused:
        raise Stop(f"{t('error')}: " + "; ".join(refused) + t("nothing_changed"), USAGE)
    args = SimpleNamespace(**options)
    found = collect_partnership(args)
    hosts = collect_hosts(args, list(found.municipalities))
    plan = new_archive.NewArchive(found, hosts, remove_sample)
    try:
        done = new_archive.apply(root, plan)
    except scaffold.ScaffoldError as error:
        raise Stop(f"{t('error')}: {error}", USAGE) from None
    except FileExistsError as error:
        raise Stop(f"{t('error')}: {t('exists', path=error.filename)}", USAGE) from None
    say("\n".join(done))
    say(t("next_archive", slug=found.slug, lang=found.languages[0]))
    return OK


@group.command(
    "document",
    short_help=t("short_new_document"),
    help=t("help_new_document"),
    epilog=epilog("help_new_document_examples"),
)
@click.option("--partnership", required=True, metavar="SLUG", help=t("help_partnership"))
@click.option(
    "--type", "type_", required=True, type=click.Choice(schema.DOCUMENT_TYPES), help=t("help_type")
)
@click.option("--lang", required=True, metavar="LANG", help=t("help_lang"))
@click.option("--title", required=True, help=t("help_title"))
@click.option("--date", metavar="YYYY-MM-DD", help=t("help_date"))
@click.option("--folder", help=t("help_folder"))
@click.option("--visibility", type=click.Choice(schema.VISIBILITIES), help=t("help_visibility"))
@click.option("--tags", metavar="a,b", help=t("help_tags"))
@click.option("--name", help=t("help_document_name"))
@root_option
def document(root: Path | None, type_: str, **options) -> int:
    return new_document(SimpleNamespace(type=type_, **options), archive_root(root))


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    return run(group, argv, "python scripts/new.py", default_root)
