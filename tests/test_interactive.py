"""graph_spec and render_interactive: the view's data, and an offline, self-contained, deterministic page; user text
only ever as text. No browser here (tests/browser/test_interactive_browser.py draws one in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest

from network.drawing import style
from network.drawing.interactive import LEAF_LIMIT, LEAVES_SHOWN, Labels, graph_spec, leaf_groups, render_interactive
from network.drawing.layout import compute_layout
from network.drawing.web_assets import ASSET_DIR, graph_js, vis_network_js

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = '"><script>alert(1)</script>'
XSS_HREF = '<a href="javascript:alert(2)">click</a>'
#: vis-network as inlined; it has a "<script>" string of its own (core-js), so tag counts leave it out.
VIS_JS = vis_network_js()


def tags(page: str, tag: str) -> int:
    return page.replace(VIS_JS, "").count(tag)


def view_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("region", kind="organisation", name="Region Örebro län", type="region", country="SE", city="Örebro")
    graph.add_node("reves", kind="network", name="REVES", type="association")
    graph.add_node(
        "long", kind="organisation", name="European Network of Cities and Regions for the Social Economy", country="BE"
    )
    graph.add_node(
        "project",
        kind="project",
        name="Dance Bridges across the Baltic",
        acronym="DB",
        status="running",
        start="2023-09-01",
        end="2026-08-31",
    )
    graph.add_node("programme", kind="programme", name="Creative Europe", family="creative-europe")
    graph.add_node(
        "anna",
        kind="person",
        name="Anna Exempel",
        role="International coordinator",
        organisation="region",
        city="Örebro",
        country="SE",
    )
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


def spec_of(page: str) -> dict:
    """The view's data as the page carries it (a JSON block, read by graph.js)."""
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


def data(page: str, name: str) -> list[dict]:
    """The ``nodes`` or ``edges`` of the page's data."""
    return spec_of(page)[name]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return view_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_interactive(graph, focus="region", highlight_nodes=["reves"], highlight_edges=[("reves", "region")])


def test_page_loads_nothing_from_the_network(page):
    assert page.startswith("<!DOCTYPE html>")
    tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*>", page, re.I)
    data_block = '<script type="application/json" id="graph-data">'
    assert tags and all(tag in ("<script>", data_block) for tag in tags), tags  # only inline scripts and data
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    for cdn in ("bootstrap", "cdnjs", "jsdelivr", "unpkg"):
        assert cdn not in page.lower()
    assert VIS_JS in page and graph_js() in page and len(page) > 400_000  # vis-network and graph.js are inlined


def test_content_security_policy_allows_exactly_the_page_scripts(page):
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 3  # vis-network, graph.js, the line that starts it (the data block is no script)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_user_text_only_appears_escaped(graph, page):
    for raw in (XSS_IMG, XSS_SCRIPT, XSS_HREF, "<script>alert(1)", "onerror=alert(1)>"):
        assert raw not in page
    assert VIS_JS in page
    assert tags(page, "<script>") == 3 and tags(page, "</script>") == 4  # 3 scripts and the data block
    nodes = {n["id"]: n for n in data(page, "nodes")}
    # ... and the text survives intact as data (shown with innerText / drawn on the canvas)
    assert nodes["xss-img"]["label"] == XSS_IMG
    assert nodes["xss-img"]["title"].startswith(XSS_IMG + "\n")
    assert nodes["xss-script"]["title"].startswith(XSS_SCRIPT)
    edges = data(page, "edges")
    assert any(XSS_IMG in e["title"] for e in edges)


def test_the_drawing_code_never_makes_html_from_data(page):
    # tooltips stay vis-network's plain-text ones (a string title is shown with innerText) ...
    assert "href" in {n["id"]: n for n in data(page, "nodes")}["xss-href"]["title"]
    assert ".vis-tooltip { position: absolute; visibility: hidden;" in page
    # ... and graph.js and the dashboard's component build everything with textContent, never from markup
    for name in ("graph.js", "component.js"):
        code = (ASSET_DIR / name).read_text(encoding="utf-8")
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "DOMParser",
            "createContextualFragment",
        ):
            assert sink not in code, (name, sink)
        assert "textContent" in code


def test_labels_and_the_heading_are_escaped(graph):
    labels = Labels(
        kinds={"organisation": "<b>Org</b>"},
        relations={"member_of": XSS_IMG},
        legend_title="<i>Legend</i>",
        loading=XSS_SCRIPT,
        download="<u>PNG</u>",
        download_help='"x"',
        lang='sv"><script>alert(1)</script>',
    )
    page = render_interactive(graph, labels=labels, download_name='"</script><script>alert(1)</script>.png')
    assert tags(page, "<script>") == 3 and tags(page, "</script>") == 4
    for raw in ("<b>Org</b>", XSS_IMG, "<i>Legend</i>", XSS_SCRIPT, "<u>PNG</u>", 'sv">'):
        assert raw not in page
    assert '<html lang="sv&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in page
    spec = spec_of(page)  # the words travel as data and are shown with textContent
    assert spec["legend"]["title"] == "<i>Legend</i>" and spec["text"]["loading"] == XSS_SCRIPT
    assert spec["legend"]["kinds"][0]["label"] == "<b>Org</b>"
    assert spec["download_name"] == '"</script><script>alert(1)</script>.png'
    assert "<h1>" not in page


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
    options = spec_of(page)["options"]
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
    # a highlighted path keeps its relation colours (thicker, opaque, with a halo), also when selected or hovered
    assert len(highlighted) == 2 and all(e["width"] == 4 and e["color"]["opacity"] == 1.0 for e in highlighted)
    for edge in highlighted:
        colour = style.RELATION_COLOURS[edge["relation"]]
        assert edge["color"]["color"] == edge["color"]["highlight"] == edge["color"]["hover"] == colour
        assert edge["shadow"]["enabled"] is True
    assert by_relation["funded_by"][0]["color"]["opacity"] == style.DIMMED_OPACITY
    assert by_relation["funded_by"][0]["color"]["highlight"] == style.RELATION_COLOURS["funded_by"]
    assert sum("smooth" in e for e in highlighted) == 1  # the second relation between the two is bent
    assert by_relation["partner_in"][0]["title"] == (
        "Region Örebro län — partner in → Dance Bridges across the Baltic\ncoordinator"
    )


