"""Every tidings benchmark in one command; each ratio is against a baseline measured in the same run.

    python -m benchmarks            # full sizes (several minutes on 2 cores)
    python -m benchmarks --quick    # small sizes, a smoke test
    python -m benchmarks --only lsh pipeline

Benchmarks: ``pipeline`` (tidings Pipeline vs raw ``nlp.pipe`` on the same texts), ``dask``
(1 vs 2 workers), ``memory`` (peak RSS per worker at a small and a 10x larger input), ``lsh``
(MinHash LSH indexing rate and query time over synthetic articles), ``geo`` (the geo
helper's ``benchmarks/bench_geo.py``, run as a script), ``scale`` (the store served and
exported at 100k, 1M and 2M events; see ``benchmarks/scale.py``) and ``stories`` (adding one
article to stores of 1k, 20k and 200k articles: ``benchmarks/bench_stories.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import bench_stories
from benchmarks.corpus import CorpusMaker
from benchmarks.scale import bench_scale

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sizes:
    """How much work each benchmark does."""

    pipeline_texts: int
    dask_articles: int
    memory_small: int
    memory_large: int
    lsh_articles: int
    lsh_queries: int
    scale_events: tuple[int, ...]
    scale_base_articles: int


FULL = Sizes(pipeline_texts=400, dask_articles=480, memory_small=1000, memory_large=10000,
             lsh_articles=100_000, lsh_queries=1000, scale_events=(100_000, 1_000_000, 2_000_000),
             scale_base_articles=1000)
QUICK = Sizes(pipeline_texts=24, dask_articles=24, memory_small=20, memory_large=200,
              lsh_articles=2000, lsh_queries=100, scale_events=(2_000, 6_000), scale_base_articles=30)


def texts(count: int, seed: int = 1, sentences: int = 6) -> list[str]:
    """Generated article texts (see ``benchmarks/corpus.py``)."""
    maker = CorpusMaker(seed)
    return [maker.text(sentences=sentences) for _ in range(count)]


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def news_like_texts(count: int, seed: int = 1, sentences: int = 8) -> list[str]:
    """Articles of ``sentences`` sentences drawn from the project's own fixture sentences and
    example articles: real countries, people and wire-style attributions, unlike the invented
    world of :mod:`benchmarks.corpus`, so every stage has its usual work to do."""
    pool: list[str] = []
    for fixture in sorted((HERE.parent / "tests" / "fixtures").glob("*.jsonl")):
        pool += [json.loads(line)["text"] for line in fixture.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(pool, sentences)) for _ in range(count)]


def bench_pipeline(sizes: Sizes) -> dict[str, float]:
    """Docs/s of the full tidings Pipeline vs spaCy alone on the same texts, and each tidings
    stage's time as a share of spaCy's own components (timed component by component).

    spaCy alone is the model as shipped: ``spacy.load``, nothing added.  The pipeline runs it
    with its ``attribute_ruler`` indexed (:class:`tidings.nlp.IndexedAttributeRuler`, same
    results) and a paragraph splitter; ``ratio_pipeline_vs_spacy_indexed`` compares against
    that spaCy without the tidings stages (``nlp.load(stages=False)``), so it gives the stages'
    own cost."""
    import spacy

    from tidings import nlp as nlp_module
    from tidings.pipeline import Pipeline

    sample = news_like_texts(sizes.pipeline_texts)
    pipeline = Pipeline()
    batch = pipeline.settings.batch_size
    shipped = spacy.load(nlp_module.resolve_model_name(pipeline.settings))
    indexed = nlp_module.load(pipeline.settings, stages=False)
    for bare in (shipped, indexed):
        list(bare.pipe(sample[:8]))  # warm up
    list(pipeline.pipe(sample[:8]))
    spacy_only, spacy_indexed, full = _best_alternating(
        [lambda part: list(shipped.pipe(part, batch_size=batch)),
         lambda part: list(indexed.pipe(part, batch_size=batch)),
         lambda part: list(pipeline.pipe(part))],
        sample, slice_size=2 * batch, repeats=5)
    shares = _component_seconds(pipeline, sample)
    spacy_seconds = sum(t for name, t in shares.items() if not name.startswith("tidings_"))
    result = {"texts": len(sample), "spacy_docs_per_s": len(sample) / spacy_only,
              "spacy_indexed_docs_per_s": len(sample) / spacy_indexed,
              "pipeline_docs_per_s": len(sample) / full, "ratio_pipeline_vs_spacy": spacy_only / full,
              "target_ratio": 0.85, "ratio_pipeline_vs_spacy_indexed": spacy_indexed / full}
    for name, seconds in shares.items():
        if name.startswith("tidings_"):
            result[f"share_{name.removeprefix('tidings_')}_vs_spacy"] = seconds / spacy_seconds
    result["share_actors_plus_events_vs_spacy"] = (
        result.get("share_actors_vs_spacy", 0.0) + result.get("share_events_vs_spacy", 0.0))
    result["target_actors_plus_events"] = 0.15
    result["target_geo"] = 0.10
    return result


def _best_alternating(runners: list[Callable[[list[str]], object]], sample: list[str],
                      slice_size: int, repeats: int = 3) -> list[float]:
    """Seconds each runner takes on ``sample``: slice by slice, the runners take turns
    ``repeats`` times and the fastest turn of each counts.  The machines are shared, and a
    slow spell lasting seconds would otherwise fall on one side only."""
    totals = [0.0] * len(runners)
    for start in range(0, len(sample), slice_size):
        part = sample[start:start + slice_size]
        turns: list[list[float]] = [[] for _ in runners]
        for _ in range(repeats):
            for runner, times in zip(runners, turns):
                times.append(_timed(lambda: runner(part)))  # noqa: B023 - called at once
        totals = [total + min(times) for total, times in zip(totals, turns)]
    return totals


def _component_seconds(pipeline, sample: list[str]) -> dict[str, float]:
    """Seconds each component of the pipeline takes on ``sample``, run one after the other."""
    from tidings.ingest import make_article

    docs = [pipeline.make_doc(make_article(text)) for text in sample]
    seconds: dict[str, float] = {}
    for name, component in pipeline.nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs) if hasattr(component, "pipe") else map(component, docs))
        seconds[name] = time.perf_counter() - started
    return seconds


def _write_jsonl(folder: Path, count: int, seed: int) -> Path:
    path = folder / f"articles-{count}-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts(count, seed)):
            out.write(json.dumps({"text": text, "outlet": f"Outlet {number % 7}", "published": "2024-01-02"}) + "\n")
    return path


@contextmanager
def _warm_cluster(folder: Path, workers: int) -> Iterator[tuple[Any, str]]:
    """The engine's LocalCluster of ``workers`` workers with the model loaded on each (by a
    small first ingest), a client on it, and its scheduler's address."""
    from distributed import Client

    from tidings.scale import ingest_with_dask, local_cluster
    from tidings.settings import Settings

    warm = _write_jsonl(folder, 2 * workers, 100 + workers)
    with local_cluster(workers) as cluster, Client(cluster) as client:
        settings = Settings(db=str(folder / f"warm-{workers}.duckdb"), batch_size=8)
        ingest_with_dask([str(warm)], settings, scheduler=cluster.scheduler_address)
        yield client, cluster.scheduler_address


