"""How quickly the Map page draws its dots in a real browser on a directory of 60,000 organisations with coordinates.

    python bench/bench_map_browser.py                  # generates 60,000 organisations / 200,000 relations once
    python bench/bench_map_browser.py --data FOLDER    # an existing directory (its organisations need lat/lon)
    python bench/bench_map_browser.py --repeat 3 --json bench/out/map-after.json
    python bench/bench_map_browser.py --compare --repeat 3    # where the time goes: see "--compare" below

It starts ``streamlit run network_app.py`` on a free loopback port (``bench_pages.Server``: the same server as the
pages benchmark) with an empty cache folder, opens the Map page in headless Chromium (``/usr/bin/chromium
--no-sandbox``) with Playwright, and measures:

- **first open**: a new tab on ``/map`` of a server that has not loaded the directory yet (reading, validating and
  building the graph are in it; not the map's target, shown for context);
- **open**: a new tab on ``/map`` once the server has the directory (what a user opening the map waits for),
  ``--repeat`` times;
- **rerun**: the "dots" toggle switched off, then on again (a rerun of the page script that sends the chart again
  and redraws every dot), ``--repeat`` times;
- with each, the CPU time the streamlit process used meanwhile and the browser's (/proc: user + system; Chromium's
  renderer and its GPU process, which with ``--disable-gpu`` is SwiftShader drawing WebGL in software; a busy
  machine inflates wall times far more than CPU times, though the browser's CPU grows with the wall time too: it
  animates the page while it waits);
- how many times deck.gl drew all the dots until the script had finished (WebGL draws of picking buffers count too);
- for an open, also when the chart's element appeared on the page (so the part after the server sent the chart
  shows);
- **baseline**: a new tab on the Import page (nothing on it depends on the data) until it has settled, before each
  open: what Streamlit's own front end costs a new tab on this machine.

**--compare [SMALL]** runs two servers at once (SMALL, default the sample ``data/`` with 89 dots, and the big
directory) and times new tabs side by side, in turns, so the machine's load falls on all alike: the Import page (no
map), the Map page of SMALL (deck.gl and WebGL starting up with a hundred dots), the Map page of the big directory
with the dots switched off (``?points=0``: the same page, its 60,000-entry picker and its countries, no dots), and
with them. The differences of the medians are the parts: big − dots off is what the dots themselves cost, dots off −
small what the rest of the big page costs, small − Import what deck.gl's start-up costs over a page without a map.
Besides the dots drawn it notes when deck.gl asked for its WebGL context and its first draw of anything (the
countries) and the frame after it.

**When are the dots drawn?** deck.gl draws a ScatterplotLayer with one instanced WebGL call whose instance count is
the number of dots. A script added before the page loads tags the programs whose shader is deck.gl's
``scatterplot-layer`` and wraps ``drawArraysInstanced`` / ``drawElementsInstanced``
(WebGL 2, and ANGLE's instancing extension on WebGL 1) and notes the time of the first call with at least as many
instances as the map has dots, then the next animation frame after it (the frame that shows them): that frame is the
signal. It counts exactly the dots, whatever the zoom or colours, and does not depend on Streamlit's markup. The
alternatives were worse: reading the canvas' pixels from the page returns an empty buffer once the frame has been
composited (deck.gl does not keep the drawing buffer), and polling screenshots costs 100 ms or more each with
software rendering, so it would blur the figure. After each measurement a screenshot of the chart is checked for the
dots' orange (a sanity check, not timed). Times are the page's own clock (``performance.now``): from the navigation
start for an open, from the click for a rerun.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import SETTLED_JS, Server, _cpu_s  # noqa: E402  (one server helper for the benches)
from dashboard_server import chromium  # noqa: E402

#: Added to every page before its scripts run: records big instanced draws (see the module's docstring).
DRAW_PROBE = """
(() => {
  window.__dots = {want: 0, drawn: [], frames: [], chart: null, context: null, first: null, firstFrame: null};
  new MutationObserver((_, observer) => {  // when Streamlit puts the chart's element on the page
    if (document.querySelector('[data-testid="stDeckGlJsonChart"]')) {
      window.__dots.chart = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  const getContext = HTMLCanvasElement.prototype.getContext;  // when deck.gl asks for its WebGL context
  HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
    if (/webgl/.test(kind) && window.__dots.context === null) window.__dots.context = performance.now();
    return getContext.call(this, kind, ...rest);
  };
  const first = () => {  // deck.gl's first draw of anything (the countries come first), and the frame after it
    const dots = window.__dots;
    if (dots.first !== null) return;
    dots.first = performance.now();
    requestAnimationFrame(() => { dots.firstFrame = performance.now(); });
  };
  const note = (gl, count) => {
    first();
    const dots = window.__dots;
    // the dots: an instanced draw with the ScatterplotLayer's program and one instance per dot (the countries'
    // outlines are instanced too, and with a hundred dots their segment count would pass a bare count test)
    if (!dots.want || count < dots.want || !(gl.__program && gl.__program.__scatter)) return;
    const at = performance.now();
    dots.drawn.push(at);
    requestAnimationFrame(() => dots.frames.push(performance.now()));
  };
  const wrap = (proto, name, countAt, gl) => {
    if (!proto || !proto[name]) return;
    const original = proto[name];
    proto[name] = function (...args) {
      if (countAt === null) first(); else note(gl ? gl(this) : this, args[countAt]);
      return original.apply(this, args);
    };
  };
  for (const kind of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!kind) continue;
    const proto = kind.prototype;
    const shaderSource = proto.shaderSource, attachShader = proto.attachShader, useProgram = proto.useProgram;
    proto.shaderSource = function (shader, source) { shader.__source = source; return shaderSource.call(this, shader, source); };
    proto.attachShader = function (program, shader) {
      if (/scatterplot-layer/.test(shader.__source || '')) program.__scatter = true;
      return attachShader.call(this, program, shader);
    };
    proto.useProgram = function (program) { this.__program = program; return useProgram.call(this, program); };
    wrap(proto, 'drawArrays', null);
    wrap(proto, 'drawElements', null);
    wrap(proto, 'drawArraysInstanced', 3);
    wrap(proto, 'drawElementsInstanced', 4);
  }
  const getExtension = WebGLRenderingContext.prototype.getExtension;
  WebGLRenderingContext.prototype.getExtension = function (name) {
    const ext = getExtension.call(this, name);
    if (ext && name === 'ANGLE_instanced_arrays' && !ext.__wrapped) {
      const gl = this;
      wrap(Object.getPrototypeOf(ext), 'drawArraysInstancedANGLE', 3, () => gl);
      wrap(Object.getPrototypeOf(ext), 'drawElementsInstancedANGLE', 4, () => gl);
      ext.__wrapped = true;
    }
    return ext;
  };
})();
"""
SCRIPT_DONE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""
#: The dots' colour (ui/pages/map.py, ``_POINT_COLOUR``) as it shows over the countries.
ORANGE = (213, 94, 0)


def prepare(orgs: int, relations: int) -> Path:
    """A generated directory in which every organisation has coordinates (in Europe, 4 decimals)."""
    folder = ROOT / "bench" / "out" / f"map-{orgs}-{relations}"
    if not (folder / "relations.csv").exists():
        from generate import generate  # bench/generate.py, next to this file

        print(f"writing {folder} ...", flush=True)
        generate(folder, orgs, orgs // 5, orgs // 10, relations)
        path = folder / "organisations.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        rng = np.random.default_rng(1)
        frame["lat"] = np.round(rng.uniform(36, 69, len(frame)), 4).astype(str)
        frame["lon"] = np.round(rng.uniform(-9, 30, len(frame)), 4).astype(str)
        frame.to_csv(path, index=False)
    return folder


def _browser_cpu(servers: int | tuple[int, ...]) -> dict[str, float]:
    """CPU seconds (user + system) of this process' descendants except the streamlit servers' own trees, by kind:
    Chromium's ``renderer`` (the page's JavaScript, layout, painting), ``gpu-process`` (WebGL, here SwiftShader:
    software rendering, as --disable-gpu asks), the other Chromium processes and Playwright's driver (``other``), and
    ``all``. Processes that ended are not counted."""
    skip = {servers} if isinstance(servers, int) else set(servers)
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, stack = (
        {"all": 0.0, "renderer": 0.0, "gpu-process": 0.0, "other": 0.0},
        [p for p in children.get(os.getpid(), []) if p not in skip],
    )
    while stack:
        pid = stack.pop()
        try:
            used = _cpu_s(pid)
            line = (Path("/proc") / str(pid) / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        kind = next((k for k in ("renderer", "gpu-process") if b"--type=" + k.encode() in line), "other")
        total["all"] += used
        total[kind] += used
        stack.extend(p for p in children.get(pid, []) if p not in skip)
    return total


def _spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {f"browser CPU{'' if k == 'all' else ', ' + k} (s)": after[k] - before[k] for k in after}


def _dots(data: Path) -> int:
    frame = pd.read_csv(data / "organisations.csv", dtype=str, keep_default_na=False, usecols=["lat", "lon"])
    return int(((frame["lat"] != "") & (frame["lon"] != "")).sum())


def _orange_pixels(page) -> int:
    """How many pixels of the chart are the dots' orange (a screenshot of the chart's element)."""
    from io import BytesIO

    from PIL import Image

    shot = page.locator('[data-testid="stDeckGlJsonChart"]').first.screenshot()
    pixels = np.asarray(Image.open(BytesIO(shot)).convert("RGB")).astype(int)
    close = np.abs(pixels - np.array(ORANGE)).sum(axis=2) < 60
    return int(close.sum())


def _wait_drawn(page, since: float, timeout: float) -> tuple[float, float]:
    """(draw call, next frame) in the page's milliseconds, the first after ``since``."""
    page.wait_for_function(
        "since => window.__dots.frames.some(t => t >= since)", arg=since, timeout=timeout * 1000, polling=50
    )
    drawn, frames = page.evaluate("() => [window.__dots.drawn, window.__dots.frames]")
    return min(t for t in drawn if t >= since), min(t for t in frames if t >= since)


