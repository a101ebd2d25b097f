"""The data model and the tidings JSON v1 contract."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from tidings.ingest import make_article
from tidings.model import JSON_VERSION, Document

V1_KEYS = {"tidings", "text", "article", "actors", "places", "times", "quotes", "events"}
ARTICLE_KEYS = {"id", "url", "outlet", "title", "published", "language", "syndication"}


def test_model_json_v1_shape_and_offsets(seed_document, seed_text):
    data = json.loads(seed_document.to_json())
    assert set(data) == V1_KEYS and data["tidings"] == JSON_VERSION
    assert data["text"] == seed_text
    assert set(data["article"]) == ARTICLE_KEYS
    assert set(data["article"]["syndication"]) == {"original_outlet", "original_published", "wire", "notice"}
    for actor in data["actors"]:
        for mention in actor["mentions"]:
            assert seed_text[mention["start"]:mention["end"]] == mention["text"]
    for event in data["events"]:
        trigger = event["trigger"]
        assert seed_text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert event["sentence"]["start"] <= trigger["start"] < trigger["end"] <= event["sentence"]["end"]
        for key in ("id", "type", "mode", "context", "cameo", "quad_class", "goldstein", "actors",
                    "recipients", "location", "location_role", "time", "magnitude", "negated",
                    "modality", "sources"):
            assert key in event


def test_model_empty_document_is_valid_json_v1():
    data = Document(article=make_article("Nothing happened.")).to_dict()
    assert set(data) == V1_KEYS and data["events"] == [] and data["article"]["syndication"] is None


def test_model_output_validates_against_published_schema(seed_document, pipeline):
    schema = json.loads(resources.files("tidings").joinpath("data/schema/tidings-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    texts = ["Kenyan police arrested 35 protesters in Nairobi on Tuesday, the ministry said.",
             '"We will not back down," the minister told reporters in Cairo last week.']
    for document in [seed_document, *pipeline.pipe(texts)]:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document.to_dict())]
        assert errors == []
