"""render_interactive: an offline, self-contained, deterministic page; user text only ever as text. No browser here
(tests/browser/test_interactive_browser.py draws one in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from pathlib import Path

import networkx as nx
import pytest
import pyvis
from pyvis.network import Network

from network.drawing import style
from network.drawing.interactive import Labels, render_interactive
from network.drawing.layout import compute_layout

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = '"><script>alert(1)</script>'
XSS_HREF = '<a href="javascript:alert(2)">click</a>'
#: vis-network as inlined; it has a "<script>" string of its own (core-js), so tag counts leave it out.
VIS_JS = (Path(pyvis.__file__).parent / "templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")


def tags(page: str, tag: str) -> int:
    return page.replace(VIS_JS, "").count(tag)


def view_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("region", kind="organisation", name="Region Örebro län", type="region", country="SE",
                   city="Örebro")
    graph.add_node("reves", kind="network", name="REVES", type="association")
    graph.add_node("long", kind="organisation", name="European Network of Cities and Regions for the Social Economy",
                   country="BE")
    graph.add_node("project", kind="project", name="Dance Bridges across the Baltic", acronym="DB", status="running",
                   start="2023-09-01", end="2026-08-31")
    graph.add_node("programme", kind="programme", name="Creative Europe", family="creative-europe")
    graph.add_node("anna", kind="person", name="Anna Exempel", role="International coordinator",
                   organisation="region", city="Örebro", country="SE")
    graph.add_node("marco", kind="person", name="Marco Esempio")
    graph.add_node("xss-img", kind="organisation", name=XSS_IMG)
    graph.add_node("xss-script", kind="organisation", name=XSS_SCRIPT)
    graph.add_node("xss-href", kind="network", name=XSS_HREF)
    graph.add_edge("region", "reves", key="member_of", since="2001")
    graph.add_edge("region", "reves", key="coordinates")
    graph.add_edge("long", "reves", key="member_of")
    graph.add_edge("region", "project", key="partner_in", role="coordinator")
    graph.add_edge("project", "programme", key="funded_by")
    graph.add_edge("anna", "region", key="works_at")
    graph.add_edge("anna", "marco", key="knows")
    graph.add_edge("xss-img", "reves", key="member_of")
    graph.add_edge("xss-script", "region", key="collaborates_with")
    graph.add_edge("xss-href", "reves", key="part_of")
    return graph


def data(page: str, name: str) -> list[dict]:
    """The JSON list passed to ``new vis.DataSet`` for ``nodes`` or ``edges``."""
    match = re.search(rf"^  var {name} = new vis\.DataSet\((.*)\);$", page, re.M)
    assert match, f"no {name} DataSet in the page"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return view_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_interactive(graph, focus="region", highlight_nodes=["reves"], highlight_edges=[("reves", "region")])


def test_page_loads_nothing_from_the_network(page):
    assert page.startswith("<!DOCTYPE html>")
    tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*>", page, re.I)
    assert tags and all(tag == "<script>" for tag in tags), tags  # only inline scripts
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    for cdn in ("bootstrap", "cdnjs", "jsdelivr", "unpkg"):
        assert cdn not in page.lower()
    assert "vis.Network" in page and len(page) > 400_000  # vis-network itself is inlined


def test_content_security_policy_allows_exactly_the_page_scripts(page):
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_user_text_only_appears_escaped(graph, page):
    for raw in (XSS_IMG, XSS_SCRIPT, XSS_HREF, "<script>alert(1)", "onerror=alert(1)>"):
        assert raw not in page
    assert VIS_JS in page
    assert tags(page, "<script>") == 2 and tags(page, "</script>") == 2
    nodes = {n["id"]: n for n in data(page, "nodes")}
    # ... and the text survives intact as data (shown with innerText / drawn on the canvas)
    assert nodes["xss-img"]["label"] == XSS_IMG
    assert nodes["xss-img"]["title"].startswith(XSS_IMG + "\n")
    assert nodes["xss-script"]["title"].startswith(XSS_SCRIPT)
    edges = data(page, "edges")
    assert any(XSS_IMG in e["title"] for e in edges)


def test_a_title_with_href_does_not_switch_to_html_tooltips(graph, page):
    # pyvis's own template does switch (the hazard this guards against) ...
    net = Network(cdn_resources="in_line")
    net.add_node("x", title=XSS_HREF)
    assert "popup.innerHTML" in net.generate_html()
    # ... ours has no such mode: tooltips stay vis-network's plain-text ones
    assert "href" in data(page, "nodes")[[n["id"] for n in data(page, "nodes")].index("xss-href")]["title"]
    app_script = re.findall(r"<script>(.*?)</script>", page, re.S)[1]
    assert "innerHTML" not in app_script
    assert ".vis-tooltip { position: absolute; visibility: hidden;" in page
    assert "display:none" not in page.split("<script>")[0].replace(" ", "")


def test_labels_and_the_heading_are_escaped(graph):
    labels = Labels(kinds={"organisation": "<b>Org</b>"}, relations={"member_of": XSS_IMG},
                    legend_title="<i>Legend</i>", loading=XSS_SCRIPT, download="<u>PNG</u>", download_help='"x"',
                    lang='sv"><script>alert(1)</script>')
    page = render_interactive(graph, labels=labels, download_name='"</script><script>alert(1)</script>.png')
    assert tags(page, "<script>") == 2 and tags(page, "</script>") == 2
    for raw in ("<b>Org</b>", XSS_IMG, "<i>Legend</i>", XSS_SCRIPT, "<u>PNG</u>"):
        assert raw not in page
    assert "&lt;b&gt;Org&lt;/b&gt;" in page and "&lt;i&gt;Legend&lt;/i&gt;" in page
    assert "<h1>" not in page  # no pyvis heading


def test_nodes_carry_style_position_size_and_short_labels(graph, page):
    nodes = {n["id"]: n for n in data(page, "nodes")}
    assert len(nodes) == graph.number_of_nodes() == 10
    assert list(nodes)[-1] == "region"  # the focus is drawn last (on top)
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes.values())
    assert nodes["reves"]["group"] == "network"
    assert nodes["long"]["label"].endswith("…") and len(nodes["long"]["label"]) <= style.LABEL_MAX_CHARS
    assert nodes["long"]["title"].startswith("European Network of Cities and Regions for the Social Economy\n")
    assert nodes["project"]["label"] == "DB"  # projects show their acronym
    assert nodes["region"]["size"] > nodes["reves"]["size"] > nodes["programme"]["size"]  # degree, focus larger
    assert nodes["region"]["borderWidth"] == 4 and nodes["reves"]["borderWidth"] == 3
    assert nodes["region"]["shadow"]["color"] == style.HIGHLIGHT
    assert nodes["programme"]["color"]["background"].startswith("rgba(")  # dimmed: a path is highlighted
    options = json.loads(re.search(r"^  var options = (.*);$", page, re.M).group(1))
    assert options["physics"]["enabled"] is False
    for kind, group in options["groups"].items():
        assert group["shape"] == style.kind_style(kind).vis_shape
        assert group["color"]["background"] == style.kind_style(kind).colour


def test_people_show_name_and_role_only(page):
    nodes = {n["id"]: n for n in data(page, "nodes")}
    assert nodes["anna"]["title"] == "Anna Exempel\nInternational coordinator"
    assert nodes["marco"]["title"] == "Marco Esempio"
    assert nodes["region"]["title"] == "Region Örebro län\nOrganisation · region\nÖrebro, SE"


def test_edges_coloured_by_relation_with_arrows_only_when_directed(page):
    edges = data(page, "edges")
    by_relation = {}
    for edge in edges:
        by_relation.setdefault(edge["relation"], []).append(edge)
    assert len(edges) == 10
    assert by_relation["funded_by"][0]["color"]["color"] == style.RELATION_COLOURS["funded_by"]
    assert by_relation["funded_by"][0]["arrows"] == "to"
    assert by_relation["knows"][0]["arrows"] == {"to": {"enabled": False}}
    assert by_relation["collaborates_with"][0]["arrows"] == {"to": {"enabled": False}}
    highlighted = [e for e in edges if {e["from"], e["to"]} == {"region", "reves"}]
    assert len(highlighted) == 2 and all(e["color"]["color"] == style.INK and e["width"] == 4 for e in highlighted)
    assert sum("smooth" in e for e in highlighted) == 1  # the second relation between the two is bent
    assert by_relation["partner_in"][0]["title"] == (
        "Region Örebro län — partner in → Dance Bridges across the Baltic\ncoordinator")


def test_legend_lists_the_kinds_and_relations_present_in_the_users_language(graph):
    small = graph.subgraph(["region", "reves", "anna"]).copy()
    labels = Labels(kinds={"organisation": "Organisation", "network": "Nätverk", "person": "Person"},
                    relations={"member_of": "är medlem i", "coordinates": "samordnar", "works_at": "arbetar på"},
                    legend_title="Förklaring", lang="sv")
    page = render_interactive(small, labels=labels)
    legend = re.search(r'<details id="legend" open>(.*?)</details>', page, re.S).group(1)
    assert "Förklaring" in legend and "Nätverk" in legend and "är medlem i" in legend and "arbetar på" in legend
    assert "Project" not in legend and "Projekt" not in legend and "knows" not in legend
    assert legend.index("Organisation") < legend.index("Nätverk") < legend.index("Person")  # schema order
    assert '<html lang="sv">' in page


def test_page_has_loading_indicator_ready_flags_select_message_and_png_button(page):
    assert 'id="loadingBar"' in page and "Drawing…" in page
    assert "window.__networkReady = true" in page and "window.__networkNodeCount = nodes.length" in page
    assert 'window.parent.postMessage({type: "network:select", id: String(params.nodes[0])}, "*")' in page
    assert 'id="downloadPng"' in page and "toDataURL(\"image/png\")" in page and '"network.png"' in page


def test_output_is_deterministic(graph):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    first = render_interactive(graph, focus="region")
    assert render_interactive(graph, focus="region") == first
    assert render_interactive(shuffled, focus="region") == first


def test_given_positions_are_used_and_missing_ones_computed(graph):
    positions = compute_layout(graph, focus="region")
    assert render_interactive(graph, positions=positions, focus="region") == render_interactive(graph, focus="region")
    moved = dict(positions, region=(1.0, 1.0))
    nodes = {n["id"]: n for n in data(render_interactive(graph, positions=moved), "nodes")}
    assert nodes["region"]["x"] > 0 and nodes["region"]["y"] < 0  # y points down on screen
    partial = {k: v for k, v in positions.items() if k != "anna"}
    assert len(data(render_interactive(graph, positions=partial), "nodes")) == 10


def test_writes_no_files(graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render_interactive(graph)
    assert list(tmp_path.iterdir()) == []


def test_empty_and_physics_views():
    page = render_interactive(nx.MultiDiGraph())
    assert data(page, "nodes") == [] and data(page, "edges") == []
    one = nx.MultiDiGraph()
    one.add_node("a", kind="mystery", name="A")
    page = render_interactive(one, physics=True, content_security_policy=False)
    options = json.loads(re.search(r"^  var options = (.*);$", page, re.M).group(1))
    assert options["physics"]["enabled"] is True
    assert "Content-Security-Policy" not in page and "<!--csp-->" not in page
    assert "mystery" in page  # an unknown kind still gets a (fallback) style and legend row


def test_short_labels_and_sizes():
    assert style.short_label("REVES") == "REVES"
    assert style.short_label("  Region   Örebro\tlän ") == "Region Örebro län"
    long = style.short_label("European Network of Cities and Regions for the Social Economy")
    assert long == "European Network of Cities…" and len(long) <= style.LABEL_MAX_CHARS
    assert style.short_label("x" * 60) == "x" * (style.LABEL_MAX_CHARS - 1) + "…"
    assert style.node_size(0) < style.node_size(4) < style.node_size(50) <= style.node_size(10_000) == 42.0


def test_every_relation_type_has_its_own_colour() -> None:
    from network.schema import RELATION_TYPES

    colours = [style.RELATION_COLOURS[name] for name in RELATION_TYPES]
    assert len(set(colours)) == len(colours)
