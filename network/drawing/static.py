"""Static pictures of a view (PNG, SVG, PDF) for reports, applications and slides.

The same colours, shapes and positions as the dashboard (``style.py`` and ``layout.compute_layout``), a title, a
legend and a caption with the data date and the source. Labels stay readable: crowded views label only the
best-connected entities, and a label that would cover another is moved or dropped.

Pure and thread-safe: each call builds its own ``matplotlib.figure.Figure`` (never ``pyplot``), returns bytes and
writes nothing. Text uses the DejaVu Sans files that ship inside matplotlib (they have å, ä, ö), so the result does not
depend on the fonts of the machine. SVG and PDF keep text as text (``svg.fonttype = "none"``, ``pdf.fonttype = 42``);
those two settings are read from ``rcParams`` while the file is written, so that step holds a lock.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import matplotlib as mpl
import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from .. import schema
from ..errors import UsageError
from .style import EDGE_GREY, HIGHLIGHT, RELATION_COLOURS, kind_style

__all__ = [
    "ImageText",
    "render_image",
    "IMAGE_FORMATS",
    "font_file",
    "label_text",
    "DEFAULT_WIDTH_PX",
    "DEFAULT_DPI",
    "MIN_PRINT_DPI",
]

IMAGE_FORMATS = ("png", "svg", "pdf")
DEFAULT_WIDTH_PX = 2400
DEFAULT_DPI = 300
#: Print needs at least this many dots per inch.
MIN_PRINT_DPI = 300
_MAX_PIXELS = 16_000
_RC_LOCK = threading.Lock()
#: In a crowded view, this many of the best-connected nodes get a label even over other markers.
_HUB_LABELS = 12
_INK = "#1F2933"
_MUTED = "#52606D"


@dataclass(frozen=True)
class ImageText:
    """The words in a picture, so the dashboard can pass them in Swedish or English."""

    title: str = ""
    caption: str = ""
    kinds_heading: str = "Kinds"
    relations_heading: str = "Relations"
    #: kind → its name in the legend (default: the kind, capitalised).
    kind_names: Mapping[str, str] = field(default_factory=dict)
    #: relation type → its name in the legend (default: "member of").
    relation_names: Mapping[str, str] = field(default_factory=dict)
    #: Shown in the middle of a picture of an empty view.
    empty: str = "Nothing to show: widen the radius or clear some filters."


@lru_cache(maxsize=4)
def font_file(bold: bool = False) -> Path:
    """matplotlib's own copy of DejaVu Sans (always in the wheel; it covers Swedish and most European letters)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(mpl.get_data_path(), "fonts", "ttf", name)


def _font(size: float, bold: bool = False) -> FontProperties:
    return FontProperties(fname=font_file(bold), size=size)


def label_text(attrs: Mapping, *, with_role: bool = True, limit: int = 40, wrap: int | None = None) -> str:
    """A node's label: its name (shortened when very long, or wrapped onto two lines of about ``wrap`` characters);
    people also get their role on the next line.

    Only the name and role: contact details are never on graph nodes and never in a picture.
    """
    name = _shorten(str(attrs.get("name", "")), limit)
    if wrap and len(name) > wrap:
        name = "\n".join(textwrap.wrap(str(attrs.get("name", "")), wrap, max_lines=2, placeholder="…"))
    role = str(attrs.get("role", "")) if attrs.get("kind") == "person" and with_role else ""
    role = _shorten(role, wrap + 6 if wrap else limit)
    return f"{name}\n{role}" if role else name


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- geometry --------------------------------------------------------------------------------------------------


def _positions(graph: nx.MultiDiGraph, positions: Mapping | None, focus: str | None) -> dict[str, tuple[float, float]]:
    if positions is None or any(n not in positions for n in graph):
        from .layout import compute_layout  # the dashboard's layout: the same view gets the same positions

        positions = compute_layout(graph, focus=focus)
    return {n: (float(p[0]), float(p[1])) for n, p in positions.items() if n in graph}


