"""Spreadsheet formula injection: which text cells Excel or LibreOffice could run as a formula, and how to defuse them.

A cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is read as a formula by spreadsheet
programs (``=HYPERLINK(...)``, ``@SUM(...)``, ``-cmd|...``). Every export that a person may open in a spreadsheet
(``export.py``'s CSV, ``personal_data``'s subject-access workbook) defuses them here: the text gets a leading
``'``. Plain numbers such as ``-12.5`` or ``+46`` are left alone, so numbers stay numbers.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["FORMULA_START", "is_formula_like", "neutralise", "neutralise_frame"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet could read this text cell as a formula (``=1+1``, ``@SUM``, ``-cmd``), not a number."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def neutralise(value: object) -> object:
    """A cell that cannot run as a formula: formula-like text gets a leading ``'``; other values are unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``neutralise`` applied to every cell of ``frame`` (a new frame; the given one is not changed)."""
    return frame.map(neutralise) if len(frame) else frame
