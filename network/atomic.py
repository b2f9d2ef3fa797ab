"""Writing a file whole or not at all: the one atomic writer (a temporary file next to it, fsync, rename, fsync).

A crash, a full disk or a second writer never leaves a half-written file under the real name: the data goes to a
uniquely named temporary file in the same folder (so the rename stays on one file system), is flushed to disk,
renamed over the target, and the folder itself is flushed so the rename survives a power cut. ``storage`` writes
the data folder this way; the command line's output files and the caches use the same function.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_temp", "fsync_dir", "write_atomically"]


def write_temp(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to a temporary file next to ``name`` and flush it to disk. The name never ends in .csv."""
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return Path(handle.name)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(target: str | Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step: readers see the old file or the new one, never a part."""
    target = Path(target)
    temp = write_temp(target.parent, target.name, data)
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
