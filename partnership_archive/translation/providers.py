"""The one boundary between the archive and machine translation services.

``translate.py`` hands a ``Provider`` masked segment texts (see ``placeholders``)
and gets translations back, in as few requests as the service allows. Every
request has a timeout; 429, 5xx and connection failures are retried with bounded
exponential backoff (``Retry-After`` honoured, capped); then ``ProviderError``
with the HTTP status, never with an API key in its message. An answer that is
not plausible (wrong count, empty, placeholders lost) raises ``ImplausibleAnswer``
and is never written into a mirror.

LibreTranslate and DeepL are spoken directly (batched; DeepL with POST and the
``Authorization`` header). Google, Microsoft and MyMemory go through
deep-translator, whose traps are handled here: no timeouts (each call runs under
a deadline), keys in exception messages (scrubbed), one request per text.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import requests

_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")

# DeepL's target languages (2025); it has no Swahili.
DEEPL_LANGUAGES = frozenset(
    "ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th "
    "tr uk vi zh".split()
)
_DEEPL_TARGET_VARIANTS = {"en": "EN-GB", "pt": "PT-PT"}  # bare EN/PT targets are deprecated
# Microsoft Translator covers these among many more (Swahili and Ukrainian included).
MICROSOFT_LANGUAGES = frozenset(
    "af am ar bg bn ca cs cy da de el en es et fa fi fr ha he hi hr hu id ig it ja ko lt lv "
    "mg ms nb nl pl pt ro ru rw sk sl so sq sr sv sw ta th tr uk ur vi yo zh zu".split()
)


class ProviderError(Exception):
    """A provider failed; ``status`` is the last HTTP status, if there was one."""

    def __init__(
        self,
        provider: str,
        message: str,
        status: int | None = None,
        secrets: Sequence[str | None] = (),
    ) -> None:
        self.provider, self.status = provider, status
        self.message = scrub(f"{provider}: {message}", secrets)
        super().__init__(self.message)


class ImplausibleAnswer(ProviderError):
    """The provider answered, but not with a usable translation of what was sent."""


def scrub(text: str, secrets: Sequence[str | None]) -> str:
    """Remove every secret from ``text``: an API key must never reach a log or terminal."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class Provider(Protocol):
    name: str

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate masked segment texts; the answer has one text per input, in order."""

    def supported_languages(self) -> frozenset[str]:
        """Language codes (``de``, ``sw``, ...) this provider can translate into."""


def coverage(provider: Provider, language: str) -> bool:
    """Can ``provider`` translate into ``language``? (The CLI refuses a language none covers.)"""
    return language.lower().split("-")[0] in provider.supported_languages()


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait and how often to try; small values in tests."""

    attempts: int = 4
    timeout: float | tuple[float, float] = (5.0, 60.0)  # (connect, read) seconds
    backoff: float = 1.0  # first pause; doubles per attempt
    max_pause: float = 30.0  # cap, also for Retry-After
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def pause(self, attempt: int, retry_after: float | None) -> float:
        wanted = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        return max(0.0, min(self.max_pause, wanted))


