"""The comparison for the graph benchmark: a naive one-file Streamlit app on the same data, as one would write it
with pandas and pyvis (not part of the dashboard; see bench/bench_graph_ui.py and docs/performance.md).

    streamlit run bench/naive_app.py -- [DATA]      # default: data/; open ?focus=<id>

It reads the CSV files with pandas on every run, takes the entities one step from ``focus``, lets pyvis build the
page with its defaults (physics on) and shows it with ``st.iframe`` (the dashboard's way until November 2026). pyvis is no longer a dependency of
the project: install it to run this (``pip install pyvis==0.3.2``); without it the same page is built by hand with
the vendored vis-network inlined and physics on, which is what pyvis produces.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"
TABLES = ("organisations", "networks", "projects", "programmes", "people")

st.set_page_config(layout="wide")
st.title("Network (naive)")
names = {}
for table in TABLES:
    frame = pd.read_csv(DATA / f"{table}.csv", dtype=str).fillna("")
    names.update(zip(frame["id"], frame["name"]))
relations = pd.read_csv(DATA / "relations.csv", dtype=str).fillna("")
focus = st.query_params.get("focus", "region-orebro")
near = relations[(relations["source"] == focus) | (relations["target"] == focus)]
nodes = sorted({focus, *near["source"], *near["target"]})

try:
    from pyvis.network import Network

    net = Network(height="600px", width="100%", directed=True, cdn_resources="in_line")
    for node in nodes:
        net.add_node(node, label=names.get(node, node), title=names.get(node, node))
    for row in near.itertuples():
        net.add_edge(row.source, row.target, title=row.relation)
    page = net.generate_html()
except ImportError:
    vis = (ROOT / "static" / "graph" / "vis-network.min.js").read_text(encoding="utf-8")
    data = {
        "nodes": [{"id": n, "label": names.get(n, n), "title": names.get(n, n)} for n in nodes],
        "edges": [{"from": r.source, "to": r.target, "title": r.relation, "arrows": "to"} for r in near.itertuples()],
    }
    page = (
        f"<html><head><script>{vis}</script></head><body><div id='g' style='height:600px'></div><script>"
        f"var d = {json.dumps(data)}; window.network = new vis.Network(document.getElementById('g'), "
        "{nodes: new vis.DataSet(d.nodes), edges: new vis.DataSet(d.edges)}, {});</script></body></html>"
    )
# Mark the first complete draw for the benchmark (pyvis's page keeps its network in a global ``network``).
page = page.replace(
    "</body>",
    "<script>(function wait() { var n = window.network; if (!n) { setTimeout(wait, 20); "
    "return; } n.once('afterDrawing', function () { window.__networkReady = true; }); })();"
    "</script></body>",
    1,
)
st.iframe(page, height=620)
