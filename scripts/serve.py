#!/usr/bin/env python3
"""Preview the archive while you edit: http://127.0.0.1:8000/, rebuilt on every save.

    python scripts/serve.py
    python scripts/serve.py --port 8001

A change to a document's text shows within seconds; while the archive has an error,
every page shows it (file and line) until you fix it. See partnership_archive/preview.py.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from partnership_archive.preview import serve  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    serve(args.root.resolve(), args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
