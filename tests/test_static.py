"""Static pictures (``network/drawing/static.py``): valid PNG, SVG and PDF files, readable labels, pure and thread-safe."""

from __future__ import annotations

import io
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import pytest
from PIL import Image

from network.drawing.layout import compute_layout
from network.drawing.static import MIN_PRINT_DPI, ImageText, _build, font_file, label_text, render_image
from network.errors import UsageError
from network.export import view_graph

SVG = "{http://www.w3.org/2000/svg}"
TEXT = ImageText(
    title="Region Örebro län: nätverket",
    caption="Data per 2025-03-01 · källa: Testkatalog",
    kinds_heading="Slag",
    relations_heading="Relationer",
    kind_names={"organisation": "Organisation"},
    relation_names={"member_of": "medlem i"},
)


@pytest.fixture
def view(small) -> nx.MultiDiGraph:
    return view_graph(small, "region-orebro", 2)


def _svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def _crowd(count: int) -> nx.MultiDiGraph:
    """A big view: a few hubs (networks) with many member organisations."""
    graph = nx.MultiDiGraph()
    for hub in range(5):
        graph.add_node(f"hub-{hub}", kind="network", name=f"Nätverk {hub}")
    for i in range(count - 5):
        graph.add_node(f"org-{i}", kind="organisation", name=f"Organisation nummer {i} i Örebro län")
        graph.add_edge(f"org-{i}", f"hub-{i % 5}", key="member_of")
        if i % 3 == 0:
            graph.add_edge(f"org-{i}", f"hub-{(i + 1) % 5}", key="member_of")
    return graph


def test_png_has_the_pixel_size_and_dpi_asked_for(view):
    for width, dpi in ((1200, 300), (3508, 300), (1000, 150), (999, 600)):
        png = render_image(view, "png", text=TEXT, focus="region-orebro", width_px=width, dpi=dpi)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        image = Image.open(io.BytesIO(png))
        assert image.size == (width, round(width * 3 / 4))
        assert image.info["dpi"][0] == pytest.approx(dpi, abs=0.5)


def test_png_height_can_be_chosen_and_default_is_print_quality(view):
    png = render_image(view, "png", width_px=1600, height_px=900)
    image = Image.open(io.BytesIO(png))
    assert image.size == (1600, 900)
    assert image.info["dpi"][0] == pytest.approx(MIN_PRINT_DPI, abs=0.5)


def test_png_metadata_has_title_and_caption(view):
    image = Image.open(io.BytesIO(render_image(view, "png", text=TEXT, width_px=800)))
    assert image.info["Title"] == TEXT.title
    assert image.info["Description"] == TEXT.caption


def test_svg_parses_and_keeps_labels_as_text_with_swedish_letters(view):
    svg = render_image(view, "svg", text=TEXT, focus="region-orebro")
    texts = _svg_texts(svg)
    joined = "\n".join(texts)
    for expected in (
        "Region Örebro län",
        "Dansresidens Örebro",
        "Théâtre de Lille",
        "REVES",
        TEXT.title,
        TEXT.caption,
        "Slag",
        "Relationer",
        "medlem i",
    ):
        assert expected in joined, expected
    assert not re.search(rb'id="DejaVuSans[-\w]*"', svg)  # no glyph outlines: text is text
    assert b"DejaVu Sans" in svg


def test_people_are_labelled_by_name_and_role_only(view):
    svg = render_image(view, "svg", text=TEXT)
    joined = "\n".join(_svg_texts(svg))
    assert "Anna Exempel" in joined and "International coordinator" in joined
    assert "@" not in joined and "+46" not in joined
    assert label_text({"kind": "person", "name": "Anna", "role": "Boss", "email": "a@b.se"}) == "Anna\nBoss"


def test_pdf_is_one_page_with_embedded_truetype_text(view):
    pdf = render_image(view, "pdf", text=TEXT, focus="region-orebro")
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf  # pdf.fonttype 42: selectable, editable text
    assert b"/Subtype /Type3" not in pdf


def test_physical_size_of_vector_pictures_follows_width_and_dpi(view):
    svg = render_image(view, "svg", width_px=2400, dpi=300)
    root = ET.fromstring(svg)
    assert root.get("width") == "576pt" and root.get("height") == "432pt"  # 8 × 6 inches


