"""Provider adapters against a real HTTP server on 127.0.0.1 (fake_providers).

Each service gets the holes of a segment in its own markup and its answer is read
back strictly; the fake engine moves tags and re-spaces them like a real one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from fake_providers import FakeProviders

from partnership_archive.translation.deep_translator_providers import DeepTranslator
from partnership_archive.translation.http_providers import DeepL, LibreTranslate
from partnership_archive.translation.placeholders import Hole, Masked, protect
from partnership_archive.translation.providers import (
    ImplausibleAnswer,
    ProviderError,
    Refused,
    RetryPolicy,
    check_plausible,
    coverage,
    scrub,
)

KEY = "secret-key-1234:fx"
FAST = RetryPolicy(attempts=3, timeout=0.3, backoff=0.01, max_pause=0.05)
SOURCES = ["Guten Morgen `x` liebe **Welt**", "Zweiter Satz", "Dritter"]
TEXTS = [protect(text).masked for text in SOURCES]


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


def masked(*parts: object) -> Masked:
    return Masked(tuple(Hole(p) if isinstance(p, int) else p for p in parts))


def test_libre_sends_html_with_one_tag_per_hole_in_one_request(fake, session) -> None:
    answers = libre(fake, session).translate_batch(TEXTS, "de", "en")
    [request] = fake.log
    assert (request.method, request.path) == ("POST", "/translate")
    assert request.json() == {
        "q": [
            'Guten Morgen <x id="1"></x> liebe <x id="2"></x>Welt<x id="3"></x>',
            "Zweiter Satz",
            "Dritter",
        ],
        "source": "de",
        "target": "en",
        "format": "html",
        "api_key": KEY,
    }
    # the engine re-spaced the tags; each hole comes back once, as a hole
    assert answers[0] == masked("(en) Morgen Guten ", 1, " liebe", 2, "Welt ", 3, " ")
    assert answers[1:] == [masked("(en) Satz Zweiter"), masked("(en) Dritter")]


def test_libre_batch_size_splits_requests(fake: FakeProviders, session) -> None:
    libre(fake, session, batch_size=2).translate_batch(TEXTS, "de", "en")
    assert [len(r.json()["q"]) for r in fake.log] == [2, 1]


def test_deepl_posts_xml_in_chunks_of_50_with_the_authorization_header(fake, session) -> None:
    texts = [protect(f"Satz {n} `x`").masked for n in range(120)]
    answers = deepl(fake, session).translate_batch(texts, "de", "en")
    assert answers[119] == masked("(EN-GB) 119 Satz ", 1, " ")
    assert [len(r.form()["text"]) for r in fake.log] == [50, 50, 20]
    for request in fake.log:
        form = request.form()
        assert (request.method, request.path, request.query) == ("POST", "/v2/translate", {})
        assert request.headers["Authorization"] == f"DeepL-Auth-Key {KEY}"
        assert "auth_key" not in form and KEY not in request.body.decode()
        assert (form["source_lang"], form["target_lang"]) == (["DE"], ["EN-GB"])
        assert (form["tag_handling"], form["ignore_tags"]) == (["xml"], ["x"])
        assert form["text"][0] == 'Satz 0 <x i="1"/>' or request is not fake.log[0]


def test_deepl_default_endpoint_depends_on_the_key() -> None:
    assert DeepL("abc:fx").endpoint == "https://api-free.deepl.com"
    assert DeepL("abc").endpoint == "https://api.deepl.com"


def test_429_then_success_is_retried_honouring_retry_after(fake, session) -> None:
    fake.faults.too_many, fake.faults.retry_after = 2, "7"
    pauses: list[float] = []
    policy = RetryPolicy(attempts=3, timeout=0.3, backoff=0.01, max_pause=0.05, sleep=pauses.append)
    answer = libre(fake, session, policy=policy).translate_batch([masked("Hallo")], "de", "en")
    assert answer == [masked("(en) Hallo")]
    assert len(fake.log) == 3
    assert pauses == [0.05, 0.05]  # Retry-After 7 s, capped


def test_backoff_doubles() -> None:
    policy = RetryPolicy(backoff=1.0, max_pause=30)
    assert [policy.pause(n, None) for n in (1, 2, 3, 6)] == [1.0, 2.0, 4.0, 30]


def test_persistent_5xx_gives_up_with_status(fake, session) -> None:
    fake.faults.server_errors = 10
    with pytest.raises(ProviderError, match="HTTP 503.*gave up after 3 attempts") as caught:
        deepl(fake, session).translate_batch([masked("Hallo")], "de", "en")
    assert caught.value.status == 503 and len(fake.log) == 3


def test_client_errors_are_not_retried_and_keep_the_status(fake, session) -> None:
    provider = LibreTranslate(fake.url + "/nowhere", KEY, policy=FAST, session=session)
    with pytest.raises(ProviderError) as caught:
        provider.translate_batch([masked("Hallo")], "de", "en")
    assert caught.value.status == 404 and len(fake.log) == 1


def test_a_server_that_never_answers_times_out(fake, session) -> None:
    fake.faults.hang = 10
    started = time.monotonic()
    with pytest.raises(ProviderError, match="no answer") as caught:
        libre(fake, session).translate_batch([masked("Hallo")], "de", "en")
    assert time.monotonic() - started < 2
    assert KEY not in str(caught.value)


def test_dropped_connection_is_retried_then_succeeds(fake, session) -> None:
    fake.faults.drop = 1
    assert deepl(fake, session).translate_batch([masked("Hallo")], "de", "en") == [
        masked("(EN-GB) Hallo")
    ]


def test_connection_refused_names_no_key(session) -> None:
    with socket_free_port() as port:
        provider = DeepL(KEY, f"http://127.0.0.1:{port}", policy=FAST, session=session)
        with pytest.raises(ProviderError, match="cannot connect") as caught:
            provider.translate_batch([masked("Hallo")], "de", "en")
    assert KEY not in str(caught.value) and caught.value.status is None


def test_a_wrong_number_of_answers_refuses_the_batch(fake, session) -> None:
    fake.faults.wrong_count = True
    for provider in (libre(fake, session), deepl(fake, session)):
        with pytest.raises(ImplausibleAnswer, match="sent 3 texts, got 2 back"):
            provider.translate_batch(TEXTS, "de", "en")


def test_a_lost_tag_refuses_that_answer_only(fake, session) -> None:
    fake.faults.lose_placeholder = True
    for provider in (libre(fake, session), deepl(fake, session)):
        first, *rest = provider.translate_batch(TEXTS, "de", "en")
        assert first == Refused("text 1: sent tags [1, 2, 3], got back [2, 3]")
        assert all(isinstance(answer, Masked) for answer in rest)


def test_markup_the_engine_made_up_refuses_the_answer(fake, session) -> None:
    fake.faults.inject = "<script>alert(1)</script>"
    for provider in (libre(fake, session), deepl(fake, session)):
        answers = provider.translate_batch(TEXTS, "de", "en")
        assert [a.reason for a in answers] == [
            f"text {n}: unexpected tag <script> in the answer" for n in (1, 2, 3)
        ]


def test_escaped_markup_in_an_answer_is_text_unescaped_once(fake, session) -> None:
    fake.faults.inject_text = "<b>&lt;</b>"  # sent by the engine as &lt;b&gt;&amp;lt;&lt;/b&gt;
    for provider in (libre(fake, session), deepl(fake, session)):
        [answer] = provider.translate_batch([masked("Hallo")], "de", "en")
        assert answer.parts[-1].endswith(" <b>&lt;</b>")


def test_check_plausible() -> None:
    assert check_plausible("x", ["a"], ["b"]) == ["b"]
    for answers, message in [(None, "not a list"), (["b"], "sent 2 texts, got 1")]:
        with pytest.raises(ImplausibleAnswer, match=message):
            check_plausible("x", ["a", "b"], answers)


def test_an_empty_answer_is_refused(fake, session) -> None:
    fake.faults.replace_with = " "
    [answer] = libre(fake, session).translate_batch([masked("Hallo")], "de", "en")
    assert answer == Refused("text 1 came back empty")


def test_microsoft_gets_html_through_deep_translator(fake) -> None:
    provider = DeepTranslator("microsoft", KEY, endpoint=fake.url, policy=FAST)
    answers = provider.translate_batch(TEXTS[:2], "de", "en")
    assert answers == [
        masked("(en) Morgen Guten ", 1, " liebe", 2, "Welt ", 3, " "),
        masked("(en) Satz Zweiter"),
    ]
    assert [r.path for r in fake.log] == ["/translate", "/translate"]  # no languages request
    request = fake.log[0]
    assert request.query["textType"] == ["html"] and request.query["to"] == ["en"]
    sent = 'Guten Morgen <x id="1"></x> liebe <x id="2"></x>Welt<x id="3"></x>'
    assert request.json() == [{"text": sent}]
    assert request.headers["Ocp-Apim-Subscription-Key"] == KEY


def test_google_gets_placeholders_through_deep_translator(fake) -> None:
    provider = DeepTranslator("google", endpoint=fake.url, policy=FAST)
    [answer] = provider.translate_batch(TEXTS[:1], "de", "fr")
    assert fake.log[0].query["q"] == ["Guten Morgen ⟦1⟧ liebe ⟦2⟧Welt⟦3⟧"]
    assert answer == masked("(fr) Morgen Guten ", 1, " liebe", 2, "Welt ", 3)


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
    with pytest.raises(ProviderError, match="no answer within 0.2 s"):
        provider.translate_batch([masked("Hallo")], "de", "en")


def test_deep_translator_errors_never_show_the_key() -> None:
    from deep_translator.exceptions import AuthorizationException

    provider = DeepTranslator("microsoft", KEY, policy=FAST)
    provider._translator = lambda source, target: _Raising(AuthorizationException(KEY))
    with pytest.raises(ProviderError) as caught:
        provider.translate_batch([masked("Hallo")], "de", "en")
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


def test_mymemory_gets_placeholders_and_its_regional_language_codes(fake) -> None:
    provider = DeepTranslator("mymemory", endpoint=fake.url, policy=FAST)
    [answer] = provider.translate_batch(TEXTS[:1], "de", "sw")
    assert fake.log[0].query["langpair"] == ["de-DE|sw-KE"]
    assert fake.log[0].query["q"] == ["Guten Morgen ⟦1⟧ liebe ⟦2⟧Welt⟦3⟧"]
    assert answer == masked("(sw-KE) Morgen Guten ", 1, " liebe", 2, "Welt ", 3, " ")


def test_a_text_longer_than_the_service_takes_is_refused_before_sending(fake) -> None:
    provider = DeepTranslator("mymemory", endpoint=fake.url, policy=FAST)
    [answer] = provider.translate_batch([masked("Wort " * 100)], "de", "en")
    assert answer == Refused("text 1: longer than mymemory accepts (500 characters)")
    assert fake.log == []
