"""Finding entities by name: ignores case and accents, tolerates typos, ranks the best match first.

"Orebro", "örebro" and the typo "Örebo" all find Region Örebro län; other names in the ``aliases`` column
("OREBRO UNIVERSITY" for Örebro universitet) find the row too.

One ranking, used by the command line and the dashboard alike (``rank``): first by how the query matched (the
whole name, acronym or id; the start of the name or of one of its words; inside a word; a typo-tolerant match),
then, within each of those, the home organisation, then its direct neighbours (what staff look for most), then the
rest; then by score, then by name, so the same query always gives the same order. "Orebro" starts a word of
"Region Örebro län" and of "Örebro kommun" alike, so the home organisation comes first; "Örebro kommun" typed in
full is an exact match and comes first.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from .textnorm import fold, fold_many

if TYPE_CHECKING:
    from .directory import Directory

__all__ = ["Hit", "SearchIndex", "search", "closest_ids", "rank", "nearness", "HOME", "NEIGHBOUR", "ELSEWHERE"]

_FUZZY_CUTOFF = 72.0
#: How near an entity is to the home organisation, for ranking: itself, a direct neighbour, anything else.
HOME, NEIGHBOUR, ELSEWHERE = 0, 1, 2


@dataclass(frozen=True)
class Hit:
    id: str
    name: str
    kind: str
    score: float  # 0..100
    #: What matched: "name", "acronym", "id" or "fuzzy".
    match: str


def _tier(score: float, match: str) -> int:
    """How the query matched, best first: 0 the whole name, acronym or id (scores 100 and 99); 1 the start of the
    name or of a word (95, 90); 2 inside a word (80); 3 a typo-tolerant (fuzzy) match (below 80)."""
    if match == "fuzzy":
        return 3
    if score >= 99.0:
        return 0
    return 1 if score >= 90.0 else 2


def rank(score: float, match: str, near: int = ELSEWHERE) -> float:
    """The sort key of one hit (smaller first): how it matched, then how near the home organisation it is
    (``nearness``), then its score; one number, so that sorting many hits stays fast. Names break the remaining
    ties (``SearchIndex.search``)."""
    return _tier(score, match) * 1000.0 + near * 200.0 + (100.0 - score)


def nearness(graph: nx.MultiDiGraph, home: str | None) -> dict[str, int]:
    """The home organisation (``HOME``) and its direct neighbours either way (``NEIGHBOUR``); others are absent."""
    if not home or home not in graph:
        return {}
    found = dict.fromkeys(nx.all_neighbors(graph, home), NEIGHBOUR)
    found[home] = HOME
    return found


class SearchIndex:
    """Folded names, acronyms and ids of every node, built once per loaded directory."""

    def __init__(self, nodes: Iterable[tuple[str, dict]]) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self.kinds: list[str] = []
        texts = []
        for node_id, attrs in nodes:
            name = attrs.get("name", node_id)
            self.ids.append(node_id)
            self.names.append(name)
            self.kinds.append(attrs.get("kind", ""))
            aliases = attrs.get("aliases", "").replace("|", " ")  # other names (matching's merges add them)
            texts.append(" ".join(filter(None, (name, attrs.get("acronym", ""), aliases))))
        self.keys: list[str] = fold_many(texts)  # folded "name acronym aliases"
        self._position = {node_id: i for i, node_id in enumerate(self.ids)}
        # Every key on one line of one text: str.find scans it in C ("\n" is in no folded key or query).
        self._text = "\n".join(self.keys)
        self._starts = list(itertools.accumulate((len(k) + 1 for k in self.keys[:-1]), initial=0))
        self._fuzzy: _FuzzyIndex | None = None
        #: How near each id is to the home organisation (``nearness``), filled by ``search`` on first use.
        self.near: dict[str, int] | None = None
        self._near_source: Mapping[str, int] | None = None
        self._near_at: dict[int, int] = {}

    def _keys_containing(self, text: str) -> Iterator[int]:
        """The position of every key that contains ``text`` (which has no line break), in order."""
        at = self._text.find(text)
        while at != -1:
            i = bisect.bisect_right(self._starts, at) - 1
            yield i
            if i + 1 >= len(self._starts):
                return
            at = self._text.find(text, self._starts[i + 1])

    def _exact_scores(self, query: str) -> dict[int, tuple[float, str]]:
        found: dict[int, tuple[float, str]] = {}
        if query in self._position:
            found[self._position[query]] = (99.0, "id")
        for i in self._keys_containing(query):
            key = self.keys[i]
            if key == query:
                score = 100.0
            elif key.startswith(query):
                score = 95.0
            elif f" {query}" in f" {key}":
                score = 90.0
            else:
                score = 80.0
            if score > found.get(i, (0.0, ""))[0]:
                found[i] = (score, "name")
        return found

    def prepare(self) -> None:
        """Build the typo-tolerant part now rather than at the first search that needs it (0.8 s and ~30 MB of
        arrays on 78,000 names): the dashboard's server does this at its start, so that nobody's first search, in
        Explore or in Edit's picker, waits for it (docs/performance.md, twelfth session)."""
        if self._fuzzy is None:
            self._fuzzy = _FuzzyIndex(self.keys)

    def _fuzzy_matches(self, query: str, limit: int) -> list[tuple[float, int]]:
        """What ``process.extract(query, keys, scorer=WRatio, score_cutoff=72, limit=limit)`` gives, as
        (score, position) pairs, best first; computed by ``_FuzzyIndex`` on as few keys as can matter."""
        self.prepare()
        assert self._fuzzy is not None
        return self._fuzzy.best(query, limit)

    def _near_positions(self, near: Mapping[str, int] | None) -> dict[int, int]:
        """``near`` by position in the index (worked out once for the mapping last given)."""
        if not near:
            return {}
        if near is not self._near_source:
            self._near_source = near
            self._near_at = {self._position[i]: v for i, v in near.items() if i in self._position}
        return self._near_at

    def search(
        self, text: str, kinds: Iterable[str] | None = None, limit: int = 20, near: Mapping[str, int] | None = None
    ) -> list[Hit]:
        """Entities whose name (or acronym, or id) matches ``text``, best first (``rank``; ``near``: how near each
        id is to the home organisation, from ``nearness``)."""
        query = fold(text)
        if not query:
            return []
        wanted = set(kinds) if kinds else None
        found = self._exact_scores(query)
        if len(found) < limit and len(query) >= 3:
            for score, i in self._fuzzy_matches(query, limit * 4):
                found.setdefault(i, (min(score, 79.0) * 0.98, "fuzzy"))
        near_at = self._near_positions(near)
        rows = []
        for i, (score, match) in found.items():
            if wanted is None or self.kinds[i] in wanted:
                score = round(score, 1)
                rows.append((i, score, match, rank(score, match, near_at.get(i, ELSEWHERE))))
        rows.sort(key=itemgetter(3))
        if len(rows) > limit:  # only rows ranked at least as the limit-th can be shown: fold only their names
            rows = [row for row in rows if row[3] <= rows[limit - 1][3]]
        folded = fold_many(self.names[row[0]] for row in rows)
        order = sorted(range(len(rows)), key=lambda j: (rows[j][3], folded[j], self.ids[rows[j][0]]))
        return [
            Hit(self.ids[i], self.names[i], self.kinds[i], score, match)
            for i, score, match, _ in (rows[j] for j in order[:limit])
        ]


