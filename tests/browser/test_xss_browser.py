"""XSS payloads in every kind of user text, rendered by the real dashboard in headless Chromium.

``tests/fixtures/xss`` is the dashboard fixture plus organisations, a network, a person and relations whose names,
themes, cities, descriptions, notes, roles, phone numbers, websites and references hold payloads such as
``<script>alert(1)</script>``, ``<img src=x onerror=…>``, ``"><svg onload=alert(1)>``, ``javascript:alert(1)``,
``[x](javascript:alert(1))`` and ``{{7*7}}`` (rows whose links are not http(s) are refused by validation, so their
values show up in the Overview's data-health table instead). Every page is visited; the test fails if a dialog
opens, if the console shows an error or the marker ``xss-ran`` (some payloads call ``console.error('xss-ran')``, which
a sandboxed frame cannot block the way it can block ``alert``), if an injected element exists in the page or the
graph's frame, or if any link is not http(s) or mailto.

The second half loads ``tests/fixtures/markdown`` (``tests/markdown_payloads.py``: Markdown and HTML payloads in
every text field of every table, pointing at ``evil.test``) and checks the real DOM of every page: no picture whose
address came from data, no link to ``evil.test`` (the link columns hold only ``ok.example.org`` addresses), no
heading, coloured text, formula or icon made from data, and no request that leaves the computer (issue 10, item 8).
"""

from __future__ import annotations

import shutil
from typing import Any, Iterator

import pytest

from browser_helpers import (
    ROOT,
    STATE_TIMEOUT_MS,
    Visit,
    is_local,
    open_visit,
    require_chromium,
    run_dashboard,
    shared_context,
)
from markdown_payloads import EVIL_HOST, FIXTURE as MARKDOWN_FIXTURE, HEADING, SETEXT
from ui.i18n import SV

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS_FIXTURE = ROOT / "tests" / "fixtures" / "xss"
SAFE_SCHEMES = ("http:", "https:", "mailto:")
#: Elements that exist only if a payload became markup.
INJECTED = (
    'img[src="x"]',
    "svg[onload]",
    "[onerror]",
    "[onload]:not(body):not(iframe)",
    'iframe[src^="javascript"]',
    'a[href^="javascript"]',
    "b",
    "i",
)
#: (path, the page's title) for every page, on the rows that carry payloads.
VISITS = [
    ("/", SV["overview.title"]),
    ("/explore?focus=xss-script&radius=2", SV["explore.title"]),
    ("/directory?kind=organisation&id=xss-script", SV["directory.title"]),
    ("/directory?kind=organisation&id=xss-svg", SV["directory.title"]),
    ("/directory?kind=organisation&id=xss-md", SV["directory.title"]),
    ("/directory?kind=person&id=xss-person", SV["directory.title"]),
    ("/connections?from=xss-net&to=xss-md&k=3", SV["connections.title"]),
    ("/partners", SV["partners.title"]),
    ("/edit?id=xss-script", SV["page.edit"]),
    ("/import", SV["page.import"]),
    ("/problems", SV["problems.title"]),
]