def test_legend_lists_the_kinds_and_relations_present_in_the_users_language(graph):
    small = graph.subgraph(["region", "reves", "anna"]).copy()
    labels = Labels(
        kinds={"organisation": "Organisation", "network": "Nätverk", "person": "Person"},
        relations={"member_of": "är medlem i", "coordinates": "samordnar", "works_at": "arbetar på"},
        legend_title="Förklaring",
        lang="sv",
    )
    page = render_interactive(small, labels=labels)
    legend = spec_of(page)["legend"]
    assert legend["title"] == "Förklaring"
    assert [k["label"] for k in legend["kinds"]] == ["Organisation", "Nätverk", "Person"]  # schema order
    assert legend["kinds"][1] == {"label": "Nätverk", "shape": "diamond", "colour": style.KIND_STYLES["network"].colour}
    assert [r["label"] for r in legend["relations"]] == ["är medlem i", "arbetar på", "samordnar"]
    assert legend["relations"][0]["directed"] is True and legend["colours"] == []
    assert '<html lang="sv">' in page


def test_colour_legend_lists_the_colours_and_greys_the_kinds(graph):
    colours = {n: "#123456" for n in graph.nodes}
    legend = graph_spec(graph, node_colours=colours, colour_legend=[("Group 1", "#123456")], colour_title="Groups")[
        "legend"
    ]
    assert legend["colour_title"] == "Groups" and legend["colours"] == [{"label": "Group 1", "colour": "#123456"}]
    assert {k["colour"] for k in legend["kinds"]} == {style.EDGE_GREY}


def test_page_has_loading_words_title_caption_and_png_name(graph):
    page = render_interactive(
        graph, title="Network around Region Örebro län", caption="Data 2026-11-20 · Sample", download_name="graph.png"
    )
    spec = spec_of(page)
    assert spec["text"]["loading"] == "Drawing…" and spec["text"]["download"] == "Download PNG"
    assert spec["text"]["title"] == "Network around Region Örebro län"
    assert spec["text"]["caption"] == "Data 2026-11-20 · Sample"
    assert spec["download_name"] == "graph.png" and spec["search_box"] is False
    code = graph_js()  # the PNG draws the title, the legend and the caption around the drawing
    assert "spec.text.title" in code and "spec.text.caption" in code and "legendItems(spec.legend)" in code
    assert 'toDataURL("image/png")' in code and "window.__networkReady = true" in code


def _star(leaves: int, hub: str = "hub") -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node(hub, kind="network", name="REVES")
    graph.add_node("other", kind="network", name="Other")
    graph.add_edge(hub, "other", key="collaborates_with")
    graph.add_edge("other", "far", key="knows")
    graph.add_node("far", kind="person", name="Far")
    for i in range(leaves):
        graph.add_node(f"leaf{i:02d}", kind="organisation", name=f"Member {leaves - i:02d}")
        graph.add_edge(f"leaf{i:02d}", hub, key="member_of")
    return graph


def test_many_leaves_around_one_entity_are_grouped():
    assert leaf_groups(_star(LEAF_LIMIT)) == {}  # up to the limit, every leaf is shown
    graph = _star(12)
    groups = leaf_groups(graph)
    assert list(groups) == ["hub"] and len(groups["hub"]) == 12 - LEAVES_SHOWN
    shown = set(graph.predecessors("hub")) - set(groups["hub"])
    assert {graph.nodes[n]["name"] for n in shown if n.startswith("leaf")} == {f"Member {i:02d}" for i in range(1, 6)}
    assert "far" not in groups.get("other", [])  # one leaf is no crowd
    kept = leaf_groups(graph, keep=["leaf00"])  # the focus or a highlighted entity is never hidden in a group
    assert "leaf00" not in kept["hub"]

    spec = graph_spec(graph, focus="hub", labels=Labels(more_leaves="{count} till kopplade till {name}"))
    (group,) = spec["groups"]
    assert group["id"] == "group:hub" and group["of"] == "hub" and group["members"] == groups["hub"]
    assert group["label"] == "7 till kopplade till REVES"
    assert group["title"].splitlines()[3:] == sorted(graph.nodes[m]["name"] for m in groups["hub"])
    hub = next(n for n in spec["nodes"] if n["id"] == "hub")
    assert (group["x"], group["y"]) != (hub["x"], hub["y"])  # beside the entity, never on it
    assert len(spec["nodes"]) == graph.number_of_nodes()  # every entity is in the data; the browser groups them
    assert graph_spec(graph, group_leaves=False)["groups"] == []


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
    options = spec_of(page)["options"]
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
