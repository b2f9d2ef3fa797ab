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


def markdown_tables(at: AppTest) -> list:
    """The Markdown tables the run shows (Overview's, ``ui.overview_tables.markdown_table``), each as a frame of
    the text a reader sees (escapes undone, the invisible word joiners of ``ui.safe_text`` taken out); right-aligned
    columns as numbers; each link's address in ``frame.attrs["links"]`` as {(row, column heading): address}."""
    import pandas as pd
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    found = []
    for element in at.markdown:
        tokens = parser.parse(str(element.value))
        if not any(token.type == "table_open" for token in tokens):
            continue
        header: list[str] = []
        right: list[bool] = []
        rows: list[list[str]] = []
        links: dict[tuple[int, int], str] = {}
        cell_kind = ""
        for token in tokens:
            if token.type in ("th_open", "td_open"):
                cell_kind = token.type
                if cell_kind == "th_open":
                    right.append("right" in str(token.attrGet("style") or ""))
            elif token.type == "tr_open" and header:
                rows.append([])
            elif token.type == "inline" and cell_kind:
                text = "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
                text = text.replace("\u2060", "")
                if cell_kind == "th_open":
                    header.append(text)
                else:
                    for child in token.children or []:
                        if child.type == "link_open":
                            links[(len(rows) - 1, len(rows[-1]))] = str(child.attrGet("href"))
                    rows[-1].append(text)
        frame = pd.DataFrame(rows, columns=header)
        for i, column in enumerate(header):
            if right[i] and len(frame):
                frame[column] = pd.to_numeric(frame.iloc[:, i])
        frame.attrs["links"] = {(row, header[column]): href for (row, column), href in links.items()}
        found.append(frame)
    return found


def frames(at: AppTest) -> list:
    """Every table the run shows: data grids (``st.dataframe``) and Markdown tables (``markdown_tables``)."""
    return [element.value for element in at.dataframe] + markdown_tables(at)


def frame_with(at: AppTest, column: str):
    """The first table that has a column with this heading (a data grid or a Markdown table)."""
    for frame in frames(at):
        if column in frame.columns:
            return frame
    raise KeyError(column)


def open_every_section(at: AppTest) -> AppTest:
    """The page run again with every section that is made only while open (``ui.sections.lazy_section``: Overview's
    problem groups and whole lists, ...) open, so a test sees what a user who opens them all would."""
    memories = [k for k in at.session_state.keys() if k.startswith("_") and k.endswith(".was_open")]
    if not memories:
        return at
    for memory in memories:
        at.session_state[memory] = True
    return at.run()


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
