"""network: a partner-network directory and relationship graph.

Organisations, networks, projects, programmes and people are kept as CSV files (or one workbook), validated, and
loaded into a networkx graph that can be searched, explored and drawn. This package never imports Streamlit: the
dashboard (``ui/``) and the CLI (``python -m network``) are thin layers over it.

    >>> from network import load_directory
    >>> directory = load_directory("data")
    >>> directory.report.summary()
"""

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
