"""A real HTTP server on 127.0.0.1 that speaks LibreTranslate, DeepL v2, Microsoft
Translator v3, MyMemory and Google's web endpoint (the one deep-translator uses).

Tests talk to it through the real adapters (``requests`` is never mocked). It answers
with a deterministic pseudo-translation that behaves like a real engine (``Engine``):
words change, one tag moves within the sentence, spaces appear and disappear around
tags, quotes come back in the target language's style. It records every request and
can misbehave on purpose: 429 with Retry-After, hang past the client's timeout, drop
the connection, return the wrong number of texts, lose a tag, inject hostile text, and
after some healthy answers break for good (``Faults.broken``: a status, not JSON, the
wrong shape, fewer or more texts, a hung or trickling answer, an echo of the request).
"""

from __future__ import annotations

import html
import json
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LANGUAGES = ["de", "en", "es", "fr", "pt", "uk"]  # like a real server without Swahili

# How each markup mode writes a tag, and how it is found again.
TAGS = {
    "html": (re.compile(r'<x id="?(\d+)"?\s*>\s*</x>|<x id="?(\d+)"?\s*/>'), '<x id="{}"></x>'),
    "xml": (re.compile(r'<x i="(\d+)"\s*/>|<x i="(\d+)"\s*>\s*</x>'), '<x i="{}"/>'),
    "text": (re.compile(r"⟦\s*(\d+)\s*⟧"), "⟦{}⟧"),
}
QUOTES = {"de": ("„", "“"), "fr": ("« ", " »"), "en": ("“", "”")}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
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
    lose_placeholder: bool = False  # the first tag of every answer is lost
    inject: str = ""  # appended to every answer, as the mode's raw markup
    inject_text: str = ""  # appended to every answer as text (escaped in tag modes)
    prepend: str = ""  # put before every answer, as text
    replace_with: str = ""  # every answer is this (raw)
    # A broken answer to every translation request after the first ``healthy`` ones:
    # "status 503" (any status, with Retry-After), "not json", "wrong shape", "fewer",
    # "more", "hang" (never answers), "trickle" (headers, then a byte now and then,
    # forever), "echo" (HTTP 400 that repeats the request, API key included).
    broken: str = ""
    healthy: int = 0


@dataclass
class Engine:
    """A pseudo-translation that behaves like a real engine on tagged text.

    The words of each run between tags are reversed and the answer starts with
    ``(target)``; the first tag moves one word to the right when it can do so without
    passing another tag; spaces are added around every second tag and dropped around
    the others; ASCII double quotes become the target language's quotes.
    """

    mode: str

    def translate(self, text: str, target: str) -> str:
        pattern, _ = TAGS[self.mode]
        runs, tags, position = [], [], 0
        for match in pattern.finditer(text):
            runs.append(self._words(text[position : match.start()]))
            tags.append(next(group for group in match.groups() if group))
            position = match.end()
        runs.append(self._words(text[position:]))
        runs = [list(reversed(run)) for run in runs]
        if tags and len(runs[1]) >= 2:  # move the first tag past one word
            runs[0].append(runs[1].pop(0))
        runs[0].insert(0, f"({target})")
        return self._join(runs, tags, target)

    def _words(self, piece: str) -> list[str]:
        text = html.unescape(piece) if self.mode in ("html", "xml") else piece
        return text.split()

    def _join(self, runs: list[list[str]], tags: list[str], target: str) -> str:
        _, template = TAGS[self.mode]
        out = self._text(" ".join(runs[0]), target)
        for number, (tag, run) in enumerate(zip(tags, runs[1:], strict=True)):
            space = " " if number % 2 == 0 else ""
            out += f"{space}{template.format(tag)}{space}{self._text(' '.join(run), target)}"
        return out

    def _text(self, words: str, target: str) -> str:
        opening, closing = QUOTES.get(target.lower()[:2], ("“", "”"))
        words = re.sub(r'"([^"]*)"', lambda m: f"{opening}{m.group(1)}{closing}", words)
        return html.escape(words, quote=False) if self.mode in ("html", "xml") else words


