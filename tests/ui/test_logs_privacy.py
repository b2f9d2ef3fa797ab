"""Personal data never goes to the logs: a session that touches people (profiles with contact details, search by a
person's name, the person export, a refused edit of an e-mail address) is run with every logger at DEBUG, and no
e-mail address or phone number of the fixture's people may appear in what was logged."""

from __future__ import annotations

import csv
import logging
import pytest
from dashboard_helpers import FIXTURE, assert_ok

from ui import person_tools

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _secrets() -> list[str]:
    with open(FIXTURE / "people.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = [row[c] for row in rows for c in ("email", "phone", "notes") if row.get(c)]
    assert len(found) >= 4
    return found


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture):
    """caplog at DEBUG on the root logger and on Streamlit's own (which does not propagate to the root)."""
    loggers = [logging.getLogger(), logging.getLogger("streamlit")]
    levels = [logger.level for logger in loggers]
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="streamlit")
    streamlit_logger = loggers[1]
    streamlit_logger.addHandler(caplog.handler)
    yield caplog
    streamlit_logger.removeHandler(caplog.handler)
    for logger, level in zip(loggers, levels):
        logger.setLevel(level)


def test_a_session_that_touches_people_logs_no_personal_data(app, everything_logged, capfd) -> None:
    at = app("ad@region.se", "ui/pages/directory.py", {"kind": "person", "q": "Anna Exempel"})
    assert_ok(at)
    at.toggle(key="directory.contacts").set_value(True).run()
    at.selectbox(key="directory.id").set_value("anna-exempel").run()
    assert_ok(at)
    assert "anna.exempel@example.org" in str([d.value.to_dict() for d in at.dataframe]) + str(
        [m.value for m in at.markdown]
    )  # the contact details were really shown
    person_tools._export("anna-exempel", "json")
    person_tools._export("marco-esempio", "xlsx")
    at.switch_page("ui/pages/explore.py").run()
    at.switch_page("ui/pages/edit.py").run()
    at.selectbox(key="edit.kind").set_value("person").run()
    at.text_input(key="edit.entity.person.q").set_value("Marco").run()
    field = at.get_by_key("edit.f.entity.person.marco-esempio.email")
    field.set_value("marco.esempio@@example.org")  # refused: not an e-mail address
    [submit] = [b for b in at.button if b.proto.is_form_submitter and b.label.startswith("Spara")]
    at = submit.click().run()
    assert_ok(at)
    logged = everything_logged.text + "\n".join(str(r.args) for r in everything_logged.records)
    out, err = capfd.readouterr()
    assert everything_logged.records  # DEBUG capture really worked
    for secret in [*_secrets(), "marco.esempio@@example.org"]:
        assert secret not in logged, secret
        assert secret not in out + err, secret
