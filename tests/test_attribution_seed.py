"""Attribution on the seed article: source chains, claims of responsibility, quotes, origin.

These depend on the events stage finding the events named; a failure that says "no event"
means the event was not found, not that its sources were wrong.
"""

from __future__ import annotations

import datetime as dt

import pytest


def _event(document, trigger: str, after: str | None = None, sentence_has: str | None = None):
    text = document.article.text
    floor = text.index(after) if after else 0
    for event in document.events:
        if (event.trigger.text.lower() == trigger and event.trigger.start >= floor
                and (sentence_has is None or sentence_has in event.sentence.text)):
            return event
    pytest.fail(f"no event with trigger {trigger!r} (after {after!r}) among "
                f"{[e.trigger.text for e in document.events]}")


def _names(source) -> str:
    return f"{source.actor.name} {source.actor.text}" if source.actor else ""


@pytest.mark.parametrize("trigger", ["alliance", "strikes"])
def test_attribution_seed_story_chain_in_order(seed_document, trigger):
    event = _event(seed_document, trigger, after="New York Times")
    stances = [s.stance for s in event.sources]
    first = event.sources[0]
    assert first.outlet == "New York Times" and first.stance in ("reports", "alleges")
    confirms = [s for s in event.sources if s.stance == "confirms"]
    assert any(s.cue and s.cue.text == "confirming" and s.cue.start < seed_document.article.text.index(
        "officials confirming") + 30 for s in confirms)
    assert {s.actor.country for s in confirms if s.actor} >= {"GBR", "USA"}  # British and American officials
    declines = [s for s in event.sources if s.stance == "declines_to_confirm"]
    assert any("Israel" in _names(s) for s in declines) and any("Egypt" in _names(s) for s in declines)
    assert all(s.negated for s in declines)
    assert stances.index("confirms") < stances.index("declines_to_confirm")
    assert stances == sorted(stances, key=["reports", "alleges", "confirms", "declines_to_confirm"].index)


def test_attribution_seed_tunnel_confirmed_by_air_force(seed_document):
    event = _event(seed_document, "destroyed", sentence_has="Hamas tunnel")
    [source] = [s for s in event.sources if s.stance == "confirms"]
    assert "Air Force" in source.actor.text and source.level == "clause"


def test_attribution_seed_rocket_attacks_claimed(seed_document):
    event = _event(seed_document, "attacks", sentence_has="claimed responsibility")
    [source] = event.sources
    assert source.stance == "claims_responsibility" and "ISIS" in source.actor.text


def test_attribution_seed_unattributed_event_is_asserted_by_original_outlet(seed_document):
    event = _event(seed_document, "deployed")
    assert [(s.level, s.outlet, s.actor) for s in event.sources] == [("article", "Behold Israel", None)]


def test_attribution_seed_netanyahu_quote_through_pronoun(seed_document):
    [quote] = [q for q in seed_document.quotes if q.content.text.startswith("What is actually happening")]
    assert quote.kind == "direct" and quote.cue.text == "stated"
    assert quote.speaker_span.text == "He" and "Netanyahu" in quote.speaker.name
    assert quote.content.text.rstrip(".").endswith("The entire world is changing")


def test_attribution_seed_syndication(seed_document):
    syndication = seed_document.article.syndication
    assert syndication.original_outlet == "Behold Israel"
    assert syndication.original_published == dt.date(2018, 2, 4)
