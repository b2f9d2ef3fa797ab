"""Navigation (issue 12, item 3): every name in a profile opens that profile; each profile links to the graph, the
ways from the home organisation and similar partners; the links are URL parameters, in the chosen language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from partners_data import write
from streamlit.testing.v1 import AppTest

from ui.safe_text import md_page_link, safe_page_url

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)]*)\)")


def _links(at: AppTest) -> dict[str, str]:
    """Every Markdown link the page shows: its words (unescaped) → its address."""
    found = {}
    for words, target in _LINK.findall(all_text(at)):
        found[re.sub(r"\\(.)", r"\1", words).replace("\u2060", "")] = target
    return found


def _page_links(at: AppTest) -> dict[str, str]:
    """The page links (``st.page_link``) shown: page → query string."""
    return {link.proto.page: link.proto.query_string for link in at.get("page_link")}


@pytest.mark.smoke
def test_a_profile_leads_to_the_graph_the_ways_and_similar_partners(open_page):
    at = open_page("directory", {"kind": "organisation", "id": "comune-x"})
    assert_ok(at)
    links = _page_links(at)
    assert links["explore"] == "focus=comune-x"
    assert links["connections"] == "from=region-orebro&to=comune-x"
    assert links["partners"] == "section=find&themes=social-economy&types=municipality&like=comune-x"


def test_the_home_profile_has_no_way_to_itself_and_a_person_no_similar_partners(open_page):
    at = open_page("directory", {"kind": "organisation", "id": "region-orebro"})
    assert set(_page_links(at)) >= {"explore", "partners"} and "connections" not in _page_links(at)
    at = open_page("directory", {"kind": "person", "id": "anna-exempel"})
    assert_ok(at)
    assert "partners" not in _page_links(at)  # a person's themes are personal data: no search seeded with them
    # the person's organisation, a fact, is a link to its profile
    assert _links(at)["Region Örebro län"] == "directory?kind=organisation&id=region-orebro"


def test_related_names_in_a_profile_table_are_links(open_page):
    at = open_page("directory", {"kind": "organisation", "id": "region-orebro"})
    tables = [e.value for e in at.dataframe if "Namn" in e.value.columns]
    names = [name for table in tables for name in table["Namn"]]
    assert "directory?name=REVES&kind=network&id=reves" in names
    assert "directory?name=Anna%20Exempel&kind=person&id=anna-exempel" in names


def test_related_names_in_a_compact_profile_are_links(open_page):
    at = open_page("explore", {"focus": "region-orebro"})
    assert_ok(at)
    links = _links(at)
    assert links["REVES"] == "directory?kind=network&id=reves"
    assert links["Dance Bridges"] == "directory?kind=project&id=dance-bridges"


def test_links_keep_the_language(open_page):
    at = open_page("directory", {"kind": "organisation", "id": "comune-x"})
    at.get_by_key("lang").set_value("en").run()
    assert_ok(at)
    assert _page_links(at)["explore"] == "focus=comune-x&lang=en"
    assert _links(at)["REVES"] == "directory?kind=network&id=reves&lang=en"  # in the ways from the home
    assert "How are we connected?" in [link.proto.label for link in at.get("page_link")]


def test_a_hostile_name_is_shown_as_written_in_its_link(open_page):
    at = open_page("directory", {"kind": "network", "id": "reves"})
    assert_ok(at)
    tables = [e.value for e in at.dataframe if "Namn" in e.value.columns]
    names = [name for table in tables for name in table["Namn"]]
    assert "directory?name=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E&kind=organisation&id=xss-org" in names


@pytest.mark.smoke
@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "https://evil.test",
        "//evil.test/x",
        "directory?a=<b>",
        "directory?a=b)(c",
        "../directory",
        "directory?a=b c",
        "",
    ],
)
def test_page_links_only_to_this_dashboards_pages(target: str) -> None:
    assert safe_page_url(target) is None
    assert md_page_link(target, "Name") == "Name"


@pytest.mark.smoke
def test_a_page_link_escapes_its_words() -> None:
    link = md_page_link("directory?kind=organisation&id=x", "[evil](https://evil.test) *bold*")
    assert link.startswith("[\\[evil\\]\\(https") and link.endswith("\\*bold\\*](directory?kind=organisation&id=x)")
    assert "](https" not in link


# --- "find similar partners": the partner finder seeded with an organisation -----------------------------------


@pytest.fixture
def open_partners(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = write(tmp_path / "data")

    def open_(params: dict[str, str]) -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        at.run()
        at.query_params.clear()
        at.query_params.update(params)
        return at.switch_page("ui/pages/partners.py").run()

    return open_


def _candidates(at: AppTest) -> list[str]:
    return re.findall(r"^\*\*\d+\. (.+?)\*\*", all_text(at), flags=re.MULTILINE)


def test_similar_partners_leave_the_organisation_out_and_say_so(open_partners):
    at = open_partners(
        {
            "programme": "ce-small",
            "section": "find",
            "themes": "dance",
            "types": "cultural-institution",
            "like": "danshuset-oslo",
        }
    )
    assert_ok(at)
    assert at.multiselect(key="partners.themes").value == ["dance"]
    assert at.multiselect(key="partners.types").value == ["cultural-institution"]
    assert "Danshuset Oslo" in " ".join(i.value for i in at.info)  # "Partner som liknar Danshuset Oslo …"
    assert "Tanz Berlin" in _candidates(at) and "Danshuset Oslo" not in _candidates(at)
    at.button(key="partners.like_clear").click().run()
    assert "like" not in at.query_params
    assert "Danshuset Oslo" in _candidates(at)


def test_like_must_be_an_organisation(open_partners):
    at = open_partners({"programme": "ce-small", "like": "no-such-org"})
    assert_ok(at)
    assert "no-such-org" in "\n".join(w.value for w in at.warning).replace("\\", "")


def test_the_picker_offers_the_home_organisation_first(open_page):
    """Issue 12, item 4: "Orebro" matches "Region Örebro län" and "Dansresidens Örebro" alike (a word of each);
    the home organisation comes first, so Explore centres on it, not on the first name in the alphabet."""
    at = open_page("explore", {"focus": "reves"})
    at.text_input(key="explore.focus.q").set_value("Orebro").run()
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").options[:2] == [
        "Region Örebro län (Organisation)",
        "Dansresidens Örebro (Organisation)",
    ]
    assert at.selectbox(key="explore.focus.pick").value == "region-orebro"


def test_many_profile_addresses_at_once_are_the_same_as_one_by_one(open_page):
    """A table's column is built with ``profile_urls`` (fast); every address is the one ``profile_url`` gives."""
    from dashboard_helpers import FIXTURE

    from network import load_directory
    from ui.links import profile_url, profile_urls

    directory = load_directory(FIXTURE)
    ids = sorted(directory.graph.nodes)
    assert "xss-org" in ids
    assert profile_urls(directory, ids) == [profile_url(directory, i, named=True) for i in ids]
    assert profile_urls(directory, ids, named=False) == [profile_url(directory, i) for i in ids]
    assert profile_urls(directory, ["no-such-id"]) == [None]


@pytest.mark.smoke
@pytest.mark.parametrize(
    "text",
    [
        "",
        "Region Örebro län",
        "<img src=x onerror=alert(1)>",
        "a&b=c#d%e+f/g?h",
        "Théâtre 🎭 (Lille)",
        "id_with-safe.chars~",
    ],
)
def test_encode_is_quote_without_safe_characters(text: str) -> None:
    from urllib.parse import quote

    from ui.links import encode

    assert encode(text) == quote(text, safe="")
