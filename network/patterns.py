"""Regular expressions from import mappings, run so that a bad one cannot freeze the server.

A mapping is a file anyone with the editor role may upload, and Python's ``re`` holds the interpreter lock for the
whole of a match: ``^(a|aa)+$`` on a 40-character cell backtracks for minutes and every other session waits. So
mapping patterns are compiled and run with the ``regex`` module instead: each search has a time limit
(``MATCH_TIMEOUT_SECONDS``), all searches of one field together have a budget (``FIELD_BUDGET_SECONDS``), and
``concurrent=True`` releases the lock while matching, so other sessions keep running meanwhile. ``regex`` reads
the same syntax as ``re``.
"""

from __future__ import annotations

import time

import regex

__all__ = [
    "MATCH_TIMEOUT_SECONDS",
    "FIELD_BUDGET_SECONDS",
    "PatternError",
    "PatternTimeout",
    "compile_pattern",
    "Searcher",
]

#: The longest one search may take (one pattern on one value).
MATCH_TIMEOUT_SECONDS = 1.0
#: The longest all searches of one field may take together (slow but not catastrophic patterns on many values).
FIELD_BUDGET_SECONDS = 20.0

PatternError = regex.error


class PatternTimeout(Exception):
    """A search ran out of time; ``Searcher`` callers turn it into a message that names the key and the row."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the search took longer than {seconds:g} s")
        self.seconds = seconds


def compile_pattern(pattern: str) -> regex.Pattern:
    """The compiled pattern; ``PatternError`` (``regex.error``) if it is not a valid regular expression."""
    return regex.compile(pattern)


class Searcher:
    """One pattern applied to many values under one budget: ``first(value)`` is the first group (or the whole
    match), stripped, or "" when nothing matches; ``PatternTimeout`` when a search or the budget runs out."""

    def __init__(self, pattern: str, *, timeout: float | None = None, budget: float | None = None) -> None:
        self.compiled = compile_pattern(pattern)
        self.timeout = MATCH_TIMEOUT_SECONDS if timeout is None else timeout
        self.deadline = time.monotonic() + (FIELD_BUDGET_SECONDS if budget is None else budget)

    def first(self, value: str) -> str:
        left = self.deadline - time.monotonic()
        limit = min(self.timeout, left)
        if limit <= 0:
            raise PatternTimeout(self.timeout)
        try:
            match = self.compiled.search(value, timeout=limit, concurrent=True)
        except TimeoutError as exc:
            raise PatternTimeout(limit) from exc
        if not match:
            return ""
        return (match.group(1) if self.compiled.groups else match.group(0)).strip()
