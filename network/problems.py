"""Problems found in the data, and the report that collects them.

A problem says where it is the way a person finds it in Excel: the file, the row number as the spreadsheet shows it
(the header is row 1), the column and the value, and a message that says how to fix it. The message is also kept
as a code with parameters (``key``, ``params``; templates in ``network.messages``), so the dashboard can say it in
the reader's language while the CLI prints the English ``message``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Iterable, Literal

if TYPE_CHECKING:
    from .dropped import Dropped

from .messages import Message

__all__ = ["Problem", "Report", "ERROR", "WARNING"]

ERROR: Literal["error"] = "error"
WARNING: Literal["warning"] = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem in one place. ``row`` is None when the problem concerns a whole file."""

    severity: Literal["error", "warning"]
    file: str
    row: int | None
    column: str
    value: str
    message: str
    #: A stable, machine-readable category such as ``duplicate-id`` or ``bad-date`` (for grouping in the UI).
    code: str = ""
    #: The message as a code of ``network.messages.ENGLISH`` ("" for a message with no template, such as a reading
    #: limit's): the dashboard translates ``key`` with ``params`` and falls back to ``message``.
    key: str = ""
    #: The parameters of ``key`` as (name, text) pairs.
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        severity: Literal["error", "warning"],
        file: str,
        row: int | None,
        column: str,
        value: str,
        note: Message,
        code: str,
    ) -> Problem:
        """A problem whose English message is ``note``'s template filled in; ``code`` is its category."""
        return cls(severity, file, row, column, value, note.text, code, note.code, note.params)

    @property
    def note(self) -> Message:
        """The message as a code with parameters (what the dashboard translates)."""
        return Message(self.key, self.params)

    @property
    def location(self) -> str:
        """``organisations.csv:5:country``, the form editors and the CLI use."""
        row = "" if self.row is None else str(self.row)
        return f"{self.file}:{row}:{self.column}"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def to_dict(self) -> dict:
        record = asdict(self)
        record["params"] = dict(self.params)
        return record


@dataclass
class Report:
    """Every problem found while reading and validating, in the order found."""

    problems: list[Problem] = field(default_factory=list)
    #: The rows left out because of errors and what each took with it (``network.dropped.Dropped``); None when
    #: the report did not come from loading a directory.
    dropped: "Dropped | None" = None

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not any(p.severity == ERROR for p in self.problems)

    def sorted(self) -> list[Problem]:
        """Problems by file, then row, then column: the order a person fixes them in."""
        return sorted(self.problems, key=lambda p: (p.file, p.row or 0, p.column, p.severity))

    def counts_by_code(self) -> Counter:
        return Counter((p.severity, p.code) for p in self.problems)

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return "No problems found."
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."

    def __len__(self) -> int:
        return len(self.problems)
