"""A seeded generator of realistic archives for the benchmarks (100 to 4,000 pages and more).

    python benchmarks/archive_generator.py /tmp/archive --pages 4000 --seed 1

``pages`` counts document pages of the built site: documents times site languages (two,
German and English), as the issue's targets do. The archive looks like one that
coordinators wrote: several partnerships, every document type, originals in German or
in the partner's English, machine-translated and reviewed mirrors, documents that exist
in one language only (the site shows them as a fallback), a few internal ones,
attachments, links between documents by file name, and the pymdown syntax the sample
archive and the knowledge base use: admonitions, collapsible notes, tabs, tables, task
lists, footnotes, definition lists, abbreviations, marks and keys. Block structure is the
same in both languages, as translation keeps it, so the side-by-side view pairs blocks.
The knowledge base is this repository's own ``docs/``.

The same seed and size always give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from partnership_archive.fingerprints import content_hash

REPO = Path(__file__).resolve().parents[1]

# (slug, German town, partner, partner country) - fictional, like the sample.
PARTNERSHIPS = [
    ("auental-mlima", "Stadt Auental", "Mlima Town Council", "TZ"),
    ("bergheim-tamale", "Stadt Bergheim", "Tamale Municipal Assembly", "GH"),
    ("lindau-kivu", "Gemeinde Lindau", "Kivu Town", "TZ"),
    ("rheinfeld-ndola", "Kreis Rheinfeld", "Ndola City Council", "ZM"),
]

# Document types with their folder and title in both languages, and their share.
TYPES = [
    ("minutes", "minutes", "Protokoll Lenkungsgruppe {d}", "Steering group minutes {d}", 40),
    ("report", "reports", "Projektbericht {t} {y}", "Project report {t} {y}", 14),
    ("action-plan", "plans", "Aktionsplan {t} {y}", "Action plan {t} {y}", 8),
    ("council-resolution", "resolutions", "Ratsbeschluss {t} {y}", "Council resolution {t} {y}", 8),
    ("funding", "funding", "Förderantrag {t} {y}", "Funding application {t} {y}", 8),
    ("evaluation", "evaluations", "Evaluation {t} {y}", "Evaluation {t} {y}", 6),
    ("strategy", "strategies", "Strategie {t} {y}", "Strategy {t} {y}", 4),
    ("agreement", "agreements", "Vereinbarung {t} {y}", "Agreement {t} {y}", 4),
    ("contacts", "contacts", "Kontakte {t} {y}", "Contacts {t} {y}", 3),
    ("other", "other", "Notiz {t} {y}", "Note {t} {y}", 5),
]  # fmt: skip

TOPICS = [
    ("Trinkwasser", "drinking water"), ("Solarenergie", "solar energy"),
    ("Schulpartnerschaft", "school partnership"), ("Jugendaustausch", "youth exchange"),
    ("Klimaanpassung", "climate adaptation"), ("Abfallwirtschaft", "waste management"),
    ("Gesundheitsstation", "health centre"), ("Verwaltung", "administration"),
    ("Berufsbildung", "vocational training"), ("Frauenförderung", "women's empowerment"),
]  # fmt: skip

# Sentence parts; a sentence is subject + verb + object + place + time, in each language.
WORDS = {
    "de": {
        "subject": ["Die Lenkungsgruppe", "Der Stadtrat", "Die Koordinatorin",
                    "Der Freundeskreis", "Das Wasserwerk", "Die Schulleitung", "Die Delegation",
                    "Der Gemeinderat", "Die Jugendvertretung", "Das Projektteam",
                    "Die Verwaltung", "Der Bürgermeister"],
        "verb": ["bespricht", "beschließt", "prüft", "begrüßt", "plant", "bewertet", "finanziert",
                 "dokumentiert", "unterstützt", "vereinbart", "überarbeitet", "verschiebt"],
        "object": ["den Ausbau der Solarpumpen", "die Wartung der Brunnen", "den Haushaltsplan",
                   "die Schulung des Personals", "den Zwischenbericht", "die Jugendbegegnung",
                   "die Beschaffung neuer Wasserzähler", "das Förderprogramm",
                   "den Bau der Regenwasserzisternen", "die Abrechnung der Fördermittel",
                   "die Evaluation der Indikatoren", "den Austausch der Lehrkräfte"],
        "place": ["in {p}", "im Rathaus", "vor Ort", "per Videokonferenz", "in der Schule",
                  "im Gesundheitszentrum", "am Brunnen {n}"],
        "time": ["bis Ende {m}", "im {m}", "vor der Regenzeit", "noch in diesem Jahr",
                 "bis zur nächsten Sitzung", "innerhalb von {n} Wochen"],
        "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                   "September", "Oktober", "November", "Dezember"],
        "headings": ["Ausgangslage", "Stand des Projekts", "Finanzen", "Beschlüsse",
                     "Nächste Schritte", "Schulung und Wartung", "Jugendbegegnung",
                     "Verschiedenes", "Indikatoren", "Risiken", "Ergebnisse", "Ausblick"],
        "decision": "Beschluss", "note": "Hinweis", "details": "Einzelheiten",
        "task": "Aufgabe", "who": "Wer", "until": "Bis", "what": "Was",
        "term": "Begriff", "attachment": "Unterzeichnetes Original",
        "see": "Siehe auch", "signed": "Das unterschriebene Original liegt bei",
    },
    "en": {
        "subject": ["The steering group", "The town council", "The coordinator",
                    "The friendship association", "The water utility", "The head teacher",
                    "The delegation", "The municipal council", "The youth council",
                    "The project team", "The administration", "The mayor"],
        "verb": ["discusses", "decides on", "reviews", "welcomes", "plans", "evaluates",
                 "funds", "documents", "supports", "agrees on", "revises", "postpones"],
        "object": ["the extension of the solar pumps", "the maintenance of the wells",
                   "the budget plan", "the training of the staff", "the interim report",
                   "the youth exchange", "the purchase of new water meters",
                   "the funding programme", "the construction of rainwater cisterns",
                   "the accounting of the grant", "the evaluation of the indicators",
                   "the teacher exchange"],
        "place": ["in {p}", "at the town hall", "on site", "by video conference",
                  "at the school", "at the health centre", "at well {n}"],
        "time": ["by the end of {m}", "in {m}", "before the rainy season", "later this year",
                 "by the next meeting", "within {n} weeks"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"],
        "headings": ["Background", "Project status", "Finances", "Decisions", "Next steps",
                     "Training and maintenance", "Youth exchange", "Any other business",
                     "Indicators", "Risks", "Results", "Outlook"],
        "decision": "Decision", "note": "Note", "details": "Details",
        "task": "Task", "who": "Who", "until": "By", "what": "What",
        "term": "Term", "attachment": "Signed original",
        "see": "See also", "signed": "The signed original is attached",
    },
}  # fmt: skip

PDF = b"%PDF-1.4\n% benchmark attachment\n" + b"0" * 2000 + b"\n%%EOF\n"


class Writer:
    """Builds one document's body in every language from one shared random plan."""

    def __init__(self, rng: random.Random, place: str) -> None:
        self.rng = rng
        self.place = place

    def sentence(self, lang: str, picks: tuple[int, ...]) -> str:
        w = WORDS[lang]
        s, v, o, p, t, n, m = picks
        place = w["place"][p % len(w["place"])].format(p=self.place, n=n)
        time = w["time"][t % len(w["time"])].format(m=w["months"][m], n=n)
        return f"{w['subject'][s]} {w['verb'][v]} {w['object'][o]} {place} {time}."

    def picks(self) -> tuple[int, ...]:
        r = self.rng
        return (r.randrange(12), r.randrange(12), r.randrange(12), r.randrange(7),
                r.randrange(6), r.randrange(2, 12), r.randrange(12))  # fmt: skip

    def paragraph(self) -> dict[str, str]:
        plan = [self.picks() for _ in range(self.rng.randint(2, 5))]
        return {lang: " ".join(self.sentence(lang, p) for p in plan) for lang in WORDS}


