"""How long the dashboard takes to rerun after a widget change (server side, with Streamlit's AppTest).

    python bench/dashboard_rerun.py [DATA]        # default: data/ (the sample directory)

Each step changes one widget, as a user would, and times the rerun that follows (the script run, including
ego network, trimming, cached layout and HTML, tables and profile). The first time a view is seen its layout and
HTML are computed; going back to a view seen before hits the caches. The target is under 0.5 s per change on
the sample data.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(label: str, action, results: list[tuple[str, float]]) -> None:
    start = time.perf_counter()
    at = action()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{label}: {at.exception[0].value}")
    results.append((label, elapsed))


def main() -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["NETWORK_DATA"] = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "data")
    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=120)
    results: list[tuple[str, float]] = []
    _timed("first load (overview, reads the data)", at.run, results)
    _timed("overview rerun", at.run, results)
    _timed("open Explore", lambda: at.switch_page("ui/pages/explore.py").run(), results)
    for radius in (2, 3, 1, 2):
        _timed(
            f"explore: radius {radius}", lambda r=radius: at.slider(key="explore.radius").set_value(r).run(), results
        )
    _timed(
        "explore: kinds = organisations, networks",
        lambda: at.multiselect(key="explore.kinds").set_value(["organisation", "network"]).run(),
        results,
    )
    _timed("explore: search 'reves'", lambda: at.text_input(key="explore.focus.q").set_value("reves").run(), results)
    _timed(
        "explore: profile of another node",
        lambda: at.selectbox(key="explore.node").set_value("region-orebro").run(),
        results,
    )
    _timed("explore: put it in the centre", lambda: at.button(key="explore.refocus").click().run(), results)
    _timed("explore: language English", lambda: at.get_by_key("lang").set_value("en").run(), results)
    _timed("open Directory", lambda: at.switch_page("ui/pages/directory.py").run(), results)
    _timed("directory: search 'orebro'", lambda: at.text_input(key="directory.q").set_value("orebro").run(), results)
    _timed("directory: people", lambda: at.get_by_key("directory.kind").set_value("person").run(), results)
    _timed("open Connections", lambda: at.switch_page("ui/pages/connections.py").run(), results)
    _timed(
        "connections: search a target",
        lambda: at.text_input(key="connections.to.q").set_value("Teatro del Ponte").run(),
        results,
    )
    for k in (5, 1, 3):
        _timed(f"connections: k = {k}", lambda k=k: at.slider(key="connections.k").set_value(k).run(), results)
    width = max(len(label) for label, _ in results)
    for label, seconds in results:
        print(f"{label:<{width}}  {seconds * 1000:7.0f} ms")
    changes = [s for label, s in results[1:] if not label.startswith("open ")]
    print(
        f"\nwidget changes: median {statistics.median(changes) * 1000:.0f} ms, "
        f"max {max(changes) * 1000:.0f} ms over {len(changes)} changes"
    )


if __name__ == "__main__":
    main()
