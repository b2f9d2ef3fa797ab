"""The core's errors about saving, reading and mapping files carry a code with parameters (``NetworkError.note``,
``network.messages``), so the dashboard can say them in the reader's language while the CLI prints the same English
as before; the import's report is lines of codes too. And an import that leaves every row out stays text, not
floats (pandas 4 will refuse to fill a float column with "")."""

from __future__ import annotations

import ast
import gzip
import io
import tomllib
import warnings
from pathlib import Path

import pandas as pd
import pytest

from core_helpers import EDITOR, SMALL_FILES, TODAY, write_directory
from network import editing, importing, messages, reading, storage
from network.errors import (
    ConflictError,
    DataSourceError,
    LimitError,
    NetworkError,
    NotFoundError,
    UsageError,
)
from network.import_mapping import MappingError, load_mapping, parse_mapping

ROOT = Path(__file__).resolve().parents[1]

MAPPING = """
[organisation]
name = "Project Partner"
country = "Country code"
[group]
kind = "project"
name = "Acronym"
[relation]
type = "partner_in"
"""


def _said(error: NetworkError, code: str) -> None:
    """``error`` carries ``code`` and its English is the template filled in with the parameters."""
    assert error.note is not None, str(error)
    assert error.note.code == code, (error.note.code, str(error))
    assert str(error) == messages.english(code, error.note.values)


# --- every refusal of these modules is raised with a code --------------------------------------------------------

#: Module → the functions whose raises must carry a code (None: the whole module): saving, reading, mapping files,
#: planning an import, and editing (the Edit page shows what editing refuses: a record someone else deleted).
CODED = {
    "network/storage.py": None,
    "network/reading.py": None,
    "network/import_mapping.py": None,
    "network/importing.py": None,
    "network/editing.py": None,
}
ERRORS = {
    "NetworkError",
    "UsageError",
    "DataSourceError",
    "LimitError",
    "ConflictError",
    "SaveError",
    "MappingError",
    "NotFoundError",
}


def english_raises(path: Path, functions: set[str] | None) -> list[str]:
    """``raise SomeError("text" or f"text")`` in ``path`` (in ``functions``): an error a reader cannot have translated."""
    found = []
    tree = ast.parse(path.read_text("utf-8"))
    scopes = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and (functions is None or node.name in functions)
    ]
    for scope in scopes if functions is not None else [tree]:
        for node in ast.walk(scope):
            call = node.exc if isinstance(node, ast.Raise) else node if isinstance(node, ast.Return) else None
            call = getattr(call, "value", call) if isinstance(node, ast.Return) else call
            if not isinstance(call, ast.Call) or getattr(call.func, "id", "") not in ERRORS or not call.args:
                continue
            if isinstance(call.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)):
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_errors_about_saving_reading_mappings_imports_and_edits_are_raised_with_a_code() -> None:
    missing = [where for name, functions in CODED.items() for where in english_raises(ROOT / name, functions)]
    assert not missing, f"raise these with network.messages.message(...): {missing}"


def test_the_check_finds_an_error_raised_with_english(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "def f(x):\n"
        "    raise UsageError(f'{x} is not a folder.')\n"
        "def g(x):\n"
        "    raise UsageError(message('save.not-a-folder', path=x))\n"
        "def h(x):\n"
        "    return MappingError('plain text')\n",
        "utf-8",
    )
    assert english_raises(module, None) == ["module.py:2", "module.py:6"]
    assert english_raises(module, {"g"}) == []


# --- saving ----------------------------------------------------------------------------------------------------


def test_a_save_over_newer_files_says_so_with_a_code(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "data", SMALL_FILES)
    snapshot = storage.load(data)
    with pytest.raises(ConflictError) as caught:
        storage.save(data, snapshot.tables, "not-the-fingerprint", actor=EDITOR, summary="x")
    _said(caught.value, "save.newer-on-disk")


def test_a_save_that_cannot_make_its_history_folder_names_it(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "data", SMALL_FILES)
    snapshot = storage.load(data)
    (data / ".history").write_text("not a folder", "utf-8")  # as root too: mkdir fails on an existing file
    with pytest.raises(storage.SaveError) as caught:
        storage.save(data, snapshot.tables, snapshot.fingerprint, actor=EDITOR, summary="x")
    _said(caught.value, "save.no-history-folder")
    assert caught.value.note.values["folder"] == str(data / ".history")


