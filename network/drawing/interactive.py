"""The interactive graph view: one self-contained HTML page (vis-network through pyvis) that works offline.

Why it is built this way (figures in ``docs/performance.md``, "Graph view"):

- Positions come from Python (``layout.compute_layout``) and physics is off, so the browser draws at once: with
  pyvis's defaults a 2,000-node view spends about two minutes simulating before anything appears.
- Nothing is loaded from the network. pyvis's own template links Bootstrap (and, by default, vis-network) from
  CDNs, so the page is rendered by pyvis (``Network.generate_html``) through our own small template, with
  vis-network's JavaScript inlined from the pyvis package. A Content-Security-Policy in the page forbids every
  request and every script except the page's own two, as a second line of defence.
- User text never becomes HTML. Node and edge data go in as JSON (``<``, ``>``, ``&`` and ``'`` escaped), vis-network
  shows string tooltips with ``innerText``, and the template has no "HTML tooltip" mode (pyvis switches to one when
  any title contains "href") and no heading. The legend and the page's own words are ``html.escape``d.
- People's tooltips show their name and role only; contact details are never on the graph anyway.

The page sets ``window.__networkReady`` (and ``__networkNodeCount``, ``__networkEdgeCount``,
``__networkReadyAt`` in ms since navigation) after the first complete draw, hides ``#loadingBar`` then, posts
``{type: "network:select", id}`` to the parent window when a node is clicked, and has a "Download PNG" button that
saves the canvas as shown, at twice the screen's pixel density or more, on a white background.
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pyvis
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node
from scipy.spatial import cKDTree

from .. import schema
from ..queries import relation_label
from . import style
from .layout import compute_layout

__all__ = ["Labels", "render_interactive", "VIS_NETWORK_VERSION"]

VIS_NETWORK_VERSION = "9.1.2"
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}"

_KIND_NAMES = {
    "organisation": "Organisation",
    "network": "Network",
    "project": "Project",
    "programme": "Programme",
    "person": "Person",
}


def _default_relations() -> dict[str, str]:
    return {name: relation_label(name) for name in schema.RELATION_TYPES}


@dataclass(frozen=True)
class Labels:
    """The page's words, supplied by the UI in the user's language; English by default.

    Kinds or relations missing from the mappings fall back to English, then to the raw name.
    """

    kinds: Mapping[str, str] = field(default_factory=lambda: dict(_KIND_NAMES))
    relations: Mapping[str, str] = field(default_factory=_default_relations)
    legend_title: str = "Legend"
    loading: str = "Drawing…"
    download: str = "Download PNG"
    download_help: str = "Save the graph as it is shown now, as a PNG picture"
    #: The search box (``render_interactive(search_box=True)``, used by the exported HTML file).
    search: str = "Search"
    search_help: str = "Type part of a name: matching entities are selected and the view moves to the first"
    #: The page's language (``<html lang>``), for screen readers and hyphenation.
    lang: str = "en"
    #: Vocabulary values (organisation types, statuses, programme families) in words; others as written.
    values: Mapping[str, str] = field(default_factory=dict)

    def value(self, value: object) -> str:
        return self.values.get(str(value)) or str(value)

    def kind(self, kind: str) -> str:
        return self.kinds.get(kind) or _KIND_NAMES.get(kind) or kind

    def relation(self, relation: str) -> str:
        return self.relations.get(relation) or relation_label(relation)


_TARGET_SPACING_PX = 80  # median distance from a node to its nearest neighbour, at 100 % zoom
_MIN_HALF_WIDTH_PX = 340.0  # positions span [-1, 1]: at least 680 px wide or high
_MAX_HALF_WIDTH_PX = 560.0  # ... and for views up to _LABELLED_VIEW nodes at most 1,120 px
_LABELLED_VIEW = 300
_FOCUS_GROWTH = 8  # px added to the focus's radius
_NO_KIND = "unknown"  # the vis group of a node without a kind (drawn in the fallback style)


def render_interactive(graph: nx.MultiDiGraph, *, positions: Mapping[str, tuple[float, float]] | None = None,
                       focus: str | None = None, highlight_nodes: Iterable[str] = (),
                       highlight_edges: Iterable[tuple[str, str]] = (), labels: Labels | None = None,
                       height_px: int = 650, physics: bool = False, download_name: str = "network.png",
                       content_security_policy: bool = True, search_box: bool = False,
                       node_colours: Mapping[str, str] | None = None,
                       colour_legend: Sequence[tuple[str, str]] = (), colour_title: str = "") -> str:
    """A complete HTML page (a string) drawing ``graph``; nothing is written and nothing is fetched.

    ``positions`` (as from ``compute_layout``, any scale) are computed when missing or incomplete.
    ``highlight_edges`` are node pairs in either direction (every relation between the two is highlighted); when
    anything is highlighted, the rest is dimmed. ``physics=True`` lets vis.js move the nodes after the first draw
    (slow on big views). ``content_security_policy=False`` leaves out the page's CSP, for callers that add scripts.
    ``search_box=True`` adds a box that selects the entities whose name matches (accents ignored) and moves to them.
    ``node_colours`` (id → hex) colours nodes by something other than their kind (a group, a centrality); shapes
    still show the kind, and the legend then lists ``colour_legend`` ((label, colour) pairs) under ``colour_title``.
    """
    labels = labels or Labels()
    height_px = int(height_px)
    if positions is None or any(n not in positions for n in graph.nodes):
        positions = compute_layout(graph, focus=focus)
    focus = focus if focus in graph else None
    marked = {n for n in highlight_nodes if n in graph}
    pairs = {frozenset(p) for p in highlight_edges}
    net = Network(height=f"{height_px}px", width="100%", directed=True, cdn_resources="in_line")
    _add_nodes(net, graph, _pixels(graph, positions), focus, marked, dim=bool(marked or pairs), labels=labels,
               colours=node_colours)
    _add_edges(net, graph, pairs, dim=bool(marked or pairs), labels=labels)
    net.options = _options(len(graph), physics, _groups(graph))
    net.template = _PageTemplate(_page_template(), {
        "lang": labels.lang,
        "height_px": height_px,
        "vis_js": _vis_js(),
        "legend": _legend_html(graph, labels, colour_legend if node_colours else (), colour_title),
        "loading": html.escape(labels.loading),
        "download": html.escape(labels.download),
        "download_help": html.escape(labels.download_help),
        "download_name": download_name or "network.png",
        "search_box": bool(search_box),
        "search": html.escape(labels.search),
        "search_help": html.escape(labels.search_help),
        "options": net.options,  # through ``tojson``: group names are data
    })
    page = net.generate_html(notebook=True)  # notebook=True: render ``net.template`` instead of pyvis's file
    return _with_csp(page) if content_security_policy else page.replace(_CSP_PLACEHOLDER, "", 1)


# --- nodes and edges (pyvis's data model: the dicts its Node and Edge build) ------------------------------------


def _pixels(graph: nx.MultiDiGraph, positions: Mapping[str, tuple[float, float]]) -> dict[str, tuple[int, int]]:
    """Scale positions so neighbours sit about ``_TARGET_SPACING_PX`` apart; y points down on screen."""
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    xy = np.array([positions[n] for n in nodes], dtype=float)
    scale = _MIN_HALF_WIDTH_PX
    if len(nodes) > 1:
        distance, _ = cKDTree(xy).query(xy, k=2)
        nearest = distance[:, 1][distance[:, 1] > 0]
        if len(nearest):
            # vis.js never zooms in past 100 % to fit, so small views get room to fill the frame; views of a few
            # hundred nodes stay compact enough that the fitted view still shows their labels
            scale = max(_TARGET_SPACING_PX / float(np.median(nearest)), _MIN_HALF_WIDTH_PX)
            scale = min(scale, _MAX_HALF_WIDTH_PX if len(nodes) <= _LABELLED_VIEW else 100_000.0)
    xy = np.rint(xy * [scale, -scale]).astype(int).tolist()
    return {n: (x, y) for n, (x, y) in zip(nodes, xy)}


def _node_order(graph: nx.MultiDiGraph, focus: str | None, marked: set[str]) -> list[str]:
    """Sorted by id, with highlighted nodes and then the focus last so they are drawn on top."""
    return sorted(graph.nodes, key=lambda n: (n == focus, n in marked, str(n)))


def _add_nodes(net: Network, graph: nx.MultiDiGraph, pixels: dict[str, tuple[int, int]], focus: str | None,
               marked: set[str], *, dim: bool, labels: Labels, colours: Mapping[str, str] | None = None) -> None:
    # Network.add_node checks for duplicates in a list (quadratic); ids in a graph are unique already.
    degree = graph.degree()
    for node in _node_order(graph, focus, marked):
        attrs = graph.nodes[node]
        kind = str(attrs.get("kind") or _NO_KIND)
        colour = style.kind_style(kind).colour
        if colours is not None:
            colour = colours.get(node, style.OTHER_GROUP)
        name = str(attrs.get("name") or node)
        strong = node == focus or node in marked
        faded = dim and not strong
        options = {
            "group": kind,  # colour and shape come from the kind's group (see ``_options``)
            "title": _node_tooltip(attrs, name, labels),
            "size": style.node_size(degree[node]) + (_FOCUS_GROWTH if node == focus else 0),
            "x": pixels[node][0],
            "y": pixels[node][1],
        }
        if strong or faded or colours is not None:
            options["color"] = _node_colour(colour, strong, faded)
        if strong:
            options["borderWidth"] = 4 if node == focus else 3
            options["shadow"] = {"enabled": True, "color": style.HIGHLIGHT, "size": 22, "x": 0, "y": 0}
        if node == focus:
            options["font"] = {"size": 18, "bold": True, "face": _FONT}
        elif faded:
            options["font"] = {"color": _rgba(style.INK, 0.45)}
        label = str(attrs.get("acronym") or "") if kind == "project" else ""
        item = Node(str(node), style.kind_style(kind).vis_shape, label=label or style.short_label(name), **options)
        del item.options["shape"]  # from the group too
        net.nodes.append(item.options)
        net.node_ids.append(str(node))
        net.node_map[str(node)] = item.options


def _groups(graph: nx.MultiDiGraph) -> dict:
    """One vis group per kind present: its shape and colours (so each node need not repeat them)."""
    kinds = sorted({str(a.get("kind") or _NO_KIND) for _, a in graph.nodes(data=True)})
    return {kind: {"shape": style.kind_style(kind).vis_shape,
                   "color": _node_colour(style.kind_style(kind).colour, False, False)} for kind in kinds}


def _node_colour(colour: str, strong: bool, faded: bool) -> dict:
    fill = _rgba(colour, style.DIMMED_OPACITY) if faded else colour
    border = style.INK if strong else fill
    return {"background": fill, "border": border,
            "highlight": {"background": colour, "border": style.INK},
            "hover": {"background": colour, "border": style.INK}}


def _rgba(colour: str, alpha: float) -> str:
    value = colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _node_tooltip(attrs: Mapping, name: str, labels: Labels) -> str:
    """Plain text. People: name and role only."""
    kind = attrs.get("kind", "")
    if kind == "person":
        return "\n".join(x for x in (name, str(attrs.get("role") or "")) if x)
    lines = [name]
    detail = " · ".join(str(x) for x in (labels.kind(kind), *(labels.value(attrs[c]) for c in ("type", "family")
                                                                if attrs.get(c))) if x)
    lines.append(detail)
    where = ", ".join(str(x) for x in (attrs.get("city"), attrs.get("country")) if x)
    if where:
        lines.append(where)
    if kind == "project":
        period = "–".join(str(x) for x in (attrs.get("start"), attrs.get("end")) if x)
        status = labels.value(attrs["status"]) if attrs.get("status") else ""
        facts = " · ".join(str(x) for x in (attrs.get("acronym"), status, period) if x)
        if facts:
            lines.append(facts)
    return "\n".join(line for line in lines if line)


def _add_edges(net: Network, graph: nx.MultiDiGraph, pairs: set[frozenset], *, dim: bool, labels: Labels) -> None:
    seen: dict[frozenset, int] = {}
    names = {n: str(a.get("name") or n) for n, a in graph.nodes(data=True)}
    for source, target, relation in sorted(graph.edges(keys=True), key=lambda e: tuple(map(str, e))):
        attrs = graph.edges[source, target, relation]
        pair = frozenset((source, target))
        strong = pair in pairs
        colour = style.INK if strong else style.relation_colour(str(relation))
        spec = schema.RELATION_TYPES.get(str(relation))
        directed = spec.directed if spec else True
        options = {
            "title": _edge_tooltip(names[source], names[target], str(relation), attrs, labels, directed),
            "color": {"color": colour, "opacity": 1.0 if strong else style.DIMMED_OPACITY if dim else 0.8},
            "width": 4 if strong else 1.5,
            "arrows": "to" if directed else {"to": {"enabled": False}},
            "relation": str(relation),
        }
        repeat = seen.get(pair, 0)
        seen[pair] = repeat + 1
        if repeat:  # a second relation between the same two: bend it so both show
            options["smooth"] = {"enabled": True, "type": "curvedCW" if repeat % 2 else "curvedCCW",
                                 "roundness": 0.2 * ((repeat + 1) // 2)}
        net.edges.append(Edge(str(source), str(target), **options).options)


def _edge_tooltip(source: str, target: str, relation: str, attrs: Mapping, labels: Labels, directed: bool) -> str:
    arrow = "→" if directed else "—"
    lines = [f"{source} — {labels.relation(relation)} {arrow} {target}"]
    period = "–".join(str(attrs[k]) for k in ("since", "until") if attrs.get(k))
    extra = " · ".join(str(x) for x in (attrs.get("role"), period) if x)
    if extra:
        lines.append(extra)
    return "\n".join(lines)


# --- options, legend, page --------------------------------------------------------------------------------------

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


def _options(count: int, physics: bool, groups: dict) -> dict:
    """vis-network options: no physics, straight edges, labels hidden when too small to read (fast to draw)."""
    return {
        "autoResize": True,
        "groups": groups,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 90, "avoidOverlap": 0.2},
            "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
        },
        "interaction": {
            "hover": count <= 1000,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": count > 500,
            "hideEdgesOnZoom": count > 1000,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 15, "face": _FONT, "color": style.INK, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": False, "drawThreshold": 6}},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.55}},
            "color": {"highlight": style.INK, "hover": style.INK, "inherit": False},
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
        },
    }


_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "triangle": '<polygon points="8,1.5 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14.5"/>',
    "star": '<polygon points="8,0.8 10,6 15.5,6 11,9.4 12.8,15 8,11.6 3.2,15 5,9.4 0.5,6 6,6"/>',
}


def _legend_html(graph: nx.MultiDiGraph, labels: Labels, colour_legend: Sequence[tuple[str, str]] = (),
                 colour_title: str = "") -> str:
    """The kinds and relation types present, in schema order, and the colours when not by kind; every word escaped.

    With ``colour_legend``, kinds are shown by shape only (in grey) and the colours get a list of their own."""
    kinds = {a.get("kind", "") for _, a in graph.nodes(data=True)}
    relations = {str(k) for _, _, k in graph.edges(keys=True)}
    rows = []
    for kind in _schema_order(kinds, schema.KINDS):
        ks = style.kind_style(kind)
        shape = _SHAPES.get(ks.vis_shape, _SHAPES["dot"])
        fill = style.EDGE_GREY if colour_legend else ks.colour
        rows.append(f'<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                    f'fill="{html.escape(fill)}">{shape}</svg>{html.escape(labels.kind(kind))}</li>')
    kind_list = "".join(rows)
    colour_list = ""
    if colour_legend:
        items = "".join(f'<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                        f'fill="{html.escape(colour)}"><rect x="2" y="2" width="12" height="12"/></svg>'
                        f'{html.escape(label)}</li>' for label, colour in colour_legend)
        colour_list = (f'<p class="colour-title">{html.escape(colour_title)}</p>' if colour_title else "") + \
            f'<ul class="colours">{items}</ul>'

    rows = []
    for relation in _schema_order(relations, tuple(schema.RELATION_TYPES)):
        colour = html.escape(style.relation_colour(relation))
        spec = schema.RELATION_TYPES.get(relation)
        head = (f'<polygon points="22,7 15,3 15,11" fill="{colour}"/>' if spec is None or spec.directed else "")
        rows.append(f'<li><svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true">'
                    f'<line x1="1" y1="7" x2="20" y2="7" stroke="{colour}" stroke-width="2"/>{head}</svg>'
                    f'{html.escape(labels.relation(relation))}</li>')
    relation_list = "".join(rows)
    return (f'<details id="legend" open><summary>{html.escape(labels.legend_title)}</summary>'
            f'<ul class="kinds">{kind_list}</ul>{colour_list}<ul class="relations">{relation_list}</ul></details>')


def _schema_order(present: set[str], order: tuple[str, ...]) -> list[str]:
    known = [x for x in order if x in present]
    return known + sorted(x for x in present if x not in order and x)


@lru_cache(maxsize=1)
def _vis_js() -> str:
    text = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in text.lower():  # cannot happen with 9.1.2; would end the inline script early
        raise RuntimeError("vis-network.min.js contains '</script' and cannot be inlined safely")
    return text


class _PageTemplate:
    """Adds our values to what ``Network.generate_html`` passes to the template (nodes, edges, options)."""

    def __init__(self, template, extra: dict) -> None:
        self._template = template
        self._extra = extra

    def render(self, **context) -> str:
        return self._template.render(**context, view=self._extra)


@lru_cache(maxsize=1)
def _page_template():
    # pyvis's Jinja environment (its ``tojson`` escapes <, >, & and ' inside JSON, and sorts keys).
    return Network().templateEnv.from_string(_TEMPLATE)


_CSP_PLACEHOLDER = "<!--csp-->"


def _with_csp(page: str) -> str:
    """Allow exactly the page's own scripts (by hash), inline styles and data: images; nothing from the network."""
    hashes = " ".join(f"'sha256-{_sha256(script)}'" for script in _scripts(page))
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
              "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace(_CSP_PLACEHOLDER, meta, 1)


