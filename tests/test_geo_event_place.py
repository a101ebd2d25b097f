"""Event place: only a place tied to the event; participants and descriptions are never the
location (issue 18, item 3). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tidings.geo.rules import load_rules
from tidings.ingest import make_article


def located(pipeline, text: str) -> dict[str, str | None]:
    [doc] = pipeline.pipe([make_article(text, published="2021-06-16")])
    return {e.trigger.text: (e.location.name if e.location else None) for e in doc.events}


@pytest.mark.parametrize("text, trigger", [
    ("The White House condemned the raid on the convoy.", "condemned"),
    ("Sen. Ann Brooks (R-Ky.) criticized the proposal on Tuesday.", "criticized"),
    ("The government blamed the bombings on Russia.", "blamed"),
    ("The president praised relations with the Philippines.", "praised"),
    ("Turkey accused Iran of arming the militants.", "accused"),
])
def test_event_place_participants_are_no_location(pipeline, text, trigger):
    assert located(pipeline, text)[trigger] is None


def test_event_place_object_of_a_place_verb_is_the_site(pipeline):
    assert located(pipeline, "Rebels shelled Donetsk overnight.")["shelled"] == "Donetsk"


def test_event_place_person_described_by_a_place_is_no_location(pipeline):
    doc_places = located(pipeline, "Police arrested a Texas man on Friday.")
    assert doc_places["arrested"] is None
    assert located(pipeline, "Police arrested a man in Dallas on Friday.")["arrested"] == "Dallas"


def test_event_place_rules_are_data():
    rules = load_rules().event_place
    assert "white house" in rules.offices and "nsubj" in rules.participant_relations
    assert "*" in rules.recipient_prepositions["with"]
    assert "of" in load_rules().pass_through_prepositions


def test_event_place_other_clause_is_not_the_event_clause(parse):
    from tidings.geo import locate_event

    doc = parse("Officials in Nairobi said the minister resigned.")
    token = next(t for t in doc if t.text == "resigned")
    assert locate_event(doc, doc[token.i:token.i + 1], token.sent) == (None, None)
