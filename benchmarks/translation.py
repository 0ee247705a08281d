#!/usr/bin/env python3
"""Translation of a large archive against the loopback LibreTranslate server.

    python benchmarks/translation.py report --documents 1000 --edit 10 [--runs 3] [--repo DIR]
    python benchmarks/translation.py report --documents 1000 --profile   # where the time goes
    python benchmarks/translation.py prepare DIR --documents 1000 --endpoint URL
    python benchmarks/translation.py serve --port 5055                   # the server alone

``report`` writes a seeded archive of N German minutes (front matter, headings,
paragraphs with inline markup, a list, a table, an admonition; some sentences recur
across documents, as boilerplate does) into a temporary folder, starts the test
suite's loopback LibreTranslate server (``tests/translation/fake_providers.py``: real
HTTP on 127.0.0.1) and runs ``scripts/translate.py`` as a coordinator would, three
times: the first run (every mirror missing), a rerun (nothing to do), and a run after
K paragraphs in K documents were edited. For each it prints the translation requests
the server received, the segments and characters sent, the time of the translate.py
process (wall, and CPU: user + system) and the CPU the loopback server used meanwhile
(it runs in this process: on a busy machine it competes with the tool for the cores,
and the wall time says more about the machine than about the tool).

``--runs R`` repeats everything on fresh archives and prints the median of each time;
``--repo DIR`` runs another checkout's translate.py (``git archive 68f5f40 | tar -x
-C DIR``: before this change). ``--profile`` runs the first run inside this process
with a timer around each part (reading the archive, segmenting, requests, verifying
mirrors, writing them, the memory) and prints the CPU of the working thread and the
wall time of each.

``prepare`` and ``serve`` split the same work for timing the bare process with outside
tools (``/usr/bin/time -v python scripts/translate.py --root DIR``). Results go into
BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "translation"))  # the loopback server

from fake_providers import serve  # noqa: E402

BATCH = 50

WORDS = (
    "Brunnen Schule Wasserverband Gemeinderat Partnerschaft Delegation Haushalt Pumpe "
    "Ausbildung Jugendaustausch Krankenstation Solaranlage Bibliothek Markt Straße "
    "Regenwasser Förderung Antrag Bericht Lehrkräfte Werkstatt Gesundheit Kooperation"
).split()
VERBS = "bespricht prüft beschließt vertagt unterstützt plant bewertet dokumentiert".split()
PLACES = "Auental Mbeya Kivu Lindau Tanga Bergheim".split()
BOILERPLATE = [
    "Die Sitzung beginnt pünktlich, das Protokoll wird einstimmig genehmigt.",
    "Der nächste Termin wird per E-Mail abgestimmt.",
    "Alle Unterlagen liegen der Koordinierungsstelle vor.",
]


def sentence(rng: random.Random, n: int) -> str:
    a, b, c = rng.sample(WORDS, 3)
    return (
        f"Die Lenkungsgruppe {rng.choice(VERBS)} den Stand beim Thema {a} in "
        f"{rng.choice(PLACES)} ({n}), insbesondere {b} und {c}."
    )


def paragraph(rng: random.Random, n: int, markup: bool) -> str:
    text = " ".join(sentence(rng, n * 10 + i) for i in range(rng.randint(2, 4)))
    if markup:
        word = rng.choice(WORDS)
        text = text.replace(word, f"**{word}**", 1) + " Siehe `Anlage 2`."
    return text


def document(rng: random.Random, n: int) -> str:
    """One German minutes document of about 25 segments."""
    date = f"{2000 + n // 336}-{1 + (n // 28) % 12:02d}-{1 + n % 28:02d}"
    parts = [
        f"---\ntitle: Protokoll der Lenkungsgruppe Nr. {n}\ntype: minutes\ndate: {date}\n---\n",
        rng.choice(BOILERPLATE),
    ]
    for section in range(4):
        parts.append(f"## Tagesordnungspunkt {section + 1}: {rng.choice(WORDS)} ({n})")
        for p in range(3):
            parts.append(paragraph(rng, n * 100 + section * 10 + p, markup=p == 1))
    parts.append("\n".join(f"- {sentence(rng, n * 1000 + i)}" for i in range(3)))
    parts.append(
        f"| Maßnahme | Verantwortlich |\n|---|---|\n| {rng.choice(WORDS)} {n} | "
        f"{rng.choice(PLACES)} |"
    )
    parts.append(f'!!! note "Hinweis {n}"\n    {sentence(rng, n * 7)}')
    parts.append(BOILERPLATE[1])
    return "\n\n".join(parts) + "\n"


def prepare(root: Path, documents: int, endpoint: str, seed: int = 14) -> None:
    rng = random.Random(seed)
    folder = root / "partnerships/bench"
    (folder / "minutes").mkdir(parents=True)
    (root / "docs").mkdir()
    (folder / "partnership.yml").write_text(
        "name: {de: Benchmark, en: Benchmark}\nmunicipalities:\n"
        "  - {name: Stadt A, country: DE, language: de}\n"
        "  - {name: Town B, country: TZ, language: en}\n"
        "languages: [de, en]\nsince: 2000\n",
        "utf-8",
    )
    for n in range(documents):
        (folder / f"minutes/{n:05d}.de.md").write_text(document(rng, n), "utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    options = {"endpoint": endpoint, "timeout": 30, "attempts": 2}  # batch_size: 50
    config = {"provider": "libre", "providers": {"libre": options}}
    (root / "translation.yml").write_text(json.dumps(config), "utf-8")


def edit(root: Path, count: int) -> int:
    """Change one plain paragraph in each of ``count`` documents; their new characters."""
    changed = 0
    sources = sorted((root / "partnerships/bench/minutes").glob("*.de.md"))
    for path in sources[:: max(1, len(sources) // count)][:count]:
        blocks = path.read_text("utf-8").split("\n\n")
        index = next(i for i, b in enumerate(blocks) if b.startswith("Die Lenkungsgruppe"))
        blocks[index] = blocks[index].replace("Die Lenkungsgruppe", "Die neue Lenkungsgruppe", 1)
        changed += len(blocks[index])
        path.write_text("\n\n".join(blocks), "utf-8")
    return changed


@dataclass
class Phase:
    name: str
    requests: int
    segments: int
    characters: int
    wall: float
    cpu: float
    server_cpu: float
    summary: str


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_translate(repo: Path, root: Path, fake, name: str) -> Phase:
    fake.log.clear()
    before, server_before = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(repo / "scripts/translate.py"), "--root", str(root), "-q"],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
    )
    wall = time.perf_counter() - started
    cpu = _cpu(resource.RUSAGE_CHILDREN) - before
    server_cpu = _cpu(resource.RUSAGE_SELF) - server_before
    if result.returncode != 0:
        sys.exit(f"translate.py failed ({result.returncode}):\n{result.stderr[-3000:]}")
    texts = [text for r in fake.log if r.path == "/translate" for text in r.json()["q"]]
    summary = result.stdout.strip().splitlines()[-1]
    requests = len([r for r in fake.log if r.path == "/translate"])
    return Phase(name, requests, len(texts), sum(map(len, texts)), wall, cpu, server_cpu, summary)


def one_pass(repo: Path, base: Path, documents: int, edits: int, fake) -> tuple[list[Phase], int]:
    root = base / "archive"
    shutil.rmtree(root, ignore_errors=True)
    prepare(root, documents, fake.url)
    phases = [run_translate(repo, root, fake, name) for name in ("first run", "rerun")]
    edited = edit(root, edits)
    phases.append(run_translate(repo, root, fake, f"after editing {edits} paragraphs"))
    return phases, edited


def report(documents: int, edits: int, runs: int, repo: Path) -> None:
    with tempfile.TemporaryDirectory() as temp, serve() as fake:
        passes = [one_pass(repo, Path(temp), documents, edits, fake) for _ in range(runs)]
    phases, edited = passes[-1]
    print(f"{documents} documents, batch size {BATCH}, {runs} run(s), medians of the times")
    print("| run | requests | segments sent | characters sent | wall | CPU | server CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for index, phase in enumerate(phases):
        wall = statistics.median(p[0][index].wall for p in passes)
        cpu = statistics.median(p[0][index].cpu for p in passes)
        server = statistics.median(p[0][index].server_cpu for p in passes)
        print(
            f"| {phase.name} | {phase.requests} | {phase.segments} | {phase.characters:,} "
            f"| {wall:.1f} s | {cpu:.1f} s | {server:.1f} s |"
        )
    first = phases[0]
    print(f"requests allowed in the first run: ceil({first.segments} / {BATCH}) per language")
    print(f"edited paragraphs: {edited:,} characters; sent {phases[2].characters / edited:.3f} x")
    for phase in phases:
        print(f"{phase.name}: {phase.summary}")


def profile(documents: int) -> None:
    """The first run in this process, with a timer around each part (CPU of this thread)."""
    from partnership_archive.loading import load_archive
    from partnership_archive.site_config import archive_languages
    from partnership_archive.translation import workflow
    from partnership_archive.translation.memory import TranslationMemory, journal_for
    from partnership_archive.translation.settings import load_settings, make_provider
    from partnership_archive.translation.structure import stack_for

    spent: dict[str, list[float]] = {}

    def timed(label: str, function):
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), _thread_cpu()
            try:
                return function(*args, **kwargs)
            finally:
                total = spent.setdefault(label, [0.0, 0.0])
                total[0] += time.perf_counter() - wall
                total[1] += _thread_cpu() - cpu

        return run

    with tempfile.TemporaryDirectory() as temp, serve() as fake:
        root = Path(temp) / "archive"
        prepare(root, documents, fake.url)
        settings = load_settings(root)
        memory = TranslationMemory.open(settings.memory, journal_for(root, settings.memory))
        stack, summary = stack_for(root / "mkdocs.yml"), workflow.Summary()
        archive, _ = timed("read and validate the archive", load_archive)(
            root, archive_languages(root)
        )
        items = [*archive.documents, *archive.knowledge]
        jobs = timed("plan: read and segment every source", workflow.plan)(
            archive, root, items, memory, None, False, summary, stack
        )
        provider, check = make_provider(settings, "libre"), workflow.check_mirror
        provider.translate_batch = timed("requests (and waiting)", provider.translate_batch)
        workflow.check_mirror = timed("verify every mirror (render, compare)", check)
        workflow._write_mirror = timed("write mirrors", workflow._write_mirror)
        memory.flush = timed("journal the answers", memory.flush)
        memory.save = timed("rewrite the memory once", memory.save)
        timed("translate (all of the above from here)", workflow.translate)(
            jobs, archive, root, provider, memory, summary, stack
        )
    print(f"first run of {documents} documents in one process (loopback server in threads)")
    print("| part | CPU | wall |")
    print("|---|---:|---:|")
    for label, (wall, cpu) in spent.items():
        print(f"| {label} | {cpu:.1f} s | {wall:.1f} s |")


def _thread_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_THREAD)  # not the server's threads
    return usage.ru_utime + usage.ru_stime


def serve_forever(port: int) -> None:
    with serve(port) as fake:
        print(f"loopback LibreTranslate at {fake.url} (Ctrl-C ends)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("report")
    run.add_argument("--documents", type=int, default=1000)
    run.add_argument("--edit", type=int, default=10)
    run.add_argument("--runs", type=int, default=1)
    run.add_argument("--profile", action="store_true")
    run.add_argument("--repo", type=Path, default=REPO, help="whose scripts/translate.py")
    ready = commands.add_parser("prepare")
    ready.add_argument("folder", type=Path)
    ready.add_argument("--documents", type=int, default=1000)
    ready.add_argument("--endpoint", required=True)
    server = commands.add_parser("serve")
    server.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.command == "report":
        if args.profile:
            profile(args.documents)
        else:
            report(args.documents, args.edit, args.runs, args.repo.resolve())
    elif args.command == "prepare":
        prepare(args.folder, args.documents, args.endpoint)
    else:
        serve_forever(args.port)


if __name__ == "__main__":
    main()
