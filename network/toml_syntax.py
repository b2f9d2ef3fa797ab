"""What tomllib says about a TOML syntax error, as a code and its place, so a reader's language can say it.

tomllib words its errors in English with the place at the end: "Expected '=' after a key in a key/value pair (at
line 3, column 5)". Two files a person writes by hand are TOML (a mapping file and ``directory.toml``); both say
a syntax error as a message code ending in one of :data:`WORDS`' keys (``mapping.bad-toml.expected-equals``,
``problem.bad-config.expected-equals``) with the line and column, and the dashboard's catalogue says it in
Swedish. :data:`WORDS` is the one list of tomllib's sentences: ``network.messages`` builds the English templates
from it (the same words the CLI printed before), and :func:`syntax_error` reads them back out of an error. An
error worded otherwise (a newer Python, a rarer mistake) has no code: the caller keeps tomllib's own words.
"""

from __future__ import annotations

import re

__all__ = ["WORDS", "syntax_error"]

#: Code → tomllib's English for the common syntax errors, without the place ({name}: a part of the sentence that
#: varies, such as the character found).
WORDS: dict[str, str] = {
    "expected-equals": "Expected '=' after a key in a key/value pair",
    "unterminated-string": "Unterminated string",
    "expected-newline": "Expected newline or end of document after a statement",
    "illegal-character": "Illegal character {character}",
    "invalid-value": "Invalid value",
    "invalid-statement": "Invalid statement",
    "unclosed-table-header": "Expected ']' at the end of a table declaration",
    "unclosed-array": "Unclosed array",
    "unclosed-inline-table": "Unclosed inline table",
    "overwrite": "Cannot overwrite a value",
    "declared-twice": "Cannot declare {key} twice",
}

_PATTERNS = tuple(
    (code, re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+)", re.escape(words)))) for code, words in WORDS.items()
)
_PLACE = re.compile(r"(?P<what>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$", re.S)


def syntax_error(detail: str, text: str) -> tuple[str, dict[str, str]] | None:
    """The code of tomllib's error ``detail`` and its parameters (line, column and the sentence's varying parts),
    or None when tomllib worded it otherwise. "At end of document" is given as the line and column where ``text``
    (the document that was parsed) ends, so every coded error names a place."""
    place = _PLACE.fullmatch(detail)
    if not place:
        return None
    lines = text.split("\n")
    line, column = place["line"] or str(len(lines)), place["column"] or str(len(lines[-1]) + 1)
    for code, pattern in _PATTERNS:
        said = pattern.fullmatch(place["what"])
        if said:
            return code, {"line": line, "column": column, **said.groupdict()}
    return None
