"""Export buttons on the Explore, Connections and Directory pages (AppTest).

The buttons use Streamlit's deferred downloads: the file is made when the button is clicked. The tests catch the
functions the page registers (``MediaFileManager.add_deferred``) and call them, as the server would on a click.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pandas as pd
import pytest
from dashboard_helpers import assert_ok
from streamlit.runtime.media_file_manager import MediaFileManager

from ui.i18n import EN, SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PERSON_EMAIL = "anna.exempel@example.org"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")
FORMATS = ("png", "svg", "pdf", "html", "graphml", "gexf", "xlsx", "csv")


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """(file name, the function a download button would call) for every button drawn, in the order drawn."""
    found: list[tuple[str, object]] = []
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found.append((file_name, data_callable))
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return found


def _buttons(at) -> dict[str, object]:
    return {button.label: button for button in at.get("download_button")}


def _by_suffix(made: list[tuple[str, object]], suffix: str) -> bytes:
    """The file the last button drawn for this suffix makes."""
    make = [func for name, func in made if name.endswith(suffix)][-1]
    data = make()
    return data.encode("utf-8") if isinstance(data, str) else data


def _open_export(at):
    """Open the Explore page's export section (its contents are made only while it is open)."""
    at.session_state["explore.export.open"] = True
    return at.run()


def _explore(open_page, params: dict[str, str]):
    return _open_export(open_page("explore", params))


@pytest.mark.smoke
def test_explore_has_a_download_button_with_help_for_every_format(open_page, made):
    at = open_page("explore", {"focus": "region-orebro", "radius": "2"})
    assert not at.get("download_button") and not made  # the section is closed: nothing made for it yet
    _open_export(at)
    assert_ok(at)
    buttons = _buttons(at)
    for fmt in FORMATS:
        button = buttons[SV[f"export.button.{fmt}"]]
        assert button.help, fmt
        assert button.proto.deferred_file_id  # made only when clicked
    assert at.checkbox(key="explore.export.contacts").help
    assert at.checkbox(key="explore.export.hide_people").help
    assert at.number_input(key="explore.export.width").help
    assert at.selectbox(key="explore.export.dpi").help
    assert sorted(name.rsplit(".", 1)[1] for name, _ in made) == sorted(FORMATS)


def test_the_files_are_valid_and_hold_no_email_by_default(open_page, made):
    at = _explore(open_page, {"focus": "region-orebro", "radius": "2"})
    assert_ok(at)
    png = _by_suffix(made, ".png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = _by_suffix(made, ".svg")
    ET.fromstring(svg)
    assert "Region Örebro län".encode() in svg
    assert SV["export.kinds_heading"].encode() in svg  # the picture speaks the dashboard's language
    assert _by_suffix(made, ".pdf").startswith(b"%PDF-")
    graph = nx.read_graphml(io.BytesIO(_by_suffix(made, ".graphml")), force_multigraph=True)
    assert "region-orebro" in graph and graph.nodes["anna-exempel"]["kind"] == "person"
    html = _by_suffix(made, ".html").decode("utf-8")
    assert '"search_box":true' in html and "<script src" not in html
    workbook = _by_suffix(made, ".xlsx")
    csv = _by_suffix(made, ".csv")
    assert csv.startswith(b"\xef\xbb\xbf")
    texts = [svg, html.encode(), csv, _by_suffix(made, ".graphml"), _by_suffix(made, ".gexf")]
    texts += [zipfile.ZipFile(io.BytesIO(workbook)).read(n) for n in zipfile.ZipFile(io.BytesIO(workbook)).namelist()]
    assert not [EMAIL.findall(text) for text in texts if EMAIL.search(text)]


def test_contact_details_only_when_ticked_and_people_can_be_hidden(open_page, made):
    at = _explore(open_page, {"focus": "region-orebro", "radius": "2"})
    at.checkbox(key="explore.export.contacts").check().run()
    assert_ok(at)
    assert PERSON_EMAIL.encode() in _by_suffix(made, ".csv")
    at.checkbox(key="explore.export.contacts").uncheck()
    at.checkbox(key="explore.export.hide_people").check().run()
    graph = nx.read_graphml(io.BytesIO(_by_suffix(made, ".graphml")), force_multigraph=True)
    assert "region-orebro" in graph
    assert not [n for n, kind in graph.nodes(data="kind") if kind == "person"]
    assert b"Anna Exempel" not in _by_suffix(made, ".svg")


def test_picture_size_follows_the_controls(open_page, made):
    at = _explore(open_page, {"focus": "region-orebro"})
    at.number_input(key="explore.export.width").set_value(1000)
    at.selectbox(key="explore.export.dpi").set_value(150).run()
    assert_ok(at)
    from PIL import Image

    image = Image.open(io.BytesIO(_by_suffix(made, ".png")))
    assert image.size == (1000, 750)
    assert round(image.info["dpi"][0]) == 150


def test_english_labels(open_page, made):
    at = open_page("explore", {"focus": "region-orebro"})
    at.get_by_key("lang").set_value("en").run()
    _open_export(at)
    assert_ok(at)
    assert EN["export.button.xlsx"] in _buttons(at)
    assert EN["export.relations_heading"].encode() in _by_suffix(made, ".svg")
    assert _by_suffix(made, ".csv").decode("utf-8-sig").splitlines()[0].count(",") > 3  # "," in English


def test_connections_page_exports_the_paths(open_page, made):
    at = open_page("connections", {"from": "region-orebro", "to": "comune-x"})
    assert_ok(at)
    assert SV["export.button.png"] in _buttons(at)
    svg = _by_suffix(made, ".svg")
    assert b"Comune di X" in svg and "Region Örebro län".encode() in svg


def test_directory_table_downloads(open_page, made):
    at = open_page("directory", {"kind": "person"})
    assert_ok(at)
    buttons = _buttons(at)
    assert buttons[SV["export.table_csv"]].help and buttons[SV["export.table_xlsx"]].help
    csv = _by_suffix(made, ".csv").decode("utf-8-sig")
    assert "Anna Exempel" in csv and "@" not in csv
    frame = pd.read_excel(io.BytesIO(_by_suffix(made, ".xlsx")), dtype=str)
    assert "Anna Exempel" in frame.to_string()


def test_directory_table_with_contacts_shown_exports_them(open_page, made):
    at = open_page("directory", {"kind": "person"})
    at.toggle(key="directory.contacts").set_value(True).run()
    assert_ok(at)
    assert PERSON_EMAIL in _by_suffix(made, ".csv").decode("utf-8-sig")


@pytest.mark.smoke
def test_table_frame_joins_lists_and_translates_headings():
    from ui.export_widgets import table_frame

    shown = pd.DataFrame(
        {"name": ["Örebro"], "themes": [["dance", "culture"]], "email": ["a@example.org"]}, index=["region-orebro"]
    )
    out = table_frame(shown)
    assert list(out.columns) == [SV["col.id"], SV["col.name"], SV["col.themes"]]  # no e-mail column
    assert list(out.iloc[0]) == ["region-orebro", "Örebro", "dance|culture"]
    assert "a@example.org" in table_frame(shown, include_contact_details=True).to_string()


def test_switching_the_language_keeps_the_export_section_open(open_page, made):
    at = _explore(open_page, {"focus": "region-orebro"})
    assert SV["export.button.xlsx"] in _buttons(at)
    at.get_by_key("lang").set_value("en").run()  # the section's title changes with the language
    assert_ok(at)
    assert EN["export.button.xlsx"] in _buttons(at)
