"""What every command shares: exit codes, the archive's folder, and failures as one line.

Exit codes are the same for every command, so a pipeline or a pre-commit hook can act
on them: 0 done and nothing needs a person; 1 done, but something needs attention
(findings, mirrors to review, a refused answer, a provider that failed with work left);
2 the command could not do what was asked (wrong usage, unknown name, invalid input
or settings). Ctrl-C ends with 130, as in every shell.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from .. import locking
from . import click_words
from .messages import t

OK, ATTENTION, USAGE, CANCELLED = 0, 1, 2, 130


class Stop(Exception):
    """A failure the user can act on: one message on stderr, then ``code``. No traceback."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code


def say(message: str = "") -> None:
    click.echo(message)


def warn(message: str) -> None:
    click.echo(message, err=True)


def root_option(command: Callable) -> Callable:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="ARCHIVE_ROOT",
        metavar="DIR",
        help=t("help_root"),
    )(command)


def archive_root(given: Path | None) -> Path:
    """``--root``; else the script's own repository; else the nearest folder with mkdocs.yml."""
    if given is not None:
        return given.resolve()
    context = click.get_current_context(silent=True)
    default = (context.find_root().obj or {}).get("default_root") if context else None
    if default is not None:
        return Path(default).resolve()
    here = Path.cwd()
    return next((f for f in (here, *here.parents) if (f / "mkdocs.yml").is_file()), here)


def epilog(*keys: str) -> str:
    """A help text's closing part: examples and the exit codes, kept as written."""
    return "\n\n".join("\b\n" + t(key) for key in (*keys, "help_exit_codes"))


def run(
    command: click.Command,
    argv: Sequence[str] | None = None,
    prog_name: str | None = None,
    default_root: Path | None = None,
) -> int:
    """Run a command as a program: its exit code, every failure as a message."""
    click_words.install()
    try:
        result: Any = command.main(
            args=list(sys.argv[1:] if argv is None else argv),
            prog_name=prog_name,
            standalone_mode=False,
            obj={"default_root": default_root},
        )
    except click.UsageError as error:
        if error.ctx is not None:
            warn(error.ctx.get_usage())
        warn(f"{t('error')}: {error.format_message()}")
        if error.ctx is not None:
            warn(t("see_help", command=error.ctx.command_path))
        return USAGE
    except click.ClickException as error:
        warn(f"{t('error')}: {error.format_message()}")
        return USAGE
    except Stop as stop:
        warn(str(stop))
        return stop.code
    except locking.Locked as locked:
        warn(f"{t('error')}: {t('locked', root=locked.root, holder=locked.holder or '-')}")
        return ATTENTION
    except (KeyboardInterrupt, click.Abort):
        warn("\n" + t("cancelled"))
        return CANCELLED
    return result if isinstance(result, int) else OK
