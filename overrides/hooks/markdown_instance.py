"""Hook: one Markdown converter per build, reset between pages, instead of one per page.

MkDocs constructs a new ``markdown.Markdown`` with every extension for each page it
renders, which costs about as much as converting a short page with pymdown's
extensions. Python-Markdown is built to be reused: ``reset()`` clears the state of the
converter and of every extension (footnotes, abbreviations, tabs, the table of
contents), and MkDocs registers its per-page processors under fixed names, so
registering them again replaces the previous page's. The output is the same
(tests/test_markdown_instance.py); only the construction is saved.
"""

from __future__ import annotations

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages


class _ReusedConverter:
    """Stands in for the ``markdown`` module in ``mkdocs.structure.pages``."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._converter: markdown.Markdown | None = None

    def Markdown(self, extensions, extension_configs) -> markdown.Markdown:  # noqa: N802
        # The same configuration objects for the whole build (and every language of it).
        key = (extensions, extension_configs)
        if (
            self._converter is None
            or self._key is None
            or any(a is not b for a, b in zip(self._key, key, strict=True))
        ):
            self._key = key
            self._converter = markdown.Markdown(
                extensions=extensions, extension_configs=extension_configs
            )
        return self._converter.reset()

    def __getattr__(self, name: str):
        return getattr(markdown, name)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not isinstance(pages.markdown, _ReusedConverter):
        pages.markdown = _ReusedConverter()
    return config
