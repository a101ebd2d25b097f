"""Event arguments read beyond the plain subject and object: the event's place, the owner of
the thing acted on, possessive pronouns, refusals, crowds and unresolved parties."""

from __future__ import annotations

import pytest

from tidings.ingest import make_article


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str):
        return pipeline.process(make_article(text, published="2024-03-06"))
    return run


def countries(refs) -> set[str]:
    return {r.country for r in refs if r.country}


def of_type(events, kind: str):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


@pytest.mark.parametrize(("text", "kind", "place"), [
    ("Gunmen abducted 30 students from a school in northern Nigeria.", "ASSAULT", "NGA"),
    ("The World Food Programme delivered food aid to Gaza.", "AID", "PSE"),
    ("Militants stormed a military base in Burkina Faso.", "ASSAULT", "BFA"),
])
def test_events_place_of_the_event_stands_for_a_missing_recipient(code, text, kind, place):
    assert countries(of_type(code(text).events, kind).recipients) == {place}


def test_events_place_in_the_actors_own_country_is_no_recipient(code):
    event = of_type(code("Serbian police beat protesters in central Belgrade.").events, "ASSAULT")
    assert countries(event.actors) == {"SRB"} and countries(event.recipients) == set()


def test_events_place_inside_the_actor_phrase_is_no_recipient(code):
    event = of_type(code("Police in Georgia arrested 60 demonstrators.").events, "COERCE")
    assert countries(event.actors) == {"GEO"} and countries(event.recipients) == set()


@pytest.mark.parametrize(("text", "kind", "owner"), [
    ("Turkey agreed to back Finland's NATO membership.", "SUPPORT", {"FIN"}),
    ("Niger's junta rejected demands from ECOWAS to restore the president.", "REJECT", {"ecowas"}),
    ("Egypt accepted a proposal by Qatar to open the crossing.", "AGREE", {"QAT"}),
])
def test_events_owner_of_the_thing_acted_on_is_the_recipient(code, text, kind, owner):
    event = of_type(code(text).events, kind)
    assert {r.country or r.id for r in event.recipients} == owner


def test_events_agreeing_to_an_act_takes_its_recipient(code):
    event = of_type(code("Turkey agreed to back Finland's NATO membership.").events, "AGREE")
    assert countries(event.recipients) == {"FIN"}


def test_events_possessive_pronoun_is_not_the_counterpart(code):
    event = of_type(code("The Chinese president met his Russian counterpart in Moscow.").events,
                    "CONSULT")
    assert countries(event.actors) == {"CHN"} and countries(event.recipients) == {"RUS"}


def test_events_refusing_a_cooperative_act_is_a_rejection(code):
    events = code("Serbia refused to recognise Kosovo's independence.").events
    assert countries(of_type(events, "REJECT").recipients) == {"XKX"}
    assert of_type(events, "SUPPORT").negated
    assert code("The ministry refused to comment on the report.").events == ()
    assert not any(e.type == "REJECT" for e in code("China refused to condemn Russia's invasion.").events)


@pytest.mark.parametrize(("text", "actor"), [
    ("Sri Lankan protesters stormed the president's residence in Colombo.", {"LKA"}),
    ("Brazilian truckers staged a nationwide strike on Monday.", {"BRA"}),
    ("Farmers blocked roads across Poland to protest Ukrainian grain imports.", {"POL"}),
])
def test_events_crowds_protest_rather_than_assault(code, text, actor):
    events = code(text).events
    assert [e.type for e in events] == ["PROTEST"]
    assert countries(events[0].actors) == actor


def test_events_purpose_clause_restating_a_strike_codes_nothing_more(code):
    events = code("Dock workers went on strike to demand higher wages.").events
    assert [e.type for e in events] == ["PROTEST"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Several African states expressed support for Morocco's autonomy plan.", "SUPPORT"),
    ("The militant group pledged allegiance to al-Qaeda.", "SUPPORT"),
])
def test_events_unresolved_party_still_acts(code, text, kind):
    assert of_type(code(text).events, kind).recipients


@pytest.mark.parametrize("text", [
    "The government made concessions to striking Nigerian workers.",
    "Floods destroyed hundreds of homes in northern Nigeria.",
])
def test_events_no_assault_without_an_attacker(code, text):
    assert not any(e.type in ("ASSAULT", "COERCE") for e in code(text).events)