def _scripts(page: str) -> Iterable[str]:
    """The text of each inline ``<script>`` (data inside is JSON with ``<`` escaped, so it holds no tags)."""
    start = page.find("<script>")
    while start >= 0:
        end = page.index("</script>", start)
        yield page[start + len("<script>"):end]
        start = page.find("<script>", end)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ view.lang|e }}">
<head>
<meta charset="utf-8">
<!--csp-->
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
html, body { margin: 0; padding: 0; background: #ffffff; font-family: """ + _FONT + """; color: """ + style.INK + """; }
#frame { position: relative; width: 100%; height: {{ view.height_px }}px; overflow: hidden; }
#mynetwork { position: absolute; inset: 0; background: #ffffff; }
#loadingBar { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  background: rgba(255, 255, 255, 0.85); font-size: 16px; z-index: 10; }
#loadingBar span { padding: 10px 18px; border: 1px solid #c8d0d8; border-radius: 6px; background: #ffffff; }
#legend { position: absolute; top: 8px; left: 8px; z-index: 5; max-height: calc(100% - 24px); overflow: auto;
  background: rgba(255, 255, 255, 0.92); border: 1px solid #c8d0d8; border-radius: 6px; padding: 6px 10px;
  font-size: 13px; line-height: 1.35; }
#legend summary { cursor: pointer; font-weight: 600; }
#legend ul { list-style: none; margin: 4px 0 0 0; padding: 0; }
#legend ul.relations { border-top: 1px solid #e3e7eb; margin-top: 6px; padding-top: 4px; }
#legend li { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
#legend svg { flex: none; }
#downloadPng { position: absolute; top: 8px; right: 8px; z-index: 5; font: inherit; font-size: 13px;
  padding: 4px 10px; border: 1px solid #c8d0d8; border-radius: 6px; background: #ffffff; cursor: pointer; }
