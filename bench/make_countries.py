"""Make network/data/countries.geojson from Natural Earth's 1:110m countries (public domain), once.

Source: ``naturalearth_lowres`` as shipped in the geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres/,
Natural Earth 1:110m Admin 0 countries). The shapefile is read here with the standard library (no geopandas or
pyshp needed), coordinates are rounded to 2 decimals (about 1 km, far finer than the 1:110m outlines) and each
country gets its ISO 3166-1 alpha-2 code (pycountry, from iso_a3; Natural Earth writes -99 for France, Norway and
Kosovo, fixed by name). Run:

    unzip geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/naturalearth_lowres/*' -d /tmp/ne/x
    python bench/make_countries.py /tmp/ne/x/geopandas/datasets/naturalearth_lowres > network/data/countries.geojson
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import pycountry

_BY_NAME = {"France": "FR", "Norway": "NO", "Kosovo": "XK"}


def _records(dbf: bytes) -> list[dict[str, str]]:
    count, header, length = struct.unpack("<IHH", dbf[4:12])
    fields, offset = [], 32
    while dbf[offset] != 0x0D:
        name = dbf[offset : offset + 11].split(b"\0")[0].decode()
        fields.append((name, dbf[offset + 16]))
        offset += 32
    rows = []
    for i in range(count):
        start = header + i * length + 1
        row = {}
        for name, size in fields:
            row[name] = dbf[start : start + size].decode("latin-1").strip()
            start += size
        rows.append(row)
    return rows


def _shapes(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    offset, shapes = 100, []
    while offset < len(shp):
        _, words = struct.unpack(">II", shp[offset : offset + 8])
        body = shp[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        kind = struct.unpack("<i", body[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack(f"<{parts}i", body[44 : 44 + 4 * parts])) + [points]
        xy = struct.unpack(f"<{2 * points}d", body[44 + 4 * parts : 44 + 4 * parts + 16 * points])
        coords = [(round(xy[2 * k], 2), round(xy[2 * k + 1], 2)) for k in range(points)]
        shapes.append([coords[a:b] for a, b in zip(starts, starts[1:])])
    return shapes


def _alpha2(row: dict[str, str]) -> str:
    if row["name"] in _BY_NAME:
        return _BY_NAME[row["name"]]
    found = pycountry.countries.get(alpha_3=row["iso_a3"])
    return found.alpha_2 if found else ""


def _clockwise(ring: list[tuple[float, float]]) -> bool:
    return sum((x2 - x1) * (y2 + y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) > 0


def _polygons(rings: list[list[tuple[float, float]]]) -> list[list[list[tuple[float, float]]]]:
    """Shapefile rings: outer rings clockwise, holes after their outer ring (counter-clockwise)."""
    polygons: list[list] = []
    for ring in rings:
        if _clockwise(ring) or not polygons:
            polygons.append([ring[::-1]])  # GeoJSON (RFC 7946) wants outer rings counter-clockwise
        else:
            polygons[-1].append(ring[::-1])
    return polygons


def main(folder: str) -> None:
    base = Path(folder) / "naturalearth_lowres"
    rows = _records(base.with_suffix(".dbf").read_bytes())
    features = []
    for row, rings in zip(rows, _shapes(base.with_suffix(".shp").read_bytes())):
        code = _alpha2(row)
        if not rings:  # areas without an ISO code (N. Cyprus, Somaliland) are drawn, never coloured
            continue
        polygons = _polygons(rings)
        geometry = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        features.append({"type": "Feature", "properties": {"iso": code, "name": row["name"]}, "geometry": geometry})
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m countries (public domain), naturalearthdata.com",
        "features": features,
    }
    sys.stdout.write(json.dumps(collection, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
