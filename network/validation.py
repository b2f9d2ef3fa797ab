"""Validation: every problem in the data at once, each one findable, and the valid rows ready for the graph.

Checks are vectorised over whole columns (pandas), so a million relations validate in seconds; Python loops run
only over the rows that have a problem. Rows with errors are left out; everything valid still loads.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
from rapidfuzz import fuzz, process

from . import countries, schema, vocabularies
from .messages import Message
from .messages import message as note
from .dropped import Dropped, TableRows, account
from .dates import period_ends, period_starts
from .distinct import PER_VALUE_MIN_ROWS, per_value, per_value_columns
from .ids import norm_ids
from .problems import ERROR, WARNING, Problem
from .reading import RawSource, RawTable
from .schema import Column, Table
from .textnorm import slugify

__all__ = ["ValidData", "validate", "RELATION_COLUMNS", "CLOSE_ID", "cleaned_cells", "quick_names"]

RELATION_COLUMNS = schema.RELATIONS_TABLE.column_names
#: Extra column on relations: where the relation was written ("relations.csv:12" or "people.csv:4:organisation").
ORIGIN = "origin"
_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s.]+"
_NUMBER = r"-?\d+(?:\.\d+)?"
_INTEGER = r"\d+"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
#: How close (``difflib`` ratio) a known id must be to an unknown one to be suggested in its message.
CLOSE_ID = 0.6


@dataclass
class ValidData:
    """The rows that passed validation, by kind, and the relations (from relations.csv and reference columns)."""

    entities: dict[str, pd.DataFrame]
    relations: pd.DataFrame
    #: How messages name each kind's source ("organisations.csv", "book.xlsx › people").
    sources: dict[str, str] = field(default_factory=dict)
    #: Valid rows of the lookup tables (``schema.LOOKUP_TABLES``: country groups), by kind.
    lookups: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: The rows left out because of errors, and what each took with it (``dropped.py``).
    dropped: Dropped = field(default_factory=Dropped)


#: What a check says about one bad value: the value → its message (a code with parameters).
Explain = Callable[[str], Message]


class _Checker:
    """Collects problems for one raw table and remembers which rows have errors."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.frame = raw.frame.copy()
        self.bad = pd.Series(False, index=self.frame.index)
        self.problems: list[Problem] = []

    def flag(
        self, mask: pd.Series, column: str, severity: str, code: str, explain: Explain, values: pd.Series | None = None
    ) -> None:
        """Record a problem for every row where ``mask`` is true; errors also mark the row as bad."""
        if not mask.any():
            return
        shown = self.raw.frame[column] if values is None and column in self.raw.frame else values
        rows = mask.index[mask]
        cells = [""] * len(rows) if shown is None else [str(v) for v in shown.loc[rows].tolist()]
        for row, value in zip(rows.tolist(), cells):
            self.problems.append(Problem.of(severity, self.raw.source, int(row), column, value, explain(value), code))
        if severity == ERROR:
            self.bad |= mask


