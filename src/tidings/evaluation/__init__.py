"""Evaluation of each stage: ``tidings eval STAGE PATH [--format FORMAT]``.

Each reader module here exposes ``evaluate(path, pipeline) -> Report``; :data:`READERS` maps a
stage and an input format to its module.  ``jsonl`` is the project's own fixture format;
``polnear`` (alias ``brat``), ``cameo-class`` and ``timeml`` read public annotated corpora.
Readers of many-item corpora (``SAMPLED = True``) also take ``sample``: that many items spread
evenly over the input; a module that reads several formats lists them in ``FORMATS`` and takes
``fmt``.
"""

from __future__ import annotations

import importlib

from .metrics import PRF, Report

READERS: dict[str, dict[str, str]] = {
    "events": {"jsonl": "tidings.evaluation.events",
               "cameo-class": "tidings.evaluation.cameo_class"},
    "attribution": {"jsonl": "tidings.evaluation.attribution",
                    "polnear": "tidings.evaluation.polnear",
                    "brat": "tidings.evaluation.polnear"},
    "places": {"jsonl": "tidings.evaluation.places",
               "geovirus": "tidings.evaluation.places",
               "tudloc": "tidings.evaluation.places"},
    "times": {"jsonl": "tidings.evaluation.times",
              "timeml": "tidings.evaluation.timeml"},
}
EVALUATORS: tuple[str, ...] = tuple(READERS)


def evaluate(stage: str, path: str, pipeline=None, *, fmt: str = "jsonl",
             sample: int | None = None) -> Report:
    """Run the reader of ``stage`` for ``fmt`` on the file or directory at ``path``."""
    if stage not in READERS:
        raise KeyError(f"unknown stage {stage!r}; choose from {', '.join(READERS)}")
    if fmt not in READERS[stage]:
        raise KeyError(f"unknown format {fmt!r} for {stage}; choose from {', '.join(READERS[stage])}")
    module = importlib.import_module(READERS[stage][fmt])
    options: dict = {"fmt": fmt} if fmt in getattr(module, "FORMATS", ()) else {}
    if sample is not None:
        if not getattr(module, "SAMPLED", False):
            raise KeyError(f"format {fmt!r} reads every item; --sample is not available for it")
        options["sample"] = sample
    return module.evaluate(path, pipeline, **options)


__all__ = ["EVALUATORS", "PRF", "READERS", "Report", "evaluate"]
