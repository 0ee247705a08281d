#!/usr/bin/env python3
"""Build the site for one host and audience: the command ``partnership-archive build``.

The command lives in ``partnership_archive/cli/build.py``; ``--help`` lists its
options, examples and exit codes. Without ``--root`` it works on this repository.
"""

import sys
from pathlib import Path

from partnership_archive.cli.build import main

if __name__ == "__main__":
    sys.exit(main(default_root=Path(__file__).resolve().parents[1]))
