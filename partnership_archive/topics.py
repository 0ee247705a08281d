"""Topics as readers see them: one entry however a coordinator capitalised or
hyphenated it, and never an id.

Coordinators often write topics the way they write tags (``jugendaustausch``,
``fairer-handel``) while another partnership writes ``Jugendaustausch`` or
``Fairer Handel``. Topics that differ only so are one topic (``topic_key``); it is shown
as the best-written form anyone used (capitals and spaces beat lower case and hyphens),
in the page's language if there is one, else in any language (``fairer-handel`` on a
Spanish page is the German ``Fairer Handel``), else as words (``Fairer handel``). A topic
shown in another language than the page's carries that language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Archive, Partnership, localize_marked

_SEPARATORS = re.compile(r"[\s_-]+")


@dataclass(frozen=True)
class Topic:
    name: str
    lang: str | None = None  # set when the name is not in the page's language


def topic_key(name: str) -> str:
    """``Fairer Handel``, ``fairer-handel`` and ``FAIRER_HANDEL`` -> ``fairer handel``."""
    return _SEPARATORS.sub(" ", name).strip().casefold()


def _quality(name: str) -> tuple[bool, bool, bool]:
    """How much a written form looks written for readers (higher is better)."""
    return (name != name.lower(), "-" not in name and "_" not in name, " " in name)


def _as_words(name: str) -> str:
    words = _SEPARATORS.sub(" ", name).strip()
    return words[:1].upper() + words[1:]


def topic_names(archive: Archive, lang: str) -> dict[str, Topic]:
    """Every topic of the archive in ``lang`` by its key, in its best-written form."""
    written: dict[str, list[Topic]] = {}
    for partnership in archive.partnerships:
        for topic in _written(partnership, lang):
            written.setdefault(topic_key(topic.name), []).append(topic)
    anywhere = _every_form(archive, lang)
    return {key: _best(forms, anywhere.get(key, [])) for key, forms in written.items()}


def _best(forms: list[Topic], elsewhere: list[Topic]) -> Topic:
    topic = max(forms, key=lambda form: _quality(form.name))
    if not all(_quality(topic.name)[:2]) and elsewhere:  # written like an id
        topic = max([topic, *elsewhere], key=lambda form: _quality(form.name))
    return Topic(_as_words(topic.name), topic.lang)


def _every_form(archive: Archive, lang: str) -> dict[str, list[Topic]]:
    """Every form of every topic in every language, by key (for topics written as ids)."""
    forms: dict[str, list[Topic]] = {}
    for partnership in archive.partnerships:
        for topic in partnership.topics:
            texts = topic.items() if isinstance(topic, Mapping) else [(None, topic)]
            for code, name in texts:
                form = Topic(name, None if code in (None, lang) else code)
                forms.setdefault(topic_key(name), []).append(form)
    return forms


def partnership_topics(partnership: Partnership, names: dict[str, Topic], lang: str) -> list[Topic]:
    """One partnership's topics as the archive shows them, each once, in its order."""
    keys = dict.fromkeys(topic_key(topic.name) for topic in _written(partnership, lang))
    return [names[key] for key in keys]


def _written(partnership: Partnership, lang: str) -> Iterable[Topic]:
    for topic in partnership.topics:
        name, name_lang = localize_marked(topic, lang, partnership.languages)
        if name.strip():
            yield Topic(name, name_lang)
