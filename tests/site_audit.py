"""Every page of a served site, opened in a real headless Chromium as readers open it.

Each page is loaded four times: at desktop width and at 360 px (an old phone), each in
the light and in the dark colour scheme (Material's palette follows the
``prefers-color-scheme`` the browser emulates for a new reader). In each variant axe-core
(``tests/vendor/axe-core``) checks the page against WCAG 2.0 and 2.1, levels A and AA.
While a page loads, every request, console message and script error is recorded; at
360 px the page's horizontal overflow and every element that scrolls sideways are
measured. Pages are visited several at a time in one browser (Playwright's async API in
a thread of its own, so the sync API of other tests is not disturbed).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from browser import async_chromium

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
AXE_VERSION = "4.14.1"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
SCHEMES = ("light", "dark")
DESKTOP, PHONE = (1280, 900), (360, 740)
CONCURRENCY = 3  # pages open at a time: enough to keep two cores busy

# Run in the page after axe: the page's own horizontal overflow, and each element of
# the content that scrolls sideways, with what shows a reader that it does.
MEASURE = """() => {
  const overflowing = el => {
    const style = getComputedStyle(el)
    return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
  }
  const describe = el => {
    const style = getComputedStyle(el)
    return {
      what: el.querySelector("table") ? "table"
        : el.closest("pre") ? "code"
        : el.classList.contains("tabbed-labels") ? "tabs" : el.tagName,
      where: (el.closest("[id]") || el).id || el.className,
      cue: style.maskImage !== "none" || style.webkitMaskImage !== "none",
      focusable: el.tabIndex >= 0,
      name: el.getAttribute("aria-label") || "",
    }
  }
  const root = document.documentElement
  return {
    overflow: root.scrollWidth - root.clientWidth,
    scrollers: [...document.querySelectorAll("article *")].filter(overflowing).map(describe),
  }
}"""


@dataclass(frozen=True)
class Violation:
    page: str
    variant: str
    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]  # "selector: what is wrong", one per element

    def __str__(self) -> str:
        nodes = "\n".join(f"      {node}" for node in self.nodes)
        return f"{self.page} [{self.variant}] {self.rule} ({self.impact}): {self.help}\n{nodes}"


@dataclass(frozen=True)
class Scroller:
    what: str  # "table", "code", ...
    where: str
    cue: bool  # the element shows that it scrolls (a faded edge)
    focusable: bool
    name: str


@dataclass(frozen=True)
class Variant:
    scheme: str  # "light" or "dark"
    width: int

    @property
    def name(self) -> str:
        return f"{self.scheme}, {'desktop' if self.width == DESKTOP[0] else f'{self.width} px'}"


@dataclass
class Visit:
    """One page in one variant."""

    page: str  # relative to the site's address, e.g. "en/kb/about/"
    variant: Variant
    status: int = 0  # of the page itself
    violations: list[Violation] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "URL: status or error"
    requested: list[str] = field(default_factory=list)  # every URL the page asked for
    console_errors: list[str] = field(default_factory=list)
    overflow: int = 0  # pixels the page is wider than the window
    scrollers: list[Scroller] = field(default_factory=list)


def page_addresses(site: Path) -> list[str]:
    """Every HTML page of a built site, as the address a reader opens (``x/`` for
    ``x/index.html``)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def audit(base: str, pages: Iterable[str]) -> list[Visit]:
    """Open every page in every variant (see the module docstring), in a thread of its own."""
    result: list[Visit] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.extend(asyncio.run(_audit(base, list(pages))))
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)

    thread = threading.Thread(target=run, name="site-audit")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result


async def _audit(base: str, pages: list[str]) -> list[Visit]:
    axe = AXE.read_text("utf-8")
    visits = []
    async with async_chromium() as browser:
        for scheme in SCHEMES:
            for width, height in (DESKTOP, PHONE):
                # A fresh context per variant: Material remembers the scheme of the first
                # page it showed, as it would for a new reader.
                context = await browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                await context.add_init_script(axe)
                queue = list(pages)
                variant = Variant(scheme, width)
                workers = [_worker(context, base, queue, variant) for _ in range(CONCURRENCY)]
                for done in await asyncio.gather(*workers):
                    visits.extend(done)
                await context.close()
    return sorted(visits, key=lambda visit: (visit.page, visit.variant.name))


async def _worker(context, base: str, queue: list[str], variant: Variant) -> list[Visit]:
    page = await context.new_page()
    visits = []
    while queue:
        visits.append(await _visit(page, base, queue.pop(0), variant))
    await page.close()
    return visits


async def _visit(page, base: str, address: str, variant: Variant) -> Visit:
    visit = Visit(address, variant)
    host = urlsplit(base).netloc
    pending: set = set()

    def on_request(request) -> None:
        pending.add(request)
        if not request.url.startswith(("data:", "blob:")):
            visit.requested.append(request.url)

    def on_finished(request) -> None:
        pending.discard(request)

    def on_response(response) -> None:
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            visit.status = response.status  # the page itself; an unknown address is a 404
        elif response.status >= 400:
            visit.failed.append(f"{response.url}: HTTP {response.status}")

    def on_failed(request) -> None:
        pending.discard(request)
        if urlsplit(request.url).netloc == host or not request.url.startswith("http"):
            visit.failed.append(f"{request.url}: {request.failure}")

    def on_console(message) -> None:
        # (An unknown address answers 404 as it should; the browser logs that too.)
        answered = message.location.get("url") == base + address and visit.status == 404
        if message.type == "error" and not answered:
            visit.console_errors.append(message.text)

    def on_error(error) -> None:
        visit.console_errors.append(f"uncaught: {error}")

    handlers = {
        "request": on_request,
        "requestfinished": on_finished,
        "response": on_response,
        "requestfailed": on_failed,
        "console": on_console,
        "pageerror": on_error,
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        await page.goto(base + address, wait_until="load")
        version = await page.evaluate("() => axe.version")
        assert version == AXE_VERSION, f"tests/vendor/axe-core is {version}, not {AXE_VERSION}"
        scheme = await page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if variant.scheme == "dark" else "default"), scheme
        visit.violations = await _violations(page, address, variant.name)
        measured = await page.evaluate(MEASURE)
        visit.overflow = measured["overflow"]
        visit.scrollers = [Scroller(**item) for item in measured["scrollers"]]
        await _settled(pending)
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return visit


async def _settled(pending: set, quiet: float = 0.1, limit: float = 10) -> None:
    """Until no request of the page has been open for ``quiet`` seconds (Playwright's
    "networkidle" waits half a second, which dominates a visit)."""
    waited = 0.0
    while waited < limit:
        if not pending:
            await asyncio.sleep(quiet)
            if not pending:
                return
        await asyncio.sleep(0.02)
        waited += 0.02
    raise AssertionError(f"requests still open after {limit} s: {[r.url for r in pending]}")


async def _violations(page, address: str, variant: str) -> list[Violation]:
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
    result = await page.evaluate("options => axe.run(document, options)", options)
    return [
        Violation(
            address,
            variant,
            violation["id"],
            violation["impact"] or "",
            violation["help"],
            tuple(
                f"{' '.join(map(str, node['target']))}: {' '.join(node['failureSummary'].split())}"
                for node in violation["nodes"]
            ),
        )
        for violation in result["violations"]
    ]
