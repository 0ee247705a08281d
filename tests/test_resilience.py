"""The resilience self-check: traits, validation of ``self_assessment``, page and KB page.

Pure tests: no build. The page is rendered the way the build renders it (a Jinja
environment over ``overrides/`` with the ``md`` filter), then with Python-Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import markdown
import pytest
import yaml

from partnership_archive import resilience
from partnership_archive.frontmatter import line_of, load_yaml, split
from partnership_archive.pages import md_text
from partnership_archive.resilience import (
    STATUSES,
    check_self_assessment,
    parts,
    percentages,
    self_check_context,
    trait_ids,
    traits,
)
from partnership_archive.schema import Problem

REPO = Path(__file__).resolve().parents[1]
EXTENSIONS = ["tables", "attr_list", "md_in_html"]
IDS = ", ".join(trait_ids())

PARTNERSHIP_YML = """\
name: Lindau–Kivu
self_assessment:
  equal-partnership:
    status: strong
    note:
      de: Gemeinsame Steuerungsgruppe | *beide* Seiten
      en: Joint steering group | *both* sides
    documents:
      - minutes/2025-03-12-steering-group
      - agreement
      - internal/budget
      - minutes/2025-03-12-steering-group
  funding:
    status: weak
    note: "Haushalt <2026> [gekürzt]"
  language:
    status: developing
  encounters:
    status: not-assessed