def blocks(writer: Writer, rng: random.Random, links: list[str], attachment: str | None) -> dict:
    """The body of one document in both languages: the same blocks, block by block."""
    plan: list[tuple[str, object]] = [("paragraph", writer.paragraph())]
    for number, heading in enumerate(rng.sample(range(12), rng.randint(2, 6)), 1):
        plan.append(("heading", (heading, number)))
        plan += [("paragraph", writer.paragraph()) for _ in range(rng.randint(1, 2))]
        feature = rng.randrange(9)
        if feature == 2:
            plan.append(("table", [writer.paragraph() for _ in range(rng.randint(2, 5))]))
        elif feature == 3:
            items = [(writer.paragraph(), rng.random() < 0.5) for _ in range(rng.randint(2, 5))]
            plan.append(("tasks", items))
        elif feature == 6 and links:
            plan.append(("link", rng.choice(links)))
        elif feature == 7:
            plan.append(("footnote", (writer.paragraph(), number)))
        elif feature in FEATURES:
            plan.append((FEATURES[feature], (writer.paragraph(), writer.paragraph())))
    if attachment:
        plan.append(("attachment", attachment))
    plan.append(("abbreviation", None))
    return {
        lang: "\n\n".join(_block(lang, kind, data, writer.place) for kind, data in plan) + "\n"
        for lang in WORDS
    }


