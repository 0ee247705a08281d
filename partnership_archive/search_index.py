"""One search index per site language.

mkdocs-static-i18n merges the entries of all languages into one index, so a German
reader searching "Wasser" also gets English pages, unlabelled. Material loads the
index from ``<base>/search/search_index.json``. We therefore write one index per
language into that language's folder (``/en/search/...``; the default language keeps
``/search/...``) and point each page's ``base`` at its own language folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def for_language(index: Mapping[str, Any], lang: str, folders: Mapping[str, str]) -> dict:
    """The entries of ``index`` that belong to ``lang``, located relative to its folder.

    ``folders`` maps each site language to its URL folder ("" for the default).
    """
    own = f"{folders[lang]}/" if folders[lang] else ""
    others = tuple(f"{folder}/" for code, folder in folders.items() if folder and code != lang)
    docs = []
    for entry in index.get("docs", []):
        location = entry["location"]
        if own:
            if not location.startswith(own):
                continue
            location = location[len(own) :]
        elif location.startswith(others):
            continue
        docs.append({**entry, "location": location})
    config = dict(index.get("config", {}))
    if lang in config.get("lang", []):
        config["lang"] = [lang]
    return {**index, "config": config, "docs": docs}


def label_titles(index: Mapping[str, Any], labels: Mapping[str, str]) -> dict:
    """Append a label to the titles of the pages in ``labels`` (by page location).

    A page shown in its original language because the reader's language is missing
    must not appear unlabelled among the reader's results: it gets "(English)".
    """
    docs = []
    for entry in index.get("docs", []):
        label = labels.get(entry["location"].split("#")[0])
        docs.append({**entry, "title": f"{entry['title']} ({label})"} if label else entry)
    return {**index, "docs": docs}


def with_search_base(page_html: str, folder: str) -> str:
    """Point Material's search (the ``base`` in ``__config``) at a language folder."""

    def rewrite(match: re.Match) -> str:
        config = json.loads(match.group(2))
        # The trailing slash matters: Material resolves "search/search_index.json"
        # against the base like a browser does, and "../en" would lose the "en".
        config["base"] = f"{config['base'].rstrip('/')}/{folder}/"
        text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f"{match.group(1)}{text}{match.group(3)}"

    return _CONFIG_SCRIPT.sub(rewrite, page_html, count=1)