def _open(
    context, url: str, want: int, pid: int, timeout: float, servers: tuple[int, ...] = (), query: str = ""
) -> tuple[dict[str, float], object]:
    """A new tab on ``/map``; ``servers``: every streamlit server running (their CPU is not the browser's); ``want``
    0 (with ``query`` "?points=0": the dots switched off) takes deck.gl's first draw and the frame after it."""
    servers = servers or (pid,)
    page = context.new_page()
    page.add_init_script(DRAW_PROBE.replace("want: 0", f"want: {want}"))
    cpu, browser = _cpu_s(pid), _browser_cpu(servers)
    page.goto(url + "/map" + query)
    if want:
        drawn, frame = _wait_drawn(page, 0.0, timeout)  # the page's clock starts at the navigation
    else:
        page.wait_for_function("() => window.__dots.firstFrame !== null", timeout=timeout * 1000, polling=50)
        drawn, frame = page.evaluate("() => [window.__dots.first, window.__dots.firstFrame]")
    marks = page.evaluate(
        "() => [window.__dots.chart, window.__dots.context, window.__dots.first, window.__dots.firstFrame]"
    )
    result = {
        "chart element (s)": marks[0] / 1000,
        "WebGL context (s)": marks[1] / 1000,
        "first draw (s)": marks[2] / 1000,
        "first drawn (s)": marks[3] / 1000,
        "draw call (s)": drawn / 1000,
        "drawn (s)": frame / 1000,
        "server CPU (s)": _cpu_s(pid) - cpu,
        **_spent(browser, _browser_cpu(servers)),
    }
    page.wait_for_function(SCRIPT_DONE, timeout=timeout * 1000, polling=100)
    result["script done (s)"] = page.evaluate("() => performance.now()") / 1000
    result["server CPU to done (s)"] = _cpu_s(pid) - cpu
    result.update({k.replace("(s)", "to done (s)"): v for k, v in _spent(browser, _browser_cpu(servers)).items()})
    result["dot draws"] = page.evaluate("() => window.__dots.drawn.length")
    result["orange pixels"] = _orange_pixels(page)
    if not want and result["orange pixels"] > 1000:
        raise RuntimeError(f"the dots were to be off, but {result['orange pixels']:,} pixels are their orange")
    return result, page


