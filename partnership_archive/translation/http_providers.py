"""LibreTranslate and DeepL, spoken directly over HTTP (batched, with retries).

LibreTranslate gets ``format=html`` and DeepL ``tag_handling=xml``: the holes of a
segment travel as tags the engine keeps (``markup``). DeepL is called with POST and
the ``Authorization`` header (it refuses the ``auth_key`` query parameter that
deep-translator still sends).
"""

from __future__ import annotations

import contextlib
import socket
import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NameResolutionError

from .markup import HtmlTags, XmlTags
from .placeholders import Masked
from .providers import (
    DEEPL_LANGUAGES,
    Answer,
    DeadlinePassed,
    ImplausibleAnswer,
    ProviderError,
    Retryable,
    RetryPolicy,
    Unrecoverable,
    check_plausible,
    chunks,
    coverage,
    read_answers,
    scrub,
    with_retries,
    within_deadline,
)

_DEEPL_TARGET_VARIANTS = {"en": "EN-GB", "pt": "PT-PT"}  # bare EN/PT targets are deprecated


class _HttpProvider:
    """Shared request handling: deadline, retry, status kept, key scrubbed."""

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
            kind = response.headers.get("Content-Type", "no content type").split(";")[0]
            raise ProviderError(  # a web page (a login, a proxy) answers, not the service
                self.name,
                f"the answer from {url} is not JSON ({kind}): is the endpoint right?",
                response.status_code,
                unrecoverable=True,
            ) from None

    def _attempt(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.requests += 1
        response = self._fetch(method, url, **kwargs)
        status = response.status_code
        if status == 429 or status >= 500:
            raise Retryable(_status_text(status, url), status, _retry_after(response))
        if status >= 400:
            detail = " ".join(scrub(response.text, [self.api_key])[:200].split())
            raise ProviderError(
                self.name, f"{_status_text(status, url)}: {detail}", status, [self.api_key]
            )
        return response

    def _fetch(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """The whole response, headers and body, within one deadline.

        A read timeout only bounds the pause between two packets: a server that
        trickles a byte now and then would hold the run forever. The request runs in a
        worker thread that is abandoned (and its connection closed) at the deadline.
        """
        started: dict[str, requests.Response] = {}

        def fetch() -> requests.Response:
            started["response"] = response = self.session.request(
                method, url, timeout=self.policy.timeout, stream=True, **kwargs
            )
            response.content  # noqa: B018 - read the body, however slowly it comes
            return response

        try:
            return within_deadline(fetch, self.policy.deadline, f"{self.name}-request")
        except DeadlinePassed:
            _hang_up(started.get("response"))
            raise Retryable(
                f"no complete answer from {url} within {self.policy.deadline:g} s"
            ) from None
        except Exception as error:
            raise _failure(error, url, self.policy) from None


def _hang_up(response: requests.Response | None) -> None:
    """End a response another thread is still reading: shut its socket down.

    (Closing the response would wait for the reading thread's lock: forever, on a
    trickle.) Without a response yet, the thread is simply abandoned; it is a daemon.
    """
    connection = getattr(getattr(response, "raw", None), "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _failure(error: BaseException, url: str, policy: RetryPolicy) -> Exception:
    """What a failed request means: wait and retry, or stop with the fix."""
    if isinstance(error, requests.exceptions.SSLError):
        return Unrecoverable(
            f"the secure connection (TLS) to {url} failed: the server does not speak "
            "HTTPS, or its certificate is not trusted; check the endpoint's http/https"
        )
    if isinstance(error, requests.Timeout):
        return Retryable(f"no answer from {url} within {policy.read_timeout:g} s")
    if isinstance(error, requests.ConnectionError):
        reason = getattr(error.args[0] if error.args else None, "reason", None)
        if isinstance(reason, NameResolutionError):
            host = urlsplit(url).hostname
            return Unrecoverable(
                f"the server name '{host}' cannot be found (DNS); check the endpoint"
            )
        return Retryable(f"cannot connect to {url} ({_connection_problem(error)})")
    if isinstance(error, requests.RequestException):
        return Retryable(f"the request to {url} failed ({type(error).__name__})")
    return error if isinstance(error, Exception) else RuntimeError(str(error))


def _connection_problem(error: requests.ConnectionError) -> str:
    text = str(error)
    if "Connection refused" in text:
        return "connection refused: is the service running?"
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "the server closed the connection without answering"
    return type(error).__name__


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


def _status_text(status: int, url: str) -> str:
    meaning = {
        401: "the service refuses the API key",
        403: "the service refuses the request: is the API key right?",
        413: "the request is too large for the service: lower batch_size",
        429: "too many requests: the service's rate limit is reached",
        456: "the account's translation quota is used up",
    }.get(status)
    if meaning is None and status >= 500:
        meaning = "the service has a problem"
    return f"HTTP {status} from {url}" + (f" ({meaning})" if meaning else "")


class LibreTranslate(_HttpProvider):
    """A LibreTranslate server (often the municipality's own): one request per batch."""

    name = "libre"
    codec = HtmlTags()

    def __init__(
        self,
        endpoint: str,
        api_key: str | None = None,
        *,
        batch_size: int | None = 50,
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
            plausible = check_plausible(self.name, sent, translated)
            answers += read_answers(self.codec, chunk, plausible, [self.api_key])
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
    batch_characters = 30_000  # DeepL takes at most 128 KiB per request

    def __init__(
        self,
        api_key: str,
        endpoint: str | None = None,
        *,
        batch_size: int = 50,
        policy: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        super().__init__(api_key, policy, session)
        self.batch_size = min(50, batch_size)
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
            plausible = check_plausible(self.name, sent, texts_back)
            answers += read_answers(self.codec, chunk, plausible, [self.api_key])
        return answers

    def supported_languages(self) -> frozenset[str]:
        return DEEPL_LANGUAGES