def _degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of distinct neighbours (either direction), which is what a reader sees as "well connected"."""
    return {n: len(set(graph.successors(n)).union(graph.predecessors(n))) for n in graph}


def _scale(width_in: float, count: int) -> dict[str, float]:
    """Font sizes (points) and marker sizes (points²) for the figure's physical width and the view's size."""
    base = min(14.0, max(6.0, width_in * 0.95))
    crowd = 1.0 if count <= 30 else 0.88 if count <= 150 else 0.78
    node = (260 if count <= 20 else 150 if count <= 80 else 60 if count <= 300 else 22) * (width_in / 8) ** 2
    return {
        "title": base * 1.7,
        "legend": base * 0.95,
        "caption": base * 0.85,
        "label": base * crowd,
        "node": node,
        "edge": 1.1 if count <= 80 else 0.6 if count <= 400 else 0.35,
    }


# --- drawing ---------------------------------------------------------------------------------------------------


def _draw_edges(ax, graph: nx.MultiDiGraph, pos: Mapping, width: float) -> list[str]:
    """One line per linked pair and relation type, coloured by relation. Returns the relation types drawn."""
    seen, segments, colours = set(), [], []
    for source, target, relation in graph.edges(keys=True):
        pair = (min(source, target), max(source, target), relation)
        if pair in seen or source not in pos or target not in pos:
            continue
        seen.add(pair)
        segments.append((pos[source], pos[target]))
        colours.append(RELATION_COLOURS.get(relation, EDGE_GREY))
    if segments:
        ax.add_collection(LineCollection(segments, colors=colours, linewidths=width, alpha=0.55, zorder=1))
    return sorted(
        {p[2] for p in seen}, key=lambda r: list(schema.RELATION_TYPES).index(r) if r in schema.RELATION_TYPES else 99
    )


def _draw_nodes(
    ax, graph: nx.MultiDiGraph, pos: Mapping, degree: Mapping, size: float, focus: str | None
) -> tuple[list[str], dict[str, float]]:
    """One scatter per kind (its colour and marker), sized by connections; the focus gets a highlight ring.
    Returns the kinds drawn and each node's marker radius in points (labels are placed beside it)."""
    top = max(degree.values(), default=1) or 1
    kinds = [k for k in schema.KINDS if any(a.get("kind") == k for _, a in graph.nodes(data=True))]
    kinds += sorted({a.get("kind", "") for _, a in graph.nodes(data=True)} - set(kinds))
    radius = {}
    for kind in kinds:
        nodes = [n for n, a in graph.nodes(data=True) if a.get("kind", "") == kind and n in pos]
        style = kind_style(kind)
        boost = 1.8 if style.marker == "*" else 1.0
        sizes = [
            size * boost * (0.55 + 1.45 * math.sqrt(degree[n] / top)) * (2.0 if n == focus else 1.0) for n in nodes
        ]
        radius.update((n, math.sqrt(s) / 2) for n, s in zip(nodes, sizes))
        edge = [HIGHLIGHT if n == focus else "white" for n in nodes]
        widths = [2.5 if n == focus else 0.6 for n in nodes]
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=sizes,
            c=style.colour,
            marker=style.marker,
            edgecolors=edge,
            linewidths=widths,
            zorder=2,
        )
    return kinds, radius


def _label_budget(count: int, width_in: float, height_in: float) -> int:
    """How many labels fit: every node in small views, else a number that grows with the picture's area."""
    return count if count <= 60 else int(25 + width_in * height_in * 1.1)


def _node_boxes(ax, pos: Mapping, radius: Mapping) -> tuple[list[str], np.ndarray]:
    """Each node's marker as a box in display pixels (x0, y0, x1, y1), so labels can avoid covering markers."""
    nodes = [n for n in pos if n in radius]
    if not nodes:
        return [], np.zeros((0, 4))
    centres = ax.transData.transform(np.array([pos[n] for n in nodes]))
    half = np.array([radius[n] for n in nodes]) * ax.figure.dpi / 72
    return nodes, np.column_stack(
        [centres[:, 0] - half, centres[:, 1] - half, centres[:, 0] + half, centres[:, 1] + half]
    )


def _covers(box, boxes: np.ndarray) -> np.ndarray:
    return (boxes[:, 0] < box.x1) & (box.x0 < boxes[:, 2]) & (boxes[:, 1] < box.y1) & (box.y0 < boxes[:, 3])


def _spots(offset: float) -> tuple:
    """Where a label may go, in order of preference: right of the node, above, below, left, then above or below
    but running off to one side (for nodes near an edge or a neighbour's label)."""
    return (
        ((offset, 0), "left", "center"),
        ((0, offset), "center", "bottom"),
        ((0, -offset), "center", "top"),
        ((-offset, 0), "right", "center"),
        ((0, offset), "right", "bottom"),
        ((0, offset), "left", "bottom"),
        ((0, -offset), "right", "top"),
        ((0, -offset), "left", "top"),
    )


