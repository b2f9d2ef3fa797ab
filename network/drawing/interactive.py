"""The interactive graph view: the data of a view (``graph_spec``) and a self-contained HTML page for it
(``render_interactive``), drawn in the browser by vis-network and our ``static/graph/graph.js``.

Why it is built this way (figures in ``docs/performance.md``, "Graph view"):

- Positions come from Python (``layout.compute_layout``) and physics is off, so the browser draws at once: with
  physics on, a 2,000-node view spends about two minutes simulating before anything appears.
- One drawing code for two places. The dashboard (``ui/graphview.py``, a Streamlit component) loads vis-network and
  ``graph.js`` once from the app's static folder and sends only ``graph_spec``'s data on each rerun; the exported
  page inlines both files and the data, so it opens offline from a file. ``web_assets`` says where they live.
- Nothing is loaded from the network. The exported page has a Content-Security-Policy that forbids every request
  and every script except its own (by hash), as a second line of defence.
- User text never becomes HTML. Node and edge data travel as JSON (in the page ``<``, ``>``, ``&`` and ``'`` are
  escaped), vis-network shows string tooltips with ``innerText``, and ``graph.js`` builds the legend and buttons
  with ``textContent`` only (a test checks it has no ``innerHTML``). The page's own words are ``html.escape``d.
- People's tooltips show their name and role only; contact details are never on the graph anyway.
- Readable: long names are shortened (full name on hover); the legend sits under the drawing, never over it; the
  view is fitted with the labels and a margin inside; an entity with many leaves (entities with no other
  relation in the view) shows a few and groups the rest into one "N more linked to X" node that opens on a click;
  highlighted paths keep their relation colours, drawn thicker.

``graph.js`` sets ``window.__networkReady`` (and ``__networkNodeCount``, ``__networkEdgeCount``,
``__networkReadyAt`` in ms since navigation) after the first complete, fitted draw, hides the loading message then,
and has a "Download PNG" button that saves the view at twice the screen's pixel density or more, on white, with
the title above it and the legend and the caption (date, source) under it, like the exported pictures.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from .. import schema
from ..queries import relation_label
from . import style
from .layout import compute_layout
from .web_assets import VIS_NETWORK_VERSION, graph_css, graph_js, vis_network_js

__all__ = [
    "LEAF_LIMIT",
    "LEAVES_SHOWN",
    "VIS_NETWORK_VERSION",
    "Labels",
    "graph_spec",
    "leaf_groups",
    "render_interactive",
]

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
    download_help: str = "Save the graph as it is shown now, with its title, legend and date, as a PNG picture"
    #: The search box (``render_interactive(search_box=True)``, used by the exported HTML file).
    search: str = "Search"
    search_help: str = "Type part of a name: matching entities are selected and the view moves to the first"
    #: A group of leaves: ``{count}`` and ``{name}`` are filled in; the tooltip adds ``open_group`` and the names.
    more_leaves: str = "{count} more linked to {name}"
    open_group: str = "Click to show them all"
    #: Shown when the drawing code could not be loaded (the dashboard only).
    failed: str = "The graph could not be drawn: its script did not load."
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
_MIN_HALF_WIDTH_PX = 260.0  # positions span [-1, 1]: at least 520 px wide or high (a graph column is ~500 px)
_MAX_HALF_WIDTH_PX = 560.0  # ... and for views up to _LABELLED_VIEW nodes at most 1,120 px
_LABELLED_VIEW = 300
_FOCUS_GROWTH = 8  # px added to the focus's radius
_NO_KIND = "unknown"  # the vis group of a node without a kind (drawn in the fallback style)
#: An entity with more than ``LEAF_LIMIT`` leaves shows ``LEAVES_SHOWN`` of them and groups the rest.
LEAF_LIMIT = 8
LEAVES_SHOWN = 5
_GROUP_NAMES_SHOWN = 25  # names listed in a group's tooltip


def graph_spec(
    graph: nx.MultiDiGraph,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    focus: str | None = None,
    highlight_nodes: Iterable[str] = (),
    highlight_edges: Iterable[tuple[str, str]] = (),
    labels: Labels | None = None,
    height_px: int = 650,
    physics: bool = False,
    download_name: str = "network.png",
    search_box: bool = False,
    node_colours: Mapping[str, str] | None = None,
    colour_legend: Sequence[tuple[str, str]] = (),
    colour_title: str = "",
    title: str = "",
    caption: str = "",
    group_leaves: bool = True,
) -> dict:
    """Everything ``graph.js`` needs to draw ``graph``, as JSON-ready data (no HTML anywhere).

    ``positions`` (as from ``compute_layout``, any scale) are computed when missing or incomplete.
    ``highlight_edges`` are node pairs in either direction (every relation between the two is highlighted); when
    anything is highlighted, the rest is dimmed. ``physics=True`` lets vis.js move the nodes after the first draw
    (slow on big views). ``search_box=True`` adds a box that selects the entities whose name matches (accents
    ignored) and moves to them. ``node_colours`` (id → hex) colours nodes by something other than their kind (a
    group, a centrality); shapes still show the kind, and the legend then lists ``colour_legend`` ((label, colour)
    pairs) under ``colour_title``. ``title`` and ``caption`` frame the downloaded PNG. ``group_leaves=False`` shows
    every leaf.
    """
    labels = labels or Labels()
    if positions is None or any(n not in positions for n in graph.nodes):
        positions = compute_layout(graph, focus=focus)
    focus = focus if focus in graph else None
    marked = {n for n in highlight_nodes if n in graph}
    pairs = {frozenset(p) for p in highlight_edges}
    dim = bool(marked or pairs)
    pixels = _pixels(graph, positions)
    keep = {focus, *marked, *(n for pair in pairs for n in pair)} - {None}
    return {
        "nodes": _nodes(graph, pixels, focus, marked, dim=dim, labels=labels, colours=node_colours),
        "edges": _edges(graph, pairs, dim=dim, labels=labels),
        "groups": _groups_spec(graph, pixels, labels, keep) if group_leaves else [],
        "options": _options(len(graph), physics, _kind_groups(graph)),
        "legend": _legend(graph, labels, colour_legend if node_colours else (), colour_title),
        "text": {
            "loading": labels.loading,
            "download": labels.download,
            "download_help": labels.download_help,
            "search": labels.search,
            "search_help": labels.search_help,
            "failed": labels.failed,
            "title": title,
            "caption": caption,
        },
        "height": int(height_px),
        "download_name": download_name or "network.png",
        "search_box": bool(search_box),
    }


def render_interactive(graph: nx.MultiDiGraph, *, content_security_policy: bool = True, **options) -> str:
    """A complete HTML page (a string) drawing ``graph``; nothing is written and nothing is fetched.

    vis-network and ``graph.js`` are inlined, so the file works offline; ``options`` are ``graph_spec``'s.
    ``content_security_policy=False`` leaves out the page's CSP, for callers that add scripts.
    """
    spec = graph_spec(graph, **options)
    labels = options.get("labels") or Labels()
    page = _page(spec, labels.lang)
    return _with_csp(page) if content_security_policy else page.replace(_CSP_PLACEHOLDER, "", 1)


# --- nodes and edges ---------------------------------------------------------------------------------------------


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


def _nodes(
    graph: nx.MultiDiGraph,
    pixels: dict[str, tuple[int, int]],
    focus: str | None,
    marked: set[str],
    *,
    dim: bool,
    labels: Labels,
    colours: Mapping[str, str] | None = None,
) -> list[dict]:
    degree = graph.degree()
    nodes = []
    for node in _node_order(graph, focus, marked):
        attrs = graph.nodes[node]
        kind = str(attrs.get("kind") or _NO_KIND)
        colour = style.kind_style(kind).colour
        if colours is not None:
            colour = colours.get(node, style.OTHER_GROUP)
        name = str(attrs.get("name") or node)
        strong = node == focus or node in marked
        faded = dim and not strong
        label = str(attrs.get("acronym") or "") if kind == "project" else ""
        item = {
            "id": str(node),
            "label": label or style.short_label(name),
            "group": kind,  # colour and shape come from the kind's group (see ``_options``)
            "title": _node_tooltip(attrs, name, labels),
            "size": style.node_size(degree[node]) + (_FOCUS_GROWTH if node == focus else 0),
            "x": pixels[node][0],
            "y": pixels[node][1],
        }
        if strong or faded or colours is not None:
            item["color"] = _node_colour(colour, strong, faded)
        if strong:
            item["borderWidth"] = 4 if node == focus else 3
            item["shadow"] = {"enabled": True, "color": style.HIGHLIGHT, "size": 22, "x": 0, "y": 0}
        if node == focus:
            item["font"] = {"size": 18, "bold": True, "face": _FONT}
        elif faded:
            item["font"] = {"color": _rgba(style.INK, 0.45)}
        nodes.append(item)
    return nodes


def _kind_groups(graph: nx.MultiDiGraph) -> dict:
    """One vis group per kind present: its shape and colours (so each node need not repeat them)."""
    kinds = sorted({str(a.get("kind") or _NO_KIND) for _, a in graph.nodes(data=True)})
    return {
        kind: {
            "shape": style.kind_style(kind).vis_shape,
            "color": _node_colour(style.kind_style(kind).colour, False, False),
        }
        for kind in kinds
    }


def _node_colour(colour: str, strong: bool, faded: bool) -> dict:
    fill = _rgba(colour, style.DIMMED_OPACITY) if faded else colour
    border = style.INK if strong else fill
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": colour, "border": style.INK},
        "hover": {"background": colour, "border": style.INK},
    }


def _rgba(colour: str, alpha: float) -> str:
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _node_tooltip(attrs: Mapping, name: str, labels: Labels) -> str:
    """Plain text. People: name and role only."""
    kind = attrs.get("kind", "")
    if kind == "person":
        return "\n".join(x for x in (name, str(attrs.get("role") or "")) if x)
    lines = [name]
    detail = " · ".join(
        str(x) for x in (labels.kind(kind), *(labels.value(attrs[c]) for c in ("type", "family") if attrs.get(c))) if x
    )
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


def _edges(graph: nx.MultiDiGraph, pairs: set[frozenset], *, dim: bool, labels: Labels) -> list[dict]:
    """Coloured by relation, also when highlighted (then thicker, opaque and with a halo) or selected."""
    seen: dict[frozenset, int] = {}
    names = {n: str(a.get("name") or n) for n, a in graph.nodes(data=True)}
    edges = []
    for source, target, relation in sorted(graph.edges(keys=True), key=lambda e: tuple(map(str, e))):
        attrs = graph.edges[source, target, relation]
        pair = frozenset((source, target))
        strong = pair in pairs
        colour = style.relation_colour(str(relation))
        spec = schema.RELATION_TYPES.get(str(relation))
        directed = spec.directed if spec else True
        item = {
            "id": f"{len(edges)}",
            "from": str(source),
            "to": str(target),
            "title": _edge_tooltip(names[source], names[target], str(relation), attrs, labels, directed),
            "color": {
                "color": colour,
                "highlight": colour,
                "hover": colour,
                "opacity": 1.0 if strong else style.DIMMED_OPACITY if dim else 0.8,
            },
            "width": 4 if strong else 1.5,
            "arrows": "to" if directed else {"to": {"enabled": False}},
            "relation": str(relation),
        }
        if strong:
            item["shadow"] = {"enabled": True, "color": _rgba(style.INK, 0.45), "size": 6, "x": 0, "y": 0}
        repeat = seen.get(pair, 0)
        seen[pair] = repeat + 1
        if repeat:  # a second relation between the same two: bend it so both show
            item["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if repeat % 2 else "curvedCCW",
                "roundness": 0.2 * ((repeat + 1) // 2),
            }
        edges.append(item)
    return edges


def _edge_tooltip(source: str, target: str, relation: str, attrs: Mapping, labels: Labels, directed: bool) -> str:
    arrow = "→" if directed else "—"
    lines = [f"{source} — {labels.relation(relation)} {arrow} {target}"]
    period = "–".join(str(attrs[k]) for k in ("since", "until") if attrs.get(k))
    extra = " · ".join(str(x) for x in (attrs.get("role"), period) if x)
    if extra:
        lines.append(extra)
    return "\n".join(lines)


# --- groups of leaves --------------------------------------------------------------------------------------------


def leaf_groups(
    graph: nx.MultiDiGraph, keep: Iterable[str] = (), *, limit: int = LEAF_LIMIT, shown: int = LEAVES_SHOWN
) -> dict[str, list[str]]:
    """For each entity with more than ``limit`` leaves (entities whose only neighbour in the view it is), the
    leaves to group (all but the first ``shown`` by name and id), entity → sorted ids. ``keep`` (the focus, a
    highlighted path) is never grouped, nor is a leaf whose only neighbour is another leaf."""
    kept = set(keep)
    leaves: dict[str, list[str]] = {}
    for node in graph.nodes:
        neighbours = set(graph.predecessors(node)) | set(graph.successors(node))
        neighbours.discard(node)
        if len(neighbours) == 1 and node not in kept:
            (hub,) = neighbours
            leaves.setdefault(hub, []).append(node)
    groups = {}
    for hub, members in leaves.items():
        members = [m for m in members if m not in leaves]  # two entities joined only to each other
        if len(members) <= limit:
            continue
        members.sort(key=lambda n: (str(graph.nodes[n].get("name") or n).casefold(), str(n)))
        groups[hub] = sorted(members[shown:], key=str)
    return dict(sorted(groups.items(), key=lambda item: str(item[0])))


def _groups_spec(
    graph: nx.MultiDiGraph, pixels: Mapping[str, tuple[int, int]], labels: Labels, keep: set[str]
) -> list[dict]:
    """Each group as a vis cluster: its members, its words and where it sits (``_group_spot``)."""
    specs = []
    for hub, members in leaf_groups(graph, keep).items():
        name = str(graph.nodes[hub].get("name") or hub)
        names = sorted((str(graph.nodes[m].get("name") or m) for m in members), key=str.casefold)
        more = len(names) - _GROUP_NAMES_SHOWN
        listed = names[:_GROUP_NAMES_SHOWN] + ([f"… (+{more})"] if more > 0 else [])
        label = labels.more_leaves.format(count=len(members), name=style.short_label(name))
        x, y = _group_spot(graph, pixels, hub, set(members))
        specs.append(
            {
                "id": f"group:{hub}",
                "of": str(hub),
                "members": [str(m) for m in members],
                "label": label,
                "title": "\n".join(
                    [labels.more_leaves.format(count=len(members), name=name), labels.open_group, "", *listed]
                ),
                "x": x,
                "y": y,
            }
        )
    return specs


def _group_spot(
    graph: nx.MultiDiGraph, pixels: Mapping[str, tuple[int, int]], hub: str, members: set[str]
) -> tuple[int, int]:
    """Beside the entity, in the widest free angle between its other neighbours, as far out as its leaves were:
    the grouped leaves' place is free, and the group never sits on the entity or its other relations."""
    centre = np.array(pixels[hub], dtype=float)
    reach = float(np.median([np.hypot(*(np.array(pixels[m]) - centre)) for m in members]))
    others = (set(graph.predecessors(hub)) | set(graph.successors(hub))) - members - {hub}
    angles = sorted(float(np.arctan2(*(np.array(pixels[n], dtype=float) - centre)[::-1])) for n in others)
    if not angles:
        angle = -np.pi / 2  # above
    else:
        gaps = [(b - a, a) for a, b in zip(angles, angles[1:] + [angles[0] + 2 * np.pi])]
        width, start = max(gaps)
        angle = start + width / 2
    reach = max(reach, style.node_size(graph.degree(hub)) + 60.0)
    return round(float(centre[0] + reach * np.cos(angle))), round(float(centre[1] + reach * np.sin(angle)))


