"""Getting a provider ready, and saying in one line what to do when it is not.

A newcomer's first run usually meets no server at all: the first request (asking a
LibreTranslate server for its languages) is sent once, without the retries meant for
a busy service, so "cannot be reached" comes at once instead of after several seconds.
A busy answer (429, 5xx) is retried as usual. Every failure becomes one line naming the
provider, its address and what to do: start the server, fix the address or the key,
or try ``--provider pseudo``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..labels import language_name
from ..translation.providers import (
    ImplausibleAnswer,
    Provider,
    ProviderError,
    coverage,
    coverage_table,
)
from ..translation.settings import (
    KEY_VARIABLES,
    SETTINGS_FILE,
    MissingSetting,
    Settings,
    make_provider,
)
from ..translation.workflow import Job
from .common import ATTENTION, USAGE, Stop
from .messages import language, t

PROVIDER_NAMES = {
    "libre": "LibreTranslate",
    "deepl": "DeepL",
    "google": "Google",
    "microsoft": "Microsoft Translator",
    "mymemory": "MyMemory",
    "pseudo": "pseudo",
}
_ADDRESS = re.compile(r"https?://[^\s/?#]+[^\s]*")


def checked_endpoint(endpoint: str | None) -> str | None:
    """``--endpoint`` as given, if it is a web address with http:// or https://."""
    if endpoint is None or _ADDRESS.fullmatch(endpoint):
        return endpoint
    raise Stop(t("endpoint_without_scheme", endpoint=endpoint), USAGE)


def ready_provider(settings: Settings, name: str, endpoint: str | None) -> Provider:
    """The provider, built and asked for its languages once (quickly)."""
    try:
        provider = make_provider(settings, name, checked_endpoint(endpoint))
    except MissingSetting as missing:
        words = {"provider": PROVIDER_NAMES.get(name, name), "name": name, "file": SETTINGS_FILE}
        message = t(f"missing_{missing.what}", variable=missing.variable, **words)
        raise Stop(f"{t('error')}: {message}", USAGE) from None
    except ValueError as error:
        raise Stop(f"{t('error')}: {error}", USAGE) from None
    first_contact(provider, settings, endpoint)
    return provider


def first_contact(provider: Provider, settings: Settings, endpoint: str | None) -> None:
    """Ask for the provider's languages; an unreachable one fails at the first try."""
    policy = getattr(provider, "policy", None)
    try:
        if policy is not None:
            provider.policy = replace(policy, attempts=1)  # type: ignore[attr-defined]
        try:
            provider.supported_languages()
        except ProviderError as error:
            if error.status is None or policy is None:
                raise
            provider.policy = policy  # type: ignore[attr-defined]
            provider.supported_languages()  # busy, not absent: retried as usual
    except ProviderError as error:
        raise Stop(explain(error, settings, endpoint), code_of(error)) from None
    finally:
        if policy is not None:
            provider.policy = policy  # type: ignore[attr-defined]


def address(settings: Settings, name: str, endpoint: str | None) -> str:
    url = endpoint or settings.of(name).get("endpoint")
    return f" ({url})" if url else ""


def explain(error: ProviderError, settings: Settings, endpoint: str | None) -> str:
    """One line: what failed, and what to do about it."""
    name = error.provider
    where = {
        "provider": PROVIDER_NAMES.get(name, name),
        "address": address(settings, name, endpoint),
        "detail": error.message,
    }
    if isinstance(error, ImplausibleAnswer):  # it answered: not with what was asked for
        return t("provider_unusable", **where)
    if error.unrecoverable:  # DNS, TLS: the address is wrong, not the service busy
        return t("provider_endpoint_wrong", file=SETTINGS_FILE, **where)
    if error.status == 413:
        return t("provider_too_large", file=SETTINGS_FILE, name=name, **where)
    if error.status is None:
        fix = t("fix_libre_unreachable", file=SETTINGS_FILE) if name == "libre" else ""
        return t("provider_unreachable", fix=fix, **where)
    if error.status in (401, 403):
        variable = KEY_VARIABLES.get(name, "")
        return t("provider_key_refused", variable=variable, **where)
    if error.status == 456:  # DeepL: the quota of the account is used up
        return t("provider_quota", **where)
    if error.status == 404:
        return t("provider_wrong_address", file=SETTINGS_FILE, **where)
    return t("provider_failed", **where)


def code_of(error: ProviderError) -> int:
    """A refused key, a wrong address, a batch too large are the settings' fault (2);
    the rest: try again later (1)."""
    settings_fault = error.unrecoverable or error.status in (401, 403, 404, 413)
    return USAGE if settings_fault else ATTENTION


def work_kept(error: ProviderError) -> str:
    """What a stopped run kept, and when running it again helps."""
    return t("work_kept" if code_of(error) == ATTENTION else "work_kept_fix_first")


def refuse_uncovered(provider: Provider, jobs: list[Job]) -> None:
    """Stop before anything is sent if the provider lacks a language the run needs."""
    for lang in sorted({job.target for job in jobs if job.todo}):
        if not coverage(provider, lang):
            others = [n for n in coverage_table([lang])[lang] if n != provider.name]
            raise Stop(
                t(
                    "provider_lacks_language",
                    provider=provider.name,
                    language=language_name(lang, language()),
                    code=lang,
                    others=t("providers_that_do", names=", ".join(others)) if others else "",
                ),
                USAGE,
            )
