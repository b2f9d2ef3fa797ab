"""Finding entities by name: ignores case and accents, tolerates typos, ranks the best match first.

"Orebro", "örebro" and the typo "Örebo" all find Region Örebro län. Exact and prefix matches rank above substring
matches, which rank above fuzzy ones; ties break on name, so the same query always gives the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz, process

from .textnorm import fold

if TYPE_CHECKING:
    from .directory import Directory

__all__ = ["Hit", "SearchIndex", "search", "closest_ids"]

_FUZZY_CUTOFF = 72.0


@dataclass(frozen=True)
class Hit:
    id: str
    name: str
    kind: str
    score: float  # 0..100
    #: What matched: "name", "acronym", "id" or "fuzzy".
    match: str


class SearchIndex:
    """Folded names, acronyms and ids of every node, built once per loaded directory."""

    def __init__(self, nodes: Iterable[tuple[str, dict]]) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self.kinds: list[str] = []
        self.keys: list[str] = []  # folded "name acronym city"
        for node_id, attrs in nodes:
            name = attrs.get("name", node_id)
            self.ids.append(node_id)
            self.names.append(name)
            self.kinds.append(attrs.get("kind", ""))
            self.keys.append(fold(" ".join(filter(None, (name, attrs.get("acronym", ""))))))
        self._position = {node_id: i for i, node_id in enumerate(self.ids)}

    def _exact_scores(self, query: str) -> dict[int, tuple[float, str]]:
        found: dict[int, tuple[float, str]] = {}
        if query in self._position:
            found[self._position[query]] = (99.0, "id")
        for i, key in enumerate(self.keys):
            if query not in key:
                continue
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

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 20) -> list[Hit]:
        """Entities whose name (or acronym, or id) matches ``text``, best first."""
        query = fold(text)
        if not query:
            return []
        wanted = set(kinds) if kinds else None
        found = self._exact_scores(query)
        if len(found) < limit and len(query) >= 3:
            for _key, score, i in process.extract(query, self.keys, scorer=fuzz.WRatio, processor=None,
                                                  score_cutoff=_FUZZY_CUTOFF, limit=limit * 4):
                found.setdefault(i, (min(score, 79.0) * 0.98, "fuzzy"))
        hits = [Hit(self.ids[i], self.names[i], self.kinds[i], round(score, 1), match)
                for i, (score, match) in found.items() if wanted is None or self.kinds[i] in wanted]
        hits.sort(key=lambda h: (-h.score, fold(h.name), h.id))
        return hits[:limit]


def search(directory: "Directory", text: str, kinds: Iterable[str] | None = None, limit: int = 20) -> list[Hit]:
    """Search the directory by name; see ``SearchIndex.search``."""
    return directory.search_index.search(text, kinds, limit)


def closest_ids(directory: "Directory", wrong_id: str, limit: int = 3) -> list[str]:
    """The existing ids most like ``wrong_id`` (for "did you mean" hints)."""
    ids = directory.search_index.ids
    return [m[0] for m in process.extract(wrong_id.lower(), ids, scorer=fuzz.ratio, score_cutoff=60, limit=limit)]
