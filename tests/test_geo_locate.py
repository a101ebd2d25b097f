"""Event location: the place attached to a trigger, with its role; the seed article."""

from __future__ import annotations

import pytest

from tidings.geo import event_places, locate_event


def trigger(doc, word: str):
    token = next(t for t in doc if t.text == word)
    return doc[token.i:token.i + 1], token.sent


def test_geo_locate_from_and_into_give_origin_and_destination(parse):
    doc = parse("Militants fired rockets from Lebanon into Israel on Sunday.")
    span, sentence = trigger(doc, "fired")
    roles = {place.country: role for place, role in event_places(doc, span, sentence)}
    assert roles == {"LBN": "origin", "ISR": "destination"}
    place, role = locate_event(doc, span, sentence)
    assert (place.country, role) == ("ISR", "destination")


def test_geo_locate_prefers_the_site(parse):
    doc = parse("Police arrested twenty students in Nairobi after they travelled from Mombasa.")
    place, role = locate_event(doc, *trigger(doc, "arrested"))
    assert place.name == "Nairobi" and role == "site"


def test_geo_locate_noun_trigger_through_its_verb(parse):
    doc = parse("The army carried out airstrikes in Idlib on Monday.")
    place, role = locate_event(doc, *trigger(doc, "airstrikes"))
    assert place.country == "SYR" and role == "site"


def test_geo_locate_falls_back_to_the_most_specific_place_without_a_role(parse):
    doc = parse("Officials in Kenya said a bomb exploded, killing four near Garissa's market.")
    place, role = locate_event(doc, *trigger(doc, "exploded"))
    assert place is not None and place.precision == "city" and role is None


def test_geo_locate_skips_the_dateline(parse):
    doc = parse("CAIRO (Reuters) - Gunmen attacked a bus, officials said.")
    assert any(p.name == "Cairo" for p in doc._.places)
    assert locate_event(doc, *trigger(doc, "attacked")) == (None, None)
    place, _ = locate_event(doc, *trigger(doc, "attacked"), include_dateline=True)
    assert place.name == "Cairo"


def test_geo_locate_returns_none_without_places(parse):
    doc = parse("The committee approved the budget.")
    assert locate_event(doc, *trigger(doc, "approved")) == (None, None)


@pytest.fixture(scope="module")
def seed_doc(parse, seed_text):
    return parse(seed_text)


def test_geo_seed_places_are_resolved(seed_doc):
    by_text = {p.text: p for p in seed_doc._.places}
    strip = next(p for p in seed_doc._.places if "Gaza" in p.text)
    assert strip.country == "PSE" and strip.precision == "region"
    crossing = next(p for t, p in by_text.items() if "Kerem" in t)
    assert crossing.country == "ISR" and crossing.precision == "point"
    rafah = next(p for t, p in by_text.items() if "Rafah" in t)
    assert rafah.lat is not None and 31.0 < rafah.lat < 31.5


def test_geo_seed_strikes_are_located_in_north_sinai(seed_doc):
    token = next(t for t in seed_doc if t.text == "strikes")
    place, role = locate_event(seed_doc, seed_doc[token.i:token.i + 1], token.sent)
    assert place.country == "EGY" and place.precision in ("admin1", "region")
    assert "Sinai" in place.name and role == "site"


def test_geo_seed_rocket_attacks_go_from_sinai_into_israel(seed_doc):
    token = next(t for t in seed_doc if t.text == "attacks" and "rocket" in t.sent.text)
    span = seed_doc[token.i:token.i + 1]
    roles = {(p.name, role) for p, role in event_places(seed_doc, span, token.sent)}
    assert ("Sinai Peninsula", "origin") in roles and ("Israel", "destination") in roles


def test_geo_locate_follows_replaced_places(parse):
    doc = parse("Police arrested twenty students in Nairobi. Floods hit Mombasa.")
    first, second = list(doc.sents)
    trigger_span = doc[first.start + 1:first.start + 2]
    assert locate_event(doc, trigger_span, first)[0].name == "Nairobi"
    doc._.places = [p for p in doc._.places if p.name != "Nairobi"]
    assert locate_event(doc, trigger_span, first) == (None, None)
    assert all(p.name == "Mombasa" for p, _ in event_places(doc, doc[second.start + 1:
                                                                  second.start + 2], second))


def test_geo_place_named_as_the_agent_is_not_the_location(pipeline):
    from tidings.ingest import make_article

    [doc] = pipeline.pipe([make_article("Brazil and Argentina signed a trade agreement in Montevideo on Monday.")])
    [agree] = [e for e in doc.events if e.type == "AGREE"]
    assert {a.country for a in agree.actors} == {"BRA", "ARG"}
    assert agree.location is not None and agree.location.name == "Montevideo"
    [alone] = pipeline.pipe([make_article("Brazil and Argentina signed a trade agreement.")])
    assert all(e.location is None for e in alone.events)
