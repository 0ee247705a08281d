"""The one boundary between the archive and machine translation services.

``workflow`` hands a ``Provider`` protected segments (``placeholders.Masked``: text
runs and holes) and gets, per segment, the provider's answer in the same form or a
``Refused`` saying why that one answer is unusable. Each provider speaks its own
markup (``markup``): tags where the service preserves them, ``⟦n⟧`` otherwise.

Every request has a deadline for the whole answer (a server that trickles cannot
hold a run); 429, 5xx, timeouts and refused connections are retried with bounded
exponential backoff (``Retry-After`` honoured, capped); a TLS or DNS failure is not
(``Unrecoverable``: it needs a fix, not patience). Then ``ProviderError`` with the
HTTP status and a one-line message, never with an API key in it (``scrub``). A batch
answer that cannot be matched to what was sent (not JSON, wrong shape, wrong count)
raises ``ImplausibleAnswer``; an answer that holds the API key is refused. The
services themselves live in ``http_providers`` (LibreTranslate, DeepL) and
``deep_translator_providers`` (Google, Microsoft, MyMemory).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote, quote_plus

from .markup import Codec, MarkupError
from .placeholders import Masked

# DeepL's target languages (2025); it has no Swahili.
DEEPL_LANGUAGES = frozenset(
    "ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th "
    "tr uk vi zh".split()
)
# Microsoft Translator covers these among many more (Swahili and Ukrainian included).
MICROSOFT_LANGUAGES = frozenset(
    "af am ar bg bn ca cs cy da de el en es et fa fi fr ha he hi hr hu id ig it ja ko lt lv "
    "mg ms nb nl pl pt ro ru rw sk sl so sq sr sv sw ta th tr uk ur vi yo zh zu".split()
)


class ProviderError(Exception):
    """A provider failed; ``status`` is the last HTTP status, if there was one.

    ``unrecoverable``: waiting will not help (DNS, TLS): the settings need a fix."""

    def __init__(
        self,
        provider: str,
        message: str,
        status: int | None = None,
        secrets: Sequence[str | None] = (),
        unrecoverable: bool = False,
    ) -> None:
        self.provider, self.status, self.unrecoverable = provider, status, unrecoverable
        self.message = scrub(f"{provider}: {message}", secrets)
        super().__init__(self.message)


class ImplausibleAnswer(ProviderError):
    """The provider answered, but not with a usable translation of what was sent."""


@dataclass(frozen=True)
class Refused:
    """One answer of a batch that cannot be used; its segment stays in the source language."""

    reason: str


Answer = Masked | Refused


def scrub(text: str, secrets: Sequence[str | None]) -> str:
    """Remove every secret from ``text``: an API key must never reach a log or terminal.

    Also in the forms a server may echo it: URL-encoded (form bodies, query strings).
    """
    for secret in secrets:
        if secret:
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                text = text.replace(form, "***")
    return text


class Provider(Protocol):
    name: str
    codec: Codec
    batch_size: int | None  # texts per call (``sending`` batches by it)
    requests: int  # requests made so far, retries included

    def translate_batch(self, texts: list[Masked], source: str, target: str) -> list[Answer]:
        """Translate protected segments; one answer per segment, in order."""

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

    @property
    def read_timeout(self) -> float:
        return self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout

    @property
    def deadline(self) -> float:
        """Seconds for one whole attempt, from connecting to the answer's last byte."""
        return sum(self.timeout) if isinstance(self.timeout, tuple) else 2 * self.timeout

    def pause(self, attempt: int, retry_after: float | None) -> float:
        wanted = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        return max(0.0, min(self.max_pause, wanted))


class DeadlinePassed(Exception):
    """``within_deadline``: the call had not returned in time (its thread is abandoned)."""


def within_deadline(function: Callable[[], Any], seconds: float, name: str) -> Any:
    """``function()`` in a daemon thread: its value or its exception, or ``DeadlinePassed``.

    Libraries' own timeouts bound single socket operations only (deep-translator sets
    none at all); a call that hangs or trickles is abandoned here and ends with the
    process.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the calling thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise DeadlinePassed(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class Unrecoverable(Exception):
    """A failure that another attempt will not cure (TLS, DNS): stop with its message."""


class Retryable(Exception):
    """A failure worth another attempt (busy, down, unreachable)."""

    def __init__(
        self, message: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.status, self.retry_after = message, status, retry_after


def with_retries(
    name: str, policy: RetryPolicy, call: Callable[[], Any], secrets: Sequence[str | None] = ()
) -> Any:
    """Run ``call``, retrying ``Retryable`` failures with backoff; then ``ProviderError``."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except Unrecoverable as failure:
            raise ProviderError(name, str(failure), None, secrets, unrecoverable=True) from None
        except Retryable as failure:
            if attempt == policy.attempts:
                tries = "1 attempt" if attempt == 1 else f"{attempt} attempts"
                raise ProviderError(
                    name, f"{failure.message}; gave up after {tries}", failure.status, secrets
                ) from None
            policy.sleep(policy.pause(attempt, failure.retry_after))
    raise AssertionError("unreachable")


def check_plausible(name: str, texts: Sequence[str], answers: Any) -> list[str]:
    """Refuse a batch answer that cannot be matched to ``texts`` (count, type)."""
    if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
        raise ImplausibleAnswer(name, "answer is not a list of texts")
    if len(answers) != len(texts):
        raise ImplausibleAnswer(name, f"sent {len(texts)} texts, got {len(answers)} back")
    return answers


def read_answers(
    codec: Codec,
    sent: Sequence[Masked],
    answers: Sequence[str],
    secrets: Sequence[str | None] = (),
) -> list[Answer]:
    """Decode each raw answer strictly; an unusable one becomes ``Refused``, not an error.

    An answer that holds a secret (a proxy echoing the request) is refused: it would
    end up in a mirror, in the memory, in Git and on the site.
    """
    read: list[Answer] = []
    for number, (masked, answer) in enumerate(zip(sent, answers, strict=True), 1):
        if not answer.strip():
            read.append(Refused(f"text {number} came back empty"))
            continue
        if scrub(answer, secrets) != answer:
            read.append(Refused(f"text {number} came back with the API key in it"))
            continue
        try:
            read.append(codec.decode(answer, masked))
        except MarkupError as error:
            read.append(Refused(f"text {number}: {error}"))
    return read


def chunks(texts: list[Any], size: int | None) -> Iterator[list[Any]]:
    size = size or max(1, len(texts))
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


def deep_translator_languages(name: str) -> frozenset[str]:
    """Target languages of a deep-translator service, known without asking it."""
    if name == "microsoft":
        return MICROSOFT_LANGUAGES
    from deep_translator import constants

    table = (
        constants.GOOGLE_LANGUAGES_TO_CODES
        if name == "google"
        else constants.MY_MEMORY_LANGUAGES_TO_CODES
    )
    return frozenset(code.lower().split("-")[0] for code in table.values())


def coverage_table(languages: Sequence[str]) -> dict[str, list[str]]:
    """For each language, the providers known to translate into it without asking them.

    LibreTranslate is left out: each server has its own models (``coverage`` asks it).
    """
    known = {
        "deepl": DEEPL_LANGUAGES,
        "microsoft": MICROSOFT_LANGUAGES,
        "google": deep_translator_languages("google"),
        "mymemory": deep_translator_languages("mymemory"),
    }
    return {lang: [name for name, codes in known.items() if lang in codes] for lang in languages}