@pytest.fixture(scope="module")
def xss_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a copy of the XSS fixture (single-user mode: every page and contact details are shown)."""
    require_chromium()
    work = tmp_path_factory.mktemp("xss")
    data = shutil.copytree(XSS_FIXTURE, work / "data")
    with run_dashboard(data, work) as url:
        yield url


def _counts(message) -> bool:
    """A console message that fails the test: the marker, or any error except Streamlit's own probe of
    ``<page>/_stcore/health`` and ``/_stcore/host-config`` when a page's URL is opened directly (a 404 it retries at
    the root)."""
    if "xss-ran" in message.text:
        return True
    if message.type != "error":
        return False
    where = (message.location or {}).get("url", "")
    return not (message.text.startswith("Failed to load resource") and "/_stcore/" in where)


@pytest.fixture(scope="module")
def tabs(browser) -> Iterator[Any]:
    """One browser context for the module's tabs: the dashboard's scripts are fetched and compiled once. A payload
    that ran in one tab fails that tab's test (its dialog, console marker or injected element), so sharing the
    cache and storage cannot hide one."""
    with shared_context(browser) as context:
        yield context


@pytest.fixture
def xss_visit(tabs, browser, xss_dashboard: str) -> Iterator[tuple[Visit, list[str]]]:
    """A tab on the XSS dashboard; the list collects console errors and page errors of every frame."""
    yield from _tab(browser, xss_dashboard, tabs)


def _tab(browser, base: str, context: Any) -> Iterator[tuple[Visit, list[str]]]:
    with open_visit(browser, base, console=_counts, context=context) as visit:
        yield visit, visit.errors


def _check_frame(frame, where: str) -> None:
    hrefs = frame.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    bad = [h for h in hrefs if not h.lower().startswith(SAFE_SCHEMES)]
    assert not bad, f"{where}: links that are not http(s)/mailto: {bad}"
    for selector in INJECTED:
        assert frame.locator(selector).count() == 0, f"{where}: injected element {selector}"


def _settle(visit: Visit, path: str) -> None:
    """Let a graph draw (if the page has one) so its frame is checked too; on Explore, the whole page too (its first
    run sends the graph alone, the rest comes once the graph is drawn)."""
    if path.startswith(("/explore", "/connections")):
        visit.graph_frame()
    if path.startswith("/explore"):
        visit.page.get_by_test_id("stTextInput").first.wait_for(timeout=STATE_TIMEOUT_MS)
        visit.settle()


@pytest.mark.parametrize("path, title", VISITS, ids=[p for p, _ in VISITS])
def test_no_payload_runs_on_any_page(xss_visit, path: str, title: str) -> None:
    visit, errors = xss_visit
    visit.open(path, title)
    _settle(visit, path)
    if path.startswith("/directory?kind=person"):
        visit.page.get_by_test_id("stCheckbox").filter(has_text=SV["directory.contacts"]).click()
        # the rerun that shows the contact details, whose payloads (phone, notes) must show as text
        visit.page.wait_for_function(
            "() => document.body.innerText.includes('xss.person@example.org')", timeout=STATE_TIMEOUT_MS
        )
        assert "<svg onload=alert(1)>" in visit.page.inner_text("body")
    for frame in visit.page.frames:
        _check_frame(frame, f"{path} {frame.url[:60]}")
    assert not visit.dialogs, f"{path}: a script opened a dialog: {visit.dialogs}"
    assert not errors, f"{path}: console errors: {errors}"
    visit.check_safe()


def test_payloads_show_as_text(xss_visit) -> None:
    visit, errors = xss_visit
    visit.open("/directory?kind=organisation&id=xss-script", SV["directory.title"])
    heading = visit.page.get_by_role("heading", name="<script>alert(1)</script>")
    heading.wait_for()
    assert heading.inner_text() == "<script>alert(1)</script>"
    body = visit.page.inner_text("body")
    assert "[x](javascript:alert(1))" in body  # the Markdown link stays text
    assert "{{7*7}}" in body and "49" not in body.replace("2049", "")  # no template ran
    visit.open("/directory?kind=organisation&id=xss-svg", SV["directory.title"])
    visit.page.get_by_role("heading", name='"><svg onload=alert(1)>').wait_for()
    assert not visit.dialogs and not errors


# --- Markdown payloads in every text field ------------------------------------------------------------------------

#: (path, the page's title): every page on the rows with payloads; Partners with the rule note, both sections.
MARKDOWN_VISITS = [
    ("/", SV["overview.title"]),
    ("/?group=file", SV["overview.title"]),
    ("/explore?focus=md-org&radius=2", SV["explore.title"]),
    ("/directory?kind=organisation&id=md-org", SV["directory.title"]),
    ("/directory?kind=programme&id=md-prog", SV["directory.title"]),
    ("/directory?kind=person&id=md-person", SV["directory.title"]),
    ("/connections?from=md-net&to=md-org-3&k=3", SV["connections.title"]),
    ("/partners?programme=md-prog&themes=culture", SV["partners.title"]),
    ("/partners?programme=md-prog&section=consortium&members=md-org", SV["partners.title"]),
    (
        "/partners?programme=md-prog&section=consortium&members=region-orebro,md-org,md-org-2,md-org-3",
        SV["partners.title"],
    ),
    ("/edit?id=md-org", SV["page.edit"]),
    ("/import", SV["page.import"]),
]
#: Markup that exists only if data became Markdown: coloured text, a formula, the icon or logo the payload names.
MADE_FROM_DATA = ("[class*='stMarkdownColored']", ".katex", "[aria-label='skull icon']", "img[alt='Streamlit logo']")


@pytest.fixture(scope="module")
def markdown_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a copy of the Markdown payload directory (single-user mode: every page and section)."""
    require_chromium()
    work = tmp_path_factory.mktemp("markdown")
    data = shutil.copytree(MARKDOWN_FIXTURE, work / "data")
    with run_dashboard(data, work) as url:
        yield url


@pytest.fixture
def markdown_visit(tabs, browser, markdown_dashboard: str) -> Iterator[tuple[Visit, list[str]]]:
    yield from _tab(browser, markdown_dashboard, tabs)


def _check_markdown(frame, where: str) -> None:
    pictures = frame.eval_on_selector_all("img", "imgs => imgs.map(i => i.src)")
    bad = [p for p in pictures if EVIL_HOST in p or not is_local(p) or p.rstrip("/").endswith("/x")]
    assert not bad, f"{where}: pictures from data: {bad}"
    links = frame.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert not [h for h in links if EVIL_HOST in h], f"{where}: links that data did not put in a link column"
    headings = frame.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => h.innerText)")
    for text in headings:  # a name shown as a heading keeps its "#"; a heading made from data loses it
        text = text.replace("\u2060", "")
        if HEADING in text:
            assert "#" in text[: text.index(HEADING)], f"{where}: a heading made from data: {text[:80]!r}"
        assert SETEXT not in text or "===" in text, f"{where}: a heading made from data: {text[:80]!r}"
    for selector in MADE_FROM_DATA:
        assert frame.locator(selector).count() == 0, f"{where}: {selector} made from data"


@pytest.mark.parametrize("path, title", MARKDOWN_VISITS, ids=[p for p, _ in MARKDOWN_VISITS])
def test_markdown_in_data_shows_as_text(markdown_visit, path: str, title: str) -> None:
    visit, errors = markdown_visit
    visit.open(path, title)
    _settle(visit, path)
    if path.startswith("/directory?kind=person"):
        visit.page.get_by_test_id("stCheckbox").filter(has_text=SV["directory.contacts"]).click()
        visit.page.wait_for_function(
            "() => document.body.innerText.includes('md.person@ok.example.org')", timeout=STATE_TIMEOUT_MS
        )
    if not path.startswith("/import"):  # the Import page shows no data until a file is uploaded
        body = visit.page.inner_text("body").replace("\u2060", "")
        assert "![px](https://evil.test/px.png)" in body, "the payloads must show, as written"
    for frame in visit.page.frames:
        _check_markdown(frame, f"{path} {frame.url[:60]}")
        _check_frame(frame, f"{path} {frame.url[:60]}")
    assert not errors, f"{path}: console errors: {errors}"
    visit.check_safe()