def test_crowded_views_label_the_hubs_and_not_everything():
    graph = _crowd(600)
    texts = _svg_texts(render_image(graph, "svg", width_px=2400))
    labels = [t for t in texts if t.startswith(("Nätverk", "Organisation nummer"))]
    assert 10 <= len(labels) < 150
    assert {f"Nätverk {i}" for i in range(5)} <= set(labels)


def test_labels_do_not_overlap():
    graph = _crowd(300)
    fig = _build(graph, compute_layout(graph), TEXT, None, 2400, 1800, 300, None)
    renderer = fig.canvas.get_renderer()
    [ax] = fig.axes
    boxes = [label.get_window_extent(renderer) for label in ax.texts]
    assert len(boxes) > 10
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    assert not overlapping


def test_every_node_is_labelled_in_a_small_view(view):
    texts = " ".join(_svg_texts(render_image(view, "svg", text=TEXT, focus="region-orebro")))  # wrapped lines too
    names = [attrs["name"] for _, attrs in view.nodes(data=True)]
    missing = [n for n in names if n[:20] not in texts]
    assert not missing


def test_user_text_is_drawn_as_written(view):
    view = view.copy()
    view.nodes["reves"]["name"] = "Costs $5 & $10 <b>bold</b>"
    svg = render_image(view, "svg", text=ImageText(title="A $x$ title"))
    joined = "\n".join(_svg_texts(svg))
    assert "Costs $5 & $10 <b>bold</b>" in joined and "A $x$ title" in joined


def test_positions_default_to_the_dashboard_layout(view):
    own = render_image(view, "svg", text=TEXT, focus="region-orebro")
    given = render_image(
        view, "svg", text=TEXT, focus="region-orebro", positions=compute_layout(view, focus="region-orebro")
    )
    assert own == given
    moved = render_image(
        view, "svg", text=TEXT, focus="region-orebro", positions={n: (i, i % 3) for i, n in enumerate(sorted(view))}
    )
    assert moved != own


def test_empty_view_still_gives_a_picture():
    svg = render_image(nx.MultiDiGraph(), "svg", text=ImageText(title="Tomt", empty="Inget att visa"))
    assert "Inget att visa" in _svg_texts(svg)


def test_bad_requests_are_usage_errors(view):
    with pytest.raises(UsageError, match="format"):
        render_image(view, "bmp")
    with pytest.raises(UsageError, match="pixels"):
        render_image(view, "png", width_px=50)
    with pytest.raises(UsageError, match="DPI"):
        render_image(view, "png", dpi=5000)


def test_the_font_is_matplotlibs_own_dejavu_sans():
    path = font_file()
    assert path.is_file() and Path(mpl.get_data_path()) in path.parents
    assert font_file(bold=True).is_file()


def test_rendering_writes_nothing_and_leaves_settings_alone(view, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = (mpl.rcParams["svg.fonttype"], mpl.rcParams["pdf.fonttype"])
    for fmt in ("png", "svg", "pdf"):
        render_image(view, fmt, width_px=600)
    assert list(tmp_path.iterdir()) == []
    assert (mpl.rcParams["svg.fonttype"], mpl.rcParams["pdf.fonttype"]) == before


@pytest.mark.slow  # eight renders at once: ~5.6 s CPU
def test_concurrent_renders_are_valid_and_the_same_as_one_at_a_time(view):
    positions = compute_layout(view, focus="region-orebro")
    jobs = [("png", 1200), ("svg", 1600), ("pdf", 1400), ("png", 800), ("svg", 900), ("pdf", 1000)]

    def render(fmt: str, width: int) -> bytes:
        return render_image(view, fmt, text=TEXT, positions=positions, focus="region-orebro", width_px=width)

    alone = [render(fmt, width) for fmt, width in jobs]
    together: list[bytes | None] = [None] * len(jobs)
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def work(i: int) -> None:
        try:
            start.wait()
            together[i] = render(*jobs[i])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for (fmt, width), data, reference in zip(jobs, together, alone):
        if fmt == "png":
            assert Image.open(io.BytesIO(data)).size == (width, round(width * 3 / 4))
            assert data == reference
        elif fmt == "svg":
            assert "Region Örebro län" in "\n".join(_svg_texts(data))
            assert data == reference
        else:
            assert data.startswith(b"%PDF-") and b"/FontFile2" in data
