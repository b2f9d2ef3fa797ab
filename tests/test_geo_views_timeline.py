"""The map's data, saved views in views.csv, and the timeline."""

from __future__ import annotations

import json

import pytest

from core_helpers import EDITOR, load, write_directory
from network import geo, storage, views
from network.cli import main
from network.errors import UsageError
from network.importing import normalise_coordinate
from network.timeline import new_partners_per_year, projects_per_programme, relations_per_year, year_range


def _with_coordinates(files: dict, lat: str = '"59,2741"', lon: str = '"15,2066"') -> dict:
    lines = files["organisations.csv"].splitlines()
    lines[0] += ",lat,lon"
    lines = [lines[0]] + [line + (f",{lat},{lon}" if line.startswith("region-orebro,") else ",,") for line in lines[1:]]
    return {**files, "organisations.csv": "\n".join(lines) + "\n"}


def test_bundled_countries_have_iso_codes_and_are_small():
    data = geo.countries_geojson()
    codes = {f["properties"]["iso"] for f in data["features"]}
    assert {"SE", "FR", "NO", "GR", "DE"} <= codes
    assert geo.COUNTRIES_FILE.stat().st_size < 400_000


def test_partners_per_country_and_choropleth(small):
    counts = geo.partners_per_country(small)
    frame = small.tables["organisation"]
    assert counts == frame["country"].value_counts().to_dict()
    features = {f["properties"]["iso"]: f["properties"] for f in geo.choropleth(small)["features"]}
    assert features["SE"]["count"] == counts["SE"]
    assert features["SE"]["fill"] != features["US"]["fill"]


def test_decimal_commas_are_read_and_points_built(tmp_path, small_files):
    directory = load(write_directory(tmp_path / "d", _with_coordinates(small_files)))
    assert not directory.report.errors
    assert geo.points(directory) == [
        {"id": "region-orebro", "name": "Region Örebro län", "country": "SE", "lat": 59.2741, "lon": 15.2066}
    ]


def test_a_coordinate_out_of_range_names_the_row_column_and_fix(tmp_path, small_files):
    directory = load(write_directory(tmp_path / "d", _with_coordinates(small_files, lat="95.1")))
    problem = next(p for p in directory.report.errors if p.column == "lat")
    assert problem.file == "organisations.csv" and problem.row == 2 and problem.value == "95.1"
    assert "between -90 and 90" in problem.message


@pytest.mark.parametrize(
    "text,expected",
    [("59,2741", "59.2741"), (" -8,61 ", "-8.61"), ("15.2", "15.2"), ("", ""), ("abc", None), ("1,234,5", None)],
)
def test_the_importer_reads_decimal_commas(text, expected):
    assert normalise_coordinate(text) == expected


