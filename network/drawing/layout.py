"""Node positions for drawings, computed in Python so the browser draws at once instead of simulating physics.

networkx's ``spring_layout`` is too slow for big views (9 s for 2,000 nodes, 208 s for 10,000 on two cores) because
every iteration compares every pair of nodes. ``compute_layout`` instead:

1. lays out each connected component on its own, starting from *pivot MDS* (Brandes & Pich 2006): breadth-first
   distances from a few dozen well-spread pivot nodes, then classical multidimensional scaling of that distance
   table. This gives the global shape in O(pivots × edges) with no randomness. Leaves (entities with a single
   relation, such as most people) are left out of it and placed around their neighbour afterwards;
2. refines that with a short Fruchterman–Reingold pass (forces d²/k along edges, k²/d between all nodes) in which
   the repulsion between near pairs is exact (found with a k-d tree) and the rest is approximated on a grid by an
   FFT convolution, so a step costs O(n) instead of O(n²). The many tiny components a filtered view tends to have
   are refined together in one pass;
3. packs the components: the focus's component (else the largest) in the middle, the others in rows below it.

Positions are deterministic for the same graph and seed (nodes are processed in id order, so insertion order does
not matter), and lie in [-1, 1] with the focus at (0, 0). ``trim_graph`` caps a view at a number of nodes by the
rule in ``TRIM_RULE``; ``docs/performance.md`` ("Graph view") has the timings.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Hashable, Iterable

import networkx as nx
import numpy as np
from scipy import fft, sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

__all__ = ["compute_layout", "trim_graph", "TRIM_RULE"]

#: How ``trim_graph`` chooses what to keep, in words for the "showing N of M" message.
TRIM_RULE = (
    "The focus is always kept; the other entities are kept in order of how many relations they have "
    "in the view (most first, ties by id) until the cap is reached."
)

_PIVOTS = 40  # breadth-first searches per component; more changes little above ~30
_K = 2.0  # Fruchterman–Reingold's ideal distance k: attraction d²/k along edges, repulsion k²/d between all nodes
_CUTOFF = 2.0  # nearer pairs repel exactly (k-d tree); the rest through the far-field grid
_JITTER = 0.3  # random start offsets (layout units; k = 2)
_SPACING = 2.0  # start with about this much room per node
_GRID = 48  # cells per side of the far-field grid
_GAP = 3.0  # space between packed components (layout units)
_SMALL = 40  # components up to this size are refined together
_EXACT = 150  # components up to this size repel exactly, pair by pair


def compute_layout(
    graph: nx.Graph, *, seed: int = 7, focus: str | None = None, iterations: int | None = None
) -> dict[str, tuple[float, float]]:
    """Positions for every node, in [-1, 1] on both axes; the focus (if given and present) at (0, 0).

    Edge direction and parallel edges are ignored. ``seed`` only drives the small jitter that separates nodes the
    distance table cannot tell apart. ``iterations`` overrides the number of refinement steps (by default up to 50,
    35 for components above 3,000 nodes, then up to 25 more once the leaves are placed).
    """
    order = sorted(graph.nodes, key=_sort_key)
    if not order:
        return {}
    index = {node: i for i, node in enumerate(order)}
    adjacency = _adjacency(graph, index)
    focus_index = index.get(focus) if focus is not None else None
    rng = np.random.default_rng(seed)
    count, labels = csgraph.connected_components(adjacency, directed=False)
    members = [np.flatnonzero(labels == c) for c in range(count)]
    members.sort(key=lambda m: (-len(m), int(m[0])))
    if focus_index is not None:
        members.sort(key=lambda m: focus_index not in m)  # stable: the focus's component first
    small = [i for i, m in enumerate(members) if 2 < len(m) <= _SMALL]
    pieces = dict(zip(small, _layout_small(adjacency, [members[i] for i in small], focus_index, rng, iterations)))
    for i, m in enumerate(members):
        if i not in pieces:
            pieces[i] = _layout_component(adjacency, m, focus_index, rng, iterations)
    pos = _pack([pieces[i] for i in range(len(members))], members, len(order))
    return _normalise(pos, order, focus_index)


def _sort_key(node: Hashable) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def _adjacency(graph: nx.Graph, index: dict) -> sparse.csr_matrix:
    """A symmetric 0/1 adjacency matrix without self-loops, in ``index`` order."""
    pairs = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    n = len(index)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    matrix = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    matrix.data[:] = 1.0  # parallel edges were summed
    matrix.sort_indices()  # canonical order, so sums come out bit-identical whatever the input order
    return matrix


def _layout_component(
    adjacency: sparse.csr_matrix,
    members: np.ndarray,
    focus: int | None,
    rng: np.random.Generator,
    iterations: int | None,
) -> np.ndarray:
    """Positions of one connected component, centred on its focus (or its middle).

    Leaves (entities with one relation, such as most people) are left out of the distance table, which cannot tell
    the leaves of one hub apart, and placed afterwards in a small disc around their neighbour; a last short
    refinement then makes room for them.
    """
    n = len(members)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-1.0, 0.0], [1.0, 0.0]])
    sub = adjacency[members][:, members].tocsr()
    local_focus = int(np.searchsorted(members, focus)) if focus is not None and focus in members else None
    degree = np.diff(sub.indptr)
    parent = sub.indices[sub.indptr[:-1]]  # a neighbour of each node; the only one for leaves
    leaf = (degree == 1) & (degree[parent] > 1)
    if local_focus is not None:
        leaf[local_focus] = False
    core = np.flatnonzero(~leaf)
    steps = iterations if iterations is not None else min(10 + 2 * n, 50 if n <= 3000 else 35)
    pos = np.zeros((n, 2))
    pos[core] = _layout_core(sub[core][:, core].tocsr(), core, local_focus, n, rng, steps)
    if leaf.any():
        pos[leaf] = _around(pos[parent[leaf]], parent[leaf])
        steps = iterations if iterations is not None else min(10 + n, 25)
        pos = _refine(pos, _edges(sub), rng, steps, start=_K)
    centre = pos[local_focus] if local_focus is not None else (pos.min(axis=0) + pos.max(axis=0)) / 2
    return pos - centre


def _layout_small(
    adjacency: sparse.csr_matrix,
    members: list[np.ndarray],
    focus: int | None,
    rng: np.random.Generator,
    iterations: int | None,
) -> list[np.ndarray]:
    """Small components, refined together in one pass (every pair within a component repels exactly).

    A view often has dozens of tiny components; refining them one by one would cost more in per-step overhead
    than the big component does.
    """
    if not members:
        return []
    starts, pos, edges, pairs, focus_at = [0], [], [], [], {}
    for m in members:
        sub = adjacency[m][:, m].tocsr()
        local_focus = int(np.searchsorted(m, focus)) if focus is not None and focus in m else None
        first = local_focus if local_focus is not None else int(np.argmax(np.diff(sub.indptr)))
        pos.append(_spread_ties(_pivot_mds(sub, first)) * _K)
        edges.append(_edges(sub) + starts[-1])
        pairs.append(np.column_stack(np.triu_indices(len(m), 1)) + starts[-1])
        if local_focus is not None:
            focus_at[len(starts) - 1] = local_focus
        starts.append(starts[-1] + len(m))
    steps = iterations if iterations is not None else 50
    done = _refine(np.vstack(pos), np.vstack(edges), rng, steps, pairs=np.vstack(pairs))
    pieces = []
    for i in range(len(members)):
        piece = done[starts[i] : starts[i + 1]]
        centre = piece[focus_at[i]] if i in focus_at else (piece.min(axis=0) + piece.max(axis=0)) / 2
        pieces.append(piece - centre)
    return pieces


def _layout_core(
    sub: sparse.csr_matrix, core: np.ndarray, focus: int | None, total: int, rng: np.random.Generator, steps: int
) -> np.ndarray:
    """Pivot MDS then refinement for the nodes that are not leaves, with room for ``total`` nodes in all."""
    n = len(core)
    if n <= 2:
        return np.array([[0.0, 0.0], [2.0, 0.0]])[:n]
    local_focus = int(np.searchsorted(core, focus)) if focus is not None else None
    first = local_focus if local_focus is not None else int(np.argmax(np.diff(sub.indptr)))
    pos = _spread_ties(_pivot_mds(sub, first))
    # Small-world graphs have a small diameter: at one unit per edge they would be packed far too densely (and
    # the refinement would compare every pair). Scale up so that there is room for every node, leaves included.
    spread = math.sqrt(float(((pos - pos.mean(axis=0)) ** 2).sum(axis=1).mean()))
    wanted = _SPACING * math.sqrt(total / math.pi)
    if 1e-9 < spread < wanted:
        pos *= wanted / spread
    return _refine(pos, _edges(sub), rng, steps)


def _edges(adjacency: sparse.csr_matrix) -> np.ndarray:
    upper = sparse.triu(adjacency, k=1).tocoo()
    return np.column_stack([upper.row, upper.col])


def _pivot_mds(adjacency: sparse.csr_matrix, first: int) -> np.ndarray:
    """Pivot MDS: positions whose distances approximate the graph distances, mean edge length 1."""
    n = adjacency.shape[0]
    k = min(_PIVOTS, n)
    table = np.empty((k, n))
    nearest = np.full(n, np.inf)
    pivot = first
    for i in range(k):
        table[i] = csgraph.shortest_path(adjacency, method="D", unweighted=True, indices=pivot)
        nearest = np.minimum(nearest, table[i])
        pivot = int(np.argmax(nearest))  # the node farthest from every pivot so far (first one on ties)
    squared = table.T**2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1)[:, None] + squared.mean())
    # the top eigenvectors of the small k × k matrix CᵀC give the coordinates C·v (no SVD of the n × k matrix)
    _, vectors = np.linalg.eigh(centred.T @ centred)  # eigenvalues ascending
    pos = np.zeros((n, 2))
    dims = min(2, k)
    pos[:, :dims] = centred @ vectors[:, ::-1][:, :dims]
    for axis in range(2):  # SVD signs are arbitrary: make the farthest-out node positive
        if pos[np.argmax(np.abs(pos[:, axis])), axis] < 0:
            pos[:, axis] *= -1
    edges = _edges(adjacency)
    mean = float(np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1).mean()) if len(edges) else 0.0
    return pos / mean if mean > 1e-9 else pos


def _refine(
    pos: np.ndarray,
    edges: np.ndarray,
    rng: np.random.Generator,
    steps: int,
    start: float | None = None,
    pairs: np.ndarray | None = None,
) -> np.ndarray:
    """Fruchterman–Reingold steps, cooling linearly from ``start`` (a distance; default a tenth of the extent).

    Repulsion acts between the given ``pairs`` only, if given; else between every pair (exactly when near, on a
    grid when far).
    """
    n = len(pos)
    if pairs is None and n <= _EXACT:  # small: every pair exactly
        pairs = np.column_stack(np.triu_indices(n, 1))
    pos = pos + rng.normal(scale=_JITTER, size=pos.shape)
    source, target = edges[:, 0], edges[:, 1]
    temperature = start if start is not None else max(1.0, 0.1 * float(np.ptp(pos, axis=0).max()))
    for step in range(steps):
        disp = np.zeros_like(pos)
        near = pairs if pairs is not None else cKDTree(pos).query_pairs(_CUTOFF, output_type="ndarray")
        if len(near):
            a, b = near[:, 0], near[:, 1]
            delta = pos[a] - pos[b]
            force = delta * (_K**2 / np.maximum((delta**2).sum(axis=1), 1e-4))[:, None]  # k²/d along delta/d
            disp += _scatter(a, force, n) - _scatter(b, force, n)
        if pairs is None:
            disp += _far_field(pos)
        delta = pos[source] - pos[target]
        force = delta * np.linalg.norm(delta, axis=1)[:, None] / _K  # d²/k along delta/d
        disp += _scatter(target, force, n) - _scatter(source, force, n)
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        limit = temperature * (1 - step / steps)
        pos += disp * (np.minimum(length, limit) / length)[:, None]
    return pos


def _far_field(pos: np.ndarray) -> np.ndarray:
    """Repulsion from every other node, approximated on a grid (mass per cell convolved with k²/d by FFT).

    Without it the graph would only be pushed apart locally and a dense graph would collapse into a ball; with
    it the cost per step stays O(n) plus a fixed-size FFT.
    """
    lo = pos.min(axis=0)
    cell = max(float((pos.max(axis=0) - lo).max()), 1e-6) / (_GRID - 1)
    index = np.minimum(((pos - lo) / cell).astype(np.int64), _GRID - 1)
    flat = index[:, 0] * _GRID + index[:, 1]
    mass = np.bincount(flat, minlength=_GRID * _GRID).reshape(_GRID, _GRID).astype(float)
    shape, kernel_x, kernel_y = _kernels()
    spectrum = fft.rfft2(mass, shape)
    window = slice(_GRID - 1, 2 * _GRID - 1)
    field_x = fft.irfft2(spectrum * kernel_x, shape)[window, window].ravel()
    field_y = fft.irfft2(spectrum * kernel_y, shape)[window, window].ravel()
    return (_K**2 / cell) * np.column_stack([field_x[flat], field_y[flat]])


@lru_cache(maxsize=1)
def _kernels() -> tuple[tuple[int, int], np.ndarray, np.ndarray]:
    """The spectra of 1/d along each axis for every cell offset (in cells, softened by one cell to stay finite)."""
    offsets = np.arange(-(_GRID - 1), _GRID)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    denominator = dx**2 + dy**2 + 1.0
    size = fft.next_fast_len(3 * _GRID - 2, real=True)  # 142 = 2 × 71 would be slow
    shape = (size, size)
    return shape, fft.rfft2(dx / denominator, shape), fft.rfft2(dy / denominator, shape)


def _spread_ties(pos: np.ndarray) -> np.ndarray:
    """Nodes the distance table cannot tell apart start on a small sunflower spiral around their common spot."""
    _, group = np.unique(np.round(pos, 3), axis=0, return_inverse=True)
    return _around(pos, group.ravel(), inner=0.0)


def _around(centre: np.ndarray, group: np.ndarray, inner: float = 1.5) -> np.ndarray:
    """Each row moved onto a sunflower spiral (even spacing, no two on one spot) around its group's ``centre``."""
    order = np.argsort(group, kind="stable")
    _, first, counts = np.unique(group[order], return_index=True, return_counts=True)
    rank = np.empty(len(group))
    rank[order] = np.arange(len(group)) - np.repeat(first, counts)
    angle = rank * 2.39996  # the golden angle
    radius = np.where(rank > 0, np.sqrt(inner**2 + 1.2 * rank), inner)
    return centre + np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _scatter(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum 2-D ``values`` into ``n`` rows by ``index`` (a fast ``np.add.at``)."""
    return np.column_stack([np.bincount(index, values[:, 0], n), np.bincount(index, values[:, 1], n)])


def _pack(pieces: list[np.ndarray], members: list[np.ndarray], n: int) -> np.ndarray:
    """The first piece stays at the origin; the rest go in rows (largest first) centred below it."""
    pos = np.zeros((n, 2))
    pos[members[0]] = pieces[0]
    if len(pieces) == 1:
        return pos
    boxes = [(p.min(axis=0), p.max(axis=0)) for p in pieces]
    sizes = [hi - lo + _GAP for lo, hi in boxes]
    main_width = sizes[0][0]
    area = sum(w * h for w, h in sizes[1:])
    width = max(main_width, math.sqrt(area) * 1.5, max(w for w, _ in sizes[1:]))
    x = y = row_height = 0.0
    placed = []
    for (lo, _), (w, h) in zip(boxes[1:], sizes[1:]):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        placed.append((x, y, lo))
        x += w
        row_height = max(row_height, h)
    used = max(px + sizes[i + 1][0] for i, (px, _, _) in enumerate(placed))
    left, top = -used / 2, boxes[0][0][1] - _GAP  # y grows downwards in the rows, upwards in positions
    for (px, py, lo), (_, h), piece, idx in zip(placed, sizes[1:], pieces[1:], members[1:]):
        corner = np.array([left + px, top - py - h + _GAP])
        pos[idx] = piece - lo + corner
    return pos


def _normalise(pos: np.ndarray, order: list, focus: int | None) -> dict[str, tuple[float, float]]:
    """Translate the focus (else the middle) to the origin and scale uniformly into [-1, 1]."""
    centre = pos[focus] if focus is not None else (pos.min(axis=0) + pos.max(axis=0)) / 2
    pos = pos - centre
    extent = float(np.abs(pos).max())
    if extent > 0:
        pos = pos / extent
    pos = np.round(pos, 6)
    return {node: (float(x), float(y)) for node, (x, y) in zip(order, pos)}


def trim_graph(graph: nx.MultiDiGraph, max_nodes: int, *, keep: Iterable[str] = ()) -> tuple[nx.MultiDiGraph, int]:
    """The view capped at ``max_nodes`` nodes by ``TRIM_RULE``, and the number of nodes it had.

    The graph itself is returned (not a copy) when it is within the cap; otherwise a copy of the subgraph induced by
    the kept nodes, with their attributes and the relations among them.
    """
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be 0 or more, not {max_nodes}.")
    total = graph.number_of_nodes()
    if total <= max_nodes:
        return graph, total
    chosen = list(dict.fromkeys(n for n in keep if n in graph))[:max_nodes]
    kept = set(chosen)
    degree = graph.degree()
    rest = sorted((n for n in graph.nodes if n not in kept), key=lambda n: (-degree[n], _sort_key(n)))
    chosen += rest[: max_nodes - len(chosen)]
    return graph.subgraph(chosen).copy(), total
