"""Evaluation of each stage against fixture files: ``tidings eval STAGE FILE``.

Each stage module here exposes ``evaluate(path, pipeline) -> Report``; the registry below maps the
CLI's stage names to them.
"""

from __future__ import annotations

import importlib

from .metrics import PRF, Report

EVALUATORS: dict[str, str] = {
    "events": "tidings.evaluation.events",
    "attribution": "tidings.evaluation.attribution",
    "places": "tidings.evaluation.places",
    "times": "tidings.evaluation.times",
}


def formats(stage: str) -> tuple[str, ...]:
    """The gold formats the evaluator of ``stage`` reads (a module's ``FORMATS``, else JSONL)."""
    return getattr(importlib.import_module(EVALUATORS[stage]), "FORMATS", ("jsonl",))


def evaluate(stage: str, path: str, pipeline=None, fmt: str = "jsonl") -> Report:
    """Run the evaluator of ``stage`` on the gold file at ``path``, read as format ``fmt``."""
    if stage not in EVALUATORS:
        raise KeyError(f"unknown stage {stage!r}; choose from {', '.join(EVALUATORS)}")
    if fmt not in formats(stage):
        raise KeyError(f"{stage} reads {', '.join(formats(stage))}, not {fmt!r}")
    module = importlib.import_module(EVALUATORS[stage])
    return module.evaluate(path, pipeline) if fmt == "jsonl" else \
        module.evaluate(path, pipeline, fmt=fmt)


__all__ = ["EVALUATORS", "PRF", "Report", "evaluate", "formats"]
