"""The process-wide caches: the pipeline :func:`tidings.extract` uses and the models a Dask
worker keeps are explicit, loaded once, and can be cleared."""

from __future__ import annotations

import dataclasses

import pytest

from tidings import nlp, pipeline, scale
from tidings.settings import Settings


class _Loaded:
    """Stands for a loaded pipeline, counting how many are made."""

    made = 0

    def __init__(self, *args, **kwargs) -> None:
        type(self).made += 1


@pytest.fixture
def fake_loads(monkeypatch):
    _Loaded.made = 0
    monkeypatch.setattr(pipeline, "Pipeline", _Loaded)
    monkeypatch.setattr(nlp, "load", lambda settings: _Loaded())
    pipeline.default_pipeline.cache_clear()
    scale.MODELS.clear()
    yield _Loaded
    pipeline.default_pipeline.cache_clear()  # no fake left behind for other tests
    scale.MODELS.clear()


def test_the_default_pipeline_is_loaded_once_until_cleared(fake_loads):
    first = pipeline.default_pipeline()
    assert pipeline.default_pipeline() is first and fake_loads.made == 1
    pipeline.default_pipeline.cache_clear()
    assert pipeline.default_pipeline() is not first and fake_loads.made == 2


def test_a_worker_loads_each_model_once_whatever_its_other_settings(fake_loads):
    settings = Settings()
    model = scale.load_model(settings)
    assert scale.load_model(dataclasses.replace(settings, batch_size=settings.batch_size + 1)) is model
    other = scale.load_model(dataclasses.replace(settings, fallback_models=()))
    assert other is not model and len(scale.MODELS) == 2 and fake_loads.made == 2
    scale.MODELS.clear()
    assert len(scale.MODELS) == 0
    assert scale.load_model(settings) is not model and fake_loads.made == 3
