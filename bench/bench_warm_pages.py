"""Server-side CPU of a new server's first pages on a warm cache, in AppTest (no browser): Overview, Explore, Katalog.

    python bench/bench_warm_pages.py CACHE_FOLDER [DATA] [--local] [--prepared]   # DATA: bench/out/pages-60000-200000

``--local``: the pages as a browser on this computer sees them (single user, admin; AppTest sends no request
headers, so without it the pages are a viewer's). ``--prepared``: first what the server does at its start
(``ui.app.prepare``, ``ui/server.py``), timed on its own, so the pages' figures are a prepared server's.

Fill CACHE_FOLDER first with a load of the same code (``load_directory(DATA, cache_dir=CACHE_FOLDER)``). Prints
``time.process_time`` around each ``AppTest.run()`` in one process: the first (Overview) includes importing the
app. Why beside ``bench_pages.py``: that one visits Explore and Katalog only after a cold first load, where the
graph is already built; this one shows what a page pays after a *warm* start, where the graph read from the cache
is built by the first page that needs it (``network/stored_graph.py``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("ui/pages/explore.py", "ui/pages/directory.py")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    flags = {arg for arg in sys.argv[1:] if arg.startswith("--")}
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    os.environ["NETWORK_CACHE_DIR"] = args[0]
    os.environ["NETWORK_DATA"] = args[1] if len(args) > 1 else str(ROOT / "bench/out/pages-60000-200000")
    os.environ["NETWORK_PARTNER_WARMUP"] = "0"
    from streamlit.testing.v1 import AppTest

    figures = []
    if "--local" in flags:
        import ui.auth

        ui.auth.request_headers = lambda: {"host": ["localhost:8501"], "origin": ["http://localhost:8501"]}
    if "--prepared" in flags:
        import ui.app

        started = time.process_time()
        ui.app.prepare()
        figures.append(("prepared at the start", time.process_time() - started))
    started = time.process_time()
    app = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=900)
    app.run()
    figures.append(("overview (with the imports)", time.process_time() - started))
    for page in PAGES:
        started = time.process_time()
        app.switch_page(page).run()
        figures.append((page, time.process_time() - started))
    if app.exception:
        raise SystemExit(f"the app failed: {[e.value for e in app.exception]}")
    print(" | ".join(f"{name}: {cpu:.2f} s CPU" for name, cpu in figures))


if __name__ == "__main__":
    main()
