"""Progress of a long run: a bar on a terminal, plain lines in CI and when piped.

On a terminal (stderr is one, and ``CI`` is not set) ``rich`` draws a bar with the
mirror being written, the count and the time; it disappears when the run ends and
the summary takes its place. Anywhere else each mirror is one line,
``[2/5] partnerships/x/minutes.en.md``, which a CI log keeps readable.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar

from ..translation.workflow import Job
from .common import warn
from .messages import t


def on_terminal() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class Progress:
    """The ``progress`` callback of ``workflow.translate``: called before each mirror."""

    def __init__(self, total: int, quiet: bool = False) -> None:
        self.total, self.quiet = total, quiet
        self.bar: Bar | None = None
        if total and not quiet and on_terminal():
            self.bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task(t("translating"), total=total)
            self.bar.start()

    def __call__(self, number: int, total: int, job: Job) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=number - 1, description=job.mirror_path)
        elif not self.quiet:
            warn(f"[{number}/{total}] {job.mirror_path}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=self.total)
            self.bar.stop()
