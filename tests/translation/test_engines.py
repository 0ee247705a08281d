"""Each provider's markup mode, end to end: engines that move and re-space tags and
re-quote text still give mirrors with the source's structure.

The segmentation fixtures (German, every construct the site supports) become the
knowledge base of an archive and ``translate.py`` translates them into English through
the loopback server, once per provider: LibreTranslate (HTML), DeepL (XML), Microsoft
(HTML, through deep-translator) and Google (``⟦n⟧``, through deep-translator).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from builds import REPO, run_script
from rendering import body_html, skeleton

from partnership_archive.frontmatter import split
from partnership_archive.translation.structure import stack_for

FIXTURES = Path(__file__).parent / "fixtures" / "segments"
CASES = sorted(p for p in FIXTURES.glob("*.md") if not p.name.endswith(".expected.md"))
SITE = stack_for(REPO / "mkdocs.yml")
KEYS = {"DEEPL_API_KEY": "key:fx", "MICROSOFT_API_KEY": "key"}


def archive(root: Path, url: str) -> list[Path]:
    (root / "docs").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    sources = []
    for case in CASES:
        text = case.read_bytes().decode()
        if not text.startswith("---"):
            text = f"---\ntitle: „{case.stem}“ auf Deutsch\n---\n\n{text}"
        source = root / "docs" / f"{case.stem}.de.md"
        source.write_bytes(text.encode())
        sources.append(source)
    options = {"endpoint": url, "timeout": 2, "attempts": 1}
    settings = {"provider": "libre", "memory": "memory.jsonl", "providers": {}}
    settings["providers"] = {name: options for name in ("libre", "deepl", "microsoft", "google")}
    (root / "translation.yml").write_text(yaml.safe_dump(settings), "utf-8")
    return sources


@pytest.mark.parametrize("provider", ["libre", "deepl", "microsoft", "google"])
def test_mirrors_keep_the_structure_whatever_the_engine_does_with_tags(
    provider: str, tmp_path: Path, fake
) -> None:
    sources = archive(tmp_path, fake.url)
    result = run_script("translate.py", tmp_path, "--provider", provider, "--to", "en", env=KEYS)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr  # nothing had to stay in German
    for source in sources:
        mirror = source.with_name(source.name.replace(".de.md", ".en.md"))
        text, translated = source.read_bytes().decode(), mirror.read_bytes().decode()
        assert skeleton(body_html(translated, SITE)).tags == skeleton(body_html(text, SITE)).tags
    quoted = (tmp_path / "docs" / "front_matter_quoted.en.md").read_text("utf-8")
    assert "“und”" in quoted.splitlines()[2]  # the title came back with English quotes


def test_the_provider_sees_no_markup_but_its_own_tags(tmp_path: Path, fake) -> None:
    archive(tmp_path, fake.url)
    assert run_script("translate.py", tmp_path, "--to", "en").returncode == 0
    sent = [
        text for request in fake.log if request.path == "/translate" for text in request.json()["q"]
    ]
    assert sent and not [text for text in sent if "!!!" in text or "](" in text or "`" in text]
    assert any('<x id="1"></x>' in text for text in sent)


def test_every_mirror_of_the_sample_archive_renders_its_originals_structure(
    tmp_path: Path, fake
) -> None:
    """The bundled sample, translated afresh: its documents into French, its knowledge
    base into English (the reviewed English pages are removed first)."""
    for folder in ("docs", "partnerships"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    config = tmp_path / "partnerships/auental-mlima/partnership.yml"
    config.write_text(config.read_text("utf-8").replace("[de, en]", "[de, en, fr]"), "utf-8")
    for page in (tmp_path / "docs").rglob("*.en.md"):
        page.unlink()
    settings = {"provider": "libre", "memory": "memory.jsonl"}
    settings["providers"] = {"libre": {"endpoint": fake.url, "approved_for_internal": True}}
    (tmp_path / "translation.yml").write_text(yaml.safe_dump(settings), "utf-8")
    result = run_script("translate.py", tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    written = {p: record for p in tmp_path.rglob("*.md") if (record := machine_record(p))}
    assert len(written) >= 20, result.stdout
    for mirror, record in written.items():
        source = mirror.with_name(mirror.name[: -len(".xx.md")] + f".{record['from']}.md")
        text, translated = source.read_text("utf-8"), mirror.read_text("utf-8")
        assert skeleton(body_html(translated, SITE)).tags == skeleton(body_html(text, SITE)).tags
    assert result.returncode == 0, result.stderr  # nothing of the sample had to stay German


def machine_record(path: Path) -> dict | None:
    front = split(path.read_text("utf-8"))
    record = (yaml.safe_load(front.yaml_text) or {}).get("translation") if front else None
    return record if record and record.get("status") == "machine" else None
