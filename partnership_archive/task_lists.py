"""Task lists whose check boxes say what they check: a Python-Markdown extension.

``- [x] Adopt the plan`` becomes a list item with a check box, as pymdownx.tasklist
makes it (Material styles ``label.task-list-control`` and ``.task-list-indicator``). There
the label holds only the box, so a screen reader announces "check box, checked" without
saying what is done (WCAG 1.3.1, 4.1.2; axe's ``label`` rule). Here the label holds the
item's text too, so the text is the box's name. The box stays disabled: a reader cannot
tick it. Used instead of pymdownx.tasklist in mkdocs.yml.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_MARKER = re.compile(r"^ *\[(?P<state>[xX ])\] +(?P<text>.*)", re.DOTALL)


class TaskListTreeprocessor(Treeprocessor):
    """Runs before inline Markdown (priority above 20), while item texts are still raw."""

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for item in list(root.iter("li")):
            holder = _text_holder(item)
            match = _MARKER.match(holder.text or "") if holder is not None else None
            if match is None:
                continue
            holder.text = None
            holder.insert(0, _control(match["state"] != " ", match["text"]))
            _add_class(item, "task-list-item")
            _add_class(parents[item], "task-list")


def _text_holder(item: etree.Element) -> etree.Element | None:
    """The element whose text starts the item: the item, or its first paragraph."""
    if item.text and item.text.strip():
        return item
    first = item[0] if len(item) else None
    return first if first is not None and first.tag == "p" else None


def _control(checked: bool, text: str) -> etree.Element:
    label = etree.Element("label", {"class": "task-list-control"})
    box = etree.SubElement(label, "input", {"type": "checkbox", "disabled": "disabled"})
    if checked:
        box.set("checked", "checked")
    etree.SubElement(label, "span", {"class": "task-list-indicator"})
    words = etree.SubElement(label, "span", {"class": "task-list-text"})
    words.text = text  # inline Markdown, rendered by the inline processor that follows
    return label


def _add_class(element: etree.Element, name: str) -> None:
    classes = element.get("class", "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


class TaskListExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(TaskListTreeprocessor(md), "archive_task_list", 25)


def makeExtension(**kwargs) -> TaskListExtension:  # noqa: N802 - Python-Markdown's name
    return TaskListExtension(**kwargs)