def _baseline(context, url: str, pid: int, timeout: float, servers: tuple[int, ...] = ()) -> dict[str, float]:
    """A new tab on the Import page (no data on it) until it has settled: what any page of the dashboard costs a
    new tab on this machine (Streamlit's own front end), to set against the map's figures."""
    title = tomllib.loads((ROOT / "ui" / "locales" / "sv.toml").read_text(encoding="utf-8"))["page.import"]
    servers = servers or (pid,)
    page = context.new_page()
    page.add_init_script(DRAW_PROBE)  # the same page script as the map's tabs (it notes no WebGL here)
    cpu, browser = _cpu_s(pid), _browser_cpu(servers)
    page.goto(url + "/import")
    page.wait_for_function(SETTLED_JS, arg=[title], timeout=timeout * 1000, polling=50)
    done = page.evaluate("() => performance.now()") / 1000
    return {"settled (s)": done, "server CPU (s)": _cpu_s(pid) - cpu, **_spent(browser, _browser_cpu(servers))}


def _rerun(page, pid: int, timeout: float) -> dict[str, float]:
    """Switch the dots off, wait for the page to settle, then on again: timed from the second click."""
    label = tomllib.loads((ROOT / "ui" / "locales" / "sv.toml").read_text(encoding="utf-8"))["map.points"]
    toggle = page.locator('[data-testid="stCheckbox"]').filter(has_text=label)
    if not toggle.first.is_visible():
        page.locator('[data-testid="stExpander"] summary').first.click()
    toggle.first.locator("label").first.click()
    time.sleep(0.3)
    page.wait_for_function(SCRIPT_DONE, timeout=timeout * 1000, polling=100)
    cpu, browser = _cpu_s(pid), _browser_cpu(pid)
    since = page.evaluate("() => performance.now()")
    toggle.first.locator("label").first.click()
    drawn, frame = _wait_drawn(page, since, timeout)
    result = {
        "draw call (s)": (drawn - since) / 1000,
        "drawn (s)": (frame - since) / 1000,
        "server CPU (s)": _cpu_s(pid) - cpu,
        **_spent(browser, _browser_cpu(pid)),
    }
    time.sleep(0.3)
    page.wait_for_function(SCRIPT_DONE, timeout=timeout * 1000, polling=100)
    result["script done (s)"] = (page.evaluate("() => performance.now()") - since) / 1000
    result["server CPU to done (s)"] = _cpu_s(pid) - cpu
    result["dot draws"] = page.evaluate("since => window.__dots.drawn.filter(t => t >= since).length", since)
    result["orange pixels"] = _orange_pixels(page)
    return result


