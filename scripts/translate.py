#!/usr/bin/env python3
"""Write and check the mirrors (translations): the command ``partnership-archive translate``.

The command lives in ``partnership_archive/cli/translate.py``; ``--help`` lists its
options, examples and exit codes. Without ``--root`` it works on this repository.
"""

import sys
from pathlib import Path

from partnership_archive.cli.translate import main

if __name__ == "__main__":
    sys.exit(main(default_root=Path(__file__).resolve().parents[1]))
