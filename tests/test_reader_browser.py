"""What a reader does on the three-language site, in a real Chromium: search in each
language, switch languages, get everywhere by keyboard alone with the focus always in
sight, read wide tables on a phone. The site is tests/test_site_audit.py's (the sample
plus tests/fixtures/reader, served by nginx); one browser serves the whole module.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import chromium, search
from builds import REPO

# Pages of every kind, in the three languages (de at the root).
ACTION_PLAN = "partnerships/talbach-nyota/aktionsplan-2025/"  # wide table, task list, footnote
ACTA = "partnerships/weidenfeld-santa-lucia/actas/2025-02-14-comision/"  # Spanish original
TABS = "kb/adding-documents/"  # content tabs, code blocks
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# The focused element, and whether a reader sees where the focus is: the element (or,
# for a check box or radio button drawn by its label, that label) is on screen and has
# an outline or a shadow.
FOCUS = """() => {
  const element = document.activeElement
  const candidates = [element, ...(element.labels || [])]
  const next = element.nextElementSibling
  if (next && next.tagName === "LABEL") candidates.push(next)
  const shown = candidate => {
    const style = getComputedStyle(candidate)
    const box = candidate.getBoundingClientRect()
    const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < innerWidth && box.top < innerHeight
    const marked = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none"
    return onScreen && marked && style.visibility === "visible" && Number(style.opacity) > 0
  }
  const name = (element.getAttribute("aria-label") || element.textContent || "").trim()
  return {
    tag: element.tagName.toLowerCase(),
    name: name.replace(/\\s+/g, " ").slice(0, 60),
    classes: String(element.className),
    inArticle: Boolean(element.closest("article")),
    visible: candidates.some(shown),
    path: [...candidates].map(c => c.tagName + "." + String(c.className)).join(" / "),
  }
}"""
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important }"


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def open_page(browser, url: str, viewport: dict = DESKTOP):
    page = browser.new_page(viewport=viewport)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_style_tag(content=NO_MOTION)  # the focus is measured, not its animation
    return page


def tab_stops(page, limit: int = 200) -> list[dict]:
    """Every element Tab reaches from the top of the page, until the focus comes round
    to the first one again (no trap) or leaves the page."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            return stops
        stops.append(stop)
    raise AssertionError(f"Tab never left the page: {len(stops)} stops, last {stops[-3:]}")


def path_of(url: str, base: str) -> str:
    return urlsplit(url).path.removeprefix(urlsplit(base).path)


def in_language(path: str, folder: str) -> bool:
    """German pages are at the root, the others in their folder."""
    return path.startswith(folder) if folder else not path.startswith(("en/", "es/"))


@pytest.mark.parametrize(
    ("start", "query", "folder", "expected"),
    [
        (ACTA, "Genossenschaft", "", ACTA),
        (f"en/{ACTION_PLAN}", "canteen", "en/", f"en/{ACTION_PLAN}"),
        (f"es/{ACTA}", "cooperativa", "es/", f"es/{ACTA}"),
    ],
)
def test_search_finds_pages_of_the_language_it_is_started_in(
    reader_server, browser, start, query, folder, expected
):
    found = search(browser, reader_server + start, query)
    paths = [path_of(link, reader_server) for link, _ in found.results]
    assert expected in paths, (found.meta, paths)
    assert all(in_language(path, folder) for path in paths), paths


@pytest.mark.parametrize(
    ("start", "query", "result"),
    [
        ("es/", "Kantinen", "Aktionsplan 2025 (alemán)"),  # German and English only
        ("en/", "cosecha", "Informe de la cosecha de café 2024 (Spanish)"),  # Spanish only
        ("", "cosecha", "Informe de la cosecha de café 2024 (Spanisch)"),
    ],
)
def test_a_result_shown_in_its_original_language_says_which(
    reader_server, browser, start, query, result
):
    found = search(browser, reader_server + start, query)
    assert result in [title for _, title in found.results], found


def test_the_number_of_results_is_announced_to_screen_readers(reader_server, browser):
    page = open_page(browser, reader_server + "es/")
    page.focus("input[name=query]")
    page.keyboard.type("café", delay=30)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.match(/\\d/)"
    )
    assert meta.get_attribute("role") == "status"
    assert meta.get_attribute("aria-live") == "polite"
    page.close()