def _timed_ingest(folder: Path, scheduler: str, articles: Path, name: str) -> float:
    """Seconds to ingest ``articles`` into a fresh database on the cluster at ``scheduler``."""
    from tidings.scale import ingest_with_dask
    from tidings.settings import Settings

    settings = Settings(db=str(folder / f"{name}.duckdb"), batch_size=32)
    return _timed(lambda: ingest_with_dask([str(articles)], settings, scheduler=scheduler))


def _peak_rss(client: Any) -> list[int]:
    """Each worker's peak RSS (bytes): Linux's VmHWM where there is one, as ``ru_maxrss`` also
    counts the peak of the process that started the worker (the benchmark's own, with models
    loaded), which would hide any growth."""

    def peak() -> int:
        status = Path("/proc/self/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    return sorted(client.run(peak).values())


def bench_dask(sizes: Sizes) -> dict[str, float]:
    """Ingest throughput of the same articles on 1 and on 2 single-threaded workers.  Both
    clusters are started and warmed first, then their runs alternate (three each, the best
    kept), so that a slow spell of the shared machine does not fall on one side only."""
    with tempfile.TemporaryDirectory() as name, ExitStack() as stack:
        folder = Path(name)
        work = _write_jsonl(folder, sizes.dask_articles, seed=2)
        clusters = {n: stack.enter_context(_warm_cluster(folder, n))[1] for n in (1, 2)}
        runs: dict[int, list[float]] = {1: [], 2: []}
        for round_number in range(3):
            for n, scheduler in clusters.items():
                runs[n].append(_timed_ingest(folder, scheduler, work, f"bench-{n}-{round_number}"))
    one, two = min(runs[1]), min(runs[2])
    return {"articles": sizes.dask_articles, "one_worker_docs_per_s": sizes.dask_articles / one,
            "two_workers_docs_per_s": sizes.dask_articles / two, "speedup_2_vs_1": one / two,
            "cpus": os.cpu_count() or 0, "target": 1.7}


def bench_memory(sizes: Sizes) -> dict[str, float]:
    """Peak RSS of a worker after ingesting a small and a 10x larger input."""
    peaks = []
    for count, seed in ((sizes.memory_small, 4), (sizes.memory_large, 5)):
        with tempfile.TemporaryDirectory() as name, _warm_cluster(Path(name), 1) as (client, scheduler):
            _timed_ingest(Path(name), scheduler, _write_jsonl(Path(name), count, seed), "memory")
            peaks.append(_peak_rss(client))
    small, large = peaks
    return {"small_articles": sizes.memory_small, "large_articles": sizes.memory_large,
            "peak_rss_small_mb": small[0] / 2**20, "peak_rss_large_mb": large[0] / 2**20,
            "ratio_large_vs_small": large[0] / small[0], "target_at_most": 1.15}


def bench_lsh(sizes: Sizes) -> dict[str, float]:
    """MinHash signing and LSH indexing rates, and query time, over synthetic articles."""
    from tidings.stories import NearDuplicateIndex, signatures

    sample = texts(sizes.lsh_articles, seed=6, sentences=8)
    start = time.perf_counter()
    signed = [np.frombuffer(s, dtype=np.uint32) for s in signatures(sample)]
    signing = time.perf_counter() - start
    index = NearDuplicateIndex(0.5)
    indexing = _timed(lambda: [index.add(str(n), signature) for n, signature in enumerate(signed)])
    probes = signed[:: max(len(signed) // sizes.lsh_queries, 1)][: sizes.lsh_queries]
    found: list[int] = []
    querying = _timed(lambda: found.extend(len(index.query(p)) for p in probes))
    return {"articles": len(sample), "signatures_per_s": len(sample) / signing,
            "index_inserts_per_s": len(sample) / indexing, "query_ms": 1000 * querying / len(probes),
            "mean_matches_per_query": float(np.mean(found))}


def bench_geo(quick: bool) -> dict[str, float]:
    """The geo helper's benchmark script, when present; its printed JSON (or text) is passed on."""
    script = HERE / "bench_geo.py"
    if not script.exists():
        return {"skipped": "benchmarks/bench_geo.py not present"}  # type: ignore[dict-item]
    command = [sys.executable, "-m", "benchmarks.bench_geo", *(["--quick"] if quick else [])]
    done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"bench_geo failed: {done.stderr[-2000:]}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"output": done.stdout.strip()}  # type: ignore[dict-item]


BENCHMARKS: dict[str, Callable[[Sizes, bool], dict[str, float]]] = {
    "pipeline": lambda sizes, quick: bench_pipeline(sizes),
    "dask": lambda sizes, quick: bench_dask(sizes),
    "memory": lambda sizes, quick: bench_memory(sizes),
    "lsh": lambda sizes, quick: bench_lsh(sizes),
    "geo": lambda sizes, quick: bench_geo(quick),
    "scale": lambda sizes, quick: bench_scale(sizes.scale_events, sizes.scale_base_articles),
    "stories": lambda sizes, quick: bench_stories.run(quick),
}


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for smoke tests")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    results: dict[str, dict[str, float]] = {}
    for name in args.only or BENCHMARKS:
        started = time.perf_counter()
        results[name] = BENCHMARKS[name](sizes, args.quick)
        print(f"{name} ({time.perf_counter() - started:.1f} s)", flush=True)
        for key, value in results[name].items():
            print(f"  {key:<34} {value:,.3f}" if isinstance(value, float) else f"  {key:<34} {value}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