def measure(data: Path, repeat: int, timeout: float) -> dict[str, list[dict[str, float]]]:
    from playwright.sync_api import sync_playwright

    want = _dots(data)
    print(f"{want:,} organisations with coordinates", flush=True)
    runs: dict[str, list[dict[str, float]]] = {"first open": [], "baseline": [], "open": [], "rerun": []}
    with tempfile.TemporaryDirectory(prefix="bench-map-") as work, sync_playwright() as playwright:
        log = Path(work) / "streamlit.log"
        with chromium(playwright, log) as browser:
            with Server(data, Path(work) / "cache", log) as server:
                pid = server.process.pid  # type: ignore[union-attr]
                for label in ["first open"] + ["baseline", "open"] * repeat:
                    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                    if label == "baseline":
                        result = _baseline(context, server.url, pid, timeout)
                        runs[label].append(result)
                        print(
                            f"  baseline    the Import page in a new tab settled {result['settled (s)']:6.2f} s, "
                            f"server CPU {result['server CPU (s)']:5.2f} s, browser CPU {result['browser CPU (s)']:5.2f}"
                            f" s (renderer {result['browser CPU, renderer (s)']:5.2f}, "
                            f"GPU {result['browser CPU, gpu-process (s)']:5.2f})",
                            flush=True,
                        )
                        context.close()
                        continue
                    result, page = _open(context, server.url, want, pid, timeout)
                    runs[label].append(result)
                    _show(label, result)
                    if label == "open":
                        for _ in range(1 if runs["rerun"] else repeat):
                            result = _rerun(page, pid, timeout)
                            runs["rerun"].append(result)
                            _show("rerun", result)
                    context.close()
    return runs


