"""Events said without their usual verb: threats that never say "threaten", accusations made by
calling something illegal, visits by arrival and telephone calls, reported speech whose
attribution follows the clause, and truces or releases that name no owner."""

from __future__ import annotations

import pytest
from support import countries, only

from tidings.ingest import make_article


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str):
        return pipeline.process(make_article(text, published="2024-06-10")).events
    return run


@pytest.mark.parametrize("text, actor, target", [
    ("Peru warned Chile of serious consequences if it moved troops to the border.", "PER", "CHL"),
    ("Greece vowed a crushing response to Turkey's incursions in the Aegean.", "GRC", "TUR"),
    ("Japan warned it would respond firmly to any Chinese attack on its islands.", "JPN", "CHN"),
])
def test_events_threat_without_threaten_names_its_target(code, text, actor, target):
    event = only(code(text), "THREATEN")
    assert countries(event.actors) == {actor} and countries(event.recipients) == {target}


def test_events_warning_without_a_response_is_no_threat(code):
    assert not [e for e in code("Norway warned that food prices would rise next year.")
                if e.type == "THREATEN"]


def test_events_calling_a_move_illegal_accuses_whoever_made_it(code):
    events = code("Kenya expelled two Somali diplomats, a move Somalia called illegal.")
    accuse = only(events, "ACCUSE")
    assert countries(accuse.actors) == {"SOM"} and countries(accuse.recipients) == {"KEN"}


def test_events_quoting_what_someone_called_something_is_no_event(code):
    events = code("Ghana rejected what Togo called provocations along the border.")
    assert not [e for e in events if e.type == "ACCUSE"]


def test_events_condemning_an_event_accuses_its_actor(code):
    accuse = only(code("Jordan condemned the shelling of Gaza by Israeli forces."), "ACCUSE")
    assert countries(accuse.recipients) == {"ISR"}


@pytest.mark.parametrize("text", [
    "Chile's foreign minister arrived in Lima on Monday.",
    "Chile's foreign minister will travel to Lima next week.",
    "Chile's president spoke by telephone with Peru's president on Monday.",
])
def test_events_arrivals_trips_and_calls_are_consultations(code, text):
    event = only(code(text), "CONSULT")
    assert countries(event.actors) == {"CHL"} and countries(event.recipients) == {"PER"}


def test_events_arriving_migrants_pay_no_visit(code):
    assert not code("Hundreds of migrants arrived in Lima on Monday.")


@pytest.mark.parametrize("text", [
    "Bolivia expelled two Peruvian diplomats, the foreign ministry said.",
    "The foreign ministry said Bolivia expelled two Peruvian diplomats.",
])
def test_events_attribution_on_either_side_is_reported_speech(code, text):
    assert only(code(text), "SANCTION").modality == "reported_speech"


def test_events_according_to_stays_asserted(code):
    event = only(code("Bolivia expelled two Peruvian diplomats, according to a statement."),
                  "SANCTION")
    assert event.modality == "asserted"


def test_events_light_verb_is_no_attribution(code):
    assert only(code("Canada announced sanctions on Iran."), "SANCTION").modality == "asserted"


def test_events_ownerless_ceasefire_is_coded(code):
    event = only(code("A ceasefire took effect in Yemen at midnight."), "RETREAT")
    assert countries(event.recipients) == {"YEM"} and not event.actors


def test_events_place_in_the_actors_own_country_is_no_recipient(code):
    event = only(code("Peruvian troops bombed a village in northern Peru."), "ASSAULT")
    assert countries(event.actors) == {"PER"} and not event.recipients


def test_events_group_named_by_its_place_belongs_to_that_country(code):
    event = only(code("Teachers in Ghana went on strike on Monday."), "PROTEST")
    assert countries(event.actors) == {"GHA"}
