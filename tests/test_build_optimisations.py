"""The hooks that only make builds faster change nothing in the site, byte for byte."""

from __future__ import annotations

from builds import FIXTURES, make_project, mkdocs_build

SPEED_HOOKS = ("markdown_instance", "template_cache", "navigation_cache")


def test_the_site_is_the_same_without_the_hooks_that_make_it_fast(tmp_path):
    fast = mkdocs_build(make_project(tmp_path / "fast", FIXTURES / "basic"))
    plain_project = make_project(tmp_path / "plain", FIXTURES / "basic")
    config = plain_project / "mkdocs.yml"
    text = config.read_text("utf-8")
    for hook in SPEED_HOOKS:
        line = f"  - overrides/hooks/{hook}.py\n"
        assert line in text
        text = text.replace(line, "")
    config.write_text(text, "utf-8")
    plain = mkdocs_build(plain_project)
    assert fast.returncode == 0 and plain.returncode == 0, fast.output + plain.output

    def contents(site):
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.is_file() and p.suffix != ".gz"  # gzip records the time
        }

    fast_files, plain_files = contents(fast.site), contents(plain.site)
    assert fast_files.keys() == plain_files.keys()
    different = [name for name in fast_files if fast_files[name] != plain_files[name]]
    assert different == []
    pages = [data for name, data in fast_files.items() if name.endswith(".html")]
    assert pages and all(b'class="md-nav md-nav--primary"' in data for data in pages)