_ADVANCES: dict[tuple[bool, str], float] = {}
_FONTS: dict[bool, object] = {}
_ADVANCE_LOCK = threading.Lock()


def _advance(char: str, bold: bool) -> float:
    """How far one character moves the pen, in ems (from the font file; cached, so measuring is arithmetic)."""
    key = (bold, char)
    if key not in _ADVANCES:
        from matplotlib.ft2font import FT2Font, LoadFlags

        with _ADVANCE_LOCK:  # an FT2Font is not thread-safe
            if bold not in _FONTS:
                _FONTS[bold] = FT2Font(str(font_file(bold)))
                _FONTS[bold].set_size(100, 72)
            glyph = _FONTS[bold].load_char(ord(char), flags=LoadFlags.NO_HINTING)
            _ADVANCES[key] = glyph.linearHoriAdvance / 65536 / 100
    return _ADVANCES[key]


def _text_size(text: str, size_pt: float, bold: bool) -> tuple[float, float]:
    """Width and height in points of a (multi-line) label with its background box; close to what matplotlib lays out
    (measuring each candidate with matplotlib itself took seconds for a 1,000-node view)."""
    lines = text.split("\n")
    width = max(sum(_advance(c, bold) for c in line) for line in lines) * 1.03
    height = 1.17 + 1.2 * (len(lines) - 1)
    pad = 2 * 0.12
    return (width + pad) * size_pt, (height + pad) * size_pt


def _spot_box(anchor: tuple[float, float], spot: tuple, size: tuple[float, float], scale: float) -> Bbox:
    """The box (display pixels) of a label of ``size`` points placed at ``spot`` beside ``anchor``."""
    (dx, dy), ha, va = spot
    width, height = size[0] * scale, size[1] * scale
    x = anchor[0] + dx * scale - {"left": 0.0, "center": width / 2, "right": width}[ha]
    y = anchor[1] + dy * scale - {"bottom": 0.0, "center": height / 2, "top": height}[va]
    return Bbox.from_bounds(x, y, width, height)


def _best_spot(
    texts: list[str],
    size_pt: float,
    bold: bool,
    anchor,
    offset: float,
    scale: float,
    area: Bbox,
    placed: np.ndarray,
    markers: np.ndarray,
    may_cover: bool,
) -> tuple | None:
    """The first (text, spot, box) that stays in ``area`` and covers no placed label and no marker; else, when
    ``may_cover``, the first that covers only markers; else None."""
    fallback = None
    for text in texts:
        size = _text_size(text, size_pt, bold)
        for spot in _spots(offset):
            box = _spot_box(anchor, spot, size, scale)
            if not (area.contains(box.x0, box.y0) and area.contains(box.x1, box.y1)) or _covers(box, placed).any():
                continue
            if not _covers(box, markers).any():
                return text, spot, box
            if fallback is None and may_cover:
                fallback = (text, spot, box)
    return fallback


def _draw_labels(
    ax,
    graph: nx.MultiDiGraph,
    pos: Mapping,
    degree: Mapping,
    radius: Mapping,
    focus: str | None,
    font_size: float,
    budget: int,
    area: Bbox,
    obstacles: list[Bbox],
) -> int:
    """Label the best-connected nodes first. Each label tries four places around its node, on one line and then
    wrapped, and takes the first that covers no other label and no marker; in small views, and for the focus and
    the dozen best-connected nodes of a crowded view (the hubs sit where it is crowded), one that covers only
    markers will do. A label with no free place is left out. Labels may reach into the margins, within ``area``
    and around the ``obstacles`` (the legends), in display pixels. Returns the number of labels drawn."""
    order = sorted(
        (n for n in graph if n in pos), key=lambda n: (n != focus, -degree[n], str(graph.nodes[n].get("name", n)))
    )
    node_ids, markers = _node_boxes(ax, pos, radius)
    index = {n: i for i, n in enumerate(node_ids)}
    anchors = dict(zip(node_ids, ax.transData.transform(np.array([pos[n] for n in node_ids]).reshape(-1, 2))))
    placed = np.array([[b.x0, b.y0, b.x1, b.y1] for b in obstacles]).reshape(-1, 4)
    crowded = graph.number_of_nodes() > 60
    limit = 32 if crowded else 40
    drawn = 0
    for rank, node in enumerate(order[: budget * 20]):  # far down the list, nothing fits any more
        if drawn >= budget:
            break
        bold = node == focus
        size_pt = font_size * (1.15 if bold else 1.0)
        texts = [
            t
            for t in dict.fromkeys(
                label_text(graph.nodes[node], with_role=not crowded, limit=limit, wrap=w) for w in (None, 22)
            )
            if t
        ]
        best = _best_spot(
            texts,
            size_pt,
            bold,
            anchors[node],
            radius.get(node, 0) + font_size * 0.3,
            ax.figure.dpi / 72,
            area,
            placed,
            np.delete(markers, index[node], axis=0),
            may_cover=not crowded or bold or rank < _HUB_LABELS,
        )
        if best is not None:
            text, ((dx, dy), ha, va), box = best
            ax.annotate(
                text,
                pos[node],
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontproperties=_font(size_pt, bold),
                color=_INK,
                zorder=3,
                annotation_clip=False,
                parse_math=False,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.72},
            )
            placed = np.vstack([placed, [box.x0, box.y0, box.x1, box.y1]])
            drawn += 1
    return drawn


