"""The project's exceptions: one root, a few meaningful subclasses.

Problems *in the data* are not exceptions: validation collects them into a report (see ``problems.py``).
Exceptions are for what stops an operation: an unreadable path, an unknown id asked for by the user, a save that
would overwrite a newer version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .messages import Message

__all__ = [
    "NetworkError",
    "DataSourceError",
    "LimitError",
    "NotFoundError",
    "UsageError",
    "ConflictError",
    "PermissionDeniedError",
    "LibraryInternalsError",
]


class NetworkError(Exception):
    """Root of every error this package raises on purpose.

    Raised with a :class:`~network.messages.Message` (a code and parameters), the error keeps it as ``note`` so the
    dashboard can say it in the reader's language; ``str(error)`` is always the English sentence (the CLI's). Raised
    with plain text, ``note`` is None and the text is all there is. ``parts`` names a parameter of ``note`` that is
    itself messages (its text is their English, joined by "; "), so the dashboard can say those in its language too.
    """

    def __init__(
        self, text: str | Message = "", *args: object, parts: Mapping[str, Sequence[Message]] | None = None
    ) -> None:
        self.note: Message | None = text if isinstance(text, Message) else None
        self.parts: dict[str, tuple[Message, ...]] = {name: tuple(said) for name, said in (parts or {}).items()}
        super().__init__(str(text), *args)


class DataSourceError(NetworkError):
    """A directory cannot be read at all: the path does not exist, is not a folder or workbook, or is unreadable."""


class LimitError(DataSourceError):
    """A file is larger than a reading limit (``reading.Limits``): too many rows, columns or cells, or a value too
    long. The message names the file, the limit, the setting that raises it and how to fix the file; ``row`` and
    ``column`` say where, as Excel shows them, when one place is to blame."""

    def __init__(self, message: str | Message, row: int | None = None, column: str = "") -> None:
        super().__init__(message)
        self.row = row
        self.column = column


class NotFoundError(NetworkError, KeyError):
    """An id that the caller asked for does not exist. ``suggestions`` holds the closest existing ids."""

    def __init__(self, message: str | Message, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


class UsageError(NetworkError, ValueError):
    """The caller asked for something that cannot be done (an unknown format, a bad option value)."""


class ConflictError(NetworkError):
    """A save was refused because the files changed since they were loaded (someone else saved first)."""


class PermissionDeniedError(NetworkError):
    """A write was refused because the acting user's role does not allow it (checked by the core itself, at the
    moment of writing; see ``network.access.authorize``). ``action`` is what was tried, ``needed`` the weakest role
    that may do it; nothing was written."""

    def __init__(self, message: str | Message, action: str = "", needed: str = "") -> None:
        super().__init__(message)
        self.action = action
        self.needed = needed


class LibraryInternalsError(NetworkError):
    """An installed library no longer has the private layout a fast path relies on (``network/nx_fast.py``). The
    message names the library, the installed and the expected version, and how to fix the installation."""