def validate(
    source: RawSource, today: dt.date | None = None, *, organisation_rows: int | None = None
) -> tuple[ValidData, list[Problem]]:
    """Check every table, then ids across tables, then references and relations. Returns valid rows and problems.

    ``organisation_rows``: how many rows organisations.csv has when ``source`` holds only some of them
    (``validation_rows.validate_rows``); it chooses how near-duplicate names are found (``quick_names``).
    """
    today = today or dt.date.today()
    problems: list[Problem] = list(source.problems)
    checked: dict[str, _Checker] = {}
    for table in schema.TABLES:
        raw = source.tables.get(table.file) or RawTable(table, table.file, _empty_frame(table))
        checker = _Checker(raw)
        # Rows that reading already found broken (more cells than the header) are left out like any error row.
        broken = [p.row for p in source.problems if p.file == raw.source and p.severity == ERROR and p.row]
        if broken:
            checker.bad |= checker.bad.index.isin(broken)
        _check_columns(checker, table)
        checked[table.file] = checker
    cleaned, bad_dates = _clean_all(checked)
    for table in schema.TABLES:
        _check_values(checked[table.file], table, today, cleaned[table.file], bad_dates[table.file])
    _check_unique_ids(checked)
    ids = _id_kinds(checked)
    bad_ids = _ids_of_bad_rows(checked)
    for table, column in schema.reference_columns():
        if table.is_entity:
            _check_reference(checked[table.file], column, column.ref_kinds, ids, bad_ids)
    # A reference error leaves its row out (a person whose organisation is unknown), so relations must not point
    # at it either: otherwise the graph would get a bare node with no kind.
    ids, bad_ids = _id_kinds(checked), _ids_of_bad_rows(checked)
    relations = _check_relations(checked[schema.RELATIONS_TABLE.file], ids, bad_ids)
    organisations = checked[schema.ORGANISATIONS.file]
    quick = quick_names(len(organisations.frame) if organisation_rows is None else organisation_rows)
    _check_near_duplicates(organisations, checked.get(schema.MATCHES.file), quick)
    _check_country_groups(checked)
    if source.config.home and source.config.home not in ids:
        problems.append(
            Problem.of(
                WARNING,
                "directory.toml",
                None,
                "home",
                source.config.home,
                note("problem.unknown-home"),
                "unknown-home",
            )
        )
    for checker in checked.values():
        problems.extend(checker.problems)
    entities = {
        t.kind: checked[t.file].frame.loc[~checked[t.file].bad, list(t.column_names)] for t in schema.ENTITY_TABLES
    }
    derived = _derived_relations(entities, {t.kind: checked[t.file].raw.source for t in schema.ENTITY_TABLES})
    all_relations = pd.concat([relations, derived], ignore_index=True) if len(derived) else relations
    sources = {t.kind: checked[t.file].raw.source for t in schema.TABLES}
    lookups = {
        t.kind: checked[t.file].frame.loc[~checked[t.file].bad, list(t.column_names)] for t in schema.LOOKUP_TABLES
    }
    dropped = account(
        [TableRows(checker.raw.table, checker.raw.source, checker.frame, checker.bad) for checker in checked.values()],
        problems,
    )
    return ValidData(entities, all_relations.reset_index(drop=True), sources, lookups, dropped), problems


def _empty_frame(table: Table) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype=str) for c in table.column_names})
    frame.index.name = "row"
    return frame


# --- columns ---------------------------------------------------------------------------------------------------


def _check_columns(checker: _Checker, table: Table) -> None:
    """Missing required columns (the whole file cannot load) and unknown columns (ignored, with a hint)."""
    frame, source = checker.frame, checker.raw.source
    has_rows = len(frame) > 0
    for name in table.required_columns:
        if name not in frame.columns and (has_rows or len(frame.columns)):
            checker.problems.append(
                Problem.of(
                    ERROR,
                    source,
                    1,
                    name,
                    "",
                    note("problem.missing-column", column=name, rows=len(frame), columns=", ".join(table.column_names)),
                    "missing-column",
                )
            )
            checker.bad[:] = True
    for written in checker.raw.unknown_columns:
        close = difflib.get_close_matches(written.strip().lower(), table.column_names, 1, 0.6)
        columns = ", ".join(table.column_names)
        checker.problems.append(
            Problem.of(
                WARNING,
                source,
                1,
                written,
                written,
                note("problem.unknown-column.close", value=written, close=close[0], columns=columns)
                if close
                else note("problem.unknown-column", value=written, columns=columns),
                "unknown-column",
            )
        )
    for name in table.column_names:
        if name not in frame.columns:
            frame[name] = ""


# --- values ----------------------------------------------------------------------------------------------------


_Columns = dict[str, dict[str, pd.Series]]


