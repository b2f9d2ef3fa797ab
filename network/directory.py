"""The loaded directory, and ``load_directory``: the whole flow from files to a graph in a few lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Hashable, TypeVar, cast

import networkx as nx
import pandas as pd

from .errors import NotFoundError
from .graph import build_graph
from .problems import Report
from .reading import RawSource, read_source
from .schema import DirectoryConfig
from .stored_graph import StoredGraph

if TYPE_CHECKING:
    from .search import SearchIndex
from .validation import validate

__all__ = ["Directory", "load_directory", "Progress"]

#: Called with a step name and the fraction done (0..1); the CLI draws a bar, the dashboard an st.progress.
Progress = Callable[[str, float], None]
T = TypeVar("T")


class _Graph:
    """``Directory.graph``: a networkx graph, or a ``StoredGraph`` (read from the warm-start cache) that is built
    into one the first time ``graph`` is read. As a dataclass field it has no default (``__get__`` on the class
    raises ``AttributeError``), so ``Directory(..., graph, ...)`` is called as before."""

    def __get__(self, directory: "Directory | None", owner: type | None = None) -> nx.MultiDiGraph:
        if directory is None:
            raise AttributeError("graph has no default")
        held = directory.__dict__
        pending = held[_PENDING]  # read once: another thread (the dashboard's background build) may clear it
        if pending is not None:
            graph = pending.graph()  # built once, behind the stored graph's lock; the same object for every caller
            held[_HELD] = graph  # before clearing the pending one, so a reader that sees None finds the graph
            held[_PENDING] = None
            return graph
        return held[_HELD]

    def __set__(self, directory: "Directory", value: "nx.MultiDiGraph | StoredGraph") -> None:
        pending = value if isinstance(value, StoredGraph) and not value.built else None
        directory.__dict__[_PENDING] = pending
        directory.__dict__[_HELD] = value.graph() if isinstance(value, StoredGraph) and pending is None else value


#: Where a ``Directory`` keeps its graph, and its ``StoredGraph`` while that is not built (else None).
_HELD, _PENDING = "_graph_held", "_graph_pending"


@dataclass
class Directory:
    """A validated directory: its tables (valid rows only), relations, graph, and the report of every problem.

    Read from the warm-start cache, the graph is made only when ``graph`` is first read; ``in``, ``kind_of``,
    ``name_of``, ``home``, ``node_ids`` and ``queries.neighbours``/``stats`` answer without it until then
    (``pending_graph``), so a page that needs no more than those (Overview) does not wait for it.
    """

    path: Path
    config: DirectoryConfig
    tables: dict[str, pd.DataFrame]
    relations: pd.DataFrame
    graph: nx.MultiDiGraph = _Graph()  # type: ignore[assignment]  # a descriptor: see _Graph
    report: Report
    sources: dict[str, str] = field(default_factory=dict)
    #: Changes whenever any input file changes (a content hash).
    fingerprint: str = ""
    loaded_at: dt.datetime = field(default_factory=dt.datetime.now)
    #: Valid rows of the lookup tables (country groups), by kind: ``lookups["country_group"]``.
    lookups: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: What other modules derive from this directory and keep with it (``memo``): name → (key, value). Not an
    #: argument and not copied by ``dataclasses.replace``, so a changed copy never sees a stale value.
    _memos: dict[str, tuple[object, object]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def pending_graph(self) -> StoredGraph | None:
        """The stored graph while it is not built yet (read from the cache, nothing has read ``graph``), else None.
        For readers that can answer from it (``queries.neighbours``, ``queries.stats``) without building."""
        return self.__dict__[_PENDING]

    @property
    def home(self) -> str | None:
        """The id of the organisation whose point of view the tool takes, if it is in the directory."""
        return self.config.home if self.config.home in self else None

    def __contains__(self, entity_id: str) -> bool:
        stored = self.pending_graph
        return entity_id in (self.graph if stored is None else stored)

    def node_ids(self) -> set[str]:
        """Every entity id (the graph's nodes), as a new set."""
        stored = self.pending_graph
        return set(self.graph if stored is None else stored.ids)

    def kind_of(self, entity_id: str) -> str:
        stored = self.pending_graph
        if stored is not None:
            return cast(str, stored.node_value(self._known(entity_id), "kind"))
        return self.graph.nodes[self._known(entity_id)]["kind"]

    def name_of(self, entity_id: str) -> str:
        stored = self.pending_graph
        if stored is not None:
            name = stored.node_value(self._known(entity_id), "name")
            return entity_id if name is None else cast(str, name)
        return self.graph.nodes[self._known(entity_id)].get("name", entity_id)

    def record(self, entity_id: str) -> dict[str, str]:
        """The entity's full row (every column of its file), including the spreadsheet row number as ``row``."""
        kind = self.kind_of(entity_id)
        frame = self.tables[kind]
        position = self._row_positions[kind][entity_id]
        row = frame.iloc[position]
        return {"kind": kind, "row": int(frame.index[position]), **row.to_dict()}

    @cached_property
    def _row_positions(self) -> dict[str, dict[str, int]]:
        return {kind: {v: i for i, v in enumerate(frame["id"].tolist())} for kind, frame in self.tables.items()}

    def _known(self, entity_id: str) -> str:
        if entity_id in self:
            return entity_id
        from .search import closest_ids  # local: search builds on Directory

        suggestions = closest_ids(self, entity_id)
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        raise NotFoundError(f"There is no entity with id '{entity_id}'.{hint}", suggestions)

    @cached_property
    def search_index(self) -> "SearchIndex":
        """The name index, built on first use and shared by every query on this directory."""
        from .search import SearchIndex

        return SearchIndex(self.graph.nodes(data=True))

    def memo(self, name: str, key: Hashable, build: Callable[[], T]) -> T:
        """The value other modules derive from this directory under ``name`` (the partner index, the country
        groups), built by ``build`` on first use and again whenever ``key`` changes (a new graph, a new version).

        The one way to keep derived values on a directory: what depends on the directory alone is a
        ``cached_property`` here; what another module builds and may have to rebuild goes through ``memo``.
        """
        held = self._memos.get(name)
        if held is None or held[0] != key:
            held = (key, build())
            self._memos[name] = held
        return cast(T, held[1])

    def remember(self, name: str, key: Hashable, value: object) -> None:
        """Keep ``value`` as what ``memo(name, key, ...)`` returns (a value read back from a warm-start cache)."""
        self._memos[name] = (key, value)

    @cached_property
    def data_date(self) -> str:
        """The newest ``verified`` date in the data: the "as of" date for captions and exports."""
        dates = [frame["verified"].max() for frame in self.tables.values() if "verified" in frame and len(frame)]
        dates = [d for d in dates if isinstance(d, str) and d]
        return max(dates) if dates else ""


def load_directory(
    path: str | Path,
    progress: Progress | None = None,
    today: dt.date | None = None,
    cache_dir: str | Path | None = None,
) -> Directory:
    """Read the files, validate every row (collecting all problems), build the graph.

    With ``cache_dir`` (``network.cache.default_cache_dir()`` is the usual one), the result is kept there and
    used again while the files, the code and the day are unchanged: a warm start in seconds (see ``cache.py``).
    """
    step = progress or (lambda _name, _done: None)
    if cache_dir is not None:
        from . import cache

        step("cache", 0.0)
        cached = cache.load_cached(path, cache_dir, today)
        if cached is not None:
            step("done", 1.0)
            return Directory(**cached)
    step("read", 0.0)
    source: RawSource = read_source(path)
    step("validate", 0.3)
    data, problems = validate(source, today=today)
    config, content = source.config, source.fingerprint
    del source  # the raw tables are not needed any more: free them before the graph is built
    step("build", 0.6)
    graph = build_graph(data)
    report = Report(problems, data.dropped)
    directory = Directory(
        Path(path), config, data.entities, data.relations, graph, report, data.sources, content, lookups=data.lookups
    )
    if cache_dir is not None:
        step("cache", 0.9)
        cache.store(directory, cache_dir, today)
    step("done", 1.0)
    return directory