def test_geojson_export(tmp_path, small_files, capsys):
    folder = write_directory(tmp_path / "d", _with_coordinates(small_files))
    out = tmp_path / "map.geojson"
    assert main(["export", "--data", str(folder), "--format", "geojson", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    points = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    assert points[0]["geometry"]["coordinates"] == [15.2066, 59.2741]
    sweden = next(f for f in data["features"] if f["properties"].get("iso") == "SE")
    assert sweden["properties"]["count"] == 2
    assert "anna.exempel" not in out.read_text("utf-8")


def test_views_are_saved_renamed_and_deleted_through_the_safe_save(small_dir):
    saved = views.save_view(small_dir, "REVES members", "explore", "?focus=reves&radius=2&lang=en", actor=EDITOR)
    assert saved.view == "reves-members" and saved.query == "focus=reves&radius=2"
    assert views.read_views(small_dir) == [saved]
    assert storage.changes(small_dir)[-1]["action"] == "view"
    other = views.save_view(small_dir, "REVES members", "map", "scope=all", actor=EDITOR)
    assert other.view == "reves-members-2"
    renamed = views.rename_view(small_dir, saved.view, "Our network", actor=EDITOR)
    assert renamed.view == saved.view and views.view_link(renamed) == "/explore?focus=reves&radius=2"
    views.delete_view(small_dir, other.view, actor=EDITOR)
    assert [v.view for v in views.read_views(small_dir)] == ["reves-members"]
    assert [v.name for v in views.saved_views(load(small_dir))] == ["Our network"]


def test_a_view_needs_a_name_and_a_known_page(small_dir):
    with pytest.raises(UsageError):
        views.save_view(small_dir, "  ", "explore", "", actor=EDITOR)
    with pytest.raises(UsageError):
        views.save_view(small_dir, "x", "edit", "", actor=EDITOR)
    with pytest.raises(UsageError):
        views.save_view(small_dir, "x", "explore", "a" * (views.MAX_QUERY + 1), actor=EDITOR)


def test_relations_active_per_year(small):
    table = relations_per_year(small, today=__import__("datetime").date(2025, 6, 1))
    assert table.loc[2012, "member_of"] == 3  # region-orebro (2001), central-sweden (2010), lille (2012-2018)
    assert table.loc[2019, "member_of"] == 3  # lille left in 2018, comune-x joined in 2015
    assert table.loc[2025, "partner_in"] == 3
    assert year_range(small, today=__import__("datetime").date(2025, 6, 1)) == (2001, 2025)


def test_year_range_from_the_distinct_dates_equals_every_date(small):
    """``year_range`` reads each distinct date once; the years are those of every relation's own date."""
    import datetime as dt

    import pandas as pd

    since = small.relations["since"]
    assert since.nunique() < len(since)  # repeated dates, so reading each once is a real shortcut here
    years = pd.to_numeric(since.fillna("").astype(str).str[:4], errors="coerce")
    today = dt.date(1990, 1, 1)  # before every date: the last year is the data's own
    assert year_range(small, today=today) == (int(years.min()), int(years.max()))


def test_projects_and_new_partners_per_year(small):
    projects = projects_per_programme(small)
    assert projects.loc[2023, "creative-europe-small"] == 1
    new = new_partners_per_year(small)
    assert new[2001] == 1 and new.sum() == 5  # every organisation has a dated relation


def _bounds(geometry: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a Polygon or MultiPolygon."""
    rings = (
        geometry["coordinates"]
        if geometry["type"] == "Polygon"
        else [ring for polygon in geometry["coordinates"] for ring in polygon]
    )
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_sample_organisations_have_points_inside_their_countries():
    from pathlib import Path

    from network import load_directory

    directory = load_directory(Path(__file__).resolve().parent.parent / "data")
    assert not directory.report.errors
    found = geo.points(directory)
    assert len(found) >= 0.9 * len(directory.tables["organisation"])  # only the invented towns have none
    boxes = {f["properties"]["iso"]: _bounds(f["geometry"]) for f in geo.countries_geojson()["features"]}
    for point in found:
        west, south, east, north = boxes[{"EL": "GR"}.get(point["country"], point["country"])]
        margin = 0.5  # the outlines are simplified; coastal cities may lie just outside them
        assert west - margin <= point["lon"] <= east + margin and south - margin <= point["lat"] <= north + margin, (
            point
        )


def test_years_and_membership_read_once_per_value_equal_pandas_row_by_row():
    """``timeline._year`` reads each distinct date once and ``_among`` asks Arrow: the same series as pandas'
    row-by-row ``to_numeric`` and ``isin``, for text in pandas' Arrow and object dtypes, with gaps and junk."""
    import pandas as pd

    from network import timeline as tl

    dates = ["2021-03-01", "2021", "", None, "20x1", "1999-12", "2021-03-01", "abcd"]
    for dtype in (object, "string[pyarrow]", "str"):
        for values in (dates, ["2020", "2021"], []):
            series = pd.Series(values, dtype=dtype, name="since", index=range(10, 10 + len(values)))
            expected = pd.to_numeric(series.fillna("").astype(str).str[:4], errors="coerce")
            pd.testing.assert_series_equal(tl._year(series), expected)
        ids = pd.Series(["a", "b", "c", "a", "z", ""], dtype=dtype, name="source", index=range(3, 9))
        for members in ({"a", "c"}, set(), {"z", "", "q"}):
            pd.testing.assert_series_equal(tl._among(ids, members), ids.isin(members))
