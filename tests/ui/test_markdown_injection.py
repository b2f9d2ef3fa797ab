"""Markdown injection (issue 10, item 8): every text field of every table holds Markdown and HTML payloads
(``tests/fixtures/markdown``, written by ``tests/markdown_payloads.py``); every page, with its sections and
expanders, is run and everything it sends to be rendered as Markdown is parsed (``markdown_audit``). No picture, no
heading, no HTML, no formula, no icon, colour or bare link may come from data, and the only links are those the
data put in a link column. The browser test ``tests/browser/test_xss_browser.py`` checks the same directory in
Chromium's DOM.
"""

from __future__ import annotations

import pandas as pd
import pytest
from markdown_audit import code_icons, markdown_sources, problems, visible_text
from markdown_payloads import FIXTURE, HEADING, LINK_TYPES, TEXT_TYPES, link_values

from dashboard_helpers import assert_ok
from network import schema
from ui.safe_text import escape_markdown, markdown_lines, md_link

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

#: (page, query parameters): every page on the rows with payloads, both sections of Partners.
VISITS = [
    ("ui/pages/overview.py", {}),
    ("ui/pages/overview.py", {"group": "file"}),
    ("ui/pages/explore.py", {"focus": "md-org", "radius": "2"}),
    ("ui/pages/explore.py", {"focus": "md-person"}),
    ("ui/pages/directory.py", {"kind": "organisation", "id": "md-org"}),
    ("ui/pages/directory.py", {"kind": "network", "id": "md-net"}),
    ("ui/pages/directory.py", {"kind": "project", "id": "md-project"}),
    ("ui/pages/directory.py", {"kind": "programme", "id": "md-prog"}),
    ("ui/pages/directory.py", {"kind": "person", "id": "md-person"}),
    ("ui/pages/connections.py", {"from": "md-net", "to": "md-org-3", "k": "3"}),
    ("ui/pages/partners.py", {"programme": "md-prog", "themes": "culture"}),
    ("ui/pages/partners.py", {"programme": "md-prog", "section": "consortium", "members": "md-org"}),
    (
        "ui/pages/partners.py",
        {"programme": "md-prog", "section": "consortium", "members": "region-orebro,md-org,md-org-2,md-org-3"},
    ),
    ("ui/pages/edit.py", {"id": "md-org"}),
    ("ui/pages/edit.py", {"id": "md-person"}),
    ("ui/pages/import_page.py", {}),
]


@pytest.fixture(scope="module")
def _payload_folders(tmp_path_factory):
    """One copy of the payload fixture and one warm-start cache folder for the module: the pages only read it, so
    it is loaded and validated once (the dashboard's own caches, as on a second visit), not once per page."""
    import shutil

    root = tmp_path_factory.mktemp("markdown-payloads")
    return shutil.copytree(FIXTURE, root / "markdown"), root / "cache"


@pytest.fixture
def payload_data(_payload_folders, app, monkeypatch):
    """The module's copy of the payload fixture (the test opens it with ``NETWORK_DATA``), and its cache folder in
    place of the one ``app`` set up for this test (hence ``app`` first)."""
    data, cache_dir = _payload_folders
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache_dir))
    return data


def _audit(at) -> list[str]:
    links, icons = link_values(), code_icons()
    found = []
    for kind, source in markdown_sources(at):
        found += [f"{kind}: {p} in {source[:80]!r}" for p in problems(source, links, icons)]
    return found


@pytest.mark.parametrize("page, params", VISITS, ids=[f"{p.split('/')[-1]}-{'-'.join(v.values())}" for p, v in VISITS])
def test_no_markup_from_data_on_any_page(app, monkeypatch, payload_data, page, params) -> None:
    monkeypatch.setenv("NETWORK_DATA", str(payload_data))
    at = app("single-user", page, params)  # admin: every section, contact details included
    assert_ok(at)
    if page.endswith("directory.py") and params["kind"] == "person":
        at.toggle(key="directory.contacts").set_value(True).run()
        assert_ok(at)
    sources = markdown_sources(at)
    assert any(HEADING in visible_text(s) for _, s in sources), "no payload on the page: nothing was checked"
    assert _audit(at) == []