#: What ``--compare`` shows for each kind of tab, in this order.
COMPARE_KEYS = (
    "chart element (s)",
    "WebGL context (s)",
    "first draw (s)",
    "first drawn (s)",
    "draw call (s)",
    "drawn (s)",
    "script done (s)",
    "settled (s)",
    "server CPU (s)",
    "server CPU to done (s)",
    "browser CPU (s)",
    "browser CPU, renderer (s)",
    "browser CPU, gpu-process (s)",
    "browser CPU to done (s)",
    "browser CPU, renderer to done (s)",
    "browser CPU, gpu-process to done (s)",
)

#: The Import tab's figure (until settled) set against each of the map tab's figures until its script was done.
NO_MAP_MATCH = {
    "script done (s)": "settled (s)",
    "server CPU to done (s)": "server CPU (s)",
    "browser CPU to done (s)": "browser CPU (s)",
    "browser CPU, renderer to done (s)": "browser CPU, renderer (s)",
    "browser CPU, gpu-process to done (s)": "browser CPU, gpu-process (s)",
}


def compare(small: Path, big: Path, repeat: int, timeout: float) -> dict[str, list[dict[str, float]]]:
    """Side by side, in one browser, with two servers running at once: a new tab on the Map page of ``small`` (a
    hundred dots: deck.gl and software WebGL starting up), on the Map page of ``big`` (the same plus the dots), and
    on the Import page (no map: Streamlit's front end), ``repeat`` times each, the order turned round each time so
    that the machine's load falls on all three alike. Each server's first open (reading the directory) is left out."""
    from playwright.sync_api import sync_playwright

    wants = {"small": _dots(small), "big": _dots(big)}
    print(f"map, small: {wants['small']:,} dots ({small}); map, big: {wants['big']:,} dots ({big})", flush=True)
    kinds = ["no map (Import)", "map, small", "map, big, dots off", "map, big"]
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory(prefix="bench-map-") as work, sync_playwright() as playwright:
        log = Path(work) / "streamlit.log"
        with chromium(playwright, log) as browser:
            with (
                Server(small, Path(work) / "cache-small", log) as server_small,
                Server(big, Path(work) / "cache-big", log) as server_big,
            ):
                servers = {"small": server_small, "big": server_big}
                pids = tuple(s.process.pid for s in servers.values())  # type: ignore[union-attr]
                for size, server in servers.items():  # the server reads its directory: not timed
                    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                    result, _ = _open(context, server.url, wants[size], server.process.pid, timeout, pids)  # type: ignore[union-attr]
                    print(f"  first open, {size}: dots drawn {result['drawn (s)']:6.2f} s (not counted)", flush=True)
                    context.close()
                for turn in range(repeat):
                    for kind in kinds[turn % len(kinds) :] + kinds[: turn % len(kinds)]:
                        size = "small" if kind == "map, small" else "big"
                        server = servers[size]
                        pid = server.process.pid  # type: ignore[union-attr]
                        context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                        if kind.startswith("no map"):
                            result = _baseline(context, server.url, pid, timeout, pids)
                        elif kind.endswith("dots off"):
                            result, _ = _open(context, server.url, 0, pid, timeout, pids, "?points=0")
                        else:
                            result, _ = _open(context, server.url, wants[size], pid, timeout, pids)
                        context.close()
                        result["load average"] = os.getloadavg()[0]
                        runs[kind].append(result)
                        print(
                            f"  {kind:<15} " + ", ".join(f"{k} {result[k]:.2f}" for k in COMPARE_KEYS if k in result),
                            flush=True,
                        )
    return runs


