"""Real-world Markdown through the real workflow: every mirror keeps its source's structure.

The vendored corpus (``tests/corpus``: pymdown-extensions and Python-Markdown
documentation, with their own Markdown configurations) becomes the knowledge base of
a temporary archive, and ``scripts/translate.py`` translates it with the loopback
LibreTranslate server, whose engine moves, re-spaces and re-quotes like a real one.
Structure is compared with this test's own parser (``rendering``), not the checker's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from builds import REPO, run_script
from rendering import body_html, skeleton

from partnership_archive.frontmatter import split
from partnership_archive.translation.segments import segment
from partnership_archive.translation.structure import MarkdownStack, read_markdown_config

CORPUS = REPO / "tests" / "corpus"
PROJECTS = sorted(p.name for p in CORPUS.iterdir() if (p / "markdown.yml").is_file())
KEPT = re.compile(r"^docs/(?P<page>.+)\.en\.md:(?P<line>\d+): kept in English in ", re.M)


def corpus_archive(root: Path, project: str) -> list[str]:
    """An archive whose knowledge base is the corpus project; returns the page keys."""
    source = CORPUS / project
    site = (REPO / "mkdocs.yml").read_text("utf-8").split("\nmarkdown_extensions:")[0]
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(site + "\n" + (source / "markdown.yml").read_text("utf-8"))
    if (source / "snippets").is_dir():
        shutil.copytree(source / "snippets", root / "snippets")
    keys = []
    for page in sorted((source / "pages").rglob("*.md")):
        key = page.relative_to(source / "pages").with_suffix("").as_posix()
        target = root / "docs" / f"{key}.en.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_with_title(page.read_text("utf-8"), key), "utf-8")
        keys.append(key)
    settings = {"provider": "libre", "memory": "memory.jsonl"}
    (root / "translation.yml").write_text(yaml.safe_dump(settings), "utf-8")
    return keys


def _with_title(text: str, key: str) -> str:
    """The page with front matter the archive accepts (a title); the body is unchanged."""
    front = split(text)
    body = front.body if front else text
    heading = re.search(r"^# (.+)$", body, re.M)
    title = heading.group(1) if heading else key.rsplit("/", 1)[-1]
    return f"---\ntitle: {yaml.safe_dump(title, width=1000).splitlines()[0]}\n---\n{body}"


def translate(root: Path, url: str) -> tuple[int, str]:
    result = run_script("translate.py", root, "--to", "de", "--endpoint", url, env={"CI": "1"})
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr


def _source(root: Path, key: str) -> str:
    return (root / "docs" / f"{key}.en.md").read_text("utf-8")


def untranslated(mirror: str) -> list[int]:
    record = yaml.safe_load(split(mirror).yaml_text)["translation"]
    return record.get("untranslated", [])


@pytest.mark.parametrize("project", PROJECTS)
def test_every_mirror_of_real_world_markdown_renders_its_sources_structure(
    project: str, tmp_path: Path, fake
) -> None:
    root = tmp_path / project
    keys = corpus_archive(root, project)
    stack = MarkdownStack(read_markdown_config(root / "mkdocs.yml"))
    code, stderr = translate(root, fake.url)

    differing, kept = [], {}
    for key in keys:
        source = (root / "docs" / f"{key}.en.md").read_text("utf-8")
        mirror = (root / "docs" / f"{key}.de.md").read_text("utf-8")
        assert "(de)" in mirror, f"{key}: not translated"
        if skeleton(body_html(mirror, stack)).tags != skeleton(body_html(source, stack)).tags:
            differing.append(key)
        if lines := untranslated(mirror):
            kept[key] = lines
    assert differing == []  # 100 % of the pages
    reported: dict[str, list[int]] = {}
    for match in KEPT.finditer(stderr):
        reported.setdefault(match.group("page"), []).append(int(match.group("line")))
    assert reported == kept  # every kept segment is reported with its line, and recorded
    assert code == (1 if kept else 0)
    # What stays in English is rare: mostly tab labels whose ids the configuration derives
    # from the label (pymdownx.blocks.tab with slugify: a translation would move the anchor).
    segments = sum(len(segment(_source(root, key), stack)) for key in keys)
    assert sum(map(len, kept.values())) <= 0.035 * segments


@pytest.mark.parametrize("project", PROJECTS[:1])
def test_broken_answers_are_refused_and_the_mirrors_still_render_the_structure(
    project: str, tmp_path: Path, fake
) -> None:
    root = tmp_path / project
    keys = corpus_archive(root, project)[:8]
    for extra in sorted((root / "docs").rglob("*.en.md")):
        if extra.relative_to(root / "docs").as_posix()[: -len(".en.md")] not in keys:
            extra.unlink()
    stack = MarkdownStack(read_markdown_config(root / "mkdocs.yml"))
    fake.faults.lose_placeholder = True
    code, stderr = translate(root, fake.url)

    assert code == 1
    assert "the provider's answer was refused (text " in stderr
    for key in keys:
        source = (root / "docs" / f"{key}.en.md").read_text("utf-8")
        mirror = (root / "docs" / f"{key}.de.md").read_text("utf-8")
        assert skeleton(body_html(mirror, stack)).tags == skeleton(body_html(source, stack)).tags
        assert untranslated(mirror)  # the refused segments are recorded
