"""``python -m partnership_archive``: the same program as ``partnership-archive``."""

import sys

from partnership_archive.cli.main import main

sys.exit(main())