@dataclass
class FakeProviders:
    """The server's state; ``url`` is set once it runs."""

    url: str = ""
    log: list[Request] = field(default_factory=list)
    faults: Faults = field(default_factory=Faults)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def translations(self, texts: list[str], target: str, mode: str) -> list[str]:
        engine, faults = Engine(mode), self.faults
        answers = [engine.translate(text, target) for text in texts]
        if faults.lose_placeholder:
            answers = [TAGS[mode][0].sub("", answer, count=1) for answer in answers]
        if faults.inject or faults.inject_text:
            extra = faults.inject_text
            extra = html.escape(extra, quote=False) if mode != "text" else extra
            answers = [f"{answer} {faults.inject}{extra}" for answer in answers]
        if faults.prepend:
            answers = [faults.prepend + answer for answer in answers]
        if faults.replace_with:
            answers = [faults.replace_with for _ in answers]
        return answers[:-1] if faults.wrong_count else answers

    def is_down(self) -> bool:
        """True once ``down_after`` translation requests have been answered."""
        if self.faults.down_after is None:
            return False
        paths = ("/translate", "/v2/translate", "/m", "/get")
        return len([r for r in self.log if r.path in paths]) > self.faults.down_after

    def breaks(self, request: Request) -> bool:
        """True for a translation request that ``faults.broken`` is to spoil."""
        if not self.faults.broken or request.path not in ("/translate", "/v2/translate"):
            return False
        done = [r for r in self.log if r.path in ("/translate", "/v2/translate")]
        return len(done) > self.faults.healthy

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
            if state.breaks(request):
                return self._broken(request, state.faults.broken)
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

        def _broken(self, request: Request, kind: str) -> None:
            if kind.startswith("status "):
                retry = {"Retry-After": state.faults.retry_after}
                return self._send(int(kind.split()[1]), {"error": "no"}, retry)
            if kind == "not json":
                page = "<html><body>Bitte melden Sie sich an.</body></html>"
                return self._send(200, page, content_type="text/html")
            if kind == "wrong shape":
                return self._send(200, {"translatedText": "Hallo", "detectedLanguage": "de"})
            if kind in ("fewer", "more"):
                texts = state.translations(request.json()["q"], "en", "html")
                texts = texts[:-1] if kind == "fewer" else [*texts, "(en) extra"]
                return self._send(200, {"translatedText": texts})
            if kind == "hang":
                state.released.wait(60)
                return None
            if kind == "trickle":
                return self._trickle()
            if kind == "echo":
                return self._send(400, {"error": f"cannot read {request.body.decode()}"})
            raise ValueError(f"unknown fault {kind!r}")

        def _trickle(self) -> None:
            """A valid start, then one byte every 0.1 s: no read ever times out."""
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            while not state.released.wait(0.1):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:  # the client gave up
                    return

        def _route(self, request: Request) -> None:
            if request.method == "GET" and request.path == "/languages":
                return self._send(
                    200, [{"code": c, "name": c, "targets": LANGUAGES} for c in LANGUAGES]
                )
            if request.path == "/translate" and "api-version" in request.query:
                return self._microsoft(request)
            if request.path == "/translate":
                body = request.json()
                mode = "html" if body.get("format") == "html" else "text"
                texts = state.translations(body["q"], body["target"], mode)
                return self._send(200, {"translatedText": texts})
            if request.path == "/v2/translate":
                return self._deepl(request)
            if request.path == "/m":
                return self._google(request)
            if request.path == "/get":
                return self._mymemory(request)
            self._send(404, {"error": "not found"})

        def _deepl(self, request: Request) -> None:
            if not request.headers.get("Authorization", "").startswith("DeepL-Auth-Key "):
                return self._send(403, {"message": "Wrong endpoint or key"})
            form = request.form()
            mode = "xml" if form.get("tag_handling") == ["xml"] else "text"
            texts = state.translations(form["text"], form["target_lang"][0], mode)
            self._send(
                200,
                {"translations": [{"detected_source_language": "DE", "text": t} for t in texts]},
            )

        def _microsoft(self, request: Request) -> None:
            if not request.headers.get("Ocp-Apim-Subscription-Key"):
                return self._send(401, {"error": {"code": 401000, "message": "no key"}})
            mode = "html" if request.query.get("textType") == ["html"] else "text"
            target = request.query["to"][0]
            texts = state.translations([item["text"] for item in request.json()], target, mode)
            self._send(200, [{"translations": [{"text": t, "to": target}]} for t in texts])

        def _google(self, request: Request) -> None:
            [answer] = state.translations(request.query["q"], request.query["tl"][0], "text")
            page = f'<html><body><div class="result-container">{html.escape(answer)}</div>'
            self._send(200, page + "</body></html>", content_type="text/html; charset=utf-8")

        def _mymemory(self, request: Request) -> None:
            target = request.query["langpair"][0].split("|")[1]
            [answer] = state.translations(request.query["q"], target, "text")
            self._send(200, {"responseData": {"translatedText": answer}, "matches": []})

        def _send(
            self,
            status: int,
            payload: object,
            headers: dict | None = None,
            content_type: str = "application/json",
        ) -> None:
            text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
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
def serve(port: int = 0) -> Iterator[FakeProviders]:
    """A FakeProviders server on 127.0.0.1 (a free port by default), served from a thread."""
    state = FakeProviders()
    server = _Server(("127.0.0.1", port), _handler(state))
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