def test_a_workbook_is_not_saved_over(tmp_path: Path) -> None:
    book = tmp_path / "directory.xlsx"
    book.write_bytes(b"PK")
    with pytest.raises(UsageError) as caught:
        storage.require_folder(book)
    _said(caught.value, "save.workbook")


# --- reading ---------------------------------------------------------------------------------------------------


def test_reading_a_missing_folder_and_a_too_long_file_say_why_with_codes(tmp_path: Path) -> None:
    with pytest.raises(DataSourceError) as caught:
        reading.read_source(tmp_path / "nowhere")
    _said(caught.value, "read.missing")
    data = write_directory(tmp_path / "data", SMALL_FILES)
    with pytest.raises(LimitError) as caught:
        reading.read_source(data, reading.Limits(rows=2))
    _said(caught.value, "read.too-large.rows")
    assert caught.value.note.values["variable"] == "NETWORK_MAX_ROWS" and caught.value.row is not None


def test_an_upload_that_is_not_gzip_or_not_its_encoding_says_so(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        importing.read_table(b"this is not gzip", "partners.csv.gz")
    _said(caught.value, "read.bad-gzip")
    with pytest.raises(UsageError) as caught:
        importing.read_table("Namn\nÖrebro\n".encode("latin-1"), "partners.csv", encoding="utf-8")
    _said(caught.value, "read.bad-encoding")
    assert caught.value.note.values == {"name": "partners.csv", "encoding": "utf-8", "line": "2", "byte": "0xd6"}
    with pytest.raises(UsageError) as caught:
        importing.read_table(tmp_path / "nowhere.csv")
    _said(caught.value, "read.upload-missing")
    assert importing.read_table(gzip.compress(b"a;b\n1;2\n"), "x.csv.gz").header == ["a", "b"]  # a good one reads


# --- mapping files ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "values"),
    [
        ('[organisation]\nname = "Project Partner\n', "mapping.bad-toml.illegal-character", {"line": "2"}),
        ('[organisation]\nname = "Project Partner', "mapping.bad-toml.unterminated-string", {"line": "2"}),
        ("[organisation]\nname Project\n", "mapping.bad-toml.expected-equals", {"line": "2", "column": "6"}),
        ("[organisation\nname = 'x'", "mapping.bad-toml.unclosed-table-header", {"line": "1"}),
        ("a = 1\na = 2\n", "mapping.bad-toml.overwrite", {"line": "2"}),
        ("a = [1, 2", "mapping.bad-toml.unclosed-array", {"line": "1", "column": "10"}),  # at end of document
        ("a = 2024-13-45", "mapping.bad-toml.expected-newline", {"line": "1"}),
        (MAPPING + "\n[extra]\nx = 1\n", "mapping.unknown-section", {"section": "extra"}),
        (MAPPING + "\n[relatoin]\nx = 1\n", "mapping.unknown-section.close", {"close": "relation"}),
        (MAPPING.replace('kind = "project"', 'kind = "club"'), "mapping.bad-group-kind", {"found": "'club'"}),
        (MAPPING.replace('name = "Acronym"', ""), "mapping.missing-group-name", {"kind": "project"}),
        (MAPPING.replace('country = "Country code"', ""), "mapping.missing-organisation-country", {}),
        (MAPPING.replace('type = "partner_in"', 'type = "likes"'), "mapping.bad-relation-type", {}),
        (MAPPING.replace('type = "partner_in"', 'type = "member_of"'), "mapping.relation-not-allowed", {}),
        (MAPPING.replace('name = "Acronym"', 'name = "Acronym"\nbudget = "B"'), "mapping.unknown-key.close", {}),
        (MAPPING.replace('name = "Acronym"', 'name = "Acronym"\nzzz = "B"'), "mapping.unknown-key", {"key": "zzz"}),
        (MAPPING.replace('name = "Acronym"', "name = { template = 'x' }"), "mapping.template-without-column", {}),
        (MAPPING.replace('name = "Acronym"', "name = { pattern = '(' , column = 'A' }"), "mapping.bad-pattern", {}),
        (MAPPING + '[source]\ndelimiter = ";;"\n', "mapping.bad-delimiter", {}),
    ],
)
def test_a_mapping_that_cannot_be_used_says_why_with_a_code(text: str, code: str, values: dict) -> None:
    with pytest.raises(MappingError) as caught:
        load_mapping(text.encode("utf-8"), "mapping.toml")
    _said(caught.value, code)
    assert values.items() <= caught.value.note.values.items(), caught.value.note