@pytest.mark.parametrize(
    ("start", "steps"),
    [
        (ACTION_PLAN, [("English", f"en/{ACTION_PLAN}"), ("Español", f"es/{ACTION_PLAN}")]),
        (f"es/{ACTA}", [("Deutsch", ACTA), ("English", f"en/{ACTA}")]),
        ("404.html", [("English", "en/404.html"), ("Español", "es/404.html")]),
    ],
)
def test_the_language_selector_keeps_the_document(reader_server, browser, start, steps):
    """By keyboard: Tab to the selector, on to the language, Enter."""
    page = open_page(browser, reader_server + start)
    for language, target in steps:
        for _ in range(30):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS)
            if "md-select__link" in focused["classes"] and focused["name"] == language:
                break
        else:
            raise AssertionError(f"Tab does not reach '{language}' on {page.url}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        assert path_of(page.url, reader_server) == target
    page.close()


KEYBOARD_PAGES = ["", f"en/{TABS}", f"es/{ACTION_PLAN}", "es/partnerships/", "404.html"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "360px"])
@pytest.mark.parametrize("address", KEYBOARD_PAGES)
def test_keyboard_alone_reaches_search_languages_and_content_with_the_focus_in_sight(
    reader_server, browser, address, viewport
):
    page = open_page(browser, reader_server + address, viewport)
    stops = tab_stops(page)
    page.close()
    names = [stop["name"] for stop in stops]
    assert "md-skip" in stops[0]["classes"], names[:3]
    assert any("md-search__input" in stop["classes"] for stop in stops), names
    assert {"Deutsch", "English", "Español"} <= {
        stop["name"] for stop in stops if "md-select__link" in stop["classes"]
    }, names
    assert any(stop["inArticle"] for stop in stops), names
    if viewport is PHONE:  # the navigation drawer opens from its button
        assert any(
            stop["tag"] == "label" and "md-header__button" in stop["classes"] for stop in stops
        )
    unseen = [f"{stop['name']!r} ({stop['path']})" for stop in stops if not stop["visible"]]
    assert not unseen, f"{len(unseen)} of {len(stops)} Tab stops show no focus: {unseen}"


def test_skip_to_content_lands_on_the_title_above_the_notes(reader_server, browser):
    page = open_page(browser, reader_server + ACTA)  # a machine translation: a note first
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["name"] == "Zum Inhalt"
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "__title"
    title = page.locator("article h1")
    assert title.get_attribute("id") == "__title"
    assert title.inner_text() == "Protokoll der Kommission vom 14. Februar 2025"
    note = page.locator(".archive-machine-translation")
    assert title.bounding_box()["y"] < note.bounding_box()["y"]  # the note is under it
    assert note.bounding_box()["y"] < page.locator("article > p").first.bounding_box()["y"]
    page.close()


def test_the_navigation_drawer_opens_and_closes_by_keyboard_on_a_phone(reader_server, browser):
    page = open_page(browser, reader_server + f"en/{ACTION_PLAN}", PHONE)
    menu = page.locator('label.md-header__button[for="__drawer"]')
    assert menu.get_attribute("aria-expanded") == "false"
    first_link = page.locator(".md-sidebar--primary .md-nav__link").first
    assert not first_link.is_visible() or first_link.bounding_box()["x"] < 0
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")  # into the header's next control, then on into the drawer
    stops = tab_stops(page)
    assert any("md-nav__link" in stop["classes"] and stop["visible"] for stop in stops)
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    page.close()


def test_search_opens_and_closes_by_keyboard(reader_server, browser):
    page = open_page(browser, reader_server + "en/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if "md-search__input" in page.evaluate(FOCUS)["classes"]:
            break
    page.keyboard.type("water", delay=30)
    page.wait_for_selector("li.md-search-result__item")
    assert page.is_checked("#__search")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.close()


def test_a_wide_table_on_a_phone_shows_which_side_hides_more(reader_server, browser):
    page = open_page(browser, reader_server + ACTION_PLAN, PHONE)
    wrapper = page.locator(".md-typeset__scrollwrap").first
    assert wrapper.get_attribute("data-archive-scroll") == "start"
    fade = wrapper.evaluate("element => getComputedStyle(element).maskImage")
    assert "gradient" in fade
    wrapper.evaluate("element => { element.scrollLeft = element.scrollWidth }")
    page.wait_for_function(
        "() => document.querySelector('.md-typeset__scrollwrap').dataset.archiveScroll === 'end'"
    )
    assert wrapper.evaluate("element => getComputedStyle(element).maskImage") != fade
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


# Screenshots of what readers see, German and the partner's language (Spanish), on a
# large screen and a phone: written where CI keeps them (an artifact); the README shows a
# copy of them from screenshots/.
SCREENSHOTS = Path(os.environ.get("ARCHIVE_SCREENSHOTS") or REPO / "test-screenshots")
PARTNERSHIP = "partnerships/weidenfeld-santa-lucia/"
SHOWN = {
    "home": ({"de": "", "es": "es/"}, "article h1"),
    "overview": ({"de": PARTNERSHIP, "es": f"es/{PARTNERSHIP}"}, "#documents"),
    "machine-translation": (
        {"de": ACTA, "es": f"es/{PARTNERSHIP}erklaerung-2019/"},
        ".archive-machine-translation",
    ),
    "parallel-view": (
        {"de": ACTA.replace("/2025-02-14-comision/", "/2025-02-14-comision.parallel/"),
         "es": f"es/{ACTA}".replace("/2025-02-14-comision/", "/2025-02-14-comision.parallel/")},
        ".archive-parallel",
    ),
}  # fmt: skip


@pytest.mark.parametrize("device", ["desktop", "mobile"])
@pytest.mark.parametrize("kind", SHOWN)
@pytest.mark.parametrize("lang", ["de", "es"])
def test_screenshots_of_what_readers_see(reader_server, browser, kind, lang, device):
    addresses, shows = SHOWN[kind]
    viewport = DESKTOP if device == "desktop" else PHONE
    page = open_page(browser, reader_server + addresses[lang], viewport)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(shows).first.is_visible()  # it shows what it is a screenshot of
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{kind}-{lang}-{device}.png"
    page.screenshot(path=target)
    page.close()
    width, height = struct.unpack(">II", target.read_bytes()[16:24])  # the PNG's header
    assert (width, height) == (viewport["width"], viewport["height"])
