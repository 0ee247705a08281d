"""Provider adapters against a real HTTP server on 127.0.0.1 (fake_providers)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from fake_providers import FakeProviders

from partnership_archive.translation.providers import (
    DeepL,
    DeepTranslator,
    ImplausibleAnswer,
    LibreTranslate,
    ProviderError,
    RetryPolicy,
    check_plausible,
    coverage,
    scrub,
)

KEY = "secret-key-1234:fx"
FAST = RetryPolicy(attempts=3, timeout=0.3, backoff=0.01, max_pause=0.05)
TEXTS = ["Guten Morgen ⟦1⟧ Welt⟦2⟧", "Zweiter Satz", "Dritter"]


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def libre(fake: FakeProviders, session: requests.Session, **options) -> LibreTranslate:
    return LibreTranslate(
        fake.url, KEY, policy=options.pop("policy", FAST), session=session, **options
    )


def deepl(fake: FakeProviders, session: requests.Session) -> DeepL:
    return DeepL(KEY, fake.url, policy=FAST, session=session)


def test_libre_sends_one_request_per_batch(fake: FakeProviders, session) -> None:
    answers = libre(fake, session).translate_batch(TEXTS, "de", "en")
    assert answers == ["[en] ⟦2⟧ Welt ⟦1⟧ Morgen Guten", "[en] Satz Zweiter", "[en] Dritter"]
    [request] = fake.log
    assert (request.method, request.path) == ("POST", "/translate")
    assert request.json() == {
        "q": TEXTS,
        "source": "de",
        "target": "en",
        "format": "text",
        "api_key": KEY,
    }


def test_libre_batch_size_splits_requests(fake: FakeProviders, session) -> None:
    libre(fake, session, batch_size=2).translate_batch(TEXTS, "de", "en")
    assert [len(r.json()["q"]) for r in fake.log] == [2, 1]


def test_deepl_posts_chunks_of_50_with_the_authorization_header(fake, session) -> None:
    texts = [f"Satz {n}" for n in range(120)]
    answers = deepl(fake, session).translate_batch(texts, "de", "en")
    assert answers[119] == "[EN-GB] 119 Satz"
    assert [len(r.form()["text"]) for r in fake.log] == [50, 50, 20]
    for request in fake.log:
        assert (request.method, request.path, request.query) == ("POST", "/v2/translate", {})
        assert request.headers["Authorization"] == f"DeepL-Auth-Key {KEY}"
        assert "auth_key" not in request.form() and KEY not in request.body.decode()
        assert (request.form()["source_lang"], request.form()["target_lang"]) == (["DE"], ["EN-GB"])


def test_deepl_default_endpoint_depends_on_the_key() -> None:
    assert DeepL("abc:fx").endpoint == "https://api-free.deepl.com"
    assert DeepL("abc").endpoint == "https://api.deepl.com"


def test_429_then_success_is_retried_honouring_retry_after(fake, session) -> None:
    fake.faults.too_many, fake.faults.retry_after = 2, "7"
    pauses: list[float] = []
    policy = RetryPolicy(attempts=3, timeout=0.3, backoff=0.01, max_pause=0.05, sleep=pauses.append)
    assert libre(fake, session, policy=policy).translate_batch(["Hallo"], "de", "en") == [
        "[en] Hallo"
    ]
    assert len(fake.log) == 3
    assert pauses == [0.05, 0.05]  # Retry-After 7 s, capped


def test_backoff_doubles() -> None:
    policy = RetryPolicy(backoff=1.0, max_pause=30)
    assert [policy.pause(n, None) for n in (1, 2, 3, 6)] == [1.0, 2.0, 4.0, 30]


def test_persistent_5xx_gives_up_with_status(fake, session) -> None:
    fake.faults.server_errors = 10
    with pytest.raises(ProviderError, match="HTTP 503.*gave up after 3 attempts") as caught:
        deepl(fake, session).translate_batch(["Hallo"], "de", "en")
    assert caught.value.status == 503 and len(fake.log) == 3


def test_client_errors_are_not_retried_and_keep_the_status(fake, session) -> None:
    provider = LibreTranslate(fake.url + "/nowhere", KEY, policy=FAST, session=session)
    with pytest.raises(ProviderError) as caught:
        provider.translate_batch(["Hallo"], "de", "en")
    assert caught.value.status == 404 and len(fake.log) == 1


def test_a_server_that_never_answers_times_out(fake, session) -> None:
    fake.faults.hang = 10
    started = time.monotonic()
    with pytest.raises(ProviderError, match="no answer") as caught:
        libre(fake, session).translate_batch(["Hallo"], "de", "en")
    assert time.monotonic() - started < 2
    assert KEY not in str(caught.value)


def test_dropped_connection_is_retried_then_succeeds(fake, session) -> None:
    fake.faults.drop = 1
    assert deepl(fake, session).translate_batch(["Hallo"], "de", "en") == ["[EN-GB] Hallo"]


def test_connection_refused_names_no_key(session) -> None:
    with socket_free_port() as port:
        provider = DeepL(KEY, f"http://127.0.0.1:{port}", policy=FAST, session=session)
        with pytest.raises(ProviderError, match="cannot connect") as caught:
            provider.translate_batch(["Hallo"], "de", "en")
    assert KEY not in str(caught.value) and caught.value.status is None


@pytest.mark.parametrize("fault", ["wrong_count", "lose_placeholder"])
def test_implausible_answers_are_refused(fake, session, fault: str) -> None:
    setattr(fake.faults, fault, True)
    for provider in (libre(fake, session), deepl(fake, session)):
        with pytest.raises(ImplausibleAnswer):
            provider.translate_batch(TEXTS, "de", "en")


def test_check_plausible() -> None:
    assert check_plausible("x", ["a ⟦1⟧"], ["b ⟦ 1 ⟧"]) == ["b ⟦ 1 ⟧"]
    for answers, message in [
        (["", ""], "text 1 came back empty"),
        (None, "not a list"),
        (["b"], "sent 2 texts, got 1"),
    ]:
        with pytest.raises(ImplausibleAnswer, match=message):
            check_plausible("x", ["a", "b"], answers)


def test_libre_coverage_comes_from_the_server(fake, session) -> None:
    provider = libre(fake, session)
    assert coverage(provider, "uk") and not coverage(provider, "sw")
    assert fake.log[-1].path == "/languages"


def test_static_coverage() -> None:
    deepl_provider = DeepL("k")
    assert coverage(deepl_provider, "uk") and not coverage(deepl_provider, "sw")
    assert coverage(DeepTranslator("microsoft", "k"), "sw")
    assert coverage(DeepTranslator("google"), "sw") and coverage(DeepTranslator("google"), "uk")


def test_deepl_refuses_an_uncovered_target_before_sending(fake, session) -> None:
    with pytest.raises(ProviderError, match="cannot translate into 'sw'"):
        deepl(fake, session).translate_batch(["Hallo"], "de", "sw")
    assert fake.log == []


def test_scrub() -> None:
    assert scrub("Unauthorized access with the api key abc", ["abc", None]) == (
        "Unauthorized access with the api key ***"
    )


def test_deep_translator_hang_is_cut_by_the_deadline() -> None:
    provider = DeepTranslator("google", policy=RetryPolicy(attempts=2, timeout=0.1, backoff=0.01))
    provider._translator = lambda source, target: _Hanging()
    with pytest.raises(ProviderError, match="no answer within 0.1 s"):
        provider.translate_batch(["Hallo"], "de", "en")


def test_deep_translator_errors_never_show_the_key() -> None:
    from deep_translator.exceptions import AuthorizationException

    provider = DeepTranslator("microsoft", KEY, policy=FAST)
    provider._translator = lambda source, target: _Raising(AuthorizationException(KEY))
    with pytest.raises(ProviderError) as caught:
        provider.translate_batch(["Hallo"], "de", "en")
    assert KEY not in str(caught.value) and "***" in str(caught.value)


class _Hanging:
    def translate(self, text: str) -> str:
        time.sleep(1)
        return text


class _Raising:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def translate(self, text: str) -> str:
        raise self.error


class socket_free_port:
    """A port on 127.0.0.1 where nothing listens."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        pass
