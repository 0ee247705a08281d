"""Reading what the command-line program printed, as a person reads it."""

from __future__ import annotations


def summary_row(output: str, label: str) -> str:
    """A value of the table a translation run ends with: ``  Mirrors written   2``."""
    for line in output.splitlines():
        if line.startswith(f"  {label}  "):
            return line[len(label) + 2 :].strip()
    raise AssertionError(f"no row {label!r} in:\n{output}")
