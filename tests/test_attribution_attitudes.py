"""Attributions beyond speech, on the project's own sentences: attitudes, judgements, intentions,
knowledge and perception, "call for / call on / call X a Y", nominal frames, inverted reporting
clauses, signed quotations; their stances; and the modality of events inside wishes."""

from __future__ import annotations

import pytest

from tidings.ingest import make_article


@pytest.fixture(scope="module")
def attribute(pipeline):
    def run(text: str):
        doc = pipeline.nlp.make_doc(text)
        doc._.article = make_article(text)
        return pipeline.nlp(doc)
    return run


def _cue(doc, cue: str):
    found = [a for a in doc._.attributions if a.cue.text == cue]
    assert found, [(a.cue.text, a.stance) for a in doc._.attributions]
    return found[0]


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    ("The fishermen's union supports the new quota system.", "supports", "The fishermen's union",
     "the new quota system", "supports"),
    ("Two councillors opposed the harbour tunnel.", "opposed", "Two councillors",
     "the harbour tunnel", "criticizes"),
    ("The bishop criticized the ministry for the school closures.", "criticized", "The bishop",
     "the ministry for the school closures", "criticizes"),
    ("The mayor derided the rail plan.", "derided", "The mayor", "the rail plan", "criticizes"),
    ("The regional governor wants to close the border crossing.", "wants", "The regional governor",
     "to close the border crossing", "intends"),
    ("The coastguard plans to extend the search until Friday.", "plans", "The coastguard",
     "to extend the search until Friday", "intends"),
    ("Farmers called for a ban on imported grain.", "called for", "Farmers",
     "a ban on imported grain", "requests"),
    ("The nurses' association called on the hospital to hire more staff.", "called on",
     "The nurses' association", "to hire more staff", "requests"),
    ("The opposition leader called the budget a betrayal of pensioners.", "called",
     "The opposition leader", "the budget a betrayal of pensioners", "reports"),
    ("Many traders see the new tariff as a mistake.", "see", "Many traders",
     "the new tariff as a mistake", "reports"),
    ("The inspector knows that the dam is leaking.", "knows", "The inspector", "the dam is leaking",
     "reports"),
    ("The senator spoke about the drought in the valley.", "spoke", "The senator",
     "the drought in the valley", "reports"),
    ("Two deputies voted against the forestry bill.", "voted against", "Two deputies",
     "the forestry bill", "criticizes"),
    ("The minister dismissed the accusation as gossip.", "dismissed", "The minister",
     "the accusation as gossip", "dismisses"),
    ("The utility said it has no record of a leak at the plant.", "has no record of",
     "it", "a leak at the plant", "denies"),
])
def test_attitude_cues(attribute, text, cue, source, content, stance):
    found = _cue(attribute(text), cue)
    assert (found.source.text if found.source else None) == source
    assert (found.content.text if found.content else None) == content
    assert found.stance == stance


def test_a_report_of_third_party_wrongdoing_is_an_allegation(attribute):
    assert _cue(attribute("Three tenants say that the landlord threatened and harassed them."),
                "say").stance == "alleges"
    # the speaker's own act, and an act that is no wrongdoing, stay reports
    assert _cue(attribute("The gang said it had stolen the payroll files."), "said").stance == "reports"
    assert _cue(attribute("Three tenants say that the landlord repaired the roof."), "say").stance == "reports"


def test_inverted_reporting_clause_names_its_source_after_the_verb(attribute):
    found = _cue(attribute("Four hikers were rescued from the ridge, reported the mountain patrol."),
                 "reported")
    assert found.source.text == "the mountain patrol"
    assert found.content.text == "Four hikers were rescued from the ridge"


def test_in_someones_view_frames_the_clause(attribute):
    found = _cue(attribute("In her view, the levy is unfair to small farms."), "view")
    assert found.source.text == "her"
    assert found.content.text == "the levy is unfair to small farms"


def test_noun_with_an_infinitive_is_a_cue(attribute):
    found = _cue(attribute("Divers protested against the council's plan to demolish the old pier."), "plan")
    assert found.source.text == "the council's"
    assert found.stance == "intends"
    assert found.content.text == "to demolish the old pier"


def test_signed_quotation(attribute):
    doc = attribute("Readers wrote in.\n“The ferry timetable makes no sense at all.” ― Jonas Berg\n")
    found = _cue(doc, "―")
    assert found.source.text == "Jonas Berg"
    assert found.content.text == "The ferry timetable makes no sense at all."
    assert all(q.speaker_span is not None for q in doc._.quotes)


@pytest.mark.parametrize("text", [
    "Rebels attacked the garrison at dawn.",                    # an act, not speech
    "Officials spoke on condition of anonymity.",               # no topic
    "The firm is seeking new investors for the mine.",          # seek takes a clause only
    "The station reported the fire without citing sources.",    # "citing" is taken back
    "The permit was officially granted on Monday.",             # "officially" is no hearsay
])
def test_no_cue_where_nothing_is_attributed(attribute, text):
    doc = attribute(text)
    assert not [a for a in doc._.attributions if a.cue.text in (
        "attacked", "spoke", "seeking", "citing", "officially")]
    assert all(a.source is None or a.source.text != "sources" for a in doc._.attributions)


def test_verbal_attack_by_a_person_is_criticism(attribute):
    found = _cue(attribute("Senator Maria Lopez attacked the governor for the tax rise."), "attacked")
    assert found.stance == "criticizes"


def test_events_inside_a_wish_or_request_have_not_happened(attribute):
    doc = attribute("The rebel commander vowed to seize the airport. Local leaders urged the army "
                    "to withdraw from the town.")
    for event in doc._.events:
        inside = [a for a in doc._.attributions if a.content and a.stance in ("intends", "requests")
                  and a.content.start <= event.trigger.start < a.content.end]
        if inside:
            assert not event.happened, event
            assert {s.cue for s in event.sources if s.cue} >= {a.cue for a in inside}


def test_every_event_inside_a_content_has_that_attribution_as_source(attribute):
    doc = attribute(
        "The army said its artillery shelled two villages near the river on Monday. Local leaders "
        "condemned the shelling of the villages. The rebels denied that they had attacked a convoy, "
        "and the governor wants to reopen the bridge that floods destroyed.")
    pairs = [(event, a) for event in doc._.events for a in doc._.attributions
             if a.content and a.content.start <= event.trigger.start < a.content.end
             and not a.cue.start <= event.trigger.start < a.cue.end]
    assert pairs
    for event, a in pairs:
        assert any(s.cue == a.cue and s.stance == a.stance for s in event.sources), (event.trigger, a.cue)


def test_seem_and_appear_hedge_a_clause_without_a_source(attribute):
    found = _cue(attribute("The truce seems to be holding along the coast."), "seems")
    assert found.source is None and found.kind == "hearsay"
    assert found.content.text == "The truce seems to be holding along the coast"
    doc = attribute("The governor appeared on television on Monday.")
    assert not [a for a in doc._.attributions if a.cue.text == "appeared"]


def test_a_wish_in_the_writers_words_is_no_quotation(attribute):
    doc = attribute("The harbour master plans to close the marina. The harbour master said "
                    "the marina would close in May.")
    assert _cue(doc, "plans").stance == "intends"
    assert [q.cue.text for q in doc._.quotes] == ["said"]