# --- options, legend, page ---------------------------------------------------------------------------------------

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
            "color": {"inherit": False},
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
        },
    }


def _legend(
    graph: nx.MultiDiGraph, labels: Labels, colour_legend: Sequence[tuple[str, str]] = (), colour_title: str = ""
) -> dict:
    """The kinds and relation types present, in schema order, and the colours when not by kind (as data: the
    browser builds the legend with ``textContent`` and draws the same legend into the PNG).

    With ``colour_legend``, kinds are shown by shape only (in grey) and the colours get a list of their own."""
    kinds = {a.get("kind", "") for _, a in graph.nodes(data=True)}
    relations = {str(k) for _, _, k in graph.edges(keys=True)}
    kind_rows = [
        {
            "label": labels.kind(kind),
            "shape": style.kind_style(kind).vis_shape,
            "colour": style.EDGE_GREY if colour_legend else style.kind_style(kind).colour,
        }
        for kind in _schema_order(kinds, schema.KINDS)
    ]
    relation_rows = []
    for relation in _schema_order(relations, tuple(schema.RELATION_TYPES)):
        spec = schema.RELATION_TYPES.get(relation)
        relation_rows.append(
            {
                "label": labels.relation(relation),
                "colour": style.relation_colour(relation),
                "directed": spec is None or spec.directed,
            }
        )
    return {
        "title": labels.legend_title,
        "kinds": kind_rows,
        "relations": relation_rows,
        "colour_title": colour_title if colour_legend else "",
        "colours": [{"label": label, "colour": colour} for label, colour in colour_legend],
    }


