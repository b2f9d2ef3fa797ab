"""docs/data-format.md is generated from network/schema.py and must not drift from it."""

from __future__ import annotations

import re
from pathlib import Path

from network import schema
from network.docs import TYPE_WORDS, format_markdown

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "data-format.md"


def test_data_format_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == format_markdown(), (
        "docs/data-format.md is out of date: run `python -m network schema > docs/data-format.md`"
    )


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


def _tables(text: str) -> list[list[list[str]]]:
    """Every table of the Markdown as rows of cell texts, parsed as GitHub does (markdown-it-py, GFM tables)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            tables[-1].append(row or [])
            row = None
    return tables


def test_every_table_row_has_the_headers_column_count() -> None:
    """A `|` inside a cell (the list separator, in backticks or not) must be escaped, or the row gets more
    cells than the header and the rest of the text moves into the wrong columns."""
    text = DOC.read_text(encoding="utf-8")
    tables = _tables(text)
    assert len(tables) == len(schema.TABLES) + 1  # one per file and the relation types
    for table in tables:
        header = table[0]
        assert all(len(row) == len(header) for row in table), [r for r in table if len(r) != len(header)]
    # markdown-it pads missing cells and drops extra ones, so the source lines are counted too, and each parsed
    # row must hold what the schema says, cell by cell
    for line in text.splitlines():
        if line.startswith("| "):
            assert len(re.split(r"(?<!\\)\|", line.strip())[1:-1]) in (4, 6), line
    for table, rows in zip(schema.TABLES, tables):
        assert [row[0] for row in rows[1:]] == [f"`{c.name}`" for c in table.columns]
        assert [row[2] for row in rows[1:]] == [TYPE_WORDS[c.type] for c in table.columns], table.file
        assert all(row[3].startswith(" ".join(c.help.split())[:20]) for row, c in zip(rows[1:], table.columns))
    relations = tables[-1]
    assert [row[-1] for row in relations[1:]] == [r.help for r in schema.RELATION_TYPES.values()]


def test_the_doc_states_the_delimiters_and_the_lower_casing_of_ids() -> None:
    text = " ".join(format_markdown().split())
    assert "`,`, `;` or tab as delimiter" in text
    assert "is read in lower case (`region-orebro`)" in text
