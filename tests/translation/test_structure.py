"""One parser decides: the stack is the build's, and skeletons name what differs."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from partnership_archive.translation.structure import (
    MarkdownStack,
    StackError,
    first_difference,
    read_markdown_config,
    skeleton,
    stack_for,
)

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = """# Titel

!!! note "Hinweis"
    Text mit :smile: und ++ctrl+p++.

=== "Reiter"

    - [x] Aufgabe

Begriff
:   Definition[^1] mit *DWSA*.

<div markdown>
**Markdown** im HTML.
</div>

*[DWSA]: Wasserverband
[^1]: Fußnote.
"""


def test_the_stack_renders_exactly_what_mkdocs_renders() -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    file = File(
        "page.md", src_dir=str(REPO / "docs"), dest_dir="/tmp/site", use_directory_urls=True
    )
    page = Page(None, file, config)
    page.markdown = DOCUMENT
    page.render(config, Files([file]))
    assert stack_for(REPO / "mkdocs.yml").html(DOCUMENT) == page.content


def test_the_site_configuration_is_read_with_mkdocs_rules(monkeypatch, tmp_path) -> None:
    from partnership_archive import emoji

    config = read_markdown_config(REPO / "mkdocs.yml")
    assert config.extensions[:3] == ("toc", "tables", "fenced_code")  # MkDocs always adds them
    assert "pymdownx.tabbed" in config.extensions
    generator = config.options["pymdownx.emoji"]["emoji_generator"]  # !!python/name:
    assert generator is emoji.to_svg_or_text
    monkeypatch.setenv("PERMALINK", "#")
    own = tmp_path / "markdown.yml"
    own.write_text("markdown_extensions:\n  - toc:\n      permalink: !ENV [PERMALINK, x]\n")
    assert read_markdown_config(own).options == {"toc": {"permalink": "#"}}


def test_another_configuration_gives_another_stack(tmp_path) -> None:
    own = tmp_path / "markdown.yml"
    own.write_text("markdown_extensions:\n  - pymdownx.caret\n")
    html = MarkdownStack(read_markdown_config(own)).html("H^2^O")
    assert html == "<p>H<sup>2</sup>O</p>"
    assert "<sup>" not in stack_for(REPO / "mkdocs.yml").html("H^2^O")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("markdown_extensions:\n  - no_such_extension\n", "Failed to load extension"),
        ("markdown_extensions: [\n", "error parsing the configuration file"),
    ],
)
def test_a_broken_configuration_names_the_file(tmp_path, text: str, message: str) -> None:
    own = tmp_path / "markdown.yml"
    own.write_text(text)
    with pytest.raises(StackError, match=message) as caught:
        MarkdownStack(read_markdown_config(own))
    assert str(own) in str(caught.value)


def test_a_skeleton_keeps_structure_and_code_but_not_text() -> None:
    html = (
        '<p class="x" id="a">Hallo <a href="b.md" title="Titel">Link</a>'
        '<img src="k.png" alt="Karte"><code>nie &amp; nimmer</code></p>'
    )
    assert [str(node) for node in skeleton(html)] == [
        '<p class="x" id="a">',
        '<a href="b.md">',
        "</a>",
        '<img src="k.png">',
        "<code>",
        "code text 'nie & nimmer'",
        "</code>",
        "</p>",
    ]
    assert skeleton(html) == skeleton(html.replace('alt="Karte">', 'alt="Karte" />'))
    translated = html.replace("Hallo", "Hello").replace("Karte", "Map").replace("Titel", "Title")
    assert first_difference(skeleton(html), skeleton(translated)) is None


@pytest.mark.parametrize(
    ("mirror", "message"),
    [
        (
            "<p>Eins zwei drei</p><p>x</p>",
            "the source has <em> after 'Eins zwei', the translation </p>",
        ),
        ("<p>Eins zwei <em>drei</em></p><script>x</script>", "the source has the end"),
        ("<p>Eins</p>", "the translation </p>"),
        ('<p>Eins zwei <em class="y">drei</em></p>', 'the translation <em class="y">'),
    ],
)
def test_the_first_difference_is_named(mirror: str, message: str) -> None:
    source = skeleton("<p>Eins zwei <em>drei</em></p>")
    assert message in str(first_difference(source, skeleton(mirror)))
