"""Candidate pairs over a whole directory, and the best match for one new row (what an import asks).

Comparing every pair of 60,000 organisations would be 1.8 billion comparisons, so candidates are *blocked*: only
rows in the same country (or without a country) are compared, and only when they share something: the same
normalised name, a rare word of their names, an acronym, a PIC, a VAT number or a website domain, or they sort next
to each other by name (which catches typos in any word). Each candidate is then scored by ``scoring.score_pair``.

Decisions in ``matches.csv`` last: a pair decided "different" is never suggested again, and a row that was merged
is found again by its old name (kept as an alias of the row it was merged into).

    >>> matcher = Matcher(snapshot.tables)                 # organisations; kind="network" for networks
    >>> matcher.pairs(min_score=0.6)                       # every candidate pair in the directory
    >>> matcher.best({"name": "CIVITTA", "country": "LT"})  # the best existing row for an imported one
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, combinations
from typing import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
from rapidfuzz import fuzz

from .. import schema
from ..ids import norm_id, norm_ids
from .scoring import AUTO_MERGE_THRESHOLD, SUGGEST_THRESHOLD, Reason, Record, records_from_columns, score_pair

__all__ = ["Candidate", "Matcher", "SHARED_DOMAIN_MIN", "decided_pairs"]

#: A website domain that this many rows or more share (a programme's site an import wrote for every partner)
#: proves nothing about identity.
SHARED_DOMAIN_MIN = 4
#: A word in more names than this (within one country) is too common to make two rows candidates by itself.
_MAX_POSTINGS = 40
#: How many neighbours in name order each row is compared with.
_WINDOW = 3
#: Pairs that share only a word (or sort next to each other) are scored only if their names are at least this
#: alike (rapidfuzz token_set_ratio of the normalised names, 0..100): a cheap test that skips most of them.
_PREFILTER = 60


@dataclass(frozen=True)
class Candidate:
    """A pair of rows that may be the same, with the score (0..1) and the reasons."""

    a: str
    b: str
    score: float
    reasons: tuple[Reason, ...]
    kind: str = "organisation"
    name_a: str = ""
    name_b: str = ""

    @property
    def auto(self) -> bool:
        """Whether the score allows merging without a person looking (``AUTO_MERGE_THRESHOLD``)."""
        return self.score >= AUTO_MERGE_THRESHOLD

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "score": self.score,
            "reasons": [r.to_dict() for r in self.reasons],
            "kind": self.kind,
            "name_a": self.name_a,
            "name_b": self.name_b,
            "auto": self.auto,
        }


def _pair(a: str, b: str) -> tuple[str, str]:
    a, b = norm_id(a), norm_id(b)
    return (a, b) if a <= b else (b, a)


#: The columns ``Record.from_row`` reads.
_RECORD_COLUMNS = ("id", "name", "aliases", "acronym", "country", "city", "website", "pic", "vat", "type")


#: The ``Record`` fields after ``id``, ``kind`` and ``names``, in their order (all strings).
_STATE_FIELDS = ("country", "city", "domain", "pic", "vat", "type")


def _columns(frame: pd.DataFrame | None) -> dict[str, list[str]]:
    """The columns matching reads, each as a list of strings, empty cells as "" (for ``records_from_columns``).
    Built from numpy object arrays: ``DataFrame.to_dict("records")`` over pandas' Arrow strings took most of the
    matcher's set-up on a 100,000-organisation directory (it boxes every cell of every column one by one)."""
    if frame is None or not len(frame):
        return {}
    return {
        c: [str(v) for v in frame[c].astype(object).fillna("").to_numpy(dtype=object)]
        for c in _RECORD_COLUMNS
        if c in frame.columns
    }


def _int_lists(lists: list[list[int]]) -> pa.ListArray:
    """``pa.array(lists, pa.list_(pa.int32()))``, built from one flat array of the values and their offsets: the
    same array, without Arrow converting 340,000 Python lists one by one."""
    offsets = np.zeros(len(lists) + 1, dtype=np.int32)
    np.cumsum(np.fromiter(map(len, lists), np.int64, len(lists)), out=offsets[1:])
    values = np.fromiter(chain.from_iterable(lists), np.int32, int(offsets[-1]))
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values))


