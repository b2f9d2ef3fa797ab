"""Libraries' private parts: used only where this file allows, and still shaped the way that code assumes.

networkx's dicts are read and filled directly only in ``network/nx_fast.py`` (its equivalence with the public API
is proven in ``test_fast_paths.py``). The fast workbook reader (``reading._sheet_cells``) uses openpyxl's cell
parser, and the CLI asks argparse which options a sub-parser has. Any other use of a library's private names, or
a library upgrade that changes them, fails here with a message saying what and where.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
import pytest

from network import nx_fast
from network.errors import LibraryInternalsError

ROOT = Path(__file__).resolve().parents[1]
#: Where the project's code lives (the tests may poke at anything).
SOURCES = [ROOT / "network", ROOT / "ui", ROOT / "bench", ROOT / "network_app.py"]

#: Each private name used on purpose, and the one file allowed to use it.
ALLOWED = {
    r"\._(?:succ|pred|node|adj)\b": "network/nx_fast.py",
    r"openpyxl\.[\w.]*\._\w+|\._(?:shared_strings|date_formats|timedelta_formats|get_source)\b": "network/reading.py",
    r"\._option_string_actions\b": "network/cli.py",
}
#: Private names used only as type annotations (no public name exists), allowed anywhere.
TYPE_NAMES = {"argparse._SubParsersAction"}
#: A private module or name of a library reached through its import name (``nx._x``, ``from pandas._libs ...``).
_LIBRARY_PRIVATE = re.compile(
    r"\b(?:nx|networkx|np|numpy|pd|pandas|pa|pyarrow|openpyxl|rapidfuzz|process|fuzz|"
    r"argparse|pyvis|matplotlib|streamlit|st)\.(?:\w+\.)*_[a-z]\w*"
)


def _source_files() -> list[Path]:
    files = []
    for place in SOURCES:
        files.extend(sorted(place.rglob("*.py")) if place.is_dir() else [place])
    return files


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines without their comments (a comment may name a private part to explain it)."""
    return [(number, line.split("#", 1)[0]) for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)]


def test_private_parts_are_used_only_in_their_own_module() -> None:
    misplaced = []
    for path in _source_files():
        name = path.relative_to(ROOT).as_posix()
        for number, line in _code_lines(path):
            for pattern, owner in ALLOWED.items():
                if name != owner and re.search(pattern, line):
                    misplaced.append(f"{name}:{number}: {line.strip()} (only {owner} may use this)")
    assert not misplaced, "private parts of a library used outside their module:\n" + "\n".join(misplaced)


def test_no_other_private_part_of_a_library_is_used() -> None:
    found = []
    for path in _source_files():
        name = path.relative_to(ROOT).as_posix()
        for number, line in _code_lines(path):
            for match in _LIBRARY_PRIVATE.finditer(line):
                if match.group() not in TYPE_NAMES and not any(
                    name == owner and re.search(pattern, match.group()) for pattern, owner in ALLOWED.items()
                ):
                    found.append(f"{name}:{number}: {match.group()}")
    assert not found, (
        "a library's private name is used; use its public API, or put the access in one module, "
        "add it to ALLOWED here and test it:\n" + "\n".join(found)
    )


def test_the_confinement_checks_can_fail(tmp_path: Path) -> None:
    """The patterns above do match the uses they are meant to catch."""
    caught = [
        "graph._succ[node]",
        "sub._pred",
        "g._node.update(x)",
        "simple._adj",
        "nx._clear_cache(graph)",
        "from openpyxl.worksheet._reader import X",
        "pd.core.arrays._mixins",
        "sheet._shared_strings",
    ]
    for line in caught:
        assert any(re.search(p, line) for p in ALLOWED) or _LIBRARY_PRIVATE.search(line), line
    for line in ["self._succ_cache", "graph.succ[node]", "graph.adjacency()", "nx.MultiDiGraph()", "_node_attrs(x)"]:
        assert not (any(re.search(p, line) for p in ALLOWED) or _LIBRARY_PRIVATE.search(line)), line


def test_networkx_still_has_the_layout_the_fast_paths_fill() -> None:
    """The same check runs when ``network.nx_fast`` is imported; here it names the problem in the test report."""
    problems = nx_fast._layout_problems()
    assert not problems, f"networkx {nx.__version__} (fast paths written for {nx_fast.TESTED_WITH}): {problems}"
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="k", x=1)
    succ, pred = nx_fast.succ_pred(graph)
    assert succ is graph.adj._atlas and pred is graph.pred._atlas  # the views wrap the very dicts handed out
    assert type(succ["a"]["b"]) is dict and succ["a"]["b"] is pred["b"]["a"]
    assert nx.MultiDiGraph.node_dict_factory is dict and nx.MultiDiGraph.edge_key_dict_factory is dict


def test_the_guard_names_the_version_when_the_layout_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A networkx whose adjacency is no longer a dict (simulated with a subclass) stops the program, loudly."""

    class Other(dict):
        pass

    original = nx.MultiDiGraph.__init__

    def changed(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.__dict__["_pred"] = Other()

    monkeypatch.setattr(nx.MultiDiGraph, "__init__", changed)
    with pytest.raises(LibraryInternalsError, match=rf"networkx {re.escape(nx.__version__)} .*_pred.*networkx=="):
        nx_fast.check_internals()


def test_requirements_pin_the_networkx_the_fast_paths_were_proven_with() -> None:
    """Raising the pin means running test_fast_paths.py with the new version and then raising TESTED_WITH."""
    pins = dict(re.findall(r"^([\w-]+)==(\S+)", (ROOT / "requirements.txt").read_text("utf-8"), re.MULTILINE))
    assert pins.get("networkx") == nx_fast.TESTED_WITH
    assert nx.__version__ == nx_fast.TESTED_WITH, "the installed networkx is not the pinned one"


def test_openpyxl_still_has_the_parts_the_workbook_reader_uses() -> None:
    """``reading._sheet_cells`` streams cells with openpyxl's own parser; an upgrade that moves it fails here."""
    import openpyxl
    from openpyxl.worksheet import _reader

    version = f"openpyxl {openpyxl.__version__} (the workbook reader was written for 3.1.5, see requirements.txt)"
    for name in ("CELL_TAG", "ROW_TAG", "WorkSheetParser"):
        assert hasattr(_reader, name), f"{version}: openpyxl.worksheet._reader.{name} is gone"
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    opened = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        sheet = opened.worksheets[0]
        for owner, name in (
            (sheet, "_get_source"),
            (sheet, "_shared_strings"),
            (opened, "_date_formats"),
            (opened, "_timedelta_formats"),
            (opened, "epoch"),
        ):
            assert hasattr(owner, name), f"{version}: {type(owner).__name__}.{name} is gone"
        with sheet._get_source() as source:
            parser = _reader.WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=opened.epoch,
                date_formats=opened._date_formats,
                timedelta_formats=opened._timedelta_formats,
            )
        for name in ("parse_cell", "row_counter", "col_counter"):
            assert hasattr(parser, name), f"{version}: WorkSheetParser.{name} is gone"
    finally:
        opened.close()
