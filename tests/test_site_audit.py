"""Every page of a three-language site, as readers open it in a real Chromium.

The sample plus two partnerships of new coordinators (tests/fixtures/reader: German,
English and Spanish; task lists, footnotes, wide tables, emoji, a document written in
the partner's language only, machine translations), built by scripts/build.py and served
by nginx with deploy/nginx/'s configuration. Each page is opened at desktop width and at
360 px, in the light and the dark scheme (tests/site_audit.py), plus two addresses that
do not exist. A failure lists every offending page with what is wrong there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from site_audit import Scroller, Visit, audit, page_addresses

UNKNOWN = ("no-such-page/", "en/partnerships/no-such-partnership/")  # the 404 page, served
PHONE = 360
VARIANTS = ("light, desktop", "dark, desktop", "light, 360 px", "dark, 360 px")


@pytest.fixture(scope="module")
def pages(reader_site) -> list[str]:
    return page_addresses(reader_site)


@pytest.fixture(scope="module")
def visits(reader_server, pages) -> list[Visit]:
    return audit(reader_server, [*pages, *UNKNOWN])


def listing(lines) -> str:
    lines = list(lines)
    return f"{len(lines)} found:\n" + "\n".join(f"  {line}" for line in lines)


def test_every_page_of_every_language_is_opened_in_every_variant(pages, visits):
    assert {"", "en/", "es/", "404.html", "en/404.html", "es/404.html"} <= set(pages)
    assert len(pages) > 150
    opened = {(visit.page, visit.variant.name) for visit in visits if visit.status == 200}
    assert opened == {(page, variant) for page in pages for variant in VARIANTS}
    assert {visit.status for visit in visits if visit.page in UNKNOWN} == {404}


@pytest.mark.parametrize("variant", VARIANTS)
def test_axe_finds_no_wcag_2_1_aa_violation(visits, variant):
    found = [v for visit in visits if visit.variant.name == variant for v in visit.violations]
    assert not found, listing(found)


def test_no_request_of_any_page_fails(visits):
    failed = [f"{v.page} ({v.variant.name}): {url}" for v in visits for url in v.failed]
    assert not failed, listing(failed)


def test_no_page_asks_another_host_for_anything(visits, reader_server):
    host = urlsplit(reader_server).netloc
    foreign = [
        f"{visit.page} ({visit.variant.name}): {url}"
        for visit in visits
        for url in visit.requested
        if urlsplit(url).netloc != host
    ]
    assert not foreign, listing(foreign)
    assert all(visit.requested for visit in visits)


def test_no_page_logs_a_script_error(visits):
    errors = [f"{v.page} ({v.variant.name}): {e}" for v in visits for e in v.console_errors]
    assert not errors, listing(errors)


def test_no_page_scrolls_sideways_on_a_phone(visits):
    phone = [visit for visit in visits if visit.variant.width == PHONE]
    wide = [f"{v.page} ({v.variant.name}): {v.overflow} px too wide" for v in phone if v.overflow]
    assert not wide, listing(wide)


def what_is_missing(scroller: Scroller) -> list[str]:
    """Tables and code become named regions the keyboard reaches; a row of content tabs
    is reached through its tabs, so it needs the visible cue only."""
    missing = [] if scroller.cue else ["no visible cue"]
    if scroller.what != "tabs":
        missing += [] if scroller.focusable else ["not reachable by keyboard"]
        missing += [] if scroller.name else ["no name"]
    return missing


def test_what_scrolls_sideways_on_a_phone_shows_it_and_is_reached_by_keyboard(visits):
    phone = [visit for visit in visits if visit.variant.width == PHONE]
    scrolling = [(visit.page, s) for visit in phone for s in visit.scrollers]
    assert any(s.what == "table" for _, s in scrolling), "the fixture has wide tables"
    hidden = [
        f"{page} ({s.what} in {s.where}): {', '.join(what_is_missing(s))}"
        for page, s in scrolling
        if what_is_missing(s)
    ]
    assert not hidden, listing(hidden)