def _schema_order(present: set[str], order: tuple[str, ...]) -> list[str]:
    known = [x for x in order if x in present]
    return known + sorted(x for x in present if x not in order and x)


def _script_json(value) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, ``'`` or line separators as themselves."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("'", "\\u0027"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


_CSP_PLACEHOLDER = "<!--csp-->"
_BOOT = (
    'networkGraph.mount(document.getElementById("graph"), '
    'JSON.parse(document.getElementById("graph-data").textContent), {});'
)


def _page(spec: dict, lang: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'{_CSP_PLACEHOLDER}\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>\nhtml, body {{ margin: 0; padding: 0; background: #ffffff; }}\n{graph_css()}</style>\n"
        f"<script>{vis_network_js()}</script>\n<script>{graph_js()}</script>\n</head>\n<body>\n"
        f'<div id="graph" class="ng-root"></div>\n'
        f'<script type="application/json" id="graph-data">{_script_json(spec)}</script>\n'
        f"<script>{_BOOT}</script>\n</body>\n</html>\n"
    )


def _with_csp(page: str) -> str:
    """Allow exactly the page's own scripts (by hash), inline styles and data: images; nothing from the network."""
    hashes = " ".join(f"'sha256-{_sha256(script)}'" for script in _scripts(page))
    policy = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace(_CSP_PLACEHOLDER, meta, 1)


def _scripts(page: str) -> Iterable[str]:
    """The text of each inline ``<script>`` (the data block's type makes it no script; its JSON has ``<`` escaped,
    so it holds no tags)."""
    start = page.find("<script>")
    while start >= 0:
        end = page.index("</script>", start)
        yield page[start + len("<script>") : end]
        start = page.find("<script>", end)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
