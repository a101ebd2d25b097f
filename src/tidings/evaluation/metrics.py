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