def _clean_all(checked: dict[str, _Checker]) -> tuple[_Columns, _Columns]:
    """Every table's columns that have a value, cleaned (``_cleaned``), and which of their dates are bad, by file
    and column. An empty optional column is left out: it has nothing to clean or check. The work is done a kind of
    column at a time for all the tables (``per_value_columns``): pandas costs about a millisecond per operation
    whatever the length, and the small directory's nine tables have sixty columns."""
    kept: list[tuple[str, Column]] = []
    for file, checker in checked.items():
        table, frame = checker.raw.table, checker.frame
        if frame.empty:
            continue  # skip the ~100 pandas operations for a table with no rows
        names = list(table.column_names)
        if len(frame) < PER_VALUE_MIN_ROWS:  # one NumPy comparison for the whole table
            all_empty = (frame[names].to_numpy(dtype=object) == "").all(axis=0).tolist()
        else:
            all_empty = [bool((frame[name] == "").all()) for name in names]
        kept += [(file, column) for column, empty in zip(table.columns, all_empty) if column.required or not empty]
    cleaned: _Columns = {file: {} for file in checked}
    for kind in (schema.NAME, schema.LIST, None):  # what ``_cleaned`` does depends only on these
        alike = [(f, c) for f, c in kept if (c.type if c.type in (schema.NAME, schema.LIST) else None) == kind]
        if alike:
            columns = [checked[f].frame[c.name] for f, c in alike]
            for (f, c), part in zip(alike, per_value_columns(columns, lambda s, c=alike[0][1]: _cleaned(s, c))):
                cleaned[f][c.name] = part
    bad_dates: _Columns = {file: {} for file in checked}
    dates = [(f, c.name) for f, c in kept if c.type == schema.DATE]
    for (f, name), part in zip(dates, per_value_columns([cleaned[f][name] for f, name in dates], _bad_dates)):
        bad_dates[f][name] = part
    return cleaned, bad_dates


def _check_values(
    checker: _Checker, table: Table, today: dt.date, cleaned: dict[str, pd.Series], bad_dates: dict[str, pd.Series]
) -> None:
    """The value checks of each column in ``cleaned`` (``_clean_all``), in the table's order."""
    if checker.frame.empty:
        return
    for column in table.columns:
        if column.name not in cleaned:
            continue
        series = cleaned[column.name]
        checker.frame[column.name] = series
        empty = _empty(series)
        if column.required and column.name in checker.raw.frame.columns:  # a missing column is one problem
            checker.flag(
                empty,
                column.name,
                ERROR,
                "missing-value",
                lambda v, c=column: note("problem.missing-value", column=c.name),
            )
        if column.type == schema.DATE:
            _flag_bad_dates(checker, column, ~empty & bad_dates[column.name])
        elif (check := _VALUE_CHECKS.get(column.type)) is not None:
            check(checker, column, series, ~empty)
    _check_date_order(checker, table)
    if "verified" in table.column_names:
        _check_stale(checker, today)


def _empty(series: pd.Series) -> pd.Series:
    """``series == ""``; for a small column through NumPy (microseconds, where pandas' string comparison costs
    about a millisecond whatever the length)."""
    if len(series) >= PER_VALUE_MIN_ROWS:
        return series == ""
    return pd.Series(series.to_numpy(dtype=object) == "", index=series.index, name=series.name, dtype=bool)


def cleaned_cells(series: pd.Series, column: Column) -> pd.Series:
    """A column's cells as validation stores them before its value check (``_cleaned``, once per distinct value)."""
    return per_value(series, lambda s: _cleaned(s, column))


def _cleaned(series: pd.Series, column: Column) -> pd.Series:
    """Trim spaces (also non-breaking ones), NFC-normalise, fold runs of spaces in names."""
    series = series.astype(str).str.replace("\u00a0", " ", regex=False).str.strip()
    non_ascii = ~series.str.isascii()
    if non_ascii.any():
        series = series.copy()
        series[non_ascii] = series[non_ascii].str.normalize("NFC")
    if column.type in (schema.NAME, schema.LIST):
        series = series.str.replace(r"\s+", " ", regex=True)
    if column.type == schema.LIST:
        series = series.str.replace(r"\s*\|\s*", "|", regex=True).str.strip("|")
    return series


