"""Hard-wrapped plain text: paragraphs end at blank lines, a wrapping line break is a space for
the parser, and offsets still point into the wrapped file."""

from __future__ import annotations

import textwrap

import pytest

from tidings.ingest import make_article
from tidings.ingest.wrapping import unwrapped

PARAGRAPHS = [
    "Government troops shelled rebel positions outside the northern town of Tavir on Monday, "
    "killing at least twelve fighters, according to a military spokesman who spoke to reporters "
    "in the capital.",
    "The rebel command denied that its fighters had been killed and accused the army of attacking "
    "a crowded market near the river, local officials said on Tuesday.",
    "Aid agencies called on both sides to allow food convoys into the town, where thousands of "
    "families have been sheltering in schools since the fighting began last month.",
]


def _events(document) -> list[tuple]:
    return [(e.type, e.trigger.text, tuple(a.name for a in e.actors), tuple(r.name for r in e.recipients),
             tuple((s.actor.name if s.actor else s.outlet, s.stance) for s in e.sources))
            for e in document.events]


@pytest.mark.parametrize("width", [60, 72, 90])
def test_wrapped_copy_gives_the_same_events_with_offsets_into_the_wrapped_text(pipeline, width):
    flat = "\n\n".join(PARAGRAPHS)
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in PARAGRAPHS)
    assert wrapped.count("\n") >= flat.count("\n") + len(PARAGRAPHS)  # every paragraph wraps
    expected = pipeline.process(make_article(flat))
    found = pipeline.process(make_article(wrapped))
    assert _events(expected) and _events(found) == _events(expected)
    for event in found.events:
        assert wrapped[event.trigger.start:event.trigger.end] == event.trigger.text
        assert wrapped[event.sentence.start:event.sentence.end] == event.sentence.text
        for actor in event.actors:
            assert wrapped[actor.start:actor.end] == actor.text


def test_unwrapping_changes_only_wrapping_breaks():
    wrapped = "Headline of the day\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS) + \
        "\n\n- first item\n- second item\n"
    result = unwrapped(wrapped)
    assert len(result) == len(wrapped)
    changed = [i for i, (a, b) in enumerate(zip(wrapped, result)) if a != b]
    assert changed and all(wrapped[i] == "\n" and result[i] == " " for i in changed)
    assert result.startswith("Headline of the day\n\n") and result.endswith("\n- first item\n- second item\n")
    assert result.count("\n\n") == wrapped.count("\n\n")


def test_text_on_long_lines_is_left_alone():
    flat = "Title\n" + "\n".join(PARAGRAPHS)
    assert unwrapped(flat) == flat
