"""Verbs whose object decides the event (cutting aid is a sanction, cutting tariffs a
concession), light verbs lending their subject, denials and considered options, and the
cameo-class reader's coding rules, on the project's own sentences."""

from __future__ import annotations

import pytest

from tidings.evaluation import cameo_class
from tidings.ingest import make_article


def _events(pipeline, text: str):
    return pipeline.process(make_article(text, published="2024-03-06")).events


def _main(pipeline, text: str):
    doc = pipeline.nlp(pipeline.make_doc(make_article(text)))
    return cameo_class.predict(doc)


@pytest.mark.parametrize("text, trigger, kind, cameo", [
    ("Norway reduced humanitarian aid to Bolivia last year.", "reduced", "SANCTION", "162"),
    ("Peru cut tariffs on Bolivia's wheat in March.", "cut", "CONCEDE", "081"),
    ("Chile removed the sanctions on three Bolivian banks.", "removed", "CONCEDE", "085"),
    ("The envoy ended mediation talks with the rebels on Monday.", "ended", "SANCTION", "164"),
    ("Peru withdrew its peacekeepers from Bolivia after the vote.", "withdrew", "SANCTION",
     "166"),
    ("The junta expelled the weapons inspectors from the country.", "expelled", "SANCTION",
     "166"),
    ("Chile returned the stolen sculptures to Bolivia's museum.", "returned", "CONCEDE",
     "084"),
    ("The rebels released Thomas Miller, a retired banker, on Sunday.", "released", "RETREAT",
     "0841"),
    ("Chile opened its borders to refugees from Bolivia.", "opened", "AID", "075"),
    ("Peru shared evidence with Chilean prosecutors.", "shared", "COOPERATE", "064"),
    ("Peru lifted the state of emergency in the north.", "lifted", "CONCEDE", "081"),
    ("The Bolivian army declared a state of siege in the capital.", "state", "COERCE", "1724"),
    ("Rebel forces violated the ceasefire twice on Tuesday.", "violated", "ASSAULT", "196"),
    ("The militants held hundreds of villagers as human shields.", "held", "ASSAULT", "184"),
    ("Government troops captured the rebels' stronghold near the border.", "captured", "ASSAULT",
     "192"),
    ("Chile accepted two hundred refugees from Bolivia.", "accepted", "AID", "075"),
    ("The Chilean president defended Peru's handling of the crisis.", "defended", "SUPPORT", "052"),
    ("Norway launched a mediation effort between Peru and Bolivia.", "effort", "CONSULT", "045"),
    ("Chile summoned the Peruvian ambassador over the remarks.", "summoned", "ACCUSE", "111"),
    ("Bolivia freed two former ministers on bail on Friday.", "freed", "RETREAT", "0841"),
    ("Norway earmarked 3 million euros in emergency aid for Peru.", "earmarked", "AID", "071"),
    ("Japan is sending troops to the UN peacekeeping force in Sudan.", "sending", "AID", "074"),
    ("Chile deployed 300 soldiers to the peacekeeping mission in Haiti.", "deployed", "AID", "074"),
    ("Bolivian miners called off their strike after the government's offer.", "called", "CONCEDE",
     "080"),
    ("The Peruvian army ceased its military operations near the border.", "ceased", "RETREAT",
     "0871"),
    ("The rebel commander dropped his weapons and surrendered to the army.", "dropped", "RETREAT",
     "087"),
])
def test_the_object_decides_the_event(pipeline, text, trigger, kind, cameo):
    events = {e.trigger.text: e for e in _events(pipeline, text)}
    assert trigger in events, [(e.trigger.text, e.type) for e in events.values()]
    assert (events[trigger].type, events[trigger].cameo) == (kind, cameo)


def test_cyber_warfare_is_a_cyber_operation_not_an_armed_assault(pipeline):
    [event] = _events(pipeline, "Russia launched cyber warfare against Estonia last spring.")
    assert event.type == "COERCE" and event.mode == "cyber"


def test_the_subject_of_willing_controls_its_infinitive(pipeline):
    [event] = _events(pipeline, "Peru is willing to withdraw its troops from the border.")
    assert event.type == "RETREAT" and [a.text for a in event.actors] == ["Peru"]


def test_opened_an_investigation_lends_its_subject(pipeline):
    [event] = _events(pipeline, "Chilean prosecutors opened an investigation into the bank.")
    assert event.type == "ACCUSE" and event.cameo == "090" and event.actors


@pytest.mark.parametrize("text, cameo", [
    ("The Bolivian ministry rejected accusations that it had hidden the report.", "016"),
    ("Chile is considering sending food aid to Bolivia.", "014"),
    ("The government of Peru is exploring the possibility of building a new bridge.", "014"),
])
def test_denials_and_considered_options_are_statements(pipeline, text, cameo):
    assert cameo in {e.cameo for e in _events(pipeline, text)}


@pytest.mark.parametrize("text, label", [
    ("Chile will not lift the embargo on Bolivia until the talks resume.", "3"),
    ("The rebels refused to release the two engineers.", "3"),
    ("Peru threatened to shell the border town.", "3"),
    ("The minister said Chile must mediate between the two parties.", "3"),
    ("The rebels said they will release the two engineers next week.", "1"),
    ("Chile offered to send troops to help Bolivia.", "1"),
    ("Chile decided to ease the sanctions on Bolivia.", "2"),
    ("Norway suspended aid to Bolivia after the coup.", "3"),
    ("Police arrested six protesters outside the palace.", "4"),
    ("Chile says it will not accept refugees from Bolivia.", "3"),
    ("Peru is ready to contribute troops to the peacekeeping force.", "1"),
])
def test_cameo_class_coding_rules(pipeline, text, label):
    prediction = _main(pipeline, text)
    assert prediction.label == label, prediction
