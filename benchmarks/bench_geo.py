"""Benchmark of the geo stage: gazetteer load time, and resolution cost as a share of pipeline time.

    python benchmarks/bench_geo.py [--texts 200]

Texts are generated from templates and random prominent places of the gazetteer (fixed seed),
so each run measures the same work.  Every component is timed separately in the same run, so
the share of ``tidings_geo`` is a ratio of two measurements taken together.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

TEMPLATES = (
    "Police in {a} arrested {n} people after protests spread from {b} to {c}.",
    "Officials said {n} rockets were fired from {a} into {b} overnight.",
    "The minister travelled to {a} on Monday and met leaders from {b} and {c}.",
    "Floods hit northern {a}, and aid arrived from {b} two days later.",
    "Fighting near {a} forced {n} families to flee toward {b}, the agency said.",
    "Talks between {a} and {b} resumed in {c} after a pause of {n} weeks.",
)


def generate(count: int, seed: int = 7) -> list[str]:
    from tidings.geo import load_gazetteer

    gazetteer = load_gazetteer()
    rng = random.Random(seed)
    names = [gazetteer.name[i] for i in range(len(gazetteer))
             if (gazetteer.kind[i] == "city" and gazetteer.population[i] > 300_000)
             or gazetteer.kind[i] == "country"]
    texts = []
    for _ in range(count):
        sentences = [rng.choice(TEMPLATES).format(a=rng.choice(names), b=rng.choice(names),
                                                  c=rng.choice(names), n=rng.randint(2, 90))
                     for _ in range(rng.randint(4, 10))]
        texts.append(" ".join(sentences))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200)
    args = parser.parse_args()

    from tidings.geo import gazetteer as gz

    start = time.perf_counter()
    base = gz._load_base()
    gz._merge_curated(base)
    print(f"gazetteer load (cached index + curated rows): {time.perf_counter() - start:.3f} s, "
          f"{len(base):,} places")

    from tidings.nlp import load

    nlp = load()
    texts = generate(args.texts)
    seconds: Counter = Counter()
    failed: Counter = Counter()
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        seconds["tokenizer"] += time.perf_counter() - start
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            try:
                doc = component(doc)
            except Exception:  # noqa: BLE001 - another stage's failure must not stop the timing
                failed[name] += 1
                break
            finally:
                seconds[name] += time.perf_counter() - start
    total = sum(seconds.values())
    words = sum(len(t.split()) for t in texts)
    print(f"pipeline: {len(texts)} texts, {words:,} words, {total:.2f} s "
          f"({words / total:,.0f} words/s)")
    for name, spent in seconds.most_common():
        print(f"  {name:24s} {spent:7.3f} s  {100 * spent / total:5.1f}%")
    print(f"resolution cost (tidings_geo) as a share of pipeline time: "
          f"{100 * seconds['tidings_geo'] / total:.1f}%")
    if failed:
        print("components that raised (their documents stopped there):", dict(failed))


if __name__ == "__main__":
    main()
