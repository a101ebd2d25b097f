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


def evaluate(stage: str, path: str, pipeline=None) -> Report:
    """Run the evaluator of ``stage`` on the fixture file at ``path``."""
    if stage not in EVALUATORS:
        raise KeyError(f"unknown stage {stage!r}; choose from {', '.join(EVALUATORS)}")
    module = importlib.import_module(EVALUATORS[stage])
    return module.evaluate(path, pipeline)


__all__ = ["EVALUATORS", "PRF", "Report", "evaluate"]
