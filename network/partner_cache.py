"""A warm start for the partner finder: its per-directory index kept on disk next to the directory cache.

A partner search on the combined real directory (the sample plus keep.eu and CORDIS: 42,000 organisations, 33,000
projects, 150,000 relations) spends most of its time preparing what does not depend on the query: the organisations
as arrays, the latest dated contact, the graph as integer arrays and the search from the home organisation, the
participations and the folded texts the themes are looked for in. The CLI starts a new process for every search, so
without this it would prepare all of that every time. ``warm_partner_index`` stores the prepared index the first
time (``partners-<slot>.cache`` beside ``directory-<slot>.cache``) and reads it back while the files, the code, the
day and the home organisation are unchanged, on the same terms as ``cache.py``: keyed by ``cache.cache_key``, written
atomically, mode 0600 in the user's own cache directory, and a damaged or foreign file is a miss, never an error.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cache_file, cache_key
from .graph import gc_paused
from .partners import PartnerIndex, install_index, partner_index

if TYPE_CHECKING:
    from .directory import Directory

__all__ = ["warm_partner_index", "partner_cache_file"]

_MAGIC = b"network-partner-index\n"


def partner_cache_file(directory: "Directory", cache_dir: str | Path) -> Path | None:
    """Where the partner index of ``directory`` is kept (None when the cache would lie inside the data folder)."""
    target = cache_file(directory.path, cache_dir)
    return None if target is None else target.with_name(target.name.replace("directory-", "partners-", 1))


def _header(directory: "Directory", today: dt.date | None) -> bytes:
    return _MAGIC + f"{cache_key(directory.fingerprint, today)} {directory.home}\n".encode()


def warm_partner_index(
    directory: "Directory", cache_dir: str | Path | None, today: dt.date | None = None
) -> PartnerIndex:
    """The directory's partner index, read from the cache when it is current, else built, prepared and stored."""
    target = partner_cache_file(directory, cache_dir) if cache_dir and directory.fingerprint else None
    if target is None:
        return partner_index(directory)
    header = _header(directory, today)
    try:
        with target.open("rb") as handle:
            if handle.read(len(header)) == header:
                with gc_paused():
                    state = pickle.load(handle)
                index = PartnerIndex.restore(directory, state)
                install_index(directory, index)
                return index
    except Exception:  # noqa: BLE001 - a missing, damaged or foreign file is only a miss
        pass
    index = partner_index(directory)
    index.prepare()
    _store(target, header, index.state())
    return index


def _store(target: Path, header: bytes, state: dict) -> None:
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=".tmp-", delete=False) as handle:
            temporary = Path(handle.name)
            os.chmod(temporary, 0o600)
            handle.write(header)
            pickle.dump(state, handle, protocol=5)
        os.replace(temporary, target)
    except (OSError, pickle.PicklingError, TypeError, ValueError, AttributeError):
        if temporary is not None:
            temporary.unlink(missing_ok=True)
