"""Helpers for the dashboard's AppTest tests: where the fixture is, and what a page shows.

``tests/fixtures/dashboard`` is a small valid directory (the core's test directory plus an organisation named
``<img src=x onerror=alert(1)>`` and one more Swedish organisation). Tests that need bad data write a variant to
``tmp_path``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "dashboard"
PAGE_FILES = {
    "overview": "ui/pages/overview.py",
    "explore": "ui/pages/explore.py",
    "directory": "ui/pages/directory.py",
    "connections": "ui/pages/connections.py",
    "insights": "ui/pages/insights.py",
    "map": "ui/pages/map.py",
}
TIMEOUT = 60

OpenPage = Callable[..., AppTest]


def texts(at: AppTest) -> list[str]:
    """Every piece of text the page shows (titles, Markdown, captions, alerts, plain text)."""
    found: list[str] = []
    for group in (
        at.title,
        at.header,
        at.subheader,
        at.markdown,
        at.caption,
        at.text,
        at.info,
        at.warning,
        at.error,
        at.success,
    ):
        found += [str(element.value) for element in group]
    return found


def all_text(at: AppTest) -> str:
    return "\n".join(texts(at))


def assert_ok(at: AppTest) -> None:
    """The run raised nothing."""
    assert not at.exception, [e.value for e in at.exception]


def frames(at: AppTest) -> list:
    return [element.value for element in at.dataframe]


def frame_with(at: AppTest, column: str):
    """The first table that has a column with this heading."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise KeyError(column)


def shown_name(address):
    """The name a link column shows for a profile address (``directory?name=…&kind=…&id=…``, ``ui.links``), as
    Streamlit finds it with the column's pattern; any other value as it is."""
    from ui.links import NAME_PATTERN

    found = re.match(NAME_PATTERN, address) if isinstance(address, str) else None
    return unquote(found.group(1)) if found else address


def graph_data(at: AppTest) -> dict:
    """What the page sent to its graph component (``ui/graphview.py``): ``spec``, ``version``, ``assets``, ``events``."""
    import json

    drawn = [e for e in at.get("bidi_component") if e.proto.component_name == "network_graph"]
    assert drawn, "no graph drawn"
    return json.loads(drawn[0].proto.json)


def graph_event(at: AppTest, event: str, node: str) -> AppTest:
    """Rerun as the browser does after ``setTriggerValue(event, node)`` in the graph (a click is ``select``, a
    double-click ``focus``): the other widgets keep their values, the graph's trigger carries the event."""
    import json

    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    (graph,) = [e for e in at.get("bidi_component") if e.proto.component_name == "network_graph"]
    states = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(graph.proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": event, "value": node}])
    return at._run(states)
