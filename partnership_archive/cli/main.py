"""``partnership-archive``: the coordinator's command-line program, one subcommand per task.

Installed by the package (``[project.scripts]``); ``python -m partnership_archive`` and
the scripts in ``scripts/`` run the same commands.
"""

from __future__ import annotations

import click

from . import build, check, new, review, serve, translate
from .common import epilog, run
from .messages import t


class InOrder(click.Group):
    """Commands listed in the order of the work (new, check, translate, ...), not A-Z."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(
    "partnership-archive",
    cls=InOrder,
    help=t("help_program"),
    epilog=epilog("help_program_examples"),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="partnership-archive", message="%(prog)s %(version)s")
def program() -> None:
    """The program's commands."""


for module in (new, check, translate, review, build, serve):
    program.add_command(getattr(module, "group", None) or module.command)


def main() -> int:
    return run(program, prog_name="partnership-archive")
