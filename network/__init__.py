"""network: a partner-network directory and relationship graph.

Organisations, networks, projects, programmes and people are kept as CSV files (or one workbook), validated, and
loaded into a networkx graph that can be searched, explored and drawn. This package never imports Streamlit: the
dashboard (``ui/``) and the CLI (``python -m network``) are thin layers over it.

    >>> from network import load_directory
    >>> directory = load_directory("data")
    >>> directory.report.summary()

The public names below are imported on first use (PEP 562), not by ``import network``: a command that does not
load the directory (``python -m network --help``, a ``partners`` search answered from its stored index) then never
imports pandas or networkx, which take most of a second.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .directory import Directory, load_directory
    from .errors import (
        ConflictError,
        DataSourceError,
        LimitError,
        NetworkError,
        NotFoundError,
        PermissionDeniedError,
        UsageError,
    )
    from .problems import Problem, Report
    from .queries import ViewFilter, describe_path, ego_network, neighbours, shortest_paths, stats
    from .search import search

__all__ = [
    "Directory",
    "load_directory",
    "NetworkError",
    "DataSourceError",
    "LimitError",
    "NotFoundError",
    "UsageError",
    "ConflictError",
    "PermissionDeniedError",
    "Problem",
    "Report",
    "ViewFilter",
    "search",
    "neighbours",
    "ego_network",
    "shortest_paths",
    "describe_path",
    "stats",
]

#: Where each public name lives.
_HOMES = {
    "Directory": "directory",
    "load_directory": "directory",
    "NetworkError": "errors",
    "DataSourceError": "errors",
    "LimitError": "errors",
    "NotFoundError": "errors",
    "UsageError": "errors",
    "ConflictError": "errors",
    "PermissionDeniedError": "errors",
    "Problem": "problems",
    "Report": "problems",
    "ViewFilter": "queries",
    "search": "search",
    "neighbours": "queries",
    "ego_network": "queries",
    "shortest_paths": "queries",
    "describe_path": "queries",
    "stats": "queries",
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use (and then kept, so this runs once per name)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'network' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
