"""Where partners are: organisations per country (a choropleth over bundled Natural Earth outlines) and points for
organisations that have coordinates (``lat``/``lon`` in organisations.csv).

Everything is offline: the outlines are ``network/data/countries.geojson`` (public domain, see its README), and
nothing here fetches anything. The map page draws these with pydeck; ``to_geojson`` is the same data as a file
(``python -m network export --format geojson``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "countries_geojson",
    "partners_per_country",
    "choropleth",
    "points",
    "to_geojson",
    "count_colour",
    "COUNTRIES_FILE",
    "Point",
]

COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.geojson"
#: Sequential blues (light → dark), readable for colour-blind viewers; grey for countries without partners.
_RAMP = ((222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214), (49, 130, 189), (8, 81, 156))
_NONE = (236, 239, 241)


@lru_cache(maxsize=1)
def _countries_text() -> str:
    return COUNTRIES_FILE.read_text(encoding="utf-8")


def countries_geojson() -> dict:
    """A fresh copy of the bundled countries (a FeatureCollection; each feature has ``iso`` and ``name``)."""
    return json.loads(_countries_text())


def _organisations(directory: "Directory", nodes: Iterable[str] | None):
    frame = directory.tables.get("organisation")
    if frame is None or frame.empty:
        return frame
    if nodes is not None:
        frame = frame[_member(frame["id"], nodes)]
    return frame


def _member(ids, nodes: Iterable[str]):
    """A boolean mask: which of ``ids`` are in ``nodes``. Arrow's ``is_in`` in C: ``Series.isin`` on Arrow strings
    loops in Python (0.6 s for 100,000 organisations against 0.02 s)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = pa.array(list(dict.fromkeys(map(str, nodes))), pa.string())
    return (
        pc.is_in(pa.array(ids.astype(str), pa.string()), value_set=wanted)
        .to_numpy(zero_copy_only=False)
        .astype(np.bool_)
    )


def partners_per_country(directory: "Directory", nodes: Iterable[str] | None = None) -> dict[str, int]:
    """ISO code → number of organisations (of ``nodes``, if given), largest first."""
    frame = _organisations(directory, nodes)
    if frame is None or frame.empty:
        return {}
    counts = frame.loc[frame["country"] != "", "country"].value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def count_colour(count: int, largest: int) -> list[int]:
    """An RGBA colour for a count on a logarithmic scale up to ``largest`` (so one big country does not grey out
    the rest)."""
    if count <= 0 or largest <= 0:
        return [*_NONE, 160]
    step = 0 if largest == 1 else math.log(count) / math.log(max(largest, 2))
    return [*_RAMP[min(len(_RAMP) - 1, int(step * (len(_RAMP) - 1) + 0.5))], 220]


def choropleth(
    directory: "Directory", nodes: Iterable[str] | None = None, *, names: dict[str, str] | None = None
) -> dict:
    """The countries with ``count`` (organisations), ``label`` and ``fill`` (RGBA) properties for pydeck."""
    counts = partners_per_country(directory, nodes)
    largest = max(counts.values(), default=0)
    collection = countries_geojson()
    for feature in collection["features"]:
        props = feature["properties"]
        count = counts.get(props["iso"], 0)
        props.update(
            count=count, fill=count_colour(count, largest), label=(names or {}).get(props["iso"], props["name"])
        )
    return collection


class Point(dict):
    """One organisation with coordinates: ``id``, ``name``, ``country``, ``lat``, ``lon`` (a dict for pydeck)."""


def points(directory: "Directory", nodes: Iterable[str] | None = None) -> list[Point]:
    """Organisations with both coordinates, as plain dicts (pydeck serialises them as they are)."""
    frame = _organisations(directory, nodes)
    if frame is None or frame.empty or "lat" not in frame or "lon" not in frame:
        return []
    placed = frame[(frame["lat"] != "") & (frame["lon"] != "")]
    lats, lons = placed["lat"].astype(float).tolist(), placed["lon"].astype(float).tolist()  # validated numbers
    return [
        Point(id=i, name=n, country=c, lat=la, lon=lo)
        for i, n, c, la, lo in zip(placed["id"], placed["name"], placed["country"], lats, lons)
    ]


def to_geojson(directory: "Directory", nodes: Iterable[str] | None = None) -> bytes:
    """The map's data as one GeoJSON file: countries with their number of organisations, then a point per
    organisation with coordinates. No personal data: only ids, names and countries of organisations."""
    chosen = None if nodes is None else set(nodes)
    collection = choropleth(directory, chosen)
    for feature in collection["features"]:
        feature["properties"].pop("fill", None)
        feature["properties"].pop("label", None)
    for point in points(directory, chosen):
        collection["features"].append(
            {
                "type": "Feature",
                "properties": {
                    "id": point["id"],
                    "name": point["name"],
                    "country": point["country"],
                    "kind": "organisation",
                },
                "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]},
            }
        )
    return (json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
