"""docs/data-format.md is generated from network/schema.py and must not drift from it."""

from __future__ import annotations

from pathlib import Path

from network import schema
from network.docs import format_markdown

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "data-format.md"


def test_data_format_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == format_markdown(), (
        "docs/data-format.md is out of date: run `python -m network schema > docs/data-format.md`")


def test_schema_command_output_equals_the_file(capsys) -> None:
    """Exactly what `python -m network schema > docs/data-format.md` writes (UTF-8, one trailing newline)."""
    from network.cli import main

    assert main(["schema"]) == 0
    assert capsys.readouterr().out.encode("utf-8") == DOC.read_bytes()


def test_doc_mentions_every_file_column_and_relation() -> None:
    text = format_markdown()
    for table in schema.TABLES:
        assert f"`{table.file}`" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text, (table.file, column.name)
    for name in schema.RELATION_TYPES:
        assert f"| `{name}` |" in text
    assert "`EL`" in text and "`GR`" in text and "directory.toml" in text