FEATURES = {0: "admonition", 1: "tabs", 4: "details", 5: "definition"}


def _block(lang: str, kind: str, data, place: str) -> str:  # noqa: C901 - one case per kind
    w = WORDS[lang]
    if kind == "paragraph":
        return data[lang]
    if kind == "heading":
        return f"## {w['headings'][data[0]]} {{ #s{data[1]} }}"
    if kind == "admonition":
        return f'!!! note "{w["decision"]}"\n    {data[0][lang]}'
    if kind == "tabs":
        return f'=== "{place}"\n\n    {data[0][lang]}\n\n=== "Auental"\n\n    {data[1][lang]}'
    if kind == "details":
        return f'??? info "{w["details"]}"\n    {data[0][lang]}'
    if kind == "definition":
        return f"{w['term']} DWSA\n:   {data[0][lang]}"
    if kind == "table":
        return _table(lang, data)
    if kind == "tasks":
        return "\n".join(f"- [{'x' if done else ' '}] {_first(p[lang])}" for p, done in data)
    if kind == "link":
        return f"{w['see']}: [{data.rsplit('/', 1)[-1]}]({data})."
    if kind == "footnote":
        para, number = data
        return f"{para[lang]} ==DWSA==[^{number}] ++ctrl+p++\n\n[^{number}]: {_first(para[lang])}"
    if kind == "attachment":
        return f"{w['signed']}: [PDF]({data})."
    return "*[DWSA]: Drinking Water Supply Association"


def _first(paragraph: str) -> str:
    return paragraph.split(".")[0] + "."


def _table(lang: str, rows: list[dict[str, str]]) -> str:
    w = WORDS[lang]
    lines = [f"| {w['what']} | {w['who']} | {w['until']} |", "|---|---|---|"]
    for number, row in enumerate(rows, 1):
        lines.append(
            f"| {row[lang].split('.')[0]} | {w['subject'][number % 12]} | 2025-0{number} |"
        )
    return "\n".join(lines)


def front_matter(meta: dict) -> str:
    lines = ["---"]
    for key, value in meta.items():
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n---\n\n"


