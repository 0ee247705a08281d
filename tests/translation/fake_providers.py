"""A real HTTP server on 127.0.0.1 that speaks LibreTranslate and DeepL v2.

Tests talk to it through the real adapters (``requests`` is never mocked). It
answers with a deterministic pseudo-translation (``reverse_words``), records every
request, and can misbehave on purpose: 429 with Retry-After, hang past the
client's timeout, drop the connection, return the wrong number of texts, lose a
placeholder.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from pseudo_translation import reverse_words

LANGUAGES = ["de", "en", "es", "fr", "pt", "uk"]  # like a real server without Swahili


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


@dataclass
class Faults:
    """What the server does wrong, consumed request by request."""

    too_many: int = 0  # answer 429 this many times
    retry_after: str = "0"
    server_errors: int = 0  # answer 503 this many times
    hang: float = 0.0  # seconds to sleep before answering (every request)
    drop: int = 0  # close the connection without answering this many times
    down_after: int | None = None  # answer 503 to every translation after this many
    wrong_count: bool = False
    lose_placeholder: bool = False


@dataclass
class FakeProviders:
    """The server's state; ``url`` is set once it runs."""

    url: str = ""
    log: list[Request] = field(default_factory=list)
    faults: Faults = field(default_factory=Faults)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def translations(self, texts: list[str], target: str) -> list[str]:
        answers = [reverse_words(text, target) for text in texts]
        if self.faults.lose_placeholder:
            answers = [re.sub(r"⟦\d+⟧", "", answer, count=1) for answer in answers]
        return answers[:-1] if self.faults.wrong_count else answers

    def is_down(self) -> bool:
        """True once ``down_after`` translation requests have been answered."""
        if self.faults.down_after is None:
            return False
        translations = [r for r in self.log if r.path in ("/translate", "/v2/translate")]
        return len(translations) > self.faults.down_after

    def take(self, name: str) -> bool:
        """Consume one unit of a counted fault."""
        with self.lock:
            left = getattr(self.faults, name)
            if left:
                setattr(self.faults, name, left - 1)
            return bool(left)


def _handler(state: FakeProviders) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            request = Request(
                self.command,
                parts.path,
                parse_qs(parts.query),
                dict(self.headers.items()),
                self.rfile.read(length),
            )
            state.log.append(request)
            if state.faults.hang:
                state.released.wait(state.faults.hang)
            if state.take("drop"):
                self.close_connection = True
                return
            if state.take("too_many"):
                return self._send(
                    429, {"error": "slow down"}, {"Retry-After": state.faults.retry_after}
                )
            if state.take("server_errors") or state.is_down():
                return self._send(503, {"error": "unavailable"})
            self._route(request)

        def _route(self, request: Request) -> None:
            if request.method == "GET" and request.path == "/languages":
                return self._send(
                    200, [{"code": c, "name": c, "targets": LANGUAGES} for c in LANGUAGES]
                )
            if request.path == "/translate":
                body = request.json()
                return self._send(
                    200, {"translatedText": state.translations(body["q"], body["target"])}
                )
            if request.path == "/v2/translate":
                return self._deepl(request)
            self._send(404, {"error": "not found"})

        def _deepl(self, request: Request) -> None:
            if not request.headers.get("Authorization", "").startswith("DeepL-Auth-Key "):
                return self._send(403, {"message": "Wrong endpoint or key"})
            form = request.form()
            texts = state.translations(form["text"], form["target_lang"][0])
            self._send(
                200,
                {"translations": [{"detected_source_language": "DE", "text": t} for t in texts]},
            )

        def _send(self, status: int, payload: object, headers: dict | None = None) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (timeout test) is expected; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve() -> Iterator[FakeProviders]:
    """A FakeProviders server on a free port of 127.0.0.1, served from a thread."""
    state = FakeProviders()
    server = _Server(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        state.released.set()  # wake handlers that hang on purpose
        server.shutdown()
        server.server_close()
        thread.join()