def decided_pairs(tables: Mapping[str, pd.DataFrame], decision: str) -> set[tuple[str, str]]:
    """The (sorted) id pairs of matches.csv with this decision ("same" or "different")."""
    frame = tables.get(schema.MATCHES.file)
    if frame is None or not len(frame):
        return set()
    rows = frame[norm_ids(frame["decision"]) == decision]  # a vocabulary word, trimmed and lower case like an id
    return {_pair(str(a), str(b)) for a, b in zip(rows["a"], rows["b"])}


class Matcher:
    """Matching over one kind of a directory's tables (organisations by default)."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], kind: str = "organisation") -> None:
        if kind not in schema.MATCH_KINDS:
            raise ValueError(f"kind must be one of {', '.join(schema.MATCH_KINDS)}")
        self.kind = kind
        frame = tables.get(schema.table_for_kind(kind).file)
        self.records = records_from_columns(_columns(frame), kind)
        self.records = [r for r in self.records if r.id and r.names]
        self._setup(tables)
        self._index()

    def _setup(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.rejected = decided_pairs(tables, "different")
        domains = Counter(r.domain for r in self.records if r.domain)
        self.shared_domains = frozenset(d for d, n in domains.items() if n >= SHARED_DOMAIN_MIN)

    # --- a warm start (``form_cache``): the records and the blocking index as Arrow tables -------------------

    def state(self) -> dict[str, pa.Table]:
        """The records and the blocking index as Arrow tables, for ``from_state`` (the decisions in matches.csv are
        not part of it: they are read from the tables again)."""
        records = self.records
        text = pa.string()
        record_table = pa.table(
            {
                "id": pa.array([r.id for r in records], text),
                "names": pa.array([list(r.names) for r in records], pa.list_(text)),
                **{f: pa.array([getattr(r, f) for r in records], text) for f in _STATE_FIELDS},
            }
        )
        keys = list(self._postings)
        rows = list(self._postings.values())
        postings = pa.table(
            {
                "country": pa.array([country for country, _ in keys], text),
                "word": pa.array([word for _, word in keys], text),
                "rows": _int_lists(rows),
            }
        )
        return {"records": record_table, "postings": postings}

    @classmethod
    def from_state(cls, tables: Mapping[str, pd.DataFrame], kind: str, state: Mapping[str, pa.Table]) -> "Matcher":
        """The matcher ``state()`` described, for the same tables: the same records and index without normalising a
        name (a record's name forms are made when it is first scored)."""
        matcher = cls.__new__(cls)
        matcher.kind = kind
        c = {name: state["records"].column(name).to_pylist() for name in ("id", "names", *_STATE_FIELDS)}
        matcher.records = [
            Record(i, kind, tuple(names), *rest)
            for i, names, *rest in zip(c["id"], c["names"], *(c[f] for f in _STATE_FIELDS))
        ]
        matcher._setup(tables)
        postings = state["postings"]
        matcher._postings = defaultdict(list)
        matcher._countries_of = defaultdict(set)
        for country, word, rows in zip(
            postings.column("country").to_pylist(),
            postings.column("word").to_pylist(),
            postings.column("rows").to_pylist(),
        ):
            matcher._postings[(country, word)] = rows
            matcher._countries_of[word].add(country)
        return matcher

    # --- blocking ----------------------------------------------------------------------------------------------

    def _words(self, record: Record) -> set[str]:
        """The blocking words of a record: rare-word candidates, its normalised names, acronyms and identifiers."""
        found: set[str] = set()
        add = found.add  # plain loops, not generators: this runs for every row when the index is built
        for form in record.forms:
            for word in form.distinctive:
                if len(word) > 2:
                    add("w:" + word)
            core = form.core
            add("k:" + form.key)
            add("k:" + "".join(core))
            for acronym in form.acronyms:
                add("k:" + acronym)
            if len(core) > 2:
                add("k:" + form.initials)
        if record.pic:
            found.add(f"pic:{record.pic}")
        if record.vat:
            found.add(f"vat:{record.vat}")
        if record.domain and record.domain not in self.shared_domains:
            found.add(f"d:{record.domain}")
        return found

    def _index(self) -> None:
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        words_of = self._words
        for i, record in enumerate(self.records):
            country = record.country
            for word in words_of(record):
                postings[(country, word)].append(i)
        self._postings = postings
        # the countries of a word from the index's keys: one step per key, not one per posting
        self._countries_of: dict[str, set[str]] = defaultdict(set)
        for country, word in postings:
            self._countries_of[word].add(country)

    def _blocks(self) -> Iterable[tuple[int, int, bool]]:
        """Candidate pairs (i, j, strong): strong pairs share a name, acronym or identifier; the others share a
        rare word or sort next to each other by name."""
        seen: set[tuple[int, int]] = set()
        for (country, word), rows in self._postings.items():
            group = list(rows)
            if country:  # rows without a country may be any country's
                group += self._postings.get(("", word), [])
            elif len(self._countries_of[word]) > 1:
                continue  # handled from each country's side
            weak = word.startswith("w:")
            if len(group) < 2 or (weak and len(group) > _MAX_POSTINGS):
                continue
            for i, j in combinations(sorted(set(group)), 2):
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j, not weak
        by_country: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for i, record in enumerate(self.records):
            for form in record.forms[:1]:
                by_country[record.country].append((form.key, i))
        for keyed in by_country.values():
            keyed.sort()
            for pos, (_, i) in enumerate(keyed):
                for _, j in keyed[pos + 1 : pos + 1 + _WINDOW]:
                    pair = (min(i, j), max(i, j))
                    if pair not in seen:
                        seen.add(pair)
                        yield pair[0], pair[1], False

    def _alike(self, a: Record, b: Record) -> bool:
        """The cheap test for weak candidates: some pair of their names is at least ``_PREFILTER`` alike."""
        return any(fuzz.token_set_ratio(fa.key, fb.key, score_cutoff=_PREFILTER) for fa in a.forms for fb in b.forms)

    # --- scoring -----------------------------------------------------------------------------------------------

    def _candidate(self, a: Record, b: Record) -> Candidate:
        score, reasons = score_pair(a, b, self.shared_domains)
        return Candidate(a.id, b.id, score, tuple(reasons), self.kind, a.names[0], b.names[0])

    def pairs(self, min_score: float = SUGGEST_THRESHOLD) -> list[Candidate]:
        """Every candidate pair in the directory scoring at least ``min_score``, best first; pairs decided
        "different" in matches.csv are left out."""
        found = []
        rejected = self.rejected  # usually empty: then no pair's ids need normalising to look them up
        for i, j, strong in self._blocks():
            a, b = self.records[i], self.records[j]
            if (not strong and not self._alike(a, b)) or (rejected and _pair(a.id, b.id) in rejected):
                continue
            candidate = self._candidate(a, b)
            if candidate.score >= min_score:
                found.append(candidate)
        found.sort(key=lambda c: (-c.score, c.a, c.b))
        return found

    def candidates(
        self, row: Mapping[str, object], min_score: float = SUGGEST_THRESHOLD, limit: int = 5
    ) -> list[Candidate]:
        """The existing rows that may be the same as ``row`` (a row of an import: name, country, website ...),
        best first. ``row``'s own id (if it is in the directory) and rejected pairs are left out."""
        record = Record.from_row(row, self.kind)
        if not record.names:
            return []
        rows: set[int] = set()
        for word in self._words(record):
            countries = [record.country, ""] if record.country else sorted(self._countries_of.get(word, ()))
            for country in countries:
                posted = self._postings.get((country, word), [])
                if len(posted) <= 4 * _MAX_POSTINGS or not word.startswith("w:"):
                    rows.update(posted)
        found = []
        for i in rows:
            other = self.records[i]
            if record.id and (other.id.lower() == record.id.lower() or _pair(record.id, other.id) in self.rejected):
                continue
            candidate = self._candidate(record, other)
            if candidate.score >= min_score:
                found.append(candidate)
        found.sort(key=lambda c: (-c.score, c.b))
        return found[:limit]

    def best(self, row: Mapping[str, object], min_score: float = SUGGEST_THRESHOLD) -> Candidate | None:
        """The best existing row for ``row`` (``Candidate.b`` is its id), or None. Merge automatically only when
        ``Candidate.auto`` (score ≥ ``AUTO_MERGE_THRESHOLD``); show the rest for review."""
        found = self.candidates(row, min_score, limit=1)
        return found[0] if found else None
