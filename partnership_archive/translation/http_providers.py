"""LibreTranslate and DeepL, spoken directly over HTTP (batched, with retries).

LibreTranslate gets ``format=html`` and DeepL ``tag_handling=xml``: the holes of a
segment travel as tags the engine keeps (``markup``). DeepL is called with POST and
the ``Authorization`` header (it refuses the ``auth_key`` query parameter that
deep-translator still sends).
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from .markup import HtmlTags, XmlTags
from .placeholders import Masked
from .providers import (
    DEEPL_LANGUAGES,
    Answer,
    ImplausibleAnswer,
    ProviderError,
    Retryable,
    RetryPolicy,
    check_plausible,
    chunks,
    coverage,
    read_answers,
    scrub,
    with_retries,
)

_DEEPL_TARGET_VARIANTS = {"en": "EN-GB", "pt": "PT-PT"}  # bare EN/PT targets are deprecated


class _HttpProvider:
    """Shared request handling: timeout, retry, status kept, key scrubbed."""

    name = "http"

    def __init__(
        self, api_key: str | None, policy: RetryPolicy | None, session: requests.Session | None
    ) -> None:
        self.api_key = api_key
        self.policy = policy or RetryPolicy()
        self.session = session or requests.Session()
        self.requests = 0  # HTTP requests sent, retries included (for the run's summary)

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
        self.requests += 1
        try:
            response = self.session.request(method, url, timeout=self.policy.timeout, **kwargs)
        except requests.Timeout:
            raise Retryable(f"no answer from {url} within {self.policy.timeout} s") from None
        except requests.ConnectionError as error:
            raise Retryable(f"cannot connect to {url} ({type(error).__name__})") from None
        status = response.status_code
        if status == 429 or status >= 500:
            raise Retryable(f"HTTP {status} from {url}", status, _retry_after(response))
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
    codec = HtmlTags()

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

    def translate_batch(self, texts: list[Masked], source: str, target: str) -> list[Answer]:
        answers: list[Answer] = []
        for chunk in chunks(texts, self.batch_size):
            sent = [self.codec.encode(masked) for masked in chunk]
            body: dict[str, Any] = {"q": sent, "source": source, "target": target, "format": "html"}
            if self.api_key:
                body["api_key"] = self.api_key
            data = self._request("POST", f"{self.endpoint}/translate", json=body)
            translated = data.get("translatedText") if isinstance(data, dict) else None
            answers += read_answers(self.codec, chunk, check_plausible(self.name, sent, translated))
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
    codec = XmlTags()
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

    def translate_batch(self, texts: list[Masked], source: str, target: str) -> list[Answer]:
        if not coverage(self, target):
            raise ProviderError(self.name, f"DeepL cannot translate into {target!r}")
        headers = {"Authorization": f"DeepL-Auth-Key {self.api_key}"}
        target_lang = _DEEPL_TARGET_VARIANTS.get(target.lower(), target.upper())
        answers: list[Answer] = []
        for chunk in chunks(texts, self.batch_size):
            sent = [self.codec.encode(masked) for masked in chunk]
            form = [("text", text) for text in sent]
            form += [("source_lang", source.upper()), ("target_lang", target_lang)]
            form += [("tag_handling", "xml"), ("ignore_tags", XmlTags.tag)]
            data = self._request(
                "POST", f"{self.endpoint}/v2/translate", data=form, headers=headers
            )
            items = data.get("translations") if isinstance(data, dict) else None
            texts_back = (
                [i.get("text") for i in items if isinstance(i, dict)]
                if isinstance(items, list)
                else None
            )
            answers += read_answers(self.codec, chunk, check_plausible(self.name, sent, texts_back))
        return answers

    def supported_languages(self) -> frozenset[str]:
        return DEEPL_LANGUAGES
