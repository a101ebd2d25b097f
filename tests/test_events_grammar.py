"""Event coding on hand-built sentences: arguments, voice, negation, modality, nominal events,
symmetric and compound actors, magnitudes, ids and spans."""

from __future__ import annotations

import pytest
from support import countries, only

from tidings.ingest import make_article


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str):
        return pipeline.process(make_article(text, published="2024-03-06"))
    return run


def test_events_active_verb_gives_actor_and_recipient(code):
    event = only(code("Russia attacked Ukraine on Monday.").events, "ASSAULT")
    assert countries(event.actors) == {"RUS"} and countries(event.recipients) == {"UKR"}
    assert event.happened and event.quad_class == 4 and event.goldstein < 0


def test_events_passive_verb_takes_actor_from_by_agent(code):
    event = only(code("Ukraine was attacked by Russia on Monday.").events, "ASSAULT")
    assert countries(event.actors) == {"RUS"} and countries(event.recipients) == {"UKR"}
    assert "passive" in event.rule


@pytest.mark.parametrize("text", [
    "Russia did not attack Ukraine on Monday.",
    "Russia denied attacking Ukraine on Monday.",
    "Russia has never attacked Ukraine.",
])
def test_events_negated_events_never_happened(code, text):
    event = only(code(text).events, "ASSAULT")
    assert event.negated and not event.happened
    assert countries(event.actors) == {"RUS"}


@pytest.mark.parametrize(("text", "modality"), [
    ("Russia plans to attack Ukraine.", "planned"),
    ("Russia may attack Ukraine next month.", "hypothetical"),
    ("Russia vowed to attack Ukraine.", "threatened"),
    ("Russia continued to attack Ukraine.", "asserted"),
])
def test_events_governing_verbs_set_modality(code, text, modality):
    event = only(code(text).events, "ASSAULT")
    assert event.modality == modality
    assert event.happened == (modality == "asserted")
    assert countries(event.actors) == {"RUS"}


def test_events_threat_is_an_event_and_makes_the_threatened_one_unreal(code):
    events = code("Iran threatened to attack Israel.").events
    threat, attack = only(events, "THREATEN"), only(events, "ASSAULT")
    assert threat.happened and countries(threat.actors) == {"IRN"}
    assert countries(threat.recipients) == {"ISR"}
    assert attack.modality == "threatened" and countries(attack.actors) == {"IRN"}


def test_events_request_gives_its_object_as_the_requested_actor(code):
    events = code("France urged Russia to withdraw from Ukraine.").events
    request, retreat = only(events, "REQUEST"), only(events, "RETREAT")
    assert countries(request.actors) == {"FRA"} and countries(request.recipients) == {"RUS"}
    assert retreat.modality == "requested" and countries(retreat.actors) == {"RUS"}


def test_events_nominal_event_with_possessive_and_preposition(code):
    event = only(code("Russia's attack on Ukraine shocked Europe.").events, "ASSAULT")
    assert countries(event.actors) == {"RUS"} and countries(event.recipients) == {"UKR"}


def test_events_nominal_event_mode_and_count(code):
    event = only(code("Over 100 Russian drone strikes on Ukraine were reported.").events,
                  "ASSAULT")
    assert event.mode == "aerial" and event.cameo == "195"
    assert event.magnitude.count == 100 and event.magnitude.count_qualifier == "over"
    assert countries(event.actors) == {"RUS"} and countries(event.recipients) == {"UKR"}


def test_events_light_verb_lends_its_subject_to_the_noun(code):
    events = code("Israel launched an offensive against Hamas.").events
    event = only(events, "ASSAULT")
    assert event.trigger.text == "offensive" and countries(event.actors) == {"ISR"}
    assert [r.id for r in event.recipients] == ["hamas"]


def test_events_claimed_responsibility_names_the_attacker(code):
    event = only(code("Hamas claimed responsibility for the attack on Israel.").events, "ASSAULT")
    assert [a.id for a in event.actors] == ["hamas"] and countries(event.recipients) == {"ISR"}
    assert event.happened


@pytest.mark.parametrize(("text", "kind"), [
    ("Talks between France and Germany resumed on Monday.", "CONSULT"),
    ("France and Germany agreed to cooperate on defence.", "AGREE"),
    ("Security cooperation between France and Germany has deepened.", "COOPERATE"),
])
def test_events_symmetric_events_make_everyone_actor_and_recipient(code, text, kind):
    event = only(code(text).events, kind)
    assert countries(event.actors) == countries(event.recipients) == {"FRA", "DEU"}


def test_events_compound_actors_give_one_event(code):
    event = only(code("France and Germany imposed sanctions on Iran.").events, "SANCTION")
    assert countries(event.actors) == {"FRA", "DEU"} and countries(event.recipients) == {"IRN"}


def test_events_pronoun_subject_of_reported_clause_is_the_speaker(code):
    event = only(code("Kenya said it had arrested 14 suspects.").events, "COERCE")
    assert countries(event.actors) == {"KEN"} and event.modality == "reported_speech"
    assert event.happened


def test_events_casualties_attach_to_the_attack_not_a_second_event(code):
    events = code("Russia shelled Kharkiv on Monday, killing 12 civilians.").events
    event = only(events, "ASSAULT")
    assert event.trigger.text == "shelled" and event.mode == "artillery"
    assert event.magnitude.dead == 12


def test_events_wounded_with_qualifier(code):
    events = code("At least 30 people were wounded when Russian troops shelled the town.").events
    assert only(events, "ASSAULT").magnitude.injured == 30


def test_events_ids_spans_and_rules(code):
    text = "Nothing happened on Sunday. Russia attacked Ukraine on Monday."
    document = code(text)
    [event] = document.events
    assert event.id == f"{document.article.id}-e1"
    assert text[event.trigger.start:event.trigger.end] == event.trigger.text == "attacked"
    assert text[event.sentence.start:event.sentence.end].startswith("Russia attacked")
    assert event.rule.startswith("verb:attack|")


@pytest.mark.parametrize("text", [
    "The Polish economy grew by 3 percent last year.",
    "A storm destroyed hundreds of homes in the Philippines.",
    "Workers went home early on Friday.",
])
def test_events_sentences_without_actors_or_events_give_none(code, text):
    assert code(text).events == ()


def test_events_coordinated_verbs_share_the_governing_threat(code):
    events = code("Iran threatened to attack and destroy the base.").events
    assert {e.type: e.modality for e in events if e.type != "THREATEN"} == {
        "ASSAULT": "threatened", "COERCE": "threatened"}


def test_events_coordinated_verb_with_its_own_tense_keeps_its_own_modality(code):
    events = code("Hamas said it would study the proposal but rejected the plan.").events
    reject = only(events, "REJECT")
    assert reject.happened and [a.id for a in reject.actors] == ["hamas"]


def test_events_threatened_sanctions_take_the_threatener_as_actor(code):
    events = code("Turkey threatened sanctions against Sweden.").events
    sanction = only(events, "SANCTION")
    assert sanction.modality == "threatened" and countries(sanction.actors) == {"TUR"}
    assert countries(only(events, "THREATEN").recipients) == {"SWE"}