#searchBox { position: absolute; top: 40px; right: 8px; z-index: 5; font: inherit; font-size: 13px; width: 200px;
  padding: 4px 8px; border: 1px solid #c8d0d8; border-radius: 6px; background: #ffffff; }
#downloadPng:hover, #downloadPng:focus { border-color: """ + style.INK + """; }
.vis-tooltip { position: absolute; visibility: hidden; padding: 5px 8px; white-space: pre-line; max-width: 420px;
  font-size: 13px; color: """ + style.INK + """; background: #fffef5; border: 1px solid #8a8f98; border-radius: 4px;
  box-shadow: 2px 2px 8px rgba(0, 0, 0, 0.2); pointer-events: none; z-index: 20; }
</style>
<script>{{ view.vis_js }}</script>
</head>
<body>
<div id="frame">
<div id="mynetwork"></div>
{{ view.legend }}
<button id="downloadPng" type="button" title="{{ view.download_help }}">{{ view.download }}</button>
{% if view.search_box %}<input id="searchBox" type="search" placeholder="{{ view.search }}"
  aria-label="{{ view.search }}" title="{{ view.search_help }}">{% endif %}
<div id="loadingBar" role="status" aria-live="polite"><span>{{ view.loading }}</span></div>
</div>
<script>
(function () {
  "use strict";
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ view.options|tojson }};
  var downloadName = {{ view.download_name|tojson }};
  var container = document.getElementById("mynetwork");
  window.__networkReady = false;

  function downloadPng(network) {
    // Redraw once at >= 2x device pixels, copy onto white (the canvas is transparent), then restore.
    var ratio = Math.max(2, window.devicePixelRatio || 1);
    var own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
    var url;
    try {
      Object.defineProperty(window, "devicePixelRatio", {value: ratio, configurable: true, writable: true});
      network.redraw();
      var source = container.querySelector("canvas");
      var out = document.createElement("canvas");
      out.width = source.width;
      out.height = source.height;
      var context = out.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(source, 0, 0);
      url = out.toDataURL("image/png");
    } finally {
      if (own) { Object.defineProperty(window, "devicePixelRatio", own); } else { delete window.devicePixelRatio; }
      network.redraw();
    }
    var link = document.createElement("a");
    link.href = url;
    link.download = downloadName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function draw() {
    var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
    window.__network = network;
    network.once("afterDrawing", function () {
      document.getElementById("loadingBar").style.display = "none";
      window.__networkNodeCount = nodes.length;
      window.__networkEdgeCount = edges.length;
      window.__networkReadyAt = performance.now();
      window.__networkReady = true;
    });
    network.on("click", function (params) {
      if (params.nodes.length && window.parent && window.parent !== window) {
        window.parent.postMessage({type: "network:select", id: String(params.nodes[0])}, "*");
      }
    });
    document.getElementById("downloadPng").addEventListener("click", function () { downloadPng(network); });
    var box = document.getElementById("searchBox");
    if (box) { box.addEventListener("input", function () { search(network, box.value); }); }
  }

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function search(network, query) {
    // Select every node whose label or tooltip contains the query (accents ignored) and move to the first.
    var wanted = fold(query).trim();
    if (!wanted) { network.unselectAll(); return; }
    var found = nodes.get({filter: function (n) { return fold(n.label + " " + n.title).indexOf(wanted) >= 0; }});
    var ids = found.map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length) { network.focus(ids[0], {scale: Math.max(network.getScale(), 1), animation: false}); }
  }
  // Let the loading message paint before the (synchronous) network construction starts.
  window.setTimeout(draw, 0);
})();
</script>
</body>
</html>
"""
