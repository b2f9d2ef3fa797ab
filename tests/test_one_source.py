"""One source per rule: the helpers that own a rule, and no second copy of them in the code (docs/development.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from network import editing, schema, storage
from network.ids import norm_id, norm_ids

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "network").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])


def _copies(pattern: str, owner: str) -> list[str]:
    """Files other than ``owner`` whose code matches ``pattern``."""
    found = re.compile(pattern)
    return [
        str(p.relative_to(ROOT))
        for p in SOURCES
        if p.relative_to(ROOT).as_posix() != owner and found.search(p.read_text("utf-8"))
    ]


def test_ids_are_compared_trimmed_and_lower_case() -> None:
    assert norm_id(" Region-Orebro ") == "region-orebro"
    assert norm_id(None) == ""
    assert norm_ids(pd.Series([" A-b", "c ", ""])).tolist() == ["a-b", "c", ""]


def test_the_relation_key_is_the_schemas() -> None:
    assert editing.RELATION_KEY is schema.RELATION_KEY
    assert storage.key_columns(schema.RELATIONS_TABLE) is schema.RELATION_KEY


@pytest.mark.parametrize(
    ("pattern", "owner"),
    [
        (r"\.astype\(str\)\.str\.strip\(\)\.str\.lower\(\)", "network/ids.py"),  # id normalisation
        (r"[\"']-(?:28|31)[\"']", "network/dates.py"),  # completing a partial date by hand
        (r"\(\s*[\"']=[\"'],\s*[\"']\+[\"'],\s*[\"']-[\"'],\s*[\"']@[\"']", "network/formulas.py"),  # formula starts
        (r"[\"']email[\"'],\s*[\"']phone[\"']", "network/schema.py"),  # a hand-written list of contact columns
        (r"[\"']source[\"'],\s*[\"']relation[\"'],\s*[\"']target[\"'],\s*[\"']since[\"']", "network/schema.py"),
        (r"\.part[\"']", "network/atomic.py"),  # a temporary file with a fixed name instead of the atomic writer
        (r"def _per_value|def _by_unique", "network/distinct.py"),  # the per-distinct-value helper
    ],
)
def test_no_second_copy_of_a_rule(pattern: str, owner: str) -> None:
    assert _copies(pattern, owner) == []