#: Characters counted apart by _FuzzyIndex; all others share one count (which can only overestimate an overlap).
_COUNTED = "abcdefghijklmnopqrstuvwxyz0123456789 -'.&"
#: Keys whose character and bigram counts are made at a time when a _FuzzyIndex is built.
_BUILD_KEYS = 8192
#: Keys scored with WRatio at a time, best upper bound first, until no other key can enter the best ``limit``.
_BATCH = 1024
#: Scores closer than this are the same score computed in another order (rapidfuzz scales by 0.95 and 0.9).
_TIE = 1e-9


class _FuzzyIndex:
    """The best WRatio matches of a query among every key, scoring only the keys that can be among them.

    WRatio is the best of several similarities, each 2·L/(|a|+|b|) with L the longest common subsequence of the
    query and the key, of their sorted tokens, of their sets of tokens, or of the shorter one and a window of the
    longer one (partial ratios), scaled by 0.95, 0.9 or 0.6 depending on how different the lengths are. Two facts
    bound every L without computing it. A common subsequence has no more of any character than both strings have:
    L ≤ M, the characters they have in common. And of its L - 1 neighbouring pairs, all but those split by a gap
    in either string are bigrams found in both: L ≤ (B + 1 + |a| + |b|) / 3, with B the bigrams they have in
    common (counted on the texts padded with a space at each end, which holds the bigrams of every reordering of
    their tokens and of every window). For a window of length w ≤ m (the shorter length) that gives a partial
    ratio of at most 2L/(m + max(L, 3L - 1 - m - B)), largest near L = (1 + m + B) / 2. Keys sharing a whole
    token with the query may reach 100 on the token-set ratios. M and B come from per-key counts of characters and
    bigrams in a few vectorised operations; keys are then scored in order of their bound, until the next bound
    cannot beat the worst of the best ``limit`` found (ties go to the earlier key, as in ``process.extract``). The
    result is exactly that of scoring every key, many times faster.
    """

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        size, width = len(keys), len(_COUNTED) + 1
        self.lengths = np.fromiter(map(len, keys), dtype=np.int64, count=size)
        # Each key's distinct tokens: how many, their joined length, and token → keys (one flat sorted array).
        vocabulary: dict[str, int] = {}
        token_ids: list[int] = []
        set_lengths, set_counts = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
        for i, key in enumerate(keys):
            tokens = set(key.split())
            set_counts[i], set_lengths[i] = len(tokens), sum(map(len, tokens)) + max(len(tokens) - 1, 0)
            token_ids.extend(vocabulary.setdefault(token, len(vocabulary)) for token in tokens)
        self.set_lengths, self.set_counts, self.vocabulary = set_lengths, set_counts, vocabulary
        token_order = np.argsort(np.array(token_ids, dtype=np.int64), kind="stable")
        self.token_keys = np.repeat(np.arange(size, dtype=np.int32), set_counts)[token_order]  # key positions
        self.token_starts = np.searchsorted(
            np.array(token_ids, dtype=np.int64)[token_order], np.arange(len(vocabulary) + 1)
        )
        # Per key: how many of each character bucket (one row per bucket), and (bigram, key, how many) triples;
        # made _BUILD_KEYS keys at a time, so that the intermediate arrays stay a few MB (one pass over 78,000
        # keys made ~130 MB of them, most of the server's peak at its start).
        self.counts = np.zeros((width, size), dtype=np.uint8)
        codes, owners, numbers = [np.zeros(0, np.int32)], [np.zeros(0, np.int32)], [np.zeros(0, np.uint8)]
        for start in range(0, size, _BUILD_KEYS):
            code, owner, number = self._chunk(keys[start : start + _BUILD_KEYS], start)
            codes.append(code)
            owners.append(owner)
            numbers.append(number)
        code = np.concatenate(codes)
        order = np.argsort(code, kind="stable")  # the chunks are in key order: by bigram, then key
        self.bigram_keys = np.concatenate(owners)[order]
        self.bigram_counts = np.concatenate(numbers)[order]
        self.bigram_starts = np.searchsorted(code[order], np.arange(width * width + 1))

    def _chunk(self, keys: list[str], first: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Fill ``counts`` for these keys (from position ``first``) and return their bigrams: (bigram code, key
        position, how many times, at most 255), ordered by bigram, then key."""
        size, width = len(keys), len(_COUNTED) + 1
        padded = _buckets("".join(f" {k} " for k in keys))  # each key with a space at each end
        owner = np.repeat(np.arange(size, dtype=np.int64), self.lengths[first : first + size] + 2)
        counts = np.bincount(owner * width + padded, minlength=size * width).reshape(size, width)
        counts[:, _COUNTED.index(" ")] -= 2  # the padding is not part of the key
        self.counts[:, first : first + size] = np.minimum(counts, 255).T
        same_key = owner[:-1] == owner[1:]
        bigram = padded[:-1][same_key] * width + padded[1:][same_key]
        pairs, numbers = np.unique(bigram * size + owner[:-1][same_key], return_counts=True)  # by bigram, then key
        return (
            (pairs // size).astype(np.int32),
            (pairs % size + first).astype(np.int32),
            np.minimum(numbers, 255).astype(np.uint8),
        )

    def upper_bounds(self, query: str) -> np.ndarray:
        """For every key, a score WRatio(query, key) cannot exceed."""
        size, width = len(self.keys), len(_COUNTED) + 1
        padded = _buckets(f" {query} ")
        chars = np.bincount(padded[1:-1], minlength=width)
        common = np.zeros(size, dtype=np.int64)
        for b in np.flatnonzero(chars).tolist():
            common += np.minimum(self.counts[b], chars[b])
        codes, numbers = np.unique(padded[:-1] * width + padded[1:], return_counts=True)
        bigrams = np.zeros(size, dtype=np.int64)
        for code, number in zip(codes.tolist(), numbers.tolist()):
            start, stop = self.bigram_starts[code], self.bigram_starts[code + 1]
            bigrams[self.bigram_keys[start:stop]] += np.minimum(self.bigram_counts[start:stop], number)
        tokens = set(query.split())
        shared_count, shared_length = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
        for token in tokens:
            if token in self.vocabulary:
                at = self.vocabulary[token]
                having = self.token_keys[self.token_starts[at] : self.token_starts[at + 1]]
                shared_count[having] += 1
                shared_length[having] += len(token)
        shared = shared_count > 0
        section = shared_length + shared_count - 1  # the shared tokens joined: rapidfuzz's "sect"
        q_len, q_set = len(query), _set_length(query)
        k_len, k_set = self.lengths, self.set_lengths
        shorter, longer = np.minimum(k_len, q_len), np.maximum(k_len, q_len)
        with np.errstate(divide="ignore", invalid="ignore"):
            length_ratio = np.where(shorter > 0, longer / shorter, np.inf)
            ratio = _whole_bound(q_len + k_len, common, bigrams)
            set_ratio = _whole_bound(q_set + k_set, common, bigrams)
            contained = shared & ((shared_count == len(tokens)) | (shared_count == self.set_counts))
            set_ratio = np.where(
                shared,
                np.maximum.reduce([set_ratio, 2 * section / (section + q_set), 2 * section / (section + k_set)]),
                set_ratio,
            )
            set_ratio = np.where(contained, 1.0, set_ratio)  # one's tokens all in the other's: 100
            partial = _window_bound(shorter, common, bigrams)
            partial_set = np.where(shared, 1.0, _window_bound(np.minimum(k_set, q_set), common, bigrams))
        scale = np.where(length_ratio <= 8, 0.9, 0.6)
        close = np.maximum(ratio, 0.95 * np.maximum(ratio, set_ratio))
        far = np.maximum(np.maximum(ratio, scale * partial), 0.95 * scale * np.maximum(partial, partial_set))
        bound = np.where(length_ratio < 1.5, close, far) * 100
        return np.where((k_len > 0) & (q_len > 0), bound, 0.0)

    def best(self, query: str, limit: int) -> list[tuple[float, int]]:
        """The ``limit`` best (score, position) pairs with WRatio ≥ the cutoff: higher score first, then earlier key."""
        if len(query) > 255 or not len(self.keys):  # counts are capped at 255: the bound needs a shorter query
            found = process.extract(
                query, self.keys, scorer=fuzz.WRatio, processor=None, score_cutoff=_FUZZY_CUTOFF, limit=limit
            )
            return [(score, i) for _key, score, i in found]
        bound = self.upper_bounds(query)
        hopeful = np.flatnonzero(bound >= _FUZZY_CUTOFF - _TIE)
        order = hopeful[np.lexsort((hopeful, -bound[hopeful]))]
        best: list[tuple[float, int]] = []
        for start in range(0, len(order), _BATCH):
            rows = order[start : start + _BATCH]
            if len(best) >= limit:
                (worst, worst_row), first = best[-1], int(rows[0])
                if bound[first] < worst - _TIE or (bound[first] <= worst + _TIE and first > worst_row):
                    break  # no key left can beat the worst kept: a tie goes to the earlier key
            scores = process.cdist(
                [query],
                [self.keys[i] for i in rows.tolist()],
                scorer=fuzz.WRatio,
                processor=None,
                score_cutoff=_FUZZY_CUTOFF,
                dtype=np.float64,
            )[0]
            hits = [
                (float(score), int(row)) for score, row in zip(scores.tolist(), rows.tolist()) if score >= _FUZZY_CUTOFF
            ]
            best = sorted(best + hits, key=lambda pair: (-pair[0], pair[1]))[:limit]
        return best


def _buckets(text: str) -> np.ndarray:
    """Each character's bucket: its place in _COUNTED, or one shared bucket for every other character."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    table = np.full(128, len(_COUNTED), dtype=np.int64)
    table[[ord(ch) for ch in _COUNTED]] = np.arange(len(_COUNTED))
    return np.where(codes < 128, table[np.minimum(codes, 127)], len(_COUNTED))


def _whole_bound(total: np.ndarray, common: np.ndarray, bigrams: np.ndarray) -> np.ndarray:
    """The most 2L/total can be for strings of ``total`` length together: L ≤ M and L ≤ (B + 1 + total) / 3."""
    longest = np.minimum(common, (bigrams + 1 + total) // 3)
    return np.minimum(np.where(total > 0, 2 * longest / total, 0.0), 1.0)


def _window_bound(shorter: np.ndarray, common: np.ndarray, bigrams: np.ndarray) -> np.ndarray:
    """The most a partial ratio can be: 2L/(m + w) over windows w ≤ m, with L ≤ M and w ≥ max(L, 3L - 1 - m - B)."""
    most = np.minimum(common, shorter)
    best = np.zeros(len(shorter))
    peak = np.minimum(most, (1 + shorter + bigrams) // 2)
    for length in (peak, np.minimum(most, peak + 1)):
        window = np.maximum(length, 3 * length - 1 - shorter - bigrams)
        ok = (window <= shorter) & (length > 0)
        best = np.maximum(best, np.where(ok, 2 * length / np.where(ok, shorter + window, 1), 0.0))
    return np.minimum(best, 1.0)


def _set_length(text: str) -> int:
    """The length of the text's distinct tokens joined by single spaces, as rapidfuzz's token-set ratios see it."""
    tokens = set(text.split())
    return sum(map(len, tokens)) + max(len(tokens) - 1, 0)


def search(directory: "Directory", text: str, kinds: Iterable[str] | None = None, limit: int = 20) -> list[Hit]:
    """Search the directory by name, the home organisation and its neighbours first among equal matches; see
    ``SearchIndex.search`` and ``rank``."""
    return directory.search_index.search(text, kinds, limit, near=_nearness(directory))


def _nearness(directory: Directory) -> dict[str, int]:
    """``nearness`` for the directory, worked out once per loaded directory (kept beside its search index)."""
    index = directory.search_index
    if index.near is None:
        index.near = nearness(directory.graph, directory.home)
    return index.near


def closest_ids(directory: "Directory", wrong_id: str, limit: int = 3) -> list[str]:
    """The existing ids most like ``wrong_id`` (for "did you mean" hints)."""
    ids = directory.search_index.ids
    return [m[0] for m in process.extract(wrong_id.lower(), ids, scorer=fuzz.ratio, score_cutoff=60, limit=limit)]