def _legend(
    fig: Figure, kinds: list[str], relations: list[str], text: ImageText, size: float, renderer
) -> tuple[float, list[Bbox]]:
    """Kinds (marker and colour) above relations (line colour), top right. Returns the left edge (figure fraction)
    and the legends' boxes (display pixels)."""
    kind_handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=kind_style(k).marker,
            markersize=size * (1.3 if kind_style(k).marker == "*" else 0.9),
            markerfacecolor=kind_style(k).colour,
            markeredgecolor="white",
            label=text.kind_names.get(k, k.capitalize()),
        )
        for k in kinds
    ]
    relation_handles = [
        Line2D(
            [],
            [],
            color=RELATION_COLOURS.get(r, EDGE_GREY),
            linewidth=2.2,
            label=text.relation_names.get(r, r.replace("_", " ")),
        )
        for r in relations
    ]
    legends = []
    for heading, handles in ((text.kinds_heading, kind_handles), (text.relations_heading, relation_handles)):
        if handles:
            legend = fig.legend(
                handles=handles,
                loc="upper left",
                frameon=False,
                prop=_font(size),
                title=heading,
                title_fontproperties=_font(size, bold=True),
                alignment="left",
                borderaxespad=0.0,
                handletextpad=0.6,
                labelspacing=0.45,
            )
            for label in [*legend.get_texts(), legend.get_title()]:
                label.set_parse_math(False)
            legends.append(legend)
    to_figure = fig.transFigure.inverted()
    boxes = [legend.get_window_extent(renderer).transformed(to_figure) for legend in legends]
    left, top = 0.985 - max((b.width for b in boxes), default=0.0), 0.90
    for legend, box in zip(legends, boxes):
        legend.set_bbox_to_anchor((left, top), transform=fig.transFigure)
        top -= box.height + 0.03
    return left, [legend.get_window_extent(renderer).padded(4) for legend in legends]


def _fitting(text: str, size_pt: float, bold: bool, width_pt: float) -> float:
    """The font size, at most ``size_pt``, at which one line of ``text`` fits in ``width_pt`` points."""
    wide = _text_size(text, size_pt, bold)[0] if text else 0.0
    return size_pt if wide <= width_pt else max(4.0, size_pt * width_pt / wide)


def _frame(fig: Figure, text: ImageText, sizes: Mapping[str, float]) -> None:
    """The title (top left) and the caption (bottom left), made smaller when they would not fit across."""
    room = fig.get_figwidth() * 72 * 0.97
    fig.text(
        0.015,
        0.975,
        text.title,
        ha="left",
        va="top",
        color=_INK,
        parse_math=False,
        fontproperties=_font(_fitting(text.title, sizes["title"], True, room), bold=True),
    )
    fig.text(
        0.015,
        0.018,
        text.caption,
        ha="left",
        va="bottom",
        color=_MUTED,
        parse_math=False,
        fontproperties=_font(_fitting(text.caption, sizes["caption"], False, room)),
    )


def _limits(ax, pos: Mapping[str, tuple[float, float]], renderer) -> None:
    """Data limits with a margin, widened along one axis so that distances look the same across and up."""
    xs, ys = [p[0] for p in pos.values()] or [0.0], [p[1] for p in pos.values()] or [0.0]
    width, height = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    box = ax.get_window_extent(renderer)
    shape = box.width / box.height
    if width / height < shape:
        width = height * shape
    else:
        height = width / shape
    middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    ax.set_xlim(middle_x - width * 0.56, middle_x + width * 0.56)
    ax.set_ylim(middle_y - height * 0.56, middle_y + height * 0.56)


