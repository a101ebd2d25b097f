"""Precision, recall, F1, accuracy and confusion tables shared by every evaluator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives.

    >>> m = PRF(tp=8, fp=2, fn=2)
    >>> round(m.f1, 2)
    0.8
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_row(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Report:
    """What an evaluator measured: named scores, per-label tables and a confusion count."""

    stage: str
    items: int
    scores: dict[str, float] = field(default_factory=dict)
    tables: dict[str, dict[str, dict[str, float | int]]] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)  # (expected, predicted) -> count
    errors: list[str] = field(default_factory=list)  # a few examples of misses, for reading

    def to_dict(self) -> dict:
        return {
            "stage": self.stage, "items": self.items, "scores": self.scores,
            "tables": self.tables,
            "confusion": [{"expected": e, "predicted": p, "count": c}
                          for (e, p), c in self.confusion.most_common()],
            "errors": self.errors[:50],
        }


@dataclass
class CharOverlap:
    """Character-weighted scores: characters shared by paired spans over all predicted
    (precision) and all gold (recall) characters.

    >>> m = CharOverlap(shared=6, predicted=8, gold=12)
    >>> round(m.precision, 2), m.recall
    (0.75, 0.5)
    """

    shared: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.shared / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.shared / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_row(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "shared": self.shared, "predicted_chars": self.predicted,
                "gold_chars": self.gold}


def pair_one_to_one(gold: list, found: list, shared) -> list[tuple[int, int]]:
    """Index pairs (gold, found), one to one, largest ``shared(g, f)`` first; only pairs that
    share something (``shared`` > 0) are made.

    >>> pair_one_to_one([(0, 5), (6, 9)], [(4, 8)], lambda g, f: max(0, min(g[1], f[1]) - max(g[0], f[0])))
    [(1, 0)]
    """
    options = sorted(((size, i, j) for i, g in enumerate(gold) for j, f in enumerate(found)
                      if (size := shared(g, f)) > 0), key=lambda o: (-o[0], o[1], o[2]))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, i, j in options:
        if i not in used_gold and j not in used_found:
            used_gold.add(i)
            used_found.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def spread_sample(items: list, size: int | None) -> list:
    """``size`` items spread evenly over ``items`` (all of them when ``size`` is None or larger).

    >>> spread_sample(list(range(10)), 3)
    [0, 3, 6]
    """
    if size is None or size >= len(items):
        return list(items)
    step = len(items) / size
    return [items[int(k * step)] for k in range(size)]
