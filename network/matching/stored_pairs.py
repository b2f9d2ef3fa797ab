"""The candidate pairs of a whole directory, found once per data version and kept in the cache folder.

Finding the pairs of 60,000 organisations takes about 26 s of CPU (normalise every name, block, score about 280,000
candidate pairs), and costs about the same at any score: every blocked pair is scored and ``Matcher.pairs`` only
filters by score. So the dashboard's warm-up process (``ui/partner_warmup.py``) finds them once at the lowest score
the Matches page offers (``LOWEST_SCORE``) and stores them here; the page (and a restarted server) reads them and
only filters them by its slider. A threshold never finds the pairs again.

The key is the files' content hash (``Snapshot.fingerprint``, which covers matches.csv: a decision or a merge makes a
new version), the kind and the code (the matching package's modules, ``form_cache``'s key): pairs found by other
code or for other files are a miss. The lowest score stored is in the table's metadata; a request below it is a
miss too. The file is a ``pairs-<kind>`` part of ``cache.py`` (Arrow IPC, mode 0600, this user's own folder; a
damaged or foreign file is a miss, never an error). Names of organisations are not personal data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Mapping, Sequence, overload

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import cache
from ..gc_pause import gc_paused
from .form_cache import load_forms, part_code_key, store_forms
from .matcher import Candidate, Matcher
from .scoring import Reason

__all__ = [
    "LOWEST_SCORE",
    "StoredPairs",
    "pairs_table",
    "pairs_from_table",
    "store_pairs",
    "load_pairs",
    "has_pairs",
    "prepare_pairs",
]

#: The lowest score the Matches page offers (its slider's minimum): the pairs are prepared at it.
LOWEST_SCORE = 0.3
_META = b"network-pairs"


def _part(kind: str) -> str:
    return f"pairs-{kind}"


def _key(fingerprint: str, kind: str) -> str:
    return cache.part_key(part_code_key(), "pairs", kind, fingerprint)


def pairs_table(pairs: list[Candidate], min_score: float) -> pa.Table:
    """The pairs as one Arrow table, in their order (best first); the reasons as JSON (``Reason.to_dict``) per row:
    the page decodes only the rows it keeps."""
    text = pa.string()
    table = pa.table(
        {
            "a": pa.array([p.a for p in pairs], text),
            "b": pa.array([p.b for p in pairs], text),
            "score": pa.array([p.score for p in pairs], pa.float64()),
            "reasons": pa.array(
                [
                    json.dumps([r.to_dict() for r in p.reasons], ensure_ascii=False, separators=(",", ":"))
                    for p in pairs
                ],
                text,
            ),
            "kind": pa.array([p.kind for p in pairs], text),
            "name_a": pa.array([p.name_a for p in pairs], text),
            "name_b": pa.array([p.name_b for p in pairs], text),
        }
    )
    return table.replace_schema_metadata({_META: json.dumps({"min_score": min_score}).encode()})


def _stored_min(table: pa.Table) -> float | None:
    try:
        return float(json.loads((table.schema.metadata or {})[_META])["min_score"])
    except (KeyError, TypeError, ValueError):
        return None


_FIELDS = ("a", "b", "score", "reasons", "kind", "name_a", "name_b")


def _candidate(a: str, b: str, score: float, reasons: str, kind: str, name_a: str, name_b: str) -> Candidate:
    return Candidate(
        a, b, score, tuple(Reason(r["code"], r["text"], r["params"]) for r in json.loads(reasons)), kind, name_a, name_b
    )


class StoredPairs(Sequence[Candidate]):
    """Pairs held as the Arrow table ``pairs_table`` made, read as ``Candidate`` objects only when asked.

    The Matches page shows one pair and a count: decoding the reasons of the 33,000 pairs above 0.6 of a
    60,000-organisation directory into objects took 0.7-1.7 s of CPU, and the table is a fifth of their memory.
    Iterating gives exactly the candidates the table was made from (a test compares them with ``Matcher.pairs``)."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    def __len__(self) -> int:
        return self.table.num_rows

    @overload
    def __getitem__(self, index: int) -> Candidate: ...

    @overload
    def __getitem__(self, index: slice) -> list[Candidate]: ...

    def __getitem__(self, index: int | slice) -> Candidate | list[Candidate]:
        if isinstance(index, slice):
            rows = list(range(len(self)))[index]
            return list(StoredPairs(self.table.take(pa.array(rows, pa.int64()))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self.table.slice(index, 1)
        return _candidate(*(row.column(name)[0].as_py() for name in _FIELDS))

    def __iter__(self) -> Iterator[Candidate]:
        for batch in self.table.to_batches(max_chunksize=1024):  # decoded a batch at a time, not all at once
            c = [batch.column(name).to_pylist() for name in _FIELDS]
            yield from (_candidate(*row) for row in zip(*c))

    def keys(self) -> list[tuple[str, str]]:
        """Every pair's ids ``(a, b)``, in order, without decoding the rest."""
        return list(zip(self.table.column("a").to_pylist(), self.table.column("b").to_pylist()))

    def at_least(self, min_score: float) -> "StoredPairs":
        """The pairs scoring at least ``min_score`` (the comparison ``Matcher.pairs`` makes), in the same order."""
        return StoredPairs(self.table.filter(pc.greater_equal(self.table.column("score"), min_score)))


def pairs_from_table(table: pa.Table, min_score: float) -> list[Candidate]:
    """The stored pairs scoring at least ``min_score``, best first: equal to what ``pairs_table`` was given,
    filtered as ``Matcher.pairs(min_score)`` filters (the same float comparison)."""
    return list(StoredPairs(table).at_least(min_score))


def store_pairs(
    path: str | Path,
    cache_dir: str | Path | None,
    fingerprint: str,
    kind: str,
    min_score: float,
    pairs: list[Candidate],
) -> Path | None:
    """Keep ``pairs`` (``Matcher.pairs(min_score)`` of the files with ``fingerprint``); the file, or None when not
    written (no cache folder, no fingerprint, a refused folder, a full disk)."""
    if cache_dir is None or not fingerprint:
        return None
    return cache.store_part(path, cache_dir, _part(kind), _key(fingerprint, kind), pairs_table(pairs, min_score))


def load_pairs(
    path: str | Path, cache_dir: str | Path | None, fingerprint: str, kind: str, min_score: float
) -> StoredPairs | None:
    """The stored pairs of these files and kind scoring at least ``min_score``, best first; None when none are
    stored for them, or only from a higher score."""
    if cache_dir is None or not fingerprint:
        return None
    table = cache.load_part(path, cache_dir, _part(kind), _key(fingerprint, kind))
    stored = None if table is None else _stored_min(table)
    if stored is None or stored > min_score:
        return None
    if table.schema.names != list(_FIELDS):
        return None  # a table of another layout: a miss
    return StoredPairs(table).at_least(min_score)


def has_pairs(path: str | Path, cache_dir: str | Path | None, fingerprint: str, kind: str) -> bool:
    """Whether pairs of these files and kind are stored (the file's header only, not the table)."""
    if cache_dir is None or not fingerprint:
        return False
    return cache.has_part(path, cache_dir, _part(kind), _key(fingerprint, kind))


def prepare_pairs(
    path: str | Path,
    cache_dir: str | Path | None,
    fingerprint: str,
    tables: Mapping[str, pd.DataFrame],
    kind: str,
    min_score: float = LOWEST_SCORE,
) -> bool:
    """Find and store the pairs of ``kind`` at ``min_score`` unless they are stored already; True when they are
    stored afterwards. The names' normalised forms kept from the last time (``form_cache``) are used, and the
    forms of this directory kept for the next version (a merge changes a few rows, not 60,000 names)."""
    if cache_dir is None or not fingerprint:
        return False
    if has_pairs(path, cache_dir, fingerprint, kind):
        return True
    load_forms(path, cache_dir)
    with gc_paused():  # ~250,000 candidates with their reasons, no cycles: 10 % less CPU without the collector
        matcher = Matcher(tables, kind)
        found = matcher.pairs(min_score=min_score)
        if kind == "organisation":  # the forms part holds one kind's names: the organisations (an import's)
            store_forms(path, cache_dir, (f for record in matcher.records for f in record.forms))
        return store_pairs(path, cache_dir, fingerprint, kind, min_score, found) is not None