def write_partnership(root: Path, index: int, documents: int, rng: random.Random) -> None:
    slug, town, partner, country = PARTNERSHIPS[index]
    folder = root / "partnerships" / slug
    (folder / "files").mkdir(parents=True)
    (folder / "files/signed.pdf").write_bytes(PDF)
    topics = rng.sample(TOPICS, 3)
    topic_yaml = "".join(f"  - {{de: {de}, en: {en.capitalize()}}}\n" for de, en in topics)
    (folder / "partnership.yml").write_text(
        f"name: {{de: 'Partnerschaft {town} – {partner}', en: '{town} – {partner} partnership'}}\n"
        f"description: {{de: Eine Partnerschaft für Wasser und Schulen., en: A partnership for "
        f"water and schools.}}\n"
        f"municipalities:\n  - {{name: {town}, country: DE, language: de}}\n"
        f"  - {{name: {partner}, country: {country}, language: en}}\n"
        f"languages: [de, en]\nsince: {1990 + index * 5}\ntopics:\n{topic_yaml}",
        "utf-8",
    )
    place = partner.split()[0]
    weights = [t[4] for t in TYPES]
    keys: list[str] = []
    for n in range(documents):
        doc_type, sub, title_de, title_en, _ = rng.choices(TYPES, weights)[0]
        date = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        key = f"{sub}/{date.isoformat()}-{doc_type}-{n:05d}"
        topic = rng.choice(topics)
        titles = {
            "de": title_de.format(d=date.strftime("%d.%m.%Y"), t=topic[0], y=date.year),
            "en": title_en.format(d=date.isoformat(), t=topic[1], y=date.year),
        }
        links = [f"../{k}.md" for k in rng.sample(keys, min(3, len(keys)))]
        attachment = "../files/signed.pdf" if rng.random() < 0.1 else None
        bodies = blocks(Writer(rng, place), rng, links, attachment)
        internal = rng.random() < 0.04
        _write_document(folder, key, doc_type, date, titles, bodies, attachment, internal, rng)
        if not internal:  # public documents never link to internal ones
            keys.append(key)


def _write_document(folder, key, doc_type, date, titles, bodies, attachment, internal, rng):
    original = "de" if rng.random() < 0.7 else "en"
    other = "en" if original == "de" else "de"
    roll = rng.random()
    mirror = None if roll < 0.12 else ("machine" if roll < 0.6 else "reviewed")
    visibility = "internal" if internal else "public"
    tags = rng.sample(["water", "school", "youth", "budget", "energy", "climate"], 2)
    meta = {
        "title": _yaml_text(titles[original]),
        "type": doc_type,
        "date": date.isoformat(),
        "visibility": visibility,
        "tags": f"[{', '.join(tags)}]",
    }
    if attachment:
        meta["attachments"] = f"\n  - file: {attachment}\n    title: {{de: Original, en: Original}}"
    path = folder / f"{key}.{original}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter(meta) + bodies[original], "utf-8")
    if mirror is None:
        return
    source_hash = content_hash(titles[original], bodies[original])
    text_hash = content_hash(titles[other], bodies[other])
    translation = f"{{from: {original}, status: {mirror}, source_hash: '{source_hash}'"
    translation += f", text_hash: '{text_hash}'}}" if mirror == "machine" else "}"
    mirror_meta = {**meta, "title": _yaml_text(titles[other]), "translation": translation}
    (folder / f"{key}.{other}.md").write_text(front_matter(mirror_meta) + bodies[other], "utf-8")


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def generate(root: Path, pages: int, seed: int = 1) -> None:
    """Write an archive with ``pages`` document pages (documents x 2 languages) to ``root``."""
    rng = random.Random(seed)
    shutil.copytree(REPO / "docs", root / "docs")
    documents = max(1, pages // 2)
    count = len(PARTNERSHIPS)
    for index in range(count):
        share = documents // count + (1 if index < documents % count else 0)
        write_partnership(root, index, share, rng)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.target, args.pages, args.seed)


if __name__ == "__main__":
    main()
