"""One event per happening: later definite nouns naming a coded happening become its mentions
(``tidings_event_links``)."""

from __future__ import annotations

import datetime as dt

import pytest
from support import run_through

from tidings.datafiles import DataError
from tidings.events.coreference import corefer, load_link_rules, merged
from tidings.model import ActorRef, Event, EventTime, Magnitude, Span


@pytest.fixture(scope="module")
def analyse(pipeline):
    return run_through(pipeline, "tidings_event_links", dt.date(2021, 3, 1))


def _events(doc, kind: str) -> list[Event]:
    return [e for e in doc._.events if e.type == kind]


def test_links_a_definite_noun_to_the_event_it_names_and_takes_what_it_adds(analyse):
    doc = analyse("Rebels shelled a camp on Sunday. The shelling in Goma killed 12 people, "
                  "officials said.")
    (shelling,) = _events(doc, "ASSAULT")
    assert shelling.trigger.text == "shelled"
    assert [m.text for m in shelling.mentions] == ["shelling"]
    assert shelling.location.name == "Goma" and shelling.magnitude.dead == 12  # from the mention
    assert "coreference.definite_noun" in shelling.rules


def test_another_happening_of_the_same_type_stays_its_own_event(analyse):
    doc = analyse("Rebels shelled a camp on Sunday. Another shelling hit Goma on Monday.")
    assert len(_events(doc, "ASSAULT")) == 2
    assert all(not e.mentions for e in doc._.events)


def test_a_headline_event_becomes_a_mention_of_the_body_event_it_sums_up(analyse):
    doc = analyse("Ceasefire Agreement Between Norland And Valdera\n\nNorland agreed a ceasefire "
                  "with Valdera on Monday, the foreign ministry said.\n")
    (agreement,) = _events(doc, "AGREE")
    assert agreement.trigger.text == "agreed" and [m.text for m in agreement.mentions] == ["Agreement"]
    assert agreement.trigger.start > doc._.body_start > 0
    assert [s.stance for s in agreement.sources] == ["reports"]  # the body's attribution


def _event(kind: str = "ASSAULT", start: int = 0, **fields) -> Event:
    base = dict(id=f"e{start}", type=kind, mode=None, context=(), cameo="190", quad_class=4,
                goldstein=-10.0, actors=(), recipients=(), trigger=Span(start, start + 6, "attack"),
                sentence=Span(start, start + 40, "x"))
    return Event(**{**base, **fields})


def _ref(name: str, country: str | None) -> ActorRef:
    return ActorRef(name.lower(), name, country, (), 0, len(name), name)


def test_corefer_needs_the_same_type_and_no_disagreeing_argument():
    israel, egypt, unknown = _ref("Israel", "ISR"), _ref("Egypt", "EGY"), _ref("gunmen", None)
    assert corefer(_event(actors=(israel,)), _event(start=50, actors=(israel,)))
    assert corefer(_event(actors=(unknown,)), _event(start=50, actors=(egypt,)))  # cannot tell
    assert not corefer(_event(actors=(israel,)), _event(start=50, actors=(egypt,)))
    assert not corefer(_event(), _event("PROTEST", start=50))
    assert not corefer(_event(), _event(start=50, modality="planned"))  # said to happen later
    assert corefer(_event(), _event(start=50, modality="reported_speech"))  # both told as done


def test_corefer_keeps_apart_events_on_days_that_do_not_meet():
    monday = EventTime(dt.date(2021, 3, 1), dt.date(2021, 3, 1), "day", "Monday")
    march = EventTime(dt.date(2021, 3, 1), dt.date(2021, 3, 31), "month", "March")
    june = EventTime(dt.date(2021, 6, 2), dt.date(2021, 6, 2), "day", "June 2")
    assert corefer(_event(time=monday), _event(start=50, time=march))
    assert not corefer(_event(time=monday), _event(start=50, time=june))


def test_merged_keeps_the_first_mention_and_fills_gaps_from_the_later():
    first = _event(actors=(_ref("Rebels", None),), magnitude=Magnitude(dead=3))
    later = _event(start=80, recipients=(_ref("Egypt", "EGY"),), magnitude=Magnitude(dead=5, injured=2))
    both = merged(first, later)
    assert both.id == first.id and both.trigger == first.trigger
    assert both.recipients == later.recipients and both.actors == first.actors
    assert (both.magnitude.dead, both.magnitude.injured) == (3, 2)
    assert both.mentions == (later.trigger,)


def test_link_rules_are_data_and_bad_data_names_the_file(tmp_path):
    rules = load_link_rules()
    assert "the" in rules.definite and "another" in rules.new_happening and rules.max_sentences > 0
    bad = tmp_path / "coreference.yaml"
    bad.write_text("definite: [the]\nnew_happening: [another]\nmax_sentences: many\n")
    with pytest.raises(DataError) as error:
        load_link_rules(bad)
    assert "coreference.yaml" in str(error.value) and "max_sentences" in str(error.value)
