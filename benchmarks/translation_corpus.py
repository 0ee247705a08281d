#!/usr/bin/env python3
"""How much of real-world Markdown machine translation can keep, on the vendored corpus.

    python benchmarks/translation_corpus.py [--show-kept]

Every page of ``tests/corpus/<project>/pages`` is segmented with that project's
Markdown configuration, pseudo-translated (text upper-cased, through the same
protect/restore boundary a provider's answer passes) and checked like a machine
mirror before it is written (``verify.check_mirror``). Prints per project: pages,
segments, texts of the parser the segmenter could not place in the source (they stay
untranslated), segments kept in the source language by the check, pages whose
unchecked mirror would render a different structure, and the time taken.
Results go into BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from partnership_archive.translation.locate import SourceLines, locate, tree_texts  # noqa: E402
from partnership_archive.translation.placeholders import (  # noqa: E402
    Hole,
    Masked,
    protect,
    restore,
)
from partnership_archive.translation.segments import segment  # noqa: E402
from partnership_archive.translation.structure import (  # noqa: E402
    MarkdownStack,
    first_difference,
    read_markdown_config,
)
from partnership_archive.translation.verify import body_skeleton, check_mirror  # noqa: E402
from partnership_archive.translation.writeback import apply  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


@dataclass
class Tally:
    pages: int = 0
    segments: int = 0
    unplaced: int = 0
    kept: int = 0
    pages_with_kept: int = 0
    unchecked_differ: int = 0
    seconds: float = 0.0
    kept_reasons: list[str] = field(default_factory=list)


def pseudo(seg) -> str:
    protected = protect(seg.text, seg.keep)
    parts = [p if isinstance(p, Hole) else p.upper() for p in protected.masked.parts]
    return restore(Masked(tuple(parts)), protected, seg.kind)


def unplaced(text: str, stack: MarkdownStack) -> int:
    texts: list = []
    stack.html(text, inspector=lambda root: texts.extend(tree_texts(root)))
    return sum(span is None for span in locate(texts, SourceLines(text, stack.raw_html())))


def measure(project: Path) -> Tally:
    stack = MarkdownStack(read_markdown_config(project / "markdown.yml"))
    tally = Tally()
    started = time.perf_counter()
    for page in sorted((project / "pages").rglob("*.md")):
        text = page.read_text("utf-8")
        segments = segment(text, stack)
        translations = {seg.key: pseudo(seg) for seg in segments}
        unchecked = apply(text, segments, translations)
        if first_difference(body_skeleton(text, stack), body_skeleton(unchecked, stack)):
            tally.unchecked_differ += 1
        checked = check_mirror(text, segments, translations, stack)
        tally.pages += 1
        tally.segments += len(segments)
        tally.unplaced += unplaced(text, stack)
        tally.kept += len(checked.kept)
        tally.pages_with_kept += bool(checked.kept)
        name = page.relative_to(project / "pages")
        tally.kept_reasons += [f"{name}:{k.segment.line}: {k.reason}" for k in checked.kept]
    tally.seconds = time.perf_counter() - started
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-kept", action="store_true", help="list every kept segment")
    args = parser.parse_args()
    print(
        "| corpus | pages | segments | texts not placed | kept in source (pages) "
        "| unchecked mirrors that differ | time |"
    )
    print("|---|---|---|---|---|---|---|")
    for project in sorted(p for p in CORPUS.iterdir() if (p / "markdown.yml").is_file()):
        t = measure(project)
        print(
            f"| {project.name} | {t.pages} | {t.segments} | {t.unplaced} | "
            f"{t.kept} ({t.pages_with_kept}) | {t.unchecked_differ} | {t.seconds:.1f} s |"
        )
        if args.show_kept:
            for reason in t.kept_reasons:
                print(f"    {reason}")


if __name__ == "__main__":
    main()