def _compare_table(runs: dict[str, list[dict[str, float]]]) -> str:
    """Medians (and the range) per kind of tab, and the differences the comparison is for, as a Markdown table."""
    kinds = list(runs)
    med = {
        k: {key: statistics.median(r[key] for r in runs[k]) for key in COMPARE_KEYS if key in runs[k][0]} for k in kinds
    }
    span = {k: {key: (min(r[key] for r in runs[k]), max(r[key] for r in runs[k])) for key in med[k]} for k in kinds}
    none, small, off, big = kinds  # compare()'s order
    lines = [
        "| median (min–max) | "
        + " | ".join(kinds)
        + " | big − dots off (the dots) | dots off − small (the rest of the big page) | small − no map (deck.gl start-up) |",
        "| --- |" + " --: |" * (len(kinds) + 3),
    ]

    def minus(one: str, other: str, key: str, other_key: str | None = None) -> str:
        other_key = other_key or key
        return f"{med[one][key] - med[other][other_key]:+.2f}" if key in med[one] and other_key in med[other] else "–"

    for key in COMPARE_KEYS:
        cells = [
            f"{med[k][key]:.2f} ({span[k][key][0]:.2f}–{span[k][key][1]:.2f})" if key in med[k] else "–" for k in kinds
        ]
        end = NO_MAP_MATCH.get(key, "")  # the Import tab settled: its figure that matches the map tab's done
        differences = [minus(big, off, key), minus(off, small, key), minus(small, none, key, end) if end else "–"]
        lines.append(f"| {key} | " + " | ".join(cells + differences) + " |")
    return "\n".join(lines)


def _show(label: str, result: dict[str, float]) -> None:
    chart = f"chart element {result['chart element (s)']:6.2f} s, " if "chart element (s)" in result else ""
    print(
        f"  {label:<11} {chart}dots drawn {result['drawn (s)']:6.2f} s (draw call {result['draw call (s)']:6.2f} s), "
        f"server CPU {result['server CPU (s)']:5.2f} s, browser CPU {result['browser CPU (s)']:5.2f} s (renderer "
        f"{result['browser CPU, renderer (s)']:5.2f}, GPU {result['browser CPU, gpu-process (s)']:5.2f}); script done {result['script done (s)']:6.2f} s "
        f"(server CPU {result['server CPU to done (s)']:5.2f} s); {result['dot draws']} draws of all the dots until "
        f"then; {result['orange pixels']:,} orange pixels",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="an existing directory (default: generate 60,000 / 200,000)")
    parser.add_argument("--orgs", type=int, default=60_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="opens and reruns to time (default 3)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a step counts as stuck")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--compare",
        type=Path,
        nargs="?",
        const=ROOT / "data",
        metavar="SMALL",
        help="new tabs side by side: the Map page of SMALL (default: the sample data/), of --data (or the generated "
        "directory) and the Import page, --repeat times each",
    )
    args = parser.parse_args(argv)
    data = args.data or prepare(args.orgs, args.relations)
    print(f"{data} (load average {os.getloadavg()[0]:.1f})", flush=True)
    started = time.perf_counter()
    if args.compare:
        runs = compare(args.compare, data, args.repeat, args.timeout)
        print(f"\nload average after: {os.getloadavg()[0]:.1f}; {time.perf_counter() - started:.0f} s in all\n")
        print(_compare_table(runs))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"small": str(args.compare), "data": str(data), "runs": runs}, indent=2))
        return 0
    runs = measure(data, args.repeat, args.timeout)
    print(f"\nmedians (load average after: {os.getloadavg()[0]:.1f}; {time.perf_counter() - started:.0f} s in all)")
    for label, results in runs.items():
        if results and label != "baseline":
            print(
                f"  {label:<11} dots drawn {statistics.median(r['drawn (s)'] for r in results):6.2f} s, server CPU "
                f"{statistics.median(r['server CPU (s)'] for r in results):5.2f} s, browser CPU "
                f"{statistics.median(r['browser CPU (s)'] for r in results):5.2f} s"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"data": str(data), "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
