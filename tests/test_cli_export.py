"""``python -m network export``: files written, exit codes, clear errors, filters, personal data, progress."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image

from network import load_directory
from network.cli import EXIT_OK, EXIT_USAGE, main

# Slow as a module: each test loads the directory and writes an export (~0.9 s CPU a test; the real command ~2 s). The
# full run (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking
# slow").
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def run(small_dir: Path, *args: str) -> int:
    return main(["--data", str(small_dir), "export", *args])


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the files (``small_dir`` is in ``tmp_path`` too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "html", "graphml", "gexf", "xlsx", "csv"])
def test_every_format_is_written_and_valid(small_dir, out_dir, fmt, capsys):
    out = out_dir / f"view.{fmt}"
    assert run(small_dir, "--focus", "region-orebro", "--radius", "2", "--format", fmt, "-o", str(out)) == EXIT_OK
    data = out.read_bytes()
    checks = {
        "png": lambda: data.startswith(b"\x89PNG\r\n\x1a\n"),
        "svg": lambda: ET.fromstring(data) is not None,
        "pdf": lambda: data.startswith(b"%PDF-"),
        "html": lambda: data.startswith(b"<!DOCTYPE html>"),
        "graphml": lambda: "region-orebro" in nx.read_graphml(io.BytesIO(data)),
        "gexf": lambda: "region-orebro" in nx.read_gexf(io.BytesIO(data)),
        "xlsx": lambda: data.startswith(b"PK"),
        "csv": lambda: data.startswith(b"\xef\xbb\xbf"),
    }
    assert checks[fmt]()
    assert str(out) in capsys.readouterr().out
    assert [p.name for p in out_dir.iterdir()] == [out.name]  # no temporary file left behind


def test_format_from_the_file_name_and_picture_options(small_dir, tmp_path):
    out = tmp_path / "print.png"
    assert run(small_dir, "--focus", "reves", "--width", "1800", "--dpi", "600", "-o", str(out)) == EXIT_OK
    image = Image.open(out)
    assert image.size == (1800, 1350) and round(image.info["dpi"][0]) == 600


@pytest.mark.smoke
def test_whole_directory_without_focus(small_dir, tmp_path):
    out = tmp_path / "all.xlsx"
    assert run(small_dir, "--include-contact-details", "-o", str(out)) == EXIT_OK
    back, original = load_directory(out), load_directory(small_dir)
    assert set(back.graph.nodes) == set(original.graph.nodes)
    assert back.graph.number_of_edges() == original.graph.number_of_edges()


def test_unknown_id_is_a_usage_error_with_a_suggestion(small_dir, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert run(small_dir, "--focus", "region-orebo", "-o", str(out)) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "region-orebo" in err and "region-orebro" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--format", "bmp", "-o", "x.bmp"], ["bmp", "png, svg, pdf"]),
        (["-o", "picture.jpeg"], ["picture.jpeg", "--format"]),
        (["--kinds", "organisations", "-o", "x.csv"], ["organisations", "organisation"]),
        (["--relations", "likes", "-o", "x.csv"], ["likes", "member_of"]),
        (["--width", "10", "-o", "x.png"], ["pixels"]),
        (["-o", "no/such/folder/x.png"], ["does not exist"]),
    ],
)
def test_usage_errors(small_dir, out_dir, monkeypatch, capsys, args, words):
    monkeypatch.chdir(out_dir)
    assert run(small_dir, *args) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert all(w in err for w in words), err
    assert list(out_dir.iterdir()) == []


def test_filters(small_dir, tmp_path):
    out = tmp_path / "f.graphml"
    assert (
        run(
            small_dir,
            "--focus",
            "region-orebro",
            "--radius",
            "2",
            "--kinds",
            "organisation",
            "network",
            "--relations",
            "member_of",
            "-o",
            str(out),
        )
        == EXIT_OK
    )
    graph = nx.read_graphml(out, force_multigraph=True)
    assert {kind for _, kind in graph.nodes(data="kind")} == {"organisation", "network"}
    assert {k for _, _, k in graph.edges(keys=True)} == {"member_of"}
    assert "lille-theatre" in graph  # a member of REVES, two steps away
    out = tmp_path / "se.csv"
    assert run(small_dir, "--focus", "region-orebro", "--radius", "2", "--countries", "se", "-o", str(out)) == 0
    countries = {r["country"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))) if r["country"]}
    assert countries == {"SE"}


@pytest.mark.smoke
def test_contact_details_only_with_the_flag(small_dir, tmp_path):
    out = tmp_path / "people.csv"
    assert run(small_dir, "--table", "people", "-o", str(out)) == EXIT_OK
    assert "@" not in out.read_text("utf-8-sig")
    assert run(small_dir, "--table", "people", "--include-contact-details", "-o", str(out)) == EXIT_OK
    assert "anna.exempel@example.org" in out.read_text("utf-8-sig")


def test_hide_people(small_dir, tmp_path):
    out = tmp_path / "v.svg"
    assert run(small_dir, "--focus", "region-orebro", "--radius", "2", "--hide-people", "-o", str(out)) == EXIT_OK
    assert b"Anna Exempel" not in out.read_bytes()


def test_output_to_stdout(small_dir, capsysbinary):
    assert run(small_dir, "--format", "csv", "--table", "relations", "--delimiter", ";", "-o", "-") == EXIT_OK
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbfsource;relation;target")


def test_progress_bar_only_on_a_terminal(small_dir, tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run(small_dir, "-o", str(tmp_path / "a.png"), "--width", "600") == EXIT_OK
    assert "render" in terminal.getvalue() and "100%" in terminal.getvalue()
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    assert run(small_dir, "-o", str(tmp_path / "b.png"), "--width", "600") == EXIT_OK
    assert "render" not in plain.getvalue()


def test_as_a_real_command(small_dir, tmp_path):
    out = tmp_path / "x.gexf"
    done = subprocess.run(
        [sys.executable, "-m", "network", "--data", str(small_dir), "export", "--focus", "reves", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.exists()
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "network",
            "--data",
            str(small_dir),
            "export",
            "--focus",
            "nobody",
            "-o",
            str(out.with_suffix(".png")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "nobody" in bad.stderr


def test_the_output_is_written_with_the_atomic_writer(small_dir, out_dir, monkeypatch, capsys):
    """Through network/atomic.py (a unique temporary name, fsync, rename): a failed rename keeps the old file
    and leaves no temporary file behind; a fixed ``.part`` name would let two exports overwrite each other."""
    import os

    out = out_dir / "view.csv"
    out.write_text("old", "utf-8")
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])

    def no_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    assert run(small_dir, "--format", "csv", "-o", str(out)) != EXIT_OK
    assert out.read_text("utf-8") == "old" and sorted(p.name for p in out_dir.iterdir()) == ["view.csv"]
    assert synced, "the temporary file was not flushed to disk"
    monkeypatch.undo()
    assert run(small_dir, "--format", "csv", "-o", str(out)) == EXIT_OK
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and sorted(p.name for p in out_dir.iterdir()) == ["view.csv"]


def test_country_filters_take_the_eu_codes_too(small_dir, out_dir, capsys):
    """`--countries el` means Greece (stored as GR): countries.normalise_code, as the files are read."""
    for code in ("el", "GR"):
        out = out_dir / f"{code}.csv"
        assert (
            run(small_dir, "--countries", code, "--kinds", "organisation", "--format", "csv", "-o", str(out)) == EXIT_OK
        )
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
        assert [r["id"] for r in rows] == ["athens-lab"], code