class _Retryable(Exception):
    def __init__(
        self, message: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.status, self.retry_after = message, status, retry_after


def with_retries(
    name: str, policy: RetryPolicy, call: Callable[[], Any], secrets: Sequence[str | None] = ()
) -> Any:
    """Run ``call``, retrying ``_Retryable`` failures with backoff; then ``ProviderError``."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except _Retryable as failure:
            if attempt == policy.attempts:
                raise ProviderError(
                    name,
                    f"{failure.message} (gave up after {attempt} attempts)",
                    failure.status,
                    secrets,
                ) from None
            policy.sleep(policy.pause(attempt, failure.retry_after))
    raise AssertionError("unreachable")


def check_plausible(name: str, texts: Sequence[str], answers: Any) -> list[str]:
    """Refuse an answer that cannot be a translation of ``texts``."""
    if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
        raise ImplausibleAnswer(name, "answer is not a list of texts")
    if len(answers) != len(texts):
        raise ImplausibleAnswer(name, f"sent {len(texts)} texts, got {len(answers)} back")
    for number, (text, answer) in enumerate(zip(texts, answers, strict=True), 1):
        if text.strip() and not answer.strip():
            raise ImplausibleAnswer(name, f"text {number} came back empty")
        sent = Counter(_PLACEHOLDER.findall(text))
        if Counter(_PLACEHOLDER.findall(answer)) != sent:
            raise ImplausibleAnswer(name, f"text {number}: placeholders changed")
    return answers


def _chunks(texts: list[str], size: int | None) -> Iterator[list[str]]:
    size = size or max(1, len(texts))
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


# ------------------------------------------------------------------------------ HTTP


class _HttpProvider:
    """Shared request handling: timeout, retry, status kept, key scrubbed."""

    name = "http"

    def __init__(
        self, api_key: str | None, policy: RetryPolicy | None, session: requests.Session | None
    ) -> None:
        self.api_key = api_key
        self.policy = policy or RetryPolicy()
        self.session = session or requests.Session()

    def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send one request (retried as needed) and return its decoded JSON."""
        response = with_retries(
            self.name, self.policy, lambda: self._attempt(method, url, **kwargs), [self.api_key]
        )
        try:
            return response.json()
        except ValueError:
            raise ImplausibleAnswer(
                self.name, f"answer from {url} is not JSON", response.status_code
            ) from None

    def _attempt(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=self.policy.timeout, **kwargs)
        except requests.Timeout:
            raise _Retryable(f"no answer from {url} within {self.policy.timeout} s") from None
        except requests.ConnectionError as error:
            raise _Retryable(f"cannot connect to {url} ({type(error).__name__})") from None
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Retryable(f"HTTP {status} from {url}", status, _retry_after(response))
        if status >= 400:
            detail = scrub(response.text[:200], [self.api_key])
            raise ProviderError(
                self.name, f"HTTP {status} from {url}: {detail}", status, [self.api_key]
            )
        return response


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        return None


class LibreTranslate(_HttpProvider):
    """A LibreTranslate server (often the municipality's own): one request per batch."""

    name = "libre"

    def __init__(
        self,
        endpoint: str,
        api_key: str | None = None,
        *,
        batch_size: int | None = None,
        policy: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        super().__init__(api_key, policy, session)
        self.endpoint = endpoint.rstrip("/")
        self.batch_size = batch_size  # None: the whole batch in one request
        self._languages: frozenset[str] | None = None

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        answers: list[str] = []
        for chunk in _chunks(texts, self.batch_size):
            body: dict[str, Any] = {
                "q": chunk,
                "source": source,
                "target": target,
                "format": "text",
            }
            if self.api_key:
                body["api_key"] = self.api_key
            data = self._request("POST", f"{self.endpoint}/translate", json=body)
            translated = data.get("translatedText") if isinstance(data, dict) else None
            answers += check_plausible(self.name, chunk, translated)
        return answers

    def supported_languages(self) -> frozenset[str]:
        """Asked from the server once: each installation has its own language models."""
        if self._languages is None:
            self._languages = self._ask_languages()
        return self._languages

    def _ask_languages(self) -> frozenset[str]:
        data = self._request("GET", f"{self.endpoint}/languages")
        if not isinstance(data, list):
            raise ImplausibleAnswer(self.name, "/languages did not return a list")
        return frozenset(
            str(item.get("code", "")).lower() for item in data if isinstance(item, dict)
        )


class DeepL(_HttpProvider):
    """DeepL API v2: POST with the ``Authorization`` header, up to 50 texts per request."""

    name = "deepl"
    batch_size = 50

    def __init__(
        self,
        api_key: str,
        endpoint: str | None = None,
        *,
        policy: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        super().__init__(api_key, policy, session)
        default = (
            "https://api-free.deepl.com" if api_key.endswith(":fx") else "https://api.deepl.com"
        )
        self.endpoint = (endpoint or default).rstrip("/")

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        if not coverage(self, target):
            raise ProviderError(self.name, f"DeepL cannot translate into {target!r}")
        headers = {"Authorization": f"DeepL-Auth-Key {self.api_key}"}
        target_lang = _DEEPL_TARGET_VARIANTS.get(target.lower(), target.upper())
        answers: list[str] = []
        for chunk in _chunks(texts, self.batch_size):
            form = [("text", text) for text in chunk]
            form += [("source_lang", source.upper()), ("target_lang", target_lang)]
            data = self._request(
                "POST", f"{self.endpoint}/v2/translate", data=form, headers=headers
            )
            items = data.get("translations") if isinstance(data, dict) else None
            texts_back = (
                [i.get("text") for i in items if isinstance(i, dict)]
                if isinstance(items, list)
                else None
            )
            answers += check_plausible(self.name, chunk, texts_back)
        return answers

    def supported_languages(self) -> frozenset[str]:
        return DEEPL_LANGUAGES


# -------------------------------------------------------------------- deep-translator


class DeepTranslator:
    """Google, Microsoft or MyMemory through deep-translator, one text per call.

    deep-translator sets no timeouts, so each call runs in a daemon thread under a
    deadline: a hung call cannot block the run (its thread is abandoned and ends
    with the process).
    """

    _CLASSES = {
        "google": "GoogleTranslator",
        "microsoft": "MicrosoftTranslator",
        "mymemory": "MyMemoryTranslator",
    }

    def __init__(
        self,
        name: str,
        api_key: str | None = None,
        *,
        region: str | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        if name not in self._CLASSES:
            raise ValueError(f"unknown deep-translator provider {name!r}")
        self.name, self.api_key, self.region = name, api_key, region
        self.policy = policy or RetryPolicy()

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        translator = self._call(lambda: self._translator(source, target))
        answers = [
            self._call(lambda t=text: translator.translate(t)) if text.strip() else text
            for text in texts
        ]
        return check_plausible(self.name, texts, answers)

    def supported_languages(self) -> frozenset[str]:
        if self.name == "microsoft":
            return MICROSOFT_LANGUAGES
        from deep_translator import constants

        table = (
            constants.GOOGLE_LANGUAGES_TO_CODES
            if self.name == "google"
            else constants.MY_MEMORY_LANGUAGES_TO_CODES
        )
        return frozenset(code.lower().split("-")[0] for code in table.values())

    def _translator(self, source: str, target: str) -> Any:
        import deep_translator

        cls = getattr(deep_translator, self._CLASSES[self.name])
        if self.name == "microsoft":  # its constructor already calls the service
            return cls(source=source, target=target, api_key=self.api_key, region=self.region)
        return cls(source=source, target=target)

    def _call(self, function: Callable[[], Any]) -> Any:
        return with_retries(self.name, self.policy, lambda: self._attempt(function), [self.api_key])

    def _attempt(self, function: Callable[[], Any]) -> Any:
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["value"] = function()
            except BaseException as error:  # handed to the calling thread
                outcome["error"] = error

        worker = threading.Thread(target=run, name=f"{self.name}-call", daemon=True)
        worker.start()
        worker.join(_total_seconds(self.policy.timeout))
        if worker.is_alive():
            raise _Retryable(f"no answer within {_total_seconds(self.policy.timeout)} s")
        if "error" in outcome:
            raise _classify(self.name, outcome["error"], self.api_key)
        return outcome["value"]


def _total_seconds(timeout: float | tuple[float, float]) -> float:
    return sum(timeout) if isinstance(timeout, tuple) else timeout


def _classify(name: str, error: BaseException, api_key: str | None) -> Exception:
    """Map a deep-translator exception: transient ones retry, the rest stop with a message."""
    kind = type(error).__name__
    if kind == "TooManyRequests":
        return _Retryable("HTTP 429 (too many requests)", 429)
    if isinstance(error, requests.RequestException) or kind in ("RequestError", "ServerException"):
        return _Retryable(f"{kind}: {scrub(str(error), [api_key])}")
    return ProviderError(name, f"{kind}: {error}", None, [api_key])


def coverage_table(languages: Sequence[str]) -> dict[str, list[str]]:
    """For each language, the providers known to translate into it without asking them.

    LibreTranslate is left out: each server has its own models (``coverage`` asks it).
    """
    known = {
        "deepl": DEEPL_LANGUAGES,
        "microsoft": MICROSOFT_LANGUAGES,
        "google": DeepTranslator("google").supported_languages(),
        "mymemory": DeepTranslator("mymemory").supported_languages(),
    }
    return {lang: [name for name, codes in known.items() if lang in codes] for lang in languages}
