#!/usr/bin/env python3
"""Start an archive, or create a partnership or document: the command ``partnership-archive new``.

The command lives in ``partnership_archive/cli/new.py``; ``--help`` lists its
options, examples and exit codes. Without ``--root`` it works on this repository.
"""

import sys
from pathlib import Path

from partnership_archive.cli.new import main

if __name__ == "__main__":
    sys.exit(main(default_root=Path(__file__).resolve().parents[1]))
