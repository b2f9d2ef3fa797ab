"""Which files make up a directory folder, and their content hash: without pandas, so that a warm command can
decide whether what it stored is still current before it imports the libraries a full load needs.

``reading`` reads these files; ``cache`` and ``partner_cache`` key what they store on ``fingerprint``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

__all__ = ["SOURCE_SUFFIXES", "fingerprint", "fingerprint_of", "outside_links", "source_files"]

SOURCE_SUFFIXES = (".csv", ".toml")


def fingerprint_of(paths: Iterable[Path]) -> str:
    """A content hash of ``paths``: their names and every byte, in sorted order."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(path: str | Path) -> str:
    """A content hash of the directory at ``path``: changes whenever any byte of any of its files changes."""
    return fingerprint_of(source_files(Path(path)))


def _inside(file: Path, root: Path) -> bool:
    """Whether ``file``, with every link followed, is inside ``root`` (already resolved)."""
    try:
        file.resolve(strict=True).relative_to(root)
    except (OSError, RuntimeError, ValueError):  # missing, a link loop, or outside
        return False
    return True


def outside_links(path: Path) -> list[Path]:
    """The directory's entries that are symbolic links leading out of the folder (or nowhere). They are never read,
    fingerprinted or copied into backups: a link to a system file would show its first line to every viewer."""
    if not path.is_dir():
        return []
    root = path.resolve()
    return sorted(
        p for p in path.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_symlink() and not _inside(p, root)
    )


def source_files(path: Path) -> list[Path]:
    """The files that make up the directory at ``path`` (for reading, fingerprints, change detection and backups).

    Symbolic links are followed only when they stay inside the folder (``outside_links`` are left out).
    """
    if path.is_file():
        return [path]
    root = path.resolve()
    return sorted(
        p
        for p in path.iterdir()
        if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file() and (not p.is_symlink() or _inside(p, root))
    )
