"""The code's shape: no module uses another module's private names, and network/ has no import cycle.

Both are checked on the source with ``ast`` (nothing is imported). Imports inside functions count: a local import
that closes a circle is still a circle. Imports under ``if TYPE_CHECKING:`` do not run, so they do not count.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    return {_module_name(root, p): p for package in packages for p in sorted((root / package).rglob("*.py"))}


def _target(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The absolute module an ``from ... import`` names."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """The nodes under a module-level ``if TYPE_CHECKING:`` (the only place the code base uses it)."""
    skipped: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    return skipped


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@functools.lru_cache(maxsize=4)
def analyse(root: Path, packages: tuple[str, ...]) -> tuple[dict[str, set[str]], list[str]]:
    """The import graph among the packages' modules (run-time imports only) and every private cross-module use."""
    modules = _modules(root, packages)
    graph: dict[str, set[str]] = {}
    private: list[str] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"))
        skipped = _type_checking_nodes(tree)
        aliases: dict[str, str] = {}  # local name → project module
        deps: set[str] = set()
        attributes: list[tuple[str, str, int]] = []  # name._private uses: checked once the imports are known
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name):
                attributes.append((node.value.id, node.attr, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                target = _target(module, node, path.name == "__init__.py")
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    if full in modules:
                        aliases[alias.asname or alias.name] = full
                        found = full
                    else:
                        found = target
                        if _private(alias.name) and target.split(".")[0] in packages and target != module:
                            private.append(f"{path.relative_to(root)}:{node.lineno}: from {target} import {alias.name}")
                    if found in modules and id(node) not in skipped:
                        deps.add(found)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        aliases[alias.asname or alias.name] = alias.name
                        if id(node) not in skipped:
                            deps.add(alias.name)
        for base, attr, line in attributes:  # a module is used by the name it was imported as
            owner = aliases.get(base)
            if owner is not None and owner != module:
                private.append(f"{path.relative_to(root)}:{line}: {base}.{attr}")
        graph[module] = deps - {module}
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_uses_another_modules_private_names() -> None:
    _, private = analyse(ROOT, ("network", "ui"))
    assert private == [], "make the name public (and list it in __all__) or move the code:\n" + "\n".join(private)


def test_network_has_no_import_cycle() -> None:
    graph, _ = analyse(ROOT, ("network", "ui"))
    graph = {m: {d for d in deps if d.startswith("network")} for m, deps in graph.items() if m.startswith("network")}
    assert "network.cli" in graph and graph["network.cli"], "the import graph was not built"
    assert cycles(graph) == []


@pytest.fixture
def tangled(tmp_path: Path) -> Path:
    """A package with a private import, a private attribute use and a cycle through a local import."""
    package = tmp_path / "network"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import _helper\n\ndef f():\n    from . import c\n    return c.g()\n")
    (package / "b.py").write_text("def _helper():\n    return 1\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nfrom . import b\nif TYPE_CHECKING:\n"
        "    from . import d\n\ndef g():\n    from .a import f\n    return b._helper()\n"
    )
    (package / "d.py").write_text("from . import c\n")
    return tmp_path


def test_the_checks_find_what_they_look_for(tangled: Path) -> None:
    graph, private = analyse(tangled, ("network",))
    assert [p.split(": ", 1)[1] for p in private] == ["from network.b import _helper", "b._helper"]
    assert cycles(graph) == [["network.a", "network.c"]]  # c → d is under TYPE_CHECKING: d → c is no cycle
