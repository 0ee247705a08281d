"""Google, Microsoft and MyMemory through deep-translator, with its traps handled here.

deep-translator 1.11.4 sets no timeouts (each call runs under a deadline here), puts
keys into exception messages (scrubbed), sends one request per text, and its
Microsoft class asks the real service for its languages in the constructor, without
a timeout (skipped: the languages are known). Microsoft gets ``textType=html``
through deep-translator's URL parameters, so holes travel as HTML tags; Google's web
endpoint and MyMemory know no markup and get ``⟦n⟧`` placeholders.

``endpoint`` replaces a service's address (a proxy, a regional Azure endpoint, the
test server): the service's path is appended to it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import requests

from .markup import Codec, HtmlTags, Placeholders
from .placeholders import Masked
from .providers import (
    Answer,
    DeadlinePassed,
    ProviderError,
    Refused,
    Retryable,
    RetryPolicy,
    check_plausible,
    deep_translator_languages,
    read_answers,
    scrub,
    with_retries,
    within_deadline,
)

_CLASSES = {
    "google": "GoogleTranslator",
    "microsoft": "MicrosoftTranslator",
    "mymemory": "MyMemoryTranslator",
}
_PATHS = {"google": "/m", "microsoft": "/translate?api-version=3.0", "mymemory": "/get"}
# Longest text each service takes in one call (deep-translator refuses longer ones).
_LIMITS = {"google": 5000, "microsoft": 50000, "mymemory": 500}


class DeepTranslator:
    """One deep-translator service, one text per call, each call under a deadline.

    A hung call cannot block the run: its daemon thread is abandoned and ends with
    the process.
    """

    def __init__(
        self,
        name: str,
        api_key: str | None = None,
        *,
        region: str | None = None,
        endpoint: str | None = None,
        policy: RetryPolicy | None = None,
        batch_size: int = 50,
    ) -> None:
        if name not in _CLASSES:
            raise ValueError(f"unknown deep-translator provider {name!r}")
        self.name, self.api_key, self.region = name, api_key, region
        self.batch_size = batch_size  # texts per call (one request each): answers kept per call
        self.endpoint = endpoint.rstrip("/") if endpoint else None
        self.policy = policy or RetryPolicy()
        self.codec: Codec = HtmlTags() if name == "microsoft" else Placeholders()
        self.requests = 0  # calls to the service, retries included (for the run's summary)

    def translate_batch(self, texts: list[Masked], source: str, target: str) -> list[Answer]:
        if not texts:
            return []
        translator = self._call(lambda: self._translator(source, target))
        sent = [self.codec.encode(masked) for masked in texts]
        limit = _LIMITS[self.name]
        answers = [
            self._call(lambda t=text: self._translate(translator, t)) if len(text) < limit else ""
            for text in sent
        ]
        plausible = check_plausible(self.name, sent, answers)
        read = read_answers(self.codec, texts, plausible, [self.api_key])
        return [
            Refused(f"text {n}: longer than {self.name} accepts ({limit} characters)")
            if len(text) >= limit
            else answer
            for n, (text, answer) in enumerate(zip(sent, read, strict=True), 1)
        ]

    def supported_languages(self) -> frozenset[str]:
        return deep_translator_languages(self.name)

    def _translate(self, translator: Any, text: str) -> Any:
        self.requests += 1
        return translator.translate(text)

    def _translator(self, source: str, target: str) -> Any:
        import deep_translator

        if self.name == "microsoft":
            translator = _microsoft_class()(
                source=source,
                target=target,
                api_key=self.api_key,
                region=self.region,
                textType="html",  # a URL parameter: deep-translator sends its kwargs as such
            )
        elif self.name == "mymemory":  # it knows regional codes only: de-DE, en-GB, sw-KE
            translator = deep_translator.MyMemoryTranslator(
                source=_regional(source), target=_regional(target)
            )
        else:
            translator = deep_translator.GoogleTranslator(source=source, target=target)
        if self.endpoint:
            translator._base_url = self.endpoint + _PATHS[self.name]
        return translator

    def _call(self, function: Callable[[], Any]) -> Any:
        return with_retries(self.name, self.policy, lambda: self._attempt(function), [self.api_key])

    def _attempt(self, function: Callable[[], Any]) -> Any:
        try:
            return within_deadline(function, self.policy.deadline, f"{self.name}-call")
        except DeadlinePassed:
            raise Retryable(f"no answer within {self.policy.deadline:g} s") from None
        except Exception as error:
            raise _classify(self.name, error, self.api_key) from None


def _regional(language: str) -> str:
    """MyMemory's code for a language: ``de`` -> ``de-DE`` (or its first region)."""
    from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

    codes = [c for c in MY_MEMORY_LANGUAGES_TO_CODES.values() if c.split("-")[0] == language]
    return (
        f"{language}-{language.upper()}"
        if f"{language}-{language.upper()}" in codes
        else (codes[0] if codes else language)
    )


@functools.cache
def _microsoft_class() -> type:
    from deep_translator import MicrosoftTranslator

    class Microsoft(MicrosoftTranslator):
        """Without the untimed request for the service's languages in the constructor."""

        def _get_supported_languages(self) -> dict[str, str]:
            return {code: code for code in deep_translator_languages("microsoft")}

    return Microsoft


def _classify(name: str, error: BaseException, api_key: str | None) -> Exception:
    """Map a deep-translator exception: transient ones retry, the rest stop with a message."""
    kind = type(error).__name__
    if kind == "TooManyRequests":
        return Retryable("HTTP 429 (too many requests)", 429)
    if isinstance(error, requests.RequestException) or kind in ("RequestError", "ServerException"):
        return Retryable(f"{kind}: {scrub(str(error), [api_key])}")
    return ProviderError(name, f"{kind}: {error}", None, [api_key])
