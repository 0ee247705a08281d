"""The site navigation: small on purpose.

Only the home page, the knowledge base and one overview page per partnership are
in the sidebar. Documents are reached through their partnership's overview page
(and search). With the stock setup every page carries the whole navigation, so an
archive of thousands of documents would build in quadratic time.
"""

from __future__ import annotations

from .labels import labels
from .model import PARTNERSHIPS_DIR, Archive


def build_nav(archive: Archive, lang: str) -> list:
    l10n = labels(lang)
    knowledge = [f"{page.site_key}.md" for page in archive.knowledge if page.site_key != "index"]
    partnerships = [f"{PARTNERSHIPS_DIR}/index.md", "latest.md", "tags.md", "topics.md"]
    partnerships += [f"{p.folder}/index.md" for p in archive.partnerships]
    nav: list = [{l10n["home"]: "index.md"}]
    if knowledge:
        nav.append({l10n["knowledge_base"]: knowledge})
    nav.append({l10n["partnerships"]: partnerships})
    return nav
