"""How each kind and relation looks, shared by the interactive view, static images and legends.

One table, so the dashboard, PNG/SVG/PDF exports and legends always agree. Colours are from the Okabe–Ito palette
(readable for colour-blind viewers) and each kind also has its own shape, so colour is never the only cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "KindStyle",
    "KIND_STYLES",
    "RELATION_COLOURS",
    "kind_style",
    "relation_colour",
    "HIGHLIGHT",
    "EDGE_GREY",
    "INK",
    "BACKGROUND",
    "DIMMED_OPACITY",
    "LABEL_MAX_CHARS",
    "node_size",
    "short_label",
    "GROUP_COLOURS",
    "OTHER_GROUP",
    "CENTRALITY_RAMP",
    "group_colour",
    "centrality_colour",
]


@dataclass(frozen=True)
class KindStyle:
    colour: str  # hex
    vis_shape: str  # vis.js node shape
    marker: str  # matplotlib marker


KIND_STYLES: dict[str, KindStyle] = {
    "organisation": KindStyle("#0072B2", "dot", "o"),
    "network": KindStyle("#E69F00", "diamond", "D"),
    "project": KindStyle("#009E73", "square", "s"),
    "programme": KindStyle("#CC79A7", "triangle", "^"),
    "person": KindStyle("#D55E00", "star", "*"),
}
_FALLBACK = KindStyle("#999999", "dot", "o")

RELATION_COLOURS: dict[str, str] = {
    # Every relation type has its own colour, so the legend never shows two identical lines.
    "member_of": "#E69F00",
    "works_at": "#D55E00",
    "represents": "#882255",
    "partner_in": "#009E73",
    "participates_in": "#44AA99",
    "funded_by": "#CC79A7",
    "collaborates_with": "#0072B2",
    "knows": "#AA4499",
    "part_of": "#56B4E9",
    "coordinates": "#997700",
}
EDGE_GREY = "#9AA5B1"
HIGHLIGHT = "#F0E442"


def kind_style(kind: str) -> KindStyle:
    return KIND_STYLES.get(kind, _FALLBACK)


#: Text, the focus's border and highlighted edges: near-black, readable on white and on every kind colour.
INK = "#1F2933"
BACKGROUND = "#FFFFFF"
#: When something is highlighted (a path), everything else is drawn at this opacity.
DIMMED_OPACITY = 0.25
#: Longer names are shortened with "…" on the drawing; the full name is in the tooltip.
LABEL_MAX_CHARS = 28


def relation_colour(relation: str) -> str:
    return RELATION_COLOURS.get(relation, EDGE_GREY)


def node_size(degree: int) -> float:
    """The node's radius in screen pixels at 100 % zoom: grows with the square root of its number of relations."""
    return round(min(10.0 + 4.0 * math.sqrt(max(degree, 0)), 42.0), 1)


def short_label(name: str, limit: int = LABEL_MAX_CHARS) -> str:
    """The name cut at a word boundary to at most ``limit`` characters, with "…" when shortened."""
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


#: Colour by group (community): Okabe–Ito first, then Paul Tol's muted colours; groups past the list share grey.
GROUP_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
)
OTHER_GROUP = "#BBBBBB"
#: Colour by centrality: light to dark (viridis stops, readable for colour-blind viewers).
CENTRALITY_RAMP = ("#FDE725", "#7AD151", "#22A884", "#2A788E", "#414487", "#440154")


def group_colour(number: int) -> str:
    """The colour of group ``number`` (0 = the largest group); groups past the palette are grey."""
    return GROUP_COLOURS[number] if 0 <= number < len(GROUP_COLOURS) else OTHER_GROUP


def centrality_colour(value: float, largest: float) -> str:
    """The ramp's colour for ``value`` on a square-root scale up to ``largest`` (most values are near zero)."""
    if largest <= 0 or value <= 0:
        return CENTRALITY_RAMP[0]
    step = math.sqrt(min(value / largest, 1.0))
    return CENTRALITY_RAMP[min(len(CENTRALITY_RAMP) - 1, int(step * len(CENTRALITY_RAMP)))]