@pytest.mark.smoke
def test_rule_note_shows_as_written(app, monkeypatch, payload_data) -> None:
    """The attack of the issue: the programme's rule note on Partners is text, with every character shown."""
    monkeypatch.setenv("NETWORK_DATA", str(payload_data))
    at = app("single-user", "ui/pages/partners.py", {"programme": "md-prog", "section": "consortium"})
    assert_ok(at)
    note = pd.read_csv(payload_data / "programmes.csv", dtype=str, keep_default_na=False)["rule_note"][0]
    shown = [e.value for e in at.text] + [visible_text(s) for _, s in markdown_sources(at)]
    assert " ".join(note.split()) in shown  # one element shows the whole note, every character as written


@pytest.mark.smoke
@pytest.mark.parametrize(
    "text",
    [
        "![px](https://evil.test/px.png)",
        "[Logga in igen](https://evil.test/x)",
        "<https://evil.test>",
        "https://evil.test/a www.evil.test a@evil.test",
        "# VARNING",
        "VARNING\n===",
        "<img src=x onerror=alert(1)>",
        ":red[VARNING] :material/skull: :streamlit: :skull:",
        "$\\LaTeX$ $$x$$",
        "| a | b |\n|---|---|\n| c | d |",
        "**b** _i_ ~~s~~ `c` &lt; a -> b",
        "[r]\n\n[r]: https://evil.test",
        "    code\n\n> quote",
    ],
)
def test_escaped_text_is_only_text(text: str) -> None:
    """The helper itself: the escaped text has no markup and reads exactly as written (whitespace aside)."""
    icons = code_icons()
    for escaped in (escape_markdown(text), markdown_lines(text)):
        assert problems(escaped, set(), icons) == []
        assert visible_text(escaped).strip() == " ".join(text.split())


@pytest.mark.smoke
def test_fixture_covers_every_text_column() -> None:
    """Every free-text column of every table holds a payload in every row of the fixture, and the link columns
    of loading rows hold only ok.example.org addresses (so a link to evil.test can only come from text)."""
    for table in schema.TABLES:
        frame = pd.read_csv(FIXTURE / table.file, dtype=str, keep_default_na=False)
        for column in table.columns:
            if column.type in TEXT_TYPES:
                assert frame[column.name].str.contains(HEADING).all(), (table.file, column.name)
    assert all("evil" not in value for value in link_values())
    assert {c.type for t in schema.TABLES for c in t.columns} >= set(TEXT_TYPES) | set(LINK_TYPES)


@pytest.mark.smoke
def test_links_only_for_http_and_mailto_from_link_columns() -> None:
    icons = code_icons()
    for value, email, target in (
        ("https://ok.example.org/a", False, "https://ok.example.org/a"),
        ("anna@ok.example.org", True, "mailto:anna@ok.example.org"),
    ):
        made = md_link(value, email=email)
        assert problems(made, {target}, icons) == [] and problems(made, set(), icons) != []
        assert visible_text(made) == value  # the words of the link copy as written
    for value in ("javascript:alert(1)", "data:text/html,x", "mailto:x@evil.test", "a@b.se?subject=x"):
        assert problems(md_link(value), set(), icons) == [] and problems(md_link(value, email=True), set(), icons) == []
    tricky = "https://a.se/x) ![p](https://evil.test/p.png"  # one link to the whole address, no picture
    assert problems(md_link(tricky), {tricky}, icons) == []


@pytest.mark.smoke
def test_the_audit_tells_the_codes_tables_from_tables_made_by_data() -> None:
    """Overview's summaries are Markdown tables (``ui.overview_tables.markdown_table``) with the catalogue's
    headings; a table whose headings are data is still found."""
    from ui.i18n import SV

    data_table = "| evil | x |\n| --- | --- |\n| 1 | 2 |"
    own_table = f"| {escape_markdown(SV['overview.where'])} | {SV['overview.count']} |\n| --- | ---: |\n| a | 2 |"
    assert problems(data_table, set(), set()) == ["table from data"]
    assert problems(own_table, set(), set()) == []
    assert problems(own_table + "\n\n" + data_table, set(), set()) == ["table from data"]
