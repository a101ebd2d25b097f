"""The Doc accessors stages share (tidings.docs): actor mentions by token and phrase, event spans
and the places attached to an event."""

from __future__ import annotations

import pytest

from tidings import docs
from tidings.ingest import make_article

TEXT = "British and American officials held talks with Egypt in Cairo."


@pytest.fixture(scope="module")
def doc(pipeline):
    return pipeline.nlp(pipeline.make_doc(make_article(TEXT, published="2024-03-06")))


def word(doc, text: str):
    return next(t for t in doc if t.text == text)


def phrase(doc, text: str):
    head = word(doc, text)
    return doc[head.left_edge.i:head.right_edge.i + 1]


def test_actor_for_span_takes_coordinated_actors_and_leaves_modifiers_out(doc):
    assert {r.country for r in docs.actor_for_span(doc, phrase(doc, "officials"))} == {"GBR", "USA"}
    assert docs.actor_for_span(doc, phrase(doc, "talks")) == []  # "with Egypt" is not its own


def test_actor_for_token_and_mentions_in_a_range(doc):
    assert docs.actor_for_token(doc, word(doc, "Egypt")).country == "EGY"
    assert docs.actor_for_token(doc, word(doc, "held")) is None
    assert [m.text for m in docs.mentions_in(doc, 0, len("British"))] == ["British"]


def test_event_spans_and_attached_places(doc):
    event = next(e for e in doc._.events if e.trigger.text == "talks")
    trigger, sentence = docs.event_spans(doc, event)
    assert (trigger.text, sentence.text) == ("talks", TEXT)
    places = docs.attached_places(doc, trigger, sentence)
    assert [(p.name, role) for p, role in places][0] == ("Cairo", "site")
    assert event.location is not None and event.location.name == "Cairo"
