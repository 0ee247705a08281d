"""Which parts of the archive are translated into which languages (``translate:`` in
``translation.yml``).

A partnership's documents are translated into that partnership's languages. The
knowledge base is the same for every partnership, so translating it into every
language some partnership speaks would make one new French partnership a job of the
whole knowledge base into French. ``knowledge_base`` decides: ``hosts`` (the default
languages of the hosts in ``hosts.yml``: what each municipality's site opens in),
``site`` (every language of the site) or a list of codes. A knowledge page keeps any
mirror it already has up to date (``mirror_status.target_languages``); delete a
mirror to stop translating it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mkdocs.config.base import BaseConfigOption, ValidationError

from ..hosts import load_hosts
from ..model import Archive
from ..options import describe
from ..schema import LanguageCode
from ..site_config import configured_languages

RULES = ("hosts", "site")


class KnowledgeLanguages(BaseConfigOption[object]):
    """``hosts``, ``site`` or a list of language codes such as ``[de, en]``."""

    def __init__(self, default: object = "hosts") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> object:
        if isinstance(value, str) and value in RULES:
            return value
        if isinstance(value, list) and value:
            return tuple(LanguageCode().validate(code) for code in value)
        raise ValidationError(
            f"{describe(value)} is not allowed; write hosts (the languages of the hosts in "
            "hosts.yml), site (every language of the site) or a list such as [de, en]"
        )


def knowledge_languages(rule: object, root: Path, archive: Archive) -> tuple[str, ...]:
    """The languages the knowledge base is translated into, by ``rule``.

    ``hosts`` without a ``hosts.yml`` means the languages ``mkdocs.yml`` configures
    (not those a partnership adds). Raises ``ArchiveError`` for a broken ``hosts.yml``.
    """
    if isinstance(rule, tuple):
        return rule
    if rule == "site":
        return archive.languages
    hosts = load_hosts(root)
    found = tuple(dict.fromkeys(host.default_language for host in hosts))
    return found or tuple(configured_languages(root))


def scoped(archive: Archive, rule: object, root: Path) -> Archive:
    """``archive`` with the knowledge base's languages set from ``rule``."""
    return replace(archive, knowledge_languages=knowledge_languages(rule, root, archive))
