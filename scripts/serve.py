#!/usr/bin/env python3
"""Preview the archive while you edit: the command ``partnership-archive serve``.

The command lives in ``partnership_archive/cli/serve.py``; ``--help`` lists its
options, examples and exit codes. Without ``--root`` it works on this repository.
"""

import sys
from pathlib import Path

from partnership_archive.cli.serve import main

if __name__ == "__main__":
    sys.exit(main(default_root=Path(__file__).resolve().parents[1]))