def test_toml_errors_keep_the_english_the_cli_printed() -> None:
    """The CLI's sentence for a TOML error is tomllib's own words with their place, as before codes."""
    text = '[organisation]\nname = "Project Partner\n'
    with pytest.raises(tomllib.TOMLDecodeError) as parsed:
        tomllib.loads(text)
    with pytest.raises(MappingError) as caught:
        load_mapping(text.encode("utf-8"), "mapping.toml")
    assert str(caught.value).startswith(f"mapping.toml is not valid TOML: {parsed.value}. Check quotes")


def test_a_toml_error_without_a_code_keeps_its_words() -> None:
    with pytest.raises(MappingError) as caught:
        load_mapping(b'a = "\\uZZZZ"', "mapping.toml")  # no code for a bad escape: tomllib's words are the detail
    _said(caught.value, "mapping.bad-toml")
    assert caught.value.note.values["detail"] == "Invalid hex value (at line 1, column 8)"


def test_a_lookup_file_that_is_not_there_says_so_with_a_code(tmp_path: Path) -> None:
    mapping = parse_mapping(
        tomllib.loads(MAPPING + '[lookups.orgs]\nfile = "orgs.csv"\nkey = "id"\non = "Project Partner"\n')
    )
    source = tmp_path / "partners.csv"
    source.write_text("Project Partner;Country code;Acronym\nA;SE;X\n", "utf-8")
    with pytest.raises(MappingError) as caught:
        importing.read_lookups(mapping, source)
    _said(caught.value, "mapping.lookup-not-found")


# --- directory.toml ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "values"),
    [
        ('name = "Testkatalog"\nhome region-orebro\n', "problem.bad-config.expected-equals", {"line": "2"}),
        ('name = "Testkatalog\n', "problem.bad-config.illegal-character", {"line": "1"}),
        ('name = "a"\nname = "b"\n', "problem.bad-config.overwrite", {"line": "2", "column": "11"}),
        ('name = ["a", "b"', "problem.bad-config.unclosed-array", {"line": "1", "column": "17"}),
        ('name = "\\uZZZZ"', "problem.bad-config", {"detail": "Invalid hex value (at line 1, column 11)"}),
    ],
)
def test_a_directory_toml_that_is_not_toml_says_where_with_a_code(text: str, code: str, values: dict) -> None:
    """tomllib's words become a code with the line and column (the dashboard says them in Swedish); the English is
    tomllib's own sentence, as the CLI printed it before; an error without a code keeps tomllib's words."""
    with pytest.raises(tomllib.TOMLDecodeError) as parsed:
        tomllib.loads(text)
    _, [problem] = reading.read_config(io.BytesIO(text.encode("utf-8")))
    assert (problem.key, problem.code) == (code, "bad-config")
    assert values.items() <= dict(problem.params).items(), problem.params
    assert problem.message == messages.english(code, dict(problem.params))
    if "at end of document" not in str(parsed.value):
        assert f"not valid TOML ({parsed.value})." in problem.message


# --- editing ---------------------------------------------------------------------------------------------------


def test_an_edit_of_a_record_someone_else_deleted_or_renamed_says_so_with_a_code(tmp_path: Path) -> None:
    tables = storage.load(write_directory(tmp_path / "data", SMALL_FILES)).tables
    with pytest.raises(NotFoundError) as caught:
        editing.update_entity(tables, "comune-y", {"city": "Y"})
    _said(caught.value, "edit.no-entity")
    assert caught.value.note.values == {"id": "comune-y"}
    gone = {"source": "region-orebro", "relation": "member_of", "target": "central-sweden", "since": "1999"}
    with pytest.raises(NotFoundError) as caught:
        editing.delete_relation(tables, gone)
    _said(caught.value, "edit.no-relation")
    assert str(caught.value).startswith("The relation region-orebro member_of central-sweden is not in relations.csv")