"""
DOCUMENTS = {
    "minutes/2025-03-12-steering-group": "Steering group [draft]",
    "agreement": "Partnership agreement",
}


def assessment() -> dict:
    return yaml.safe_load(PARTNERSHIP_YML)["self_assessment"]


# The traits ---------------------------------------------------------------------------


def test_twenty_traits_in_four_parts_of_4_5_3_8():
    assert [len(part.traits) for part in parts()] == [4, 5, 3, 8]
    assert len(traits()) == 20
    assert len(set(trait_ids())) == 20
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", trait_id) for trait_id in trait_ids())
    assert [trait.part for trait in traits()] == [1] * 4 + [2] * 5 + [3] * 3 + [4] * 8


def test_traits_are_loaded_once():
    assert traits() is traits()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_part_and_trait_has_a_name_and_explanation(lang):
    for part in parts():
        assert part.name[lang].strip()
    for trait in traits():
        assert trait.name[lang].strip(), trait.id
        sentences = re.findall(r"[.!?](?:\s|$)", trait.explanation[lang])
        assert 1 <= len(sentences) <= 2, (trait.id, lang)


def test_part_names_follow_the_guidance():
    assert [part.name["en"] for part in parts()] == [
        "Sustainably connected",
        "Sustainably anchored",
        "Sustainably in exchange",
        "Staying sustainable",
    ]


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "pt", "sw"])
def test_status_names_exist_in_every_language_with_labels(lang):
    assert STATUSES == ("strong", "developing", "weak", "not-assessed")
    names = [resilience.status_name(status, lang) for status in STATUSES]
    assert all(names) and len(set(names)) == 4


def test_status_names_fall_back_to_english():  # and check.py reports it (test_labels.py)
    assert resilience.status_name("weak", "uk") == "Weak"
    assert resilience.page_labels("uk")["title"] == "Resilience self-check"


# Validation ---------------------------------------------------------------------------


def test_a_valid_assessment_has_no_problems():
    assert check_self_assessment(assessment()) == []
    assert check_self_assessment(None) == []
    assert check_self_assessment({}) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            ["equal-partnership"],
            [
                Problem(
                    ("self_assessment",),
                    "expected one entry per trait id (such as equal-partnership), found a list",
                )
            ],
        ),
        (
            {"equal-partnerships": {"status": "strong"}},
            [
                Problem(
                    ("self_assessment", "equal-partnerships"),
                    f"unknown trait 'equal-partnerships'; use one of: {IDS}",
                )
            ],
        ),
        (
            {"equal-partnership": {"status": "good"}},
            [
                Problem(
                    ("self_assessment", "equal-partnership", "status"),
                    "'status': 'good' is not allowed; use one of: "
                    "strong, developing, weak, not-assessed",
                )
            ],
        ),
        (
            {"funding": {"note": "Haushalt"}},
            [
                Problem(
                    ("self_assessment", "funding", "status"),
                    "'status' is missing; use one of: strong, developing, weak, not-assessed",
                )
            ],
        ),
        (
            {"funding": "weak"},
            [
                Problem(
                    ("self_assessment", "funding"),
                    "expected 'status' and optionally 'note' and 'documents', found the text "
                    "'weak'; write 'status: weak' on its own line, indented under the trait",
                )
            ],
        ),
        (
            {"funding": {"status": "weak", "note": {"de": " "}}},
            [Problem(("self_assessment", "funding", "note"), "'note': the text for 'de' is empty")],
        ),
        (
            {"funding": {"status": "weak", "documents": "minutes/x"}},
            [
                Problem(
                    ("self_assessment", "funding", "documents"),
                    "'documents': expected a list of document paths, for example "
                    "[minutes/2025-03-12-steering-group]",
                )
            ],
        ),
        (
            {"funding": {"status": "weak", "documents": [2025, None, "minutes/x"]}},
            [
                Problem(
                    ("self_assessment", "funding", "documents", 0),
                    "expected a document path such as minutes/2025-03-12-steering-group, "
                    "found the number 2025",
                ),
                Problem(
                    ("self_assessment", "funding", "documents", 1),
                    "expected a document path such as minutes/2025-03-12-steering-group, "
                    "found nothing",
                ),
            ],
        ),
        (
            {"funding": {"status": "weak", "documents": ["minutes/x.de.md"]}},
            [
                Problem(
                    ("self_assessment", "funding", "documents", 0),
                    "write the document path without language and '.md': minutes/x",
                    "warning",
                )
            ],
        ),
        (
            {"funding": {"status": "weak", "comment": "x"}},
            [
                Problem(
                    ("self_assessment", "funding", "comment"),
                    "unknown key 'comment' (known keys: status, note, documents)",
                    "warning",
                )
            ],
        ),
    ],
    ids=[
        "not-a-mapping",
        "unknown-trait",
        "bad-status",
        "missing-status",
        "status-without-key",
        "empty-note",
        "documents-not-a-list",
        "documents-not-texts",
        "document-with-suffix",
        "unknown-key",
    ],
)
def test_problems_name_the_yaml_path(data, expected):
    assert check_self_assessment(data) == expected


def test_listed_documents_must_exist_when_the_documents_are_known():
    data = {"funding": {"status": "weak", "documents": ["minutes/2025-03-12", "agreement"]}}
    assert check_self_assessment(data, documents=DOCUMENTS) == [
        Problem(
            ("self_assessment", "funding", "documents", 0),
            "there is no document 'minutes/2025-03-12' in this partnership; give its path "
            "inside the partnership folder without language and '.md', e.g. "
            "minutes/2025-03-12-steering-group",
        )
    ]


def test_problem_paths_point_at_the_line_in_partnership_yml():
    text = PARTNERSHIP_YML.replace("status: weak", "status: poor").replace(
        "  language:", "  languages:"
    )
    data, lines = load_yaml(text)
    problems = check_self_assessment(data["self_assessment"])
    found = [(line_of(lines, p.path), p.message.split(";")[0]) for p in problems]
    assert found == [
        (14, "'status': 'poor' is not allowed"),
        (16, "unknown trait 'languages'"),
    ]


# The page context ---------------------------------------------------------------------


def context(lang: str = "en", **options) -> dict:
    title = "Lindau–Kivu"
    return self_check_context("lindau-kivu", title, assessment(), DOCUMENTS, lang, **options)


def rows(ctx: dict) -> dict[str, dict]:
    return {trait["id"]: trait for part in ctx["parts"] for trait in part["traits"]}


def test_context_groups_the_traits_by_part():
    ctx = context()
    assert ctx["title"] == "Resilience self-check: Lindau–Kivu"
    assert [part["anchor"] for part in ctx["parts"]] == ["part-1", "part-2", "part-3", "part-4"]
    assert [len(part["traits"]) for part in ctx["parts"]] == [4, 5, 3, 8]
    assert list(rows(ctx)) == list(trait_ids())


def test_context_counts_statuses_and_unlisted_traits_are_not_assessed():
    ctx = context()
    counts = {c["status"]: (c["count"], c["width"]) for c in ctx["counts"]}
    assert counts == {
        "strong": (1, 5),
        "developing": (1, 5),
        "weak": (1, 5),
        "not-assessed": (17, 85),
    }
    assert ctx["counts"][0]["text"] == "1 of 20 traits (5%)"
    assert rows(ctx)["flexibility"]["status"] == "not-assessed"
    assert rows(ctx)["flexibility"]["css_class"] == "resilience-not-assessed"
    part_1 = {c["status"]: c["count"] for c in ctx["parts"][0]["counts"]}
    assert part_1 == {"strong": 1, "developing": 0, "weak": 0, "not-assessed": 3}


def test_context_localizes_names_statuses_and_notes():
    german = rows(context("de"))["equal-partnership"]
    assert german["name"] == "Partnerschaft auf Augenhöhe"
    assert german["status_label"] == "Stark"
    assert german["note"] == "Gemeinsame Steuerungsgruppe | *beide* Seiten"
    assert german["note_lang"] is None
    assert context("de")["counts"][3]["text"] == "17 von 20 Merkmalen (85\xa0%)"
    french = rows(context("fr"))["equal-partnership"]
    assert french["status_label"] == "Solide"
    assert (french["name"], french["lang"]) == ("Equal partnership", "en")
    assert (french["note"], french["note_lang"]) == ("Joint steering group | *both* sides", "en")
    swahili = rows(context("sw", fallbacks=("de", "en")))["equal-partnership"]
    assert swahili["note_lang"] == "de"
    assert rows(context("fr"))["funding"]["note_lang"] is None  # one text for all languages


def test_context_links_only_the_documents_the_site_has():
    documents = rows(context())["equal-partnership"]["documents"]
    assert documents == [
        {"title": "Steering group [draft]", "link": "minutes/2025-03-12-steering-group.md"},
        {"title": "Partnership agreement", "link": "agreement.md"},
    ]
    assert rows(context())["language"]["documents"] == []


def test_context_links_traits_to_the_knowledge_base_when_asked():
    assert rows(context())["funding"]["link"] is None
    linked = rows(context(knowledge_link="../../kb/resilience.md"))["funding"]
    assert linked["link"] == "../../kb/resilience.md#funding"


def test_context_without_assessment_counts_all_traits_as_not_assessed():
    ctx = self_check_context("x", "X", None, {}, "en")
    assert [(c["count"], c["width"]) for c in ctx["counts"]] == [(0, 0), (0, 0), (0, 0), (20, 100)]


@pytest.mark.parametrize(
    "counts", [[1, 1, 1], [7, 6, 4, 3], [20, 0, 0, 0], [1, 2, 0, 4], [0, 0, 0, 0]]
)
def test_percentages_add_up_to_100_and_zero_stays_zero(counts):
    widths = percentages(counts)
    assert sum(widths) == (100 if sum(counts) else 0)
    assert all(width == 0 for count, width in zip(counts, widths, strict=True) if not count)
    assert percentages([1, 1, 1]) == [34, 33, 33]


# The rendered page --------------------------------------------------------------------


def render(ctx: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"))
    env.filters["md"] = md_text
    page = env.get_template("hooks/resilience.md").render(**ctx)
    block = split(page)
    assert block is not None and yaml.safe_load(block.yaml_text) == {"title": ctx["title"]}
    return markdown.markdown(block.body, extensions=EXTENSIONS)


def test_page_has_a_table_row_per_trait_under_stable_headings():
    html = render(context("de", knowledge_link="../../kb/resilience.md"))
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert ids == ["summary", "part-1", "part-2", "part-3", "part-4"]
    tables = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)
    assert [table.count("<tr>") for table in tables] == [4, 5, 3, 8]
    body = "".join(tables)
    for trait in traits():
        name = f"<strong>{trait.name['de']}</strong>"
        assert f'<a href="../../kb/resilience.md#{trait.id}">{name}</a>' in body
    row = next(r for r in body.split("<tr>") if "#equal-partnership" in r)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert len(cells) == 4
    assert "Stark" in cells[1]
    assert cells[2] == "Gemeinsame Steuerungsgruppe | *beide* Seiten"
    assert cells[3] == (
        '<a href="minutes/2025-03-12-steering-group.md">Steering group [draft]</a><br>'
        '<a href="agreement.md">Partnership agreement</a>'
    )
    funding = next(r for r in body.split("<tr>") if "#funding" in r)
    assert "<td>Haushalt &lt;2026&gt; [gekürzt]</td>" in funding


def test_page_chart_widths_add_up_to_100_and_numbers_are_in_text():
    html = render(context("en"))
    chart = re.search(r'<div class="resilience-chart"(.*?)\n</div>', html, re.S)
    assert chart is not None and 'aria-hidden="true"' in chart.group(0)
    widths = [int(w) for w in re.findall(r"width: (\d+)%", chart.group(1))]
    assert widths == [5, 5, 5, 85]
    legend = re.findall(r"<li>.*?<strong>(.*?)</strong> (.*?)</li>", html)
    assert legend == [
        ("Strong:", "1 of 20 traits (5%)"),
        ("Developing:", "1 of 20 traits (5%)"),
        ("Weak:", "1 of 20 traits (5%)"),
        ("Not assessed:", "17 of 20 traits (85%)"),
    ]
    assert "<script" not in html and "http" not in html


def test_page_marks_text_in_another_language():
    html = render(context("fr", fallbacks=("de", "en")))
    assert '<h2 id="part-1">1. Durablement liés</h2>' in html  # part names: every language
    html = render(context("uk", fallbacks=("de", "en")))
    assert '<h2 id="part-1" lang="en">1. Sustainably connected</h2>' in html
    html = render(context("fr", fallbacks=("de", "en")))
    # the partnership's languages come first: a French reader gets the German note
    assert '<span lang="de">Gemeinsame Steuerungsgruppe | *beide* Seiten</span>' in html


def test_page_with_everything_not_assessed_has_one_full_segment():
    html = render(self_check_context("x", "X", {}, {}, "de"))
    assert re.findall(r"width: (\d+)%;", html.split("</div>\n\n")[0]) == ["100"]


# The knowledge base page --------------------------------------------------------------


def kb_page(lang: str) -> tuple[dict, str]:
    block = split((REPO / f"docs/kb/resilience.{lang}.md").read_text(encoding="utf-8"))
    assert block is not None
    return yaml.safe_load(block.yaml_text), block.body


HEADING = re.compile(r"^(#+) (.*?) \{ #([a-z0-9-]+) \}$", re.M)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_kb_page_explains_every_trait_under_its_id(lang):
    meta, body = kb_page(lang)
    assert meta["title"] and meta["order"] == 7
    assert not re.search(r"^# ", body, re.M)
    headings = HEADING.findall(body)
    parts_found = [(text, anchor) for level, text, anchor in headings if anchor.startswith("part-")]
    assert parts_found == [(p.name[lang], f"part-{p.number}") for p in parts()]
    traits_found = [(text, anchor) for level, text, anchor in headings if level == "###"]
    assert traits_found == [(t.name[lang], t.id) for t in traits()]


def test_kb_pages_have_the_same_structure_in_both_languages():
    structures = [
        [(level, anchor) for level, _, anchor in HEADING.findall(kb_page(lang)[1])]
        for lang in ("de", "en")
    ]
    assert structures[0] == structures[1]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_kb_example_is_a_valid_self_assessment(lang):
    _, body = kb_page(lang)
    example = re.search(r"```yaml\n(.*?)```", body, re.S)
    assert example is not None
    data = yaml.safe_load(example.group(1))
    known = {"action-plan-2025", "minutes/2025-03-12-steering-group"}
    assert check_self_assessment(data["self_assessment"], documents=known) == []
