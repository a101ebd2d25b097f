"""The closed vocabularies of model.py: defined once, used by the records, and what the
pipeline produces and the stages' tables name stays inside them."""

from __future__ import annotations

import typing

import pytest

from tidings import model
from tidings.datafiles import data_path
from tidings.ingest import read_paths

FIELDS = [
    (model.Source, "stance", model.Stance), (model.Source, "level", model.SourceLevel),
    (model.Event, "modality", model.Modality), (model.Place, "precision", model.PlacePrecision),
    (model.TimeExpr, "precision", model.TimePrecision), (model.Quote, "kind", model.QuoteKind),
    (model.EventTime, "precision", model.EventTimePrecision),
    (model.Event, "location_role", model.LocationRole | None),
]


@pytest.mark.parametrize(("record", "field", "vocabulary"), FIELDS)
def test_records_are_typed_by_the_vocabularies(record, field, vocabulary):
    assert typing.get_type_hints(record)[field] == vocabulary


def test_the_value_tuples_are_the_literals():
    assert model.STANCES == typing.get_args(model.Stance)
    assert set(model.TIME_PRECISIONS) < set(typing.get_args(model.EventTimePrecision))
    assert len(set(model.MODALITIES)) == len(model.MODALITIES) == 7


def test_stage_tables_name_only_known_values():
    from tidings.attribution.stance import STANCE_RANK
    from tidings.geo.gazetteer import PRECISION
    from tidings.geo.rules import ROLES
    from tidings.time.calendar import PRECISIONS

    assert set(STANCE_RANK) == set(model.STANCES)
    assert set(PRECISION.values()) <= set(model.PLACE_PRECISIONS)
    assert set(PRECISIONS.values()) <= set(model.TIME_PRECISIONS)
    assert ROLES == model.LOCATION_ROLES


def test_the_examples_produce_only_values_of_the_vocabularies(pipeline):
    examples = sorted(str(p) for p in data_path("examples").iterdir())
    seen: dict[str, set] = {name: set() for name in ("stance", "level", "modality", "role",
                                                     "place", "time", "event_time", "quote")}
    for article in read_paths(examples):
        if isinstance(article, Exception):
            continue
        document = pipeline.process(article)
        seen["place"] |= {p.precision for p in document.places}
        seen["time"] |= {t.precision for t in document.times}
        seen["quote"] |= {q.kind for q in document.quotes}
        for event in document.events:
            seen["modality"].add(event.modality)
            seen["role"].add(event.location_role)
            seen["event_time"].add(event.time.precision if event.time else None)
            seen["stance"] |= {s.stance for s in event.sources}
            seen["level"] |= {s.level for s in event.sources}
    assert seen["stance"] and seen["stance"] <= set(model.STANCES)
    assert seen["level"] <= set(model.SOURCE_LEVELS)
    assert seen["modality"] <= set(model.MODALITIES)
    assert seen["role"] <= {*model.LOCATION_ROLES, None}
    assert seen["place"] and seen["place"] <= set(model.PLACE_PRECISIONS)
    assert seen["time"] <= set(model.TIME_PRECISIONS)
    assert seen["event_time"] <= {*typing.get_args(model.EventTimePrecision), None}
    assert seen["quote"] and seen["quote"] <= set(model.QUOTE_KINDS)