@pytest.mark.parametrize(
    ("edits", "code"),
    [
        ([editing.Edit("update", "organisation", "comune-x", {"colour": "red"})], "edit.unknown-column"),
        ([editing.Edit("add", "club", "x", {"id": "x"})], "edit.unknown-kind"),
        ([editing.Edit("rename", "organisation", "comune-x", {"id": " "})], "edit.no-new-id"),
        ([editing.Edit("merge", "organisation", "comune-x", {"drop": "comune-x"})], "edit.merge-same"),
        ([editing.Edit("merge", "organisation", "comune-x", {"drop": "reves"})], "edit.merge-kinds"),
        ([], "edit.nothing"),
        ([editing.Edit("paint", "organisation", "comune-x")], "edit.unknown-action"),
    ],
)
def test_an_edit_that_cannot_be_made_says_why_with_a_code(tmp_path: Path, edits: list, code: str) -> None:
    tables = storage.load(write_directory(tmp_path / "data", SMALL_FILES)).tables
    with pytest.raises(UsageError) as caught:
        editing.apply_all(tables, edits)
    _said(caught.value, code)


# --- planning an import ----------------------------------------------------------------------------------------


def test_an_unknown_match_mode_says_so_with_a_code(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        _plan(tmp_path, "Teatro Nuovo;IT;DANCE\n", match="sometimes")
    _said(caught.value, "import.bad-match-mode")
    assert caught.value.note.values["mode"] == "sometimes"


# --- the import's report, and an import that leaves every row out ----------------------------------------------


def _plan(tmp_path: Path, rows: str, **options: object) -> importing.ImportPlan:
    data = write_directory(tmp_path / "data", SMALL_FILES)
    source = tmp_path / "partners.csv"
    source.write_text("Project Partner;Country code;Acronym\n" + rows, "utf-8")
    mapping = parse_mapping(tomllib.loads(MAPPING), "mapping.toml")
    return importing.plan_import(data, importing.read_table(source), mapping, today=TODAY, **options)


def test_the_report_is_lines_of_codes_and_its_english_is_the_cli_text(tmp_path: Path) -> None:
    report = _plan(tmp_path, "Teatro Nuovo;IT;DANCE\n;DE;DANCE\nOhne Land;;DANCE\n\n").report
    lines = report.lines()
    assert report.text() == "\n".join(messages.english(line.note.code, line.note.values) for line in lines)
    assert [line.note.code for line in lines][:5] == [
        "report.head.dry-run",
        "report.rows",
        "report.organisations",
        "report.groups.project",
        "report.relations",
    ]
    rows = [line for line in lines if line.skipped is not None]
    assert [line.skipped.row for line in rows] == [3, 4] and rows[0].text == f"  row 3: {rows[0].skipped.reason}"
    [note] = [line for line in lines if line.said is not None]
    assert note.said.code == "import.note.blank-rows" and note.text == "Note: 1 empty rows were ignored."


def test_an_import_that_leaves_every_row_out_fills_no_float_column_with_text(tmp_path: Path) -> None:
    """With no row kept the id maps are empty, which pandas reads as floats; filling them with "" warns in pandas 3
    (Pandas4Warning) and will raise in pandas 4. The plan is made with every warning an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plan = _plan(tmp_path, ";DE;DANCE\nOhne Land;;DANCE\n")
    assert plan.report.rows_imported == 0 and [s.row for s in plan.report.skipped] == [2, 3]
    assert not plan.changed


def test_pandas_still_warns_on_filling_a_float_series_with_text() -> None:
    """The reason for the test above: without .astype(object) the fill warns (so the test above can fail)."""
    with pytest.warns(getattr(pd.errors, "Pandas4Warning", FutureWarning)):
        pd.Series(["k:a"]).map({}).fillna("")
