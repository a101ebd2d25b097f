"""Attribution cues on hand-built sentences: sources, content, stances, frames, propagation."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tidings.ingest import make_article


@pytest.fixture(scope="module")
def attribute(pipeline):
    def run(text: str, **article):
        doc = pipeline.nlp.make_doc(text)
        doc._.article = make_article(text, **article)
        return pipeline.nlp(doc)
    return run


def _only(doc, cue: str):
    [found] = [a for a in doc._.attributions if a.cue.text == cue]
    return found


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    ("The port authority said cranes were damaged in the storm.", "said", "The port authority",
     "cranes were damaged in the storm", "reports"),
    ("Cranes were damaged in the storm, the port authority said.", "said", "the port authority",
     "Cranes were damaged in the storm", "reports"),
    ("The rebel council denied that it had shelled the market.", "denied", "The rebel council",
     "it had shelled the market", "denies"),
    ("A faction calling itself the Northern Front claimed responsibility for the ambush.",
     "claimed responsibility", "A faction calling itself the Northern Front", "the ambush",
     "claims_responsibility"),
    ("The mining company declined to comment.", "declined to comment", "The mining company", None,
     "declines_to_confirm"),
    ("Auditors allegedly ignored the missing funds.", "allegedly", None,
     "Auditors allegedly ignored the missing funds", "alleges"),
])
def test_attribution_cue_source_content_stance(attribute, text, cue, source, content, stance):
    found = _only(attribute(text), cue)
    assert (found.source.text if found.source else None) == source
    assert (found.content.text if found.content else None) == content
    assert found.stance == stance


def test_attribution_negation_flips_stance(attribute):
    found = _only(attribute("The two governments have not confirmed or addressed the border deal."), "confirmed")
    assert (found.stance, found.negated) == ("declines_to_confirm", True)
    assert found.content.text == "the border deal"
    assert _only(attribute("Neither ministry commented on the arrests."), "commented").stance == "declines_to_confirm"
    assert _only(attribute("The ministry has yet to confirm the arrests."), "confirm").negated


def test_attribution_participle_source_is_the_noun_it_modifies(attribute):
    doc = attribute("Several reports have cited Danish officials confirming the purchase of the ships.")
    confirming = _only(doc, "confirming")
    assert confirming.source.text == "Danish officials" and confirming.stance == "confirms"
    assert confirming.content.text == "the purchase of the ships"


def test_attribution_frame_covers_the_clause(attribute):
    found = _only(attribute("According to local officials, the militia burned the grain store."), "According to")
    assert found.source.text == "local officials" and found.level == "sentence"
    assert found.content.text == "the militia burned the grain store"


@pytest.mark.parametrize(("text", "source", "content"), [
    ("According to the coast guard, three fishermen dead off the cape.", "the coast guard",
     "three fishermen dead off the cape"),
    ("Port news\n\nAccording to the union, a strike at every port by Friday.", "the union",
     "a strike at every port by Friday"),
])
def test_attribution_frame_in_a_sentence_without_a_verb(attribute, text, source, content):
    # the sentence's root is an adjective or a noun: the climb to a verb stops there
    with _deadline(seconds=60):
        found = _only(attribute(text), "According to")
    assert found.source.text == source
    assert found.content.text == content


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail, instead of hanging the suite, when the block runs past ``seconds``."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_attribution_told_outlet_becomes_the_outlet(attribute):
    found = _only(attribute("The deputy minister told Reuters that the pipeline had been repaired."), "told")
    assert found.outlet == "Reuters" and found.source.text == "The deputy minister"


def test_attribution_media_description_resolves_to_last_outlet(attribute):
    doc = attribute("The Valley Gazette ran a story about the dam on Monday. "
                    "The newspaper claimed that engineers had warned of cracks.")
    claimed = _only(doc, "claimed")
    assert claimed.outlet == "Valley Gazette" and claimed.stance == "alleges"


def test_attribution_scare_quotes_are_not_speech(attribute):
    doc = attribute("The so-called “peace plan” was unveiled in the capital on Friday.")
    assert doc._.quotes == [] and doc._.attributions == []


def test_attribution_event_sources_from_clause_frame_and_article(attribute):
    text = ("Villagers said soldiers attacked the market on Sunday.\n"
            "Police arrested two men near the bridge.")
    doc = attribute(text, outlet="Example Courier")
    events = {e.trigger.text: e for e in doc._.events}
    if "attacked" not in events or "arrested" not in events:
        pytest.fail(f"the events stage found {sorted(events)}; this test needs 'attacked' and 'arrested'")
    [said] = events["attacked"].sources
    assert (said.stance, said.level, said.cue.text) == ("reports", "clause", "said")
    [article] = events["arrested"].sources
    assert (article.level, article.outlet, article.actor) == ("article", "Example Courier", None)


def test_attribution_report_frame_covers_following_sentences(attribute):
    text = ("The Harbor Tribune published an investigation into the shipyard last week. "
            "Soldiers raided the offices of the union, and police arrested three of its leaders.\n"
            "The company denied the report.")
    doc = attribute(text)
    events = [e for e in doc._.events if e.trigger.text in ("raided", "arrested")]
    if not events:
        pytest.fail(f"the events stage found {[e.trigger.text for e in doc._.events]}; this test needs 'raided'")
    for event in events:
        reporter = event.sources[0]
        assert (reporter.outlet, reporter.level) == ("Harbor Tribune", "paragraph")
        assert [s.stance for s in event.sources][-1] == "denies"


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    ("The ambush was claimed by a little-known militia.", "claimed", "a little-known militia",
     "The ambush", "claims_responsibility"),
    ("A separatist group claimed the bombing of the pipeline.", "claimed", "A separatist group",
     "the bombing of the pipeline", "claims_responsibility"),
    ("Witnesses described the scene as chaotic.", "described", "Witnesses", "the scene as chaotic", "reports"),
    ("Tenants complained about the broken heating.", "complained", "Tenants", "the broken heating", "reports"),
    ("The mayor rejected the criticism.", "rejected", "The mayor", "the criticism", "denies"),
    ("The bridge will stay closed, the council told local radio.", "told", "the council",
     "The bridge will stay closed", "reports"),
    ("It declined to say when the plant would reopen.", "declined to say", "It",
     "when the plant would reopen", "declines_to_confirm"),
])
def test_attribution_cue_general_frames(attribute, text, cue, source, content, stance):
    attribution = _only(attribute(text), cue)
    assert attribution.source.text == source and attribution.content.text == content
    assert attribution.stance == stance


@pytest.mark.parametrize("text", [
    "Asked, the director smiled.",
    "People were screaming for help, and the guards ran.",
    "The government declared three days of mourning.",
    "The ministry received a warning about the storm.",
])
def test_attribution_cue_not_a_report(attribute, text):
    assert attribute(text)._.attributions == []


def test_attribution_cue_headline_names_its_source(attribute):
    [headline] = attribute("Minister: pension reform will pass\n\nThe reform goes to parliament on Monday.")._.attributions
    assert (headline.cue.text, headline.source.text, headline.content.text) == (
        ":", "Minister", "pension reform will pass")
    assert attribute("Analysis: why the reform will pass\n\nThe vote is on Monday.")._.attributions == []


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    # a participle frame after a speech verb is the speaker's own citing, with its object
    ("“Fares are too high,” the commuter group said, citing a third increase in two years.", "citing",
     "the commuter group", "a third increase in two years"),
    # a second speech verb hung on the first one's clause is the first speaker's
    ("The warden said the ferry had lost power and said that nobody was hurt.", "said", "The warden",
     "the ferry had lost power"),
    # "Asked whether ...", "Asked about ...": someone unnamed asks (PolNeAR's convention)
    ("Asked whether the dam would hold, the engineer shrugged.", "Asked", None, "whether the dam would hold"),
    ("Asked about the delay, the director smiled.", "Asked", None, "the delay"),
    # asking or telling someone to do something: the person asked and what they are to do
    ("The harbour board asked the ferry company to cut its fares.", "asked", "The harbour board",
     "the ferry company to cut its fares"),
])
def test_attribution_cue_participles_and_joined_verbs(attribute, text, cue, source, content):
    found = [a for a in attribute(text)._.attributions if a.cue.text == cue][0]
    assert (found.source.text if found.source else None) == source
    assert found.content.text == content


def test_attribution_joined_speech_verb_has_its_own_clause(attribute):
    doc = attribute("The warden said the ferry had lost power and said that nobody was hurt.")
    second = [a for a in doc._.attributions if a.cue.text == "said"][1]
    assert second.source.text == "The warden" and second.content.text == "nobody was hurt"


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    # a passive cue with an infinitive or "as": an attribution whose holder is not named
    ("The new bridge is expected to open in the spring.", "expected", None, "to open in the spring", "reports"),
    ("The harbour master was seen as a cautious man.", "seen", None, "as a cautious man", "reports"),
    # "As X reported, Y": the report sets off the clause it modifies
    ("As the weekly reported in March, the quarry will close.", "reported", "the weekly",
     "the quarry will close", "reports"),
    # attitudes: thanks, preference, playing down, answering
    ("The coach thanked the volunteers for their patience.", "thanked", "The coach", "the volunteers for their patience",
     "supports"),
    ("The minister downplayed the risk of flooding.", "downplayed", "The minister", "the risk of flooding", "dismisses"),
    ("The agency responded to the complaints within a day.", "responded to", "The agency", "the complaints", "reports"),
])
def test_attribution_cue_passives_frames_and_attitudes(attribute, text, cue, source, content, stance):
    found = _only(attribute(text), cue)
    assert (found.source.text if found.source else None) == source
    assert (found.content.text, found.stance) == (content, stance)


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    # "in" a poll: the poll is the source of the clause it is set in
    ("In a harbour survey released Monday, most fishermen backed the quota.", "In",
     "a harbour survey released Monday", "most fishermen backed the quota", "reports"),
    ("The councillor holds a narrow lead in the polls.", "in", "the polls",
     "The councillor holds a narrow lead", "reports"),
    # phrases of judgement and of saying plainly
    ("The governor took aim at the budget office on Monday.", "took aim at", "The governor",
     "the budget office", "criticizes"),
    ("The mayor made it clear that the pool would stay open.", "made it clear", "The mayor",
     "the pool would stay open", "reports"),
])
def test_attribution_cue_polls_and_phrases(attribute, text, cue, source, content, stance):
    found = _only(attribute(text), cue)
    assert (found.source.text, found.content.text, found.stance) == (source, content, stance)


def test_attribution_markup_tag_is_no_cue(attribute):
    doc = attribute('The governor posted: <tweet author="gov">Roads are closed.</tweet>')
    assert not [a for a in doc._.attributions if a.cue.text == "tweet"]


def test_attribution_asking_someone_to_act_is_a_request(attribute):
    assert _only(attribute("She told the children to stay inside."), "told").stance == "requests"


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    # states of mind held by the subject of their copula
    ("The harbour master is confident that the pier will reopen.", "confident", "The harbour master",
     "the pier will reopen", "reports"),
    ("Residents were critical of the parking plan.", "critical", "Residents", "the parking plan", "criticizes"),
    ("The union is eager to resume talks.", "eager", "The union", "to resume talks", "intends"),
    # a role towards someone, set beside its holder
    ("Ana Ruiz, a longtime critic of the mayor, stayed home.", "critic", "Ana Ruiz", "the mayor", "criticizes"),
])
def test_attribution_cue_states_of_mind_and_roles(attribute, text, cue, source, content, stance):
    found = _only(attribute(text), cue)
    assert (found.source.text, found.content.text, found.stance) == (source, content, stance)


def test_attribution_state_without_object_is_no_cue(attribute):
    assert attribute("The ferry captain was angry.")._.attributions == []


@pytest.mark.parametrize(("text", "cue", "source", "content", "stance"), [
    ("The senator refused to endorse the levy.", "refused", "The senator", "to endorse the levy",
     "declines_to_confirm"),
    ("The coach bemoaned the state of the pitch.", "bemoaned", "The coach", "the state of the pitch", "criticizes"),
    ("The mayor voiced concern about the closures.", "voiced", "The mayor", "concern about the closures", "reports"),
    ("Two councillors embraced the proposal.", "embraced", "Two councillors", "the proposal", "supports"),
])
def test_attribution_cue_refusals_and_attitudes(attribute, text, cue, source, content, stance):
    found = _only(attribute(text), cue)
    assert (found.source.text, found.content.text, found.stance) == (source, content, stance)


@pytest.mark.parametrize(("text", "cue", "source"), [
    # the parser hangs a share of people on the verb
    ("Roughly 3 in 10 say the ferry is too slow.", "say", "Roughly 3 in 10"),
    # a cue under a preposition is said by the subject of the verb it modifies
    ("After thanking the volunteers, the mayor spoke about the budget.", "thanking", "the mayor"),
    ("The mayor ended the meeting by saying the budget was balanced.", "saying", "The mayor"),
])
def test_attribution_source_of_shares_and_prepositional_cues(attribute, text, cue, source):
    assert _only(attribute(text), cue).source.text == source


def test_attribution_refusal_to_comment_has_its_topic(attribute):
    found = _only(attribute("The firm declined to comment on the merger."), "declined to comment")
    assert (found.stance, found.content.text) == ("declines_to_confirm", "the merger")


def test_attribution_as_she_put_it(attribute):
    found = _only(attribute("As the harbour master put it, the port is full."), "put it")
    assert (found.source.text, found.content.text) == ("the harbour master", "the port is full")
    assert not attribute("She put it on the table.")._.attributions


def test_attribution_participle_after_a_reported_clause_is_the_speakers(attribute):
    doc = attribute("The mayor insisted that the ferry was safe, claiming that inspectors had approved it.")
    insisted, claiming = _only(doc, "insisted"), _only(doc, "claiming")
    assert insisted.content.text == "the ferry was safe"
    assert (claiming.source.text, claiming.content.text) == ("The mayor", "inspectors had approved it")
