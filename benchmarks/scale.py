"""The store at scale: stores of growing size (see :mod:`benchmarks.scale_store`), each served by
``tidings serve`` in its own process and exported by ``tidings export``, as a user runs them.

For each size: warm request times (the best of three after one warm-up) of the first page
unfiltered and filtered, a sorted page, facets, a deep page (the middle of the store) by offset
and by cursor, the timeline and the network; the server's peak memory (VmHWM) after all of them;
Parquet and CSV export time and peak memory; and the time to store one small batch of
processed articles.  Then the ratio of each figure at the largest size to the smallest.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.scale_store import base_articles, build_base, replicate

REQUESTS: dict[str, dict[str, Any]] = {
    "first_page": {"limit": 100},
    "first_page_filtered": {"limit": 100, "type": "ASSAULT", "country": "VAL", "since": "2023-06-01"},
    "sorted_page": {"limit": 100, "sort": "-goldstein"},
    "sorted_by_date": {"limit": 100, "sort": "date"},
    "facets": {"limit": 100, "facets": "true"},
}
"""The event listings timed at every size, by their query parameters."""

VIEWS: dict[str, tuple[str, dict[str, Any]]] = {
    "timeline": ("/api/timeline", {"interval": "month"}),
    "network": ("/api/network", {}),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _peak_mb(pid: int) -> float:
    """A live process's peak resident memory (VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _best(client: httpx.Client, path: str, params: dict[str, Any], tries: int = 3) -> tuple[float, dict]:
    """Seconds of the fastest of ``tries`` warm requests (after one warm-up), and its body."""
    client.get(path, params=params).raise_for_status()
    best, body = float("inf"), {}
    for _ in range(tries):
        started = time.perf_counter()
        response = client.get(path, params=params)
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        if elapsed < best:
            best, body = elapsed, response.json()
    return best, body


def serve_figures(db: Path, events: int) -> dict[str, float]:
    """Warm request times and the server's peak memory, through ``tidings serve``."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=600) as client:
            _wait(client, server)
            figures = {f"{name}_s": _best(client, "/api/events", params)[0] for name, params in REQUESTS.items()}
            depth = events // 2
            figures["deep_page_offset_s"], body = _best(client, "/api/events", {"limit": 100, "offset": depth - 100})
            figures["deep_page_cursor_s"], _ = _best(client, "/api/events",
                                                     {"limit": 100, "cursor": body["next_cursor"]})
            for name, (path, params) in VIEWS.items():
                figures[f"{name}_s"] = _best(client, path, params)[0]
            figures["server_peak_mb"] = _peak_mb(server.pid)
        return figures
    finally:
        server.terminate()
        server.wait(30)


def _wait(client: httpx.Client, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if client.get("/api").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"tidings serve did not answer (exit code {server.poll()})")


REPORTING_CLI = """
import atexit, pathlib, sys
def report():
    status = pathlib.Path("/proc/self/status").read_text().splitlines()
    sys.stderr.write(next(line for line in status if line.startswith("VmHWM:")) + "\\n")
atexit.register(report)
sys.argv = ["tidings", *sys.argv[1:]]
from tidings.cli import main
main()
"""
"""``tidings`` that prints its peak memory (VmHWM) last on stderr: ``ru_maxrss`` of a child
would count the peak of the benchmark process it was forked from."""


def export_figures(db: Path, folder: Path) -> dict[str, float]:
    """Seconds and peak memory of ``tidings export`` to Parquet and to CSV."""
    figures = {}
    for fmt in ("parquet", "csv"):
        out = folder / f"events.{fmt}"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", REPORTING_CLI, "export", "--db", str(db), "--format", fmt,
                               "--out", str(out)], capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise RuntimeError(f"tidings export --format {fmt} failed: {done.stderr[-2000:]}")
        figures[f"export_{fmt}_s"] = time.perf_counter() - started
        figures[f"export_{fmt}_peak_mb"] = int(done.stderr.strip().splitlines()[-1].split()[1]) / 1024
        out.unlink()
    return figures


def store_batch_seconds(db: Path, batch: list) -> float:
    """Seconds to store one small batch of processed articles (the stories step is not run)."""
    from tidings.store import Store

    with Store(db) as store:
        started = time.perf_counter()
        store.add(batch)
        return time.perf_counter() - started


def bench_scale(sizes: tuple[int, ...], base_size: int) -> dict[str, float]:
    """Every figure at every size in ``sizes`` (events), and the largest-to-smallest ratios."""
    from tidings.pipeline import Pipeline

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tidings-scale-") as name:
        folder = Path(name)
        base = folder / "base.duckdb"
        started = time.perf_counter()
        build_base(base, base_size)
        results["base_articles"] = base_size
        results["base_build_s"] = time.perf_counter() - started
        batch = list(Pipeline().pipe(base_articles(5, seed=99)))
        for size in sizes:
            db = folder / f"store-{size}.duckdb"
            started = time.perf_counter()
            made = replicate(base, db, size)
            figures = {"build_s": time.perf_counter() - started, "articles": made["articles"],
                       **serve_figures(db, made["events"]), **export_figures(db, folder),
                       "store_batch_s": store_batch_seconds(db, batch)}
            results.update({f"{size}_{key}": value for key, value in figures.items()})
            db.unlink()
        for key in figures:
            if key.endswith(("_s", "_mb")) and key != "build_s":
                results[f"ratio_{key}_{sizes[-1]}_vs_{sizes[0]}"] = (
                    results[f"{sizes[-1]}_{key}"] / results[f"{sizes[0]}_{key}"])
    return results
