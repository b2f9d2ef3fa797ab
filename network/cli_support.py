"""What every command-line module shares: exit codes, printing a result, the data path, opening the directory,
who writes, and writing an output file.

``cli.py`` owns the parser and ``main``; the modules with more commands (``partners_cli``, ``person_cli``,
``matching_cli``, ``insights_cli``) each expose ``add_parsers(sub)`` and ``COMMANDS`` and are listed in
``cli.EXTENSIONS``. They import from here, never from ``cli.py``, so there is no import cycle and nothing private
crosses a module boundary.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .access import Actor, local_actor
from .atomic import write_atomically
from .cache import check_cache_dir, default_cache_dir
from .errors import NetworkError, UsageError

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "EXIT_OK",
    "EXIT_DATA",
    "EXIT_USAGE",
    "Command",
    "AddParsers",
    "emit",
    "add_format",
    "data_path",
    "progress_bar",
    "open_directory",
    "cache_dir_of",
    "note_errors",
    "cli_actor",
    "write_output",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

#: A command: takes the parsed arguments, prints, returns an exit code.
Command = Callable[[argparse.Namespace], int]
#: Adds a module's sub-parsers to the command line's sub-parser group.
AddParsers = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def emit(args: argparse.Namespace, payload: object, text: str) -> None:
    """Print the result: ``payload`` as JSON with ``--format json``, else ``text``."""
    if getattr(args, "format", "text") == "json":
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def add_format(parser: argparse.ArgumentParser) -> None:
    """The ``--format text|json`` option every reporting command has."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def data_path(args: argparse.Namespace) -> Path:
    """The directory to work on: PATH, else ``--data``, else ``$NETWORK_DATA``, else ``data/``."""
    chosen = getattr(args, "path", None) or args.data or os.environ.get("NETWORK_DATA") or "data"
    return Path(chosen)


def progress_bar() -> Callable[[str, float], None] | None:
    """A one-line progress bar on stderr, only when a person is watching (stderr is a terminal)."""
    if not sys.stderr.isatty():
        return None

    def draw(step: str, done: float) -> None:
        filled = int(done * 30)
        sys.stderr.write(f"\r{step:<10} [{'#' * filled}{'.' * (30 - filled)}] {done:4.0%}")
        if done >= 1.0:
            sys.stderr.write("\r" + " " * 60 + "\r")
        sys.stderr.flush()

    return draw


def cache_dir_of(args: argparse.Namespace) -> Path | None:
    """The warm-start cache folder (network/cache.py) unless ``--no-cache``; None as well when the cache module
    refuses the folder (not this user's own), which is then named on stderr."""
    cache_dir = None if getattr(args, "no_cache", False) else default_cache_dir()
    refusal = check_cache_dir(cache_dir) if cache_dir is not None else None
    if refusal is not None:
        print(f"warning: {refusal}", file=sys.stderr)
        return None
    return cache_dir


def open_directory(args: argparse.Namespace) -> "Directory":
    """Load the directory, through the warm-start cache unless ``--no-cache``; a note on stderr if it has errors."""
    from .directory import load_directory  # here: it imports pandas and networkx, which not every command needs

    # The warm-start cache (network/cache.py): used unless --no-cache; it is invalidated by any change to the files.
    # A folder the cache module refuses (not this user's own) is named on stderr; the load goes on without it.
    directory = load_directory(data_path(args), progress=progress_bar(), cache_dir=cache_dir_of(args))
    if args.command != "validate":
        note_errors(len(directory.report.errors))
    return directory


def note_errors(errors: int) -> None:
    """The note on stderr that the data has errors (rows left out), when it has any."""
    if errors:
        print(
            f"note: the data has {errors} error(s); rows with errors are left out. "
            f"Run 'python -m network validate' to list them.",
            file=sys.stderr,
        )


def cli_actor(args: argparse.Namespace) -> Actor:
    """Who writes: the command line acts as an administrator (it runs as the account that owns the files), named
    --who, else $NETWORK_USER, else the login name (``access.local_actor``)."""
    return local_actor(getattr(args, "who", None))


def write_output(output: str, data: bytes) -> None:
    """Write ``-o FILE`` whole or not at all (``atomic.write_atomically``), or to stdout for ``-``."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output)
    if not target.parent.is_dir():
        raise UsageError(f"The folder {target.parent} does not exist. Create it first or choose another -o FILE.")
    try:
        write_atomically(target, data)
    except OSError as exc:  # a full disk, no permission: a message, not a traceback; the old file is kept
        raise NetworkError(
            f"Could not write {target}: {exc.strerror or exc}. Nothing was changed; free some space "
            "or choose another -o FILE."
        ) from exc
