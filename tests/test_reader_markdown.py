"""The site's Markdown as a reader's browser and screen reader get it (mkdocs.yml's stack)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from builds import REPO

from partnership_archive.translation.structure import stack_for

STACK = stack_for(REPO / "mkdocs.yml")


def rendered(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(STACK.html(markdown), "html.parser")


def test_a_task_list_box_is_named_by_its_text_and_cannot_be_ticked():
    html = rendered("- [x] Plan [beschließen](plan.md)\n- [ ] Gäste *einladen*\n    - [ ] Visa\n")
    boxes = html.select("li.task-list-item > label.task-list-control")
    names = [label.get_text(" ", strip=True) for label in boxes]
    assert names == ["Plan beschließen", "Gäste einladen", "Visa"]
    inputs = [label.input for label in boxes]
    assert [box.has_attr("checked") for box in inputs] == [True, False, False]
    assert all(box["type"] == "checkbox" and box.has_attr("disabled") for box in inputs)
    assert boxes[0].a["href"] == "plan.md"  # inline Markdown still works inside
    assert html.select("ul.task-list ul.task-list li.task-list-item")  # nested lists too


def test_a_loose_task_list_and_plain_items_stay_as_they_are():
    html = rendered("1. [ ] erstens\n\n2. [X] zweitens\n\nText\n\n- kein [ ] Kasten\n")
    assert [p.label.get_text(strip=True) for p in html.select("li.task-list-item > p")] == [
        "erstens",
        "zweitens",
    ]
    assert html.select("ul > li")[0].get_text() == "kein [ ] Kasten"


def test_an_emoji_is_its_character_and_an_icon_an_inline_svg():
    html = rendered("Danke :smile: und :material-water:")
    assert "😄" in html.p.get_text()
    assert html.select("img") == []  # never an image from cdn.jsdelivr.net
    assert html.select_one("span.twemoji > svg") is not None
