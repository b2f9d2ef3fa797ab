"""The Arrow bytes of Overview's long tables on a directory, as the page sends them, in Swedish.

    python bench/overview_bytes.py bench/out/pages-60000-200000

Each table whole and as the page shows it (its first ``ui.overview_tables.SHOWN_ROWS`` rows): the problem groups,
the out-of-date rows and the people without a legal basis. A diagnostic for docs/performance.md ("Overview's long
tables cut short"); the browser's share of a page grows with what it is sent.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa


def arrow_bytes(frame: pd.DataFrame) -> int:
    """The size of ``frame`` as an Arrow IPC stream (what ``st.dataframe`` sends)."""
    if frame.empty:
        return 0
    table = pa.Table.from_pandas(frame)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return len(sink.getvalue())


def main(argv: list[str]) -> int:
    from network import load_directory
    from ui import overview_tables as tables
    from ui.i18n import in_language

    directory = load_directory(Path(argv[0]))
    shown = tables.SHOWN_ROWS
    with in_language("sv"):
        frames = [
            (f"problems: {label}", frame)
            for label, _, frame in tables.problem_groups("-", "sv", "code", True, directory)
        ]
        recent, stale, _never = tables.verified_tables(directory, dt.date.today())
        frames += [("out of date", stale), ("recently checked", recent)]
        frames.append(("without a legal basis", tables.legal_basis_table("-", "sv", directory)))
    total = shown_total = 0
    for label, frame in frames:
        whole, first = arrow_bytes(frame), arrow_bytes(frame.head(shown))
        total, shown_total = total + whole, shown_total + first
        print(f"{label:60} {len(frame):7,} rows {whole / 1e6:6.2f} MB whole {first / 1e6:6.2f} MB shown")
    print(f"{'all':60} {'':12} {total / 1e6:6.2f} MB whole {shown_total / 1e6:6.2f} MB shown")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
