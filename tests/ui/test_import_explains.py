"""The Import page explains itself (issue 12 item 7): nothing red before the person acts, Swedish headers guessed,
the types previewed with counts, and every skipped row named with why, in the person's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok, frame_with
from streamlit.testing.v1 import AppTest

from ui.i18n import EN, SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PAGE = "ui/pages/import_page.py"
PAYLOAD = "**fet** <b>x</b>"
SWEDISH = (
    "Namn;Land;Roll;Nätverk;Typ\n"
    "Kulturföreningen Ett;SE;medlem;REVES;Förening\n"
    "Kommun Två;SE;medlem;REVES;Kommun\n"
    "Kommun Tre;SE;medlem;REVES;Kommun\n"
    f"Okänd Fyra;{PAYLOAD};medlem;REVES;Kommun\n"
    f"Konstig Fem;DE;medlem;REVES;{PAYLOAD}\n"
).encode()


@pytest.fixture
def open_import(monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path):
    def open_(lang: str = "sv") -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data_copy))
        monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        if lang != "sv":  # AppTest formats radio values in the test's thread too: the same language on both sides
            monkeypatch.setattr("ui.i18n.current_language", lambda: lang)
        at.run()
        return at.switch_page(PAGE).run()

    return open_


def _upload(at: AppTest, data: bytes = SWEDISH, name: str = "medlemmar.csv") -> AppTest:
    return at.file_uploader(key="import.file").set_value((name, data, "text/csv")).run()


def _frame(at: AppTest, column: str):
    """The table with a column of this heading."""
    return frame_with(at, column)


@pytest.mark.smoke
def test_swedish_headers_are_guessed_and_nothing_is_red(open_import) -> None:
    at = open_import()
    assert not at.error
    at = _upload(at)
    assert_ok(at)
    assert not at.error, [e.value for e in at.error]
    assert at.radio(key="import.kind").value == "network"
    chosen = {
        key: at.selectbox(key=f"import.f.network.{key}").value
        for key in ("organisation.name", "organisation.country", "organisation.type", "group.name", "relation.role")
    }
    assert chosen == {
        "organisation.name": "Namn",
        "organisation.country": "Land",
        "organisation.type": "Typ",
        "group.name": "Nätverk",
        "relation.role": "Roll",
    }


def test_headers_it_cannot_guess_ask_for_a_choice_not_an_error(open_import) -> None:
    at = _upload(open_import(), b"Foo;Bar;Baz\nA;SE;X\n", "okand.csv")
    assert_ok(at)
    assert not at.error, [e.value for e in at.error]
    wanted = [i.value for i in at.info if i.value.startswith(SV["import.pick_missing"].split("{")[0])]
    assert wanted and SV["import.field.group.name"] in wanted[0] and SV["import.field.organisation.name"] in wanted[0]
    assert not [b for b in at.button if b.key == "import.preview"]  # nothing to preview until the columns are chosen


def test_the_types_are_previewed_with_counts(open_import) -> None:
    at = _upload(open_import())
    types = _frame(at, SV["import.types.col.raw"])
    rows = {
        r[SV["import.types.col.raw"]]: (
            r[SV["import.types.col.type"]],
            r[SV["import.types.col.rows"]],
            r[SV["import.types.col.note"]],
        )
        for _, r in types.iterrows()
    }
    assert rows["Kommun"] == (SV["value.municipality"], 3, "")
    assert rows["Förening"] == (SV["value.association"], 1, "")
    assert rows[PAYLOAD][0] == SV["value.other"] and rows[PAYLOAD][1] == 1 and rows[PAYLOAD][2]  # said, not silent
    assert any(w.value == SV["import.types.unknown_rows"].format(n=1, type=SV["value.other"]) for w in at.warning)


def test_the_result_names_every_skipped_row_and_why(open_import, data_copy: Path) -> None:
    at = _upload(open_import())
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    skipped = _frame(at, SV["import.col.reason"])
    expected = SV["core.import.not-a-country"].format(value=PAYLOAD, columns="Land")
    assert skipped.to_dict("records") == [{SV["import.col.row"]: 5, SV["import.col.reason"]: expected}]
    at = at.button(key="import.commit").click().run()
    assert_ok(at)
    [success] = [s.value for s in at.success]
    assert success.startswith("Importerat:") and SV["import.committed_skipped_one"] in success
    result = _frame(at, SV["import.col.reason"])
    assert result.to_dict("records") == [{SV["import.col.row"]: 5, SV["import.col.reason"]: expected}]
    assert PAYLOAD not in all_text(at)  # the value is only in table cells, never Markdown


def test_the_skipped_reason_is_in_english_when_the_page_is(open_import) -> None:
    at = _upload(open_import("en"))
    at = at.button(key="import.preview").click().run()
    skipped = _frame(at, EN["import.col.reason"])
    assert skipped[EN["import.col.reason"]].tolist() == [f"'{PAYLOAD}' in Land is not a country"]
