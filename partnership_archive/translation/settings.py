"""``translation.yml``: which provider the archive uses, where the memory lives, which
parts of the archive are translated into which languages, and what a provider charges.

One small file in the repository, validated like the rest of the archive. API keys
never live in it: they come from environment variables (``DEEPL_API_KEY`` ...), so a
key cannot end up in Git.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import requests
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .. import source_text
from ..findings import Finding
from ..frontmatter import YamlProblem, line_of, load_yaml
from ..options import Boolean, Keys, Number, OneOf, Text, WebAddress, WholeNumber
from ..schema import IsoDate, Problem, check
from .deep_translator_providers import DeepTranslator
from .http_providers import DeepL, LibreTranslate
from .providers import Provider, RetryPolicy
from .pseudo import Pseudo
from .scope import KnowledgeLanguages

SETTINGS_FILE = "translation.yml"
PROVIDERS = ("libre", "deepl", "google", "microsoft", "mymemory", "pseudo")
LOCAL_PROVIDERS = ("pseudo",)  # nothing leaves this computer
KEY_VARIABLES = {
    "libre": "LIBRE_API_KEY",
    "deepl": "DEEPL_API_KEY",
    "microsoft": "MICROSOFT_API_KEY",
}


class Price(Config):
    per_million_characters = Number()
    """What the service charges for one million characters sent."""
    currency = Text(default="EUR")
    """ISO 4217 code: EUR, USD."""
    checked = IsoDate()
    """When the price was last compared with the provider's own price list."""


class Scope(Config):
    knowledge_base = KnowledgeLanguages(default="hosts")
    """``hosts`` (the hosts' default languages), ``site`` (every language of the site,
    also each partnership's) or a list of language codes."""
    partnerships = OneOf(("own",), default="own")
    """A partnership's documents are translated into that partnership's languages."""


class ProviderSettings(Config):
    endpoint = c.Optional(WebAddress())
    """Base URL, e.g. of the municipality's own LibreTranslate server (or a proxy)."""
    region = c.Optional(Text())
    """Azure region of a Microsoft Translator resource."""
    approved_for_internal = Boolean(default=False)
    """May internal documents be sent to this provider? Only for approved services."""
    timeout = Number(default=60)
    """Seconds to wait for one answer."""
    attempts = WholeNumber(default=4, example=4)
    """Tries per request when the service is busy or down (with growing pauses)."""
    backoff = Number(default=1)
    """Seconds before the second try; doubles for each further one."""
    price = c.Optional(Keys(example="per_million_characters: 20"))
    """For the cost estimate (``Price``); none for free or self-hosted services."""
    batch_size = WholeNumber(default=50, example=50)
    """Texts per request (a LibreTranslate server may allow fewer: its ``--batch-limit``)."""


class TranslationSettings(Config):
    provider = OneOf(PROVIDERS, default="libre")
    memory = Text(default="translation-memory.jsonl")
    providers = Keys(default={}, example="libre: {endpoint: https://...}")
    translate = Keys(default={}, example="knowledge_base: hosts")


@dataclass(frozen=True)
class Settings:
    provider: str
    memory: Path
    providers: dict[str, dict]
    scope: dict = field(default_factory=lambda: {"knowledge_base": "hosts"})

    def of(self, name: str) -> dict:
        """The options of provider ``name``; defaults when translation.yml names none."""
        return self.providers.get(name) or check(ProviderSettings, {}, ("providers", name))[0]


class SettingsError(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


def load_settings(root: Path) -> Settings:
    """Read and check ``translation.yml``; raise ``SettingsError`` naming file and line."""
    path = root / SETTINGS_FILE
    try:
        text = source_text.read(path) if path.is_file() else ""
        data, lines = load_yaml(text) if text.strip() else ({}, {})
    except (YamlProblem, source_text.Unreadable) as problem:
        finding = Finding(SETTINGS_FILE, problem.line, "error", problem.message)
        raise SettingsError([finding]) from None
    values, problems = check(TranslationSettings, data)
    providers = {}
    for name, options in (values.get("providers") or {}).items():
        if name not in PROVIDERS:
            message = f"unknown provider '{name}'; use one of: {', '.join(PROVIDERS)}"
            problems.append(Problem(("providers", name), message))
            continue
        provider_values, provider_problems = check(
            ProviderSettings, options or {}, ("providers", name)
        )
        if provider_values.get("price") is not None:
            where = ("providers", name, "price")
            provider_values["price"], price_problems = check(Price, provider_values["price"], where)
            provider_problems += price_problems
        problems += provider_problems
        providers[name] = provider_values
    scope, scope_problems = check(Scope, values.get("translate"), ("translate",))
    problems += scope_problems
    errors = [
        Finding(SETTINGS_FILE, line_of(lines, p.path), p.level, p.message)  # type: ignore[arg-type]
        for p in problems
    ]
    if errors:
        raise SettingsError(errors)
    return Settings(values["provider"], root / values["memory"], providers, scope)


class MissingSetting(ValueError):
    """A provider cannot be built: its ``what`` ("endpoint" or "key") is not set.

    ``variable``: the environment variable a key is read from."""

    def __init__(self, provider: str, what: str, variable: str = "") -> None:
        self.provider, self.what, self.variable = provider, what, variable
        if what == "key":
            text = f"{provider} needs an API key in the environment variable {variable}"
        else:
            text = f"{provider} needs an endpoint: set providers.{provider}.endpoint in "
            text += f"{SETTINGS_FILE} or pass --endpoint"
        super().__init__(text)


def make_provider(settings: Settings, name: str, endpoint: str | None = None) -> Provider:
    """Build the named provider; keys come from the environment only."""
    options = settings.of(name)
    policy = RetryPolicy(
        attempts=options["attempts"],
        timeout=(min(5.0, options["timeout"]), float(options["timeout"])),
        backoff=float(options["backoff"]),
    )
    key = os.environ.get(KEY_VARIABLES.get(name, ""), "") or None
    url = endpoint or options.get("endpoint")
    if name == "pseudo":
        return Pseudo()
    size = max(1, options["batch_size"])
    if name == "libre":
        if not url:
            raise MissingSetting(name, "endpoint")
        return LibreTranslate(url, key, batch_size=size, policy=policy, session=requests.Session())
    if name in ("deepl", "microsoft") and not key:
        raise MissingSetting(name, "key", KEY_VARIABLES[name])
    if name == "deepl":
        return DeepL(key, url, batch_size=size, policy=policy, session=requests.Session())
    return DeepTranslator(
        name, key, region=options.get("region"), endpoint=url, policy=policy, batch_size=size
    )


def approved_for_internal(settings: Settings, name: str) -> bool:
    return name in LOCAL_PROVIDERS or bool(settings.of(name).get("approved_for_internal"))


def price_of(settings: Settings, name: str) -> dict | None:
    """``per_million_characters``, ``currency``, ``checked``; None for a free service."""
    return settings.of(name).get("price")