def _build(
    graph: nx.MultiDiGraph,
    pos: Mapping,
    text: ImageText,
    focus: str | None,
    width_px: int,
    height_px: int,
    dpi: int,
    max_labels: int | None,
) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    width_in, height_in = width_px / dpi, height_px / dpi
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white")
    renderer = FigureCanvasAgg(fig).get_renderer()  # for measuring labels and legends
    sizes = _scale(width_in, graph.number_of_nodes())
    _frame(fig, text, sizes)
    degree = _degrees(graph)
    ax = fig.add_axes((0.015, 0.07, 0.7, 0.83))
    ax.set_axis_off()
    relations = _draw_edges(ax, graph, pos, sizes["edge"])
    kinds, radius = _draw_nodes(ax, graph, pos, degree, sizes["node"], focus)
    legend_left, legend_boxes = _legend(fig, kinds, relations, text, sizes["legend"], renderer)
    ax.set_position((0.015, 0.07, max(0.3, legend_left - 0.035), 0.83))
    _limits(ax, pos, renderer)
    if graph.number_of_nodes() == 0:
        ax.text(
            0.5,
            0.5,
            text.empty,
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=_MUTED,
            fontproperties=_font(sizes["label"] * 1.2),
            parse_math=False,
        )
    budget = _label_budget(graph.number_of_nodes(), width_in, height_in) if max_labels is None else max_labels
    area = Bbox.from_extents(0.008, 0.06, 0.992, 0.91).transformed(fig.transFigure)
    _draw_labels(ax, graph, pos, degree, radius, focus, sizes["label"], budget, area, legend_boxes)
    return fig


def _write(fig: Figure, fmt: str, text: ImageText) -> bytes:
    buffer = io.BytesIO()
    if fmt == "png":
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig).print_png(buffer, metadata={"Title": text.title, "Description": text.caption})
        return buffer.getvalue()
    if fmt == "svg":
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        with _RC_LOCK, mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "network"}):
            FigureCanvasSVG(fig).print_svg(
                buffer, metadata={"Title": text.title, "Description": text.caption, "Date": None}
            )
        return buffer.getvalue()
    from matplotlib.backends.backend_pdf import FigureCanvasPdf

    with _RC_LOCK, mpl.rc_context({"pdf.fonttype": 42}):
        FigureCanvasPdf(fig).print_pdf(
            buffer, metadata={"Title": text.title, "Subject": text.caption, "Creator": "network"}
        )
    return buffer.getvalue()


def _check_size(fmt: str, width_px: int, height_px: int, dpi: int) -> None:
    if fmt not in IMAGE_FORMATS:
        raise UsageError(f"Unknown picture format '{fmt}'. Use one of: {', '.join(IMAGE_FORMATS)}.")
    if not (200 <= width_px <= _MAX_PIXELS and 150 <= height_px <= _MAX_PIXELS):
        raise UsageError(
            f"A picture must be 200 to {_MAX_PIXELS} pixels wide and 150 to {_MAX_PIXELS} high "
            f"(asked for {width_px} × {height_px})."
        )
    if not 50 <= dpi <= 1200:
        raise UsageError(f"DPI must be between 50 and 1200 (asked for {dpi}); use {MIN_PRINT_DPI} or more for print.")


def render_image(
    graph: nx.MultiDiGraph,
    fmt: str = "png",
    *,
    text: ImageText | None = None,
    positions: Mapping | None = None,
    focus: str | None = None,
    width_px: int = DEFAULT_WIDTH_PX,
    height_px: int | None = None,
    dpi: int = DEFAULT_DPI,
    max_labels: int | None = None,
) -> bytes:
    """A picture of ``graph`` as PNG, SVG or PDF bytes.

    ``width_px`` × ``height_px`` (default 4:3) is the PNG's size in pixels; with ``dpi`` it also sets the physical
    size of SVG and PDF (2400 px at 300 DPI = 8 inches). ``positions`` default to ``compute_layout`` (the
    dashboard's positions for the same view); ``focus`` is highlighted and always labelled.
    """
    height_px = height_px or round(width_px * 3 / 4)
    _check_size(fmt, width_px, height_px, dpi)
    text = text or ImageText()
    pos = _positions(graph, positions, focus)
    fig = _build(graph, pos, text, focus if focus in graph else None, width_px, height_px, dpi, max_labels)
    return _write(fig, fmt, text)