def _check_id(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    lowered = series.str.lower()
    fixable = present & (lowered != series) & lowered.str.fullmatch(schema.ID_PATTERN)
    checker.frame.loc[fixable, column.name] = lowered[fixable]
    bad = present & ~lowered.str.fullmatch(schema.ID_PATTERN)
    checker.flag(bad, column.name, ERROR, "bad-id", lambda v: note("problem.bad-id", value=v, example=slugify(v)))


def _check_country(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    codes = per_value(series, lambda s: s.map(countries.normalise_code))
    valid = per_value(codes, lambda s: s.map(countries.is_valid_code).astype(bool))
    checker.frame.loc[present & valid, column.name] = codes[present & valid]

    def message(value: str) -> Message:
        guess = countries.guess_code(value)
        return (
            note("problem.bad-country.guess", value=value, guess=guess)
            if guess
            else note("problem.bad-country", value=value)
        )

    checker.flag(present & ~valid, column.name, ERROR, "bad-country", message)


def _bad_dates(series: pd.Series) -> pd.Series:
    """True for a filled cell that is not YYYY-MM-DD (a real day), YYYY-MM (a real month) or YYYY."""
    present = series != ""
    shaped = series.str.fullmatch(schema.DATE_PATTERN)
    full = present & shaped & (series.str.len() == 10)
    parsed = pd.to_datetime(series.where(full, None), format="%Y-%m-%d", errors="coerce")
    month = present & shaped & (series.str.len() == 7)
    month_ok = series.str.slice(5, 7).isin([f"{m:02d}" for m in range(1, 13)])
    return present & ~(full & parsed.notna() | (month & month_ok) | (present & shaped & (series.str.len() == 4)))


def _check_date(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    _flag_bad_dates(checker, column, present & per_value(series, _bad_dates))


def _flag_bad_dates(checker: _Checker, column: Column, bad: pd.Series) -> None:
    checker.flag(bad, column.name, ERROR, "bad-date", lambda v: note("problem.bad-date", value=v))


def _check_email(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    bad = present & ~series.str.fullmatch(_EMAIL)
    checker.flag(
        bad,
        column.name,
        ERROR,
        "bad-email",
        lambda v: note("problem.bad-email"),
        values=pd.Series("(hidden)", index=checker.frame.index)  # people.csv may have no email column
        if column.name == "email" and checker.raw.table.kind == "person"
        else None,
    )


def _scheme(value: str) -> str:
    match = _SCHEME.match(value)
    return match.group(1).lower() if match else ""


def _check_url(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    schemes = per_value(series, lambda s: s.map(_scheme))
    hostile = present & (schemes != "") & ~schemes.isin(["http", "https"])
    checker.flag(hostile, column.name, ERROR, "bad-url", lambda v: note("problem.bad-url"))
    bare = present & (schemes == "")
    if column.type == schema.URL:
        fixable = bare & series.str.match(r"^[\w-]+(\.[\w-]+)+(/|$)")
        checker.frame.loc[fixable, column.name] = "https://" + series[fixable]
        checker.flag(bare & ~fixable, column.name, WARNING, "bad-url", lambda v: note("problem.bad-url.bare"))


def _check_number(pattern: str, key: str) -> Callable[[_Checker, Column, pd.Series, pd.Series], None]:
    def check(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
        bad = present & ~series.str.fullmatch(pattern)
        checker.flag(bad, column.name, ERROR, "bad-number", lambda v: note(key, value=v))

    return check


def _check_vocabulary(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    separator = "_" if checker.raw.table.kind == "relation" else "-"
    normal = per_value(series, lambda s: s.str.lower().str.replace(r"[\s_-]+", separator, regex=True))
    known = normal.isin(column.vocabulary or ())
    checker.frame.loc[present & known, column.name] = normal[present & known]
    severity = ERROR if column.strict else WARNING
    synonyms = checker.raw.table.kind == "organisation" and column.name == "type"
    if synonyms:  # a source's word (City, Kommun, HES) is read as the directory's type, with a warning
        read_as = per_value(series, lambda s: s.map(lambda v: vocabularies.organisation_type(v) or ""))
        found = present & ~known & (read_as != "")
        checker.frame.loc[found, column.name] = read_as[found]

    def message(value: str) -> Message:
        if synonyms and (kind := vocabularies.organisation_type(value)):
            return note("problem.unknown-value.synonym", value=value, column=column.name, read_as=kind)
        close = difflib.get_close_matches(value.lower(), column.vocabulary, 1, 0.5)
        known = ", ".join(column.vocabulary)
        return (
            note("problem.unknown-value.close", value=value, column=column.name, close=close[0], known=known)
            if close
            else note("problem.unknown-value", value=value, column=column.name, known=known)
        )

    checker.flag(present & ~known, column.name, severity, "unknown-value", message)


def _check_coordinate(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    """Decimal degrees; a decimal comma (59,27, common in Swedish spreadsheets) is stored with a point."""
    normal = series.str.strip().str.replace(",", ".", regex=False)
    shaped = normal.str.fullmatch(_NUMBER)
    low, high = schema.coordinate_range(column.name)
    number = pd.to_numeric(normal.where(present & shaped), errors="coerce")
    ok = shaped & number.between(low, high)
    checker.frame.loc[present & ok, column.name] = normal[present & ok]
    checker.flag(
        present & ~ok,
        column.name,
        ERROR,
        "bad-coordinate",
        lambda v: note("problem.bad-coordinate", value=v, column=column.name, low=f"{low:g}", high=f"{high:g}"),
    )


_VALUE_CHECKS: dict[str, Callable[[_Checker, Column, pd.Series, pd.Series], None]] = {
    schema.COORDINATE: _check_coordinate,
    schema.ID: _check_id,
    schema.COUNTRY: _check_country,
    schema.DATE: _check_date,
    schema.EMAIL: _check_email,
    schema.URL: _check_url,
    schema.REFERENCE: _check_url,
    schema.INTEGER: _check_number(_INTEGER, "problem.bad-number.whole"),
    schema.NUMBER: _check_number(_NUMBER, "problem.bad-number"),
    schema.VOCAB: _check_vocabulary,
}


def _check_date_order(checker: _Checker, table: Table) -> None:
    for start, end in (("since", "until"), ("start", "end")):
        if start in table.column_names and end in table.column_names:
            first, last = checker.frame[start], checker.frame[end]
            both = (first != "") & (last != "") & ~checker.bad
            wrong = both & (period_ends(last) < period_starts(first))
            for row in wrong.index[wrong]:
                checker.problems.append(
                    Problem.of(
                        ERROR,
                        checker.raw.source,
                        int(row),
                        end,
                        last[row],
                        note("problem.date-order", end=end, value=last[row], start=start, first=first[row]),
                        "date-order",
                    )
                )
            checker.bad |= wrong


def _check_stale(checker: _Checker, today: dt.date) -> None:
    cutoff = (today - dt.timedelta(days=schema.STALE_AFTER_DAYS)).isoformat()
    verified = checker.frame["verified"]
    stale = (verified != "") & (period_ends(verified) < cutoff) & ~checker.bad
    checker.flag(
        stale,
        "verified",
        WARNING,
        "stale",
        lambda v: note("problem.stale", value=v, years=schema.STALE_AFTER_DAYS // 365),
    )


# --- ids and references ----------------------------------------------------------------------------------------


def _check_unique_ids(checked: dict[str, _Checker]) -> None:
    """Ids are unique across all files; the first row keeps the id, later rows get an error naming it."""
    parts = []
    for table in schema.ENTITY_TABLES:
        checker = checked[table.file]
        ids = checker.frame.loc[checker.frame["id"] != "", "id"]
        parts.append(pd.DataFrame({"id": ids.values, "file": table.file, "row": ids.index}))
    every = pd.concat(parts, ignore_index=True)
    repeated = every[every["id"].duplicated(keep=False)]
    for _, group in repeated.groupby("id", sort=False):
        first = group.iloc[0]
        first_source = checked[first["file"]].raw.source
        for _, later in group.iloc[1:].iterrows():
            checker = checked[later["file"]]
            mask = pd.Series(checker.frame.index == later["row"], index=checker.frame.index)
            checker.flag(
                mask,
                "id",
                ERROR,
                "duplicate-id",
                lambda v, s=first_source, r=first["row"], f=checker.raw.source, n=later["row"]: note(
                    "problem.duplicate-id", value=v, first_file=s, first_row=r, file=f, row=n
                ),
            )


def _id_kinds(checked: dict[str, _Checker]) -> pd.Series:
    """id → kind for the rows that are still valid after the per-table checks."""
    parts = [
        pd.Series(t.kind, index=checked[t.file].frame.loc[~checked[t.file].bad, "id"].values)
        for t in schema.ENTITY_TABLES
    ]
    series = pd.concat(parts)
    return series[~series.index.duplicated()]


def _ids_of_bad_rows(checked: dict[str, _Checker]) -> dict[str, tuple[str, int]]:
    """id → (file, row) for rows that have errors, so a reference to them can say why it fails."""
    found: dict[str, tuple[str, int]] = {}
    for table in schema.ENTITY_TABLES:
        checker = checked[table.file]
        for row, value in checker.frame.loc[checker.bad & (checker.frame["id"] != ""), "id"].items():
            found.setdefault(value, (checker.raw.source, int(row)))
    return found


def _close_matches(word: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
    """``difflib.get_close_matches``, after rapidfuzz has dropped the candidates that cannot reach ``cutoff``.

    difflib's ratio counts the characters of its matching blocks, which are a common subsequence, so it is never
    above rapidfuzz's ratio (from the longest common subsequence): the candidates dropped could not have been
    chosen, and the answer is the same, found hundreds of times faster among 100,000 ids.
    """
    if len(possibilities) > 100:
        found = process.extract(
            word, possibilities, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff * 100 - 1, limit=None
        )
        possibilities = [possibilities[i] for i in sorted(i for _, _, i in found)]
    return difflib.get_close_matches(word, possibilities, n, cutoff)


def _reference_message(ids: pd.Series, bad_ids: dict[str, tuple[str, int]], allowed: tuple[str, ...]) -> Explain:
    known: list[str] = []  # every id, listed on the first message that needs it

    def message(value: str) -> Message:
        if value in bad_ids:
            other_file, other_row = bad_ids[value]
            return note("problem.unknown-id.bad-row", value=value, other_file=other_file, other_row=other_row)
        if value in ids.index:
            return note("problem.unknown-id.wrong-kind", value=value, kind=ids[value], kinds=", ".join(allowed))
        known[:] = known or list(ids.index)
        close = _close_matches(value, known, 1, CLOSE_ID)
        return (
            note("problem.unknown-id.close", value=value, close=close[0])
            if close
            else note("problem.unknown-id", value=value)
        )

    return message


def _check_reference(
    checker: _Checker, column: Column, allowed: tuple[str, ...], ids: pd.Series, bad_ids: dict[str, tuple[str, int]]
) -> pd.Series:
    """Values must be ids of the allowed kinds. Returns each row's referenced kind ("" if unknown)."""
    series = checker.frame[column.name].str.lower()
    checker.frame[column.name] = series
    present = series != ""
    # With no ids at all, map() gives float NaNs, which pandas will refuse to fill with "".
    kinds = (
        per_value(series, lambda s: s.map(ids).fillna("").astype(str))
        if len(ids)
        else pd.Series("", index=series.index, dtype=str)
    )
    wrong = present & ~(kinds.isin(allowed) if allowed else kinds != "")
    checker.flag(wrong, column.name, ERROR, "unknown-id", _reference_message(ids, bad_ids, allowed or schema.KINDS))
    return kinds


def _check_relations(checker: _Checker, ids: pd.Series, bad_ids: dict[str, tuple[str, int]]) -> pd.DataFrame:
    frame = checker.frame
    source_kind = _check_reference(checker, schema.RELATIONS_TABLE.column("source"), (), ids, bad_ids)
    target_kind = _check_reference(checker, schema.RELATIONS_TABLE.column("target"), (), ids, bad_ids)
    known = frame["relation"].isin(list(schema.RELATION_TYPES))
    allowed = {f"{r}>{s}>{t}" for r, s, t in schema.allowed_kind_pairs()}
    triple = frame["relation"] + ">" + source_kind + ">" + target_kind
    resolved = known & (source_kind != "") & (target_kind != "")
    not_allowed = resolved & ~triple.isin(allowed)

    def message(value: str) -> Message:
        pairs = sorted(f"{s} → {t}" for r, s, t in schema.allowed_kind_pairs() if r == value)
        return note("problem.relation-not-allowed", value=value, pairs=", ".join(pairs))

    checker.flag(not_allowed, "relation", ERROR, "relation-not-allowed", message)
    self_loop = resolved & (frame["source"] == frame["target"])
    checker.flag(self_loop, "target", ERROR, "self-relation", lambda v: note("problem.self-relation"))
    roles = frame["relation"].map({n: r.roles for n, r in schema.RELATION_TYPES.items() if r.roles})
    has_roles = roles.notna() & (frame["role"] != "")
    if has_roles.any():
        frame.loc[has_roles, "role"] = frame.loc[has_roles, "role"].str.lower()
        usual = pd.Series(False, index=frame.index)
        for name, relation in schema.RELATION_TYPES.items():
            if relation.roles:
                usual |= (frame["relation"] == name) & frame["role"].isin(relation.roles)
        odd = has_roles & ~usual
        checker.flag(odd, "role", WARNING, "unknown-value", lambda v: note("problem.unknown-role", value=v))
    valid = frame.loc[~checker.bad, list(RELATION_COLUMNS)].copy()
    repeated = _flag_repeated_relations(checker, valid)
    rows = pd.Series(valid.index, index=valid.index, dtype=str)
    valid[ORIGIN] = f"{checker.raw.source}:" + rows if len(valid) else []  # [] keeps an empty frame's dtype
    return valid[~repeated]  # what drop_duplicates(subset=list(schema.RELATION_KEY)) keeps


def _flag_repeated_relations(checker: _Checker, valid: pd.DataFrame) -> pd.Series:
    """Warn about every repeat of an earlier (source, relation, target, since); returns where the repeats are."""
    repeated = valid.duplicated(subset=list(schema.RELATION_KEY), keep="first")
    mask = pd.Series(False, index=checker.frame.index)
    mask[repeated.index[repeated]] = True
    checker.flag(mask, "relation", WARNING, "duplicate-relation", lambda v: note("problem.duplicate-relation"))
    return repeated


def _derived_relations(entities: dict[str, pd.DataFrame], sources: dict[str, str]) -> pd.DataFrame:
    """Relations that reference columns make: people.organisation → works_at, projects.programme → funded_by."""
    parts = []
    for table, column in schema.reference_columns():
        if not table.is_entity or not column.makes_relation:
            continue
        frame = entities[table.kind]
        rows = frame[frame[column.name] != ""]
        part = pd.DataFrame({c: "" for c in RELATION_COLUMNS}, index=rows.index)
        part["source"], part["relation"], part["target"] = rows["id"], column.makes_relation, rows[column.name]
        part[ORIGIN] = [f"{sources[table.kind]}:{row}:{column.name}" for row in rows.index]
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*RELATION_COLUMNS, ORIGIN])


def quick_names(organisation_rows: int) -> bool:
    """Whether near-duplicate names are grouped by ``textnorm.name_key`` (fast) rather than matching's
    ``normalise``: decided by the number of rows in organisations.csv, valid or not (a property of the file, so
    that validating only some rows of it, ``validation_rows``, decides alike)."""
    from .matching.names import FULL_NORMALISE_MAX

    return organisation_rows > FULL_NORMALISE_MAX


def _check_near_duplicates(checker: _Checker, decisions: _Checker | None = None, quick: bool = False) -> None:
    """Two organisations whose names are the same after matching's normalisation (case, accents, transliteration,
    punctuation, legal form, "City of", words in another language), unless matches.csv says they are different.
    ``quick``: see ``quick_names``."""
    from .matching.names import same_name_groups

    frame = checker.frame.loc[~checker.bad]
    if frame.empty:
        return
    different: set[frozenset[str]] = set()
    if decisions is not None and len(decisions.frame):
        rows = decisions.frame.loc[~decisions.bad]
        rows = rows[rows["decision"].str.strip().str.lower() == "different"]
        different = {frozenset((str(a).strip().lower(), str(b).strip().lower())) for a, b in zip(rows["a"], rows["b"])}
    ids = norm_ids(frame["id"]).tolist()
    rows_of = frame.index.tolist()
    first_row: dict[int, int] = {}
    mask = pd.Series(False, index=checker.frame.index)
    for group in same_name_groups(frame["name"].tolist(), quick=quick):
        first = group[0]
        for position in group[1:]:
            if frozenset((ids[first], ids[position])) in different:
                continue
            mask[rows_of[position]] = True
            first_row[rows_of[position]] = rows_of[first]
    names = checker.frame["name"]
    firsts = iter([first_row[r] for r in mask.index[mask]])

    def message(value: str) -> Message:
        first = next(firsts)
        return note("problem.near-duplicate", value=value, other=names[first], other_row=first)

    checker.flag(mask, "name", WARNING, "near-duplicate", message)


# --- country groups and consortium rules -----------------------------------------------------------------------


def _check_group_id(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    lowered = series.str.lower()
    checker.frame.loc[present, column.name] = lowered[present]
    bad = present & ~lowered.str.fullmatch(schema.GROUP_ID_PATTERN)
    checker.flag(bad, column.name, ERROR, "bad-id", lambda v: note("problem.bad-group-id", value=v, example=slugify(v)))


def _check_country_list(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    """Every code in a |-list is a country (EL and UK become GR and GB); the list is stored normalised."""
    codes = series.str.upper().str.split(r"\s*[|,;]\s*", regex=True)
    normal = codes.map(lambda items: "|".join(dict.fromkeys(countries.normalise_code(c) for c in items if c)))
    checker.frame.loc[present, column.name] = normal[present]
    wrong = normal.map(lambda text: [c for c in text.split("|") if c and not countries.is_valid_code(c)])

    def message(value: str) -> Message:
        bad = [countries.normalise_code(c) for c in re.split(r"[|,;]", value) if c.strip()]
        bad = [c for c in bad if not countries.is_valid_code(c)] or [value]
        return note("problem.bad-country-list", codes=", ".join(bad))

    checker.flag(present & (wrong.str.len() > 0), column.name, ERROR, "bad-country", message)


def _check_list_vocabulary(checker: _Checker, column: Column, series: pd.Series, present: pd.Series) -> None:
    """Lists of known values (coordinator_types, counted_roles): each item must be one of the vocabulary."""
    if not column.vocabulary:
        return
    items = series.str.lower().str.replace(r"[\s_]+", "-", regex=True).str.split("|")
    checker.frame.loc[present, column.name] = items[present].map("|".join)
    unknown = items.map(lambda values: [v for v in values if v and v not in column.vocabulary])

    def message(value: str) -> Message:
        odd = [v for v in value.lower().replace("_", "-").split("|") if v.strip() not in column.vocabulary]
        close = difflib.get_close_matches(odd[0].strip(), column.vocabulary, 1, 0.5) if odd else []
        found = {"items": ", ".join(odd), "column": column.name, "known": ", ".join(column.vocabulary)}
        return (
            note("problem.unknown-list-value.close", close=close[0], **found)
            if close
            else note("problem.unknown-list-value", **found)
        )

    checker.flag(
        present & (unknown.str.len() > 0), column.name, ERROR if column.strict else WARNING, "unknown-value", message
    )


_VALUE_CHECKS.update(
    {
        schema.GROUP: _check_group_id,
        schema.COUNTRY_LIST: _check_country_list,
        schema.LIST: _check_list_vocabulary,
    }
)


def _check_country_groups(checked: dict[str, _Checker]) -> None:
    """Group ids are unique; the group columns of other files (eligible_group) name a group that exists."""
    groups = checked[schema.COUNTRY_GROUPS.file]
    valid = groups.frame.loc[~groups.bad, "group"]
    repeated = valid.duplicated(keep="first")
    groups.flag(
        repeated.reindex(groups.frame.index, fill_value=False),
        "group",
        ERROR,
        "duplicate-id",
        lambda v: note("problem.duplicate-group", value=v),
    )
    known = sorted(set(valid[~repeated]) | set(schema.BUILTIN_GROUPS))
    for table in schema.TABLES:
        if table.lookup:
            continue
        for column in table.columns:
            if column.type != schema.GROUP:
                continue
            checker = checked[table.file]
            series = checker.frame[column.name]
            unknown = (series != "") & ~series.isin(known) & ~checker.bad

            def message(value: str, name: str = column.name) -> Message:
                close = difflib.get_close_matches(value, known, 1, 0.6)
                found = {"value": value, "known": ", ".join(known), "column": name}
                return (
                    note("problem.unknown-group.close", close=close[0], **found)
                    if close
                    else note("problem.unknown-group", **found)
                )

            checker.flag(unknown, column.name, WARNING, "unknown-group", message)
