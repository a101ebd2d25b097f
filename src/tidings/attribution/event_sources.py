"""Event sources: who says each event happened, by clause, report frame, story and article."""

from __future__ import annotations

import bisect
import dataclasses
import re

from spacy.tokens import Doc

from ..model import Event, Modality, Source
from .lexicon import Lexicon
from .records import ATTITUDE_STANCES, Attribution, Found
from .stance import ORIGINAL_STANCES, RESPONSE_STANCES, STANCE_RANK

SENTENCE_END = re.compile(r"[.!?](?=\s|$)")

def _sources(attribution: Attribution, level: str | None = None) -> list[tuple[str, Source]]:
    """An attribution's sources (one per actor), each with the key of who says it."""
    key = _source_key(attribution)
    return [(key, Source(actor, attribution.outlet, attribution.stance, attribution.cue,
                         attribution.negated, level or attribution.level))
            for actor in attribution.actors or (None,)]


def _source_key(attribution: Attribution) -> str:
    if attribution.outlet:
        return attribution.outlet.lower()
    return attribution.source.text.lower() if attribution.source else f"cue@{attribution.cue.start}"


def attach_sources(doc: Doc, text: str, found: list[Found], lexicon: Lexicon) -> list[Event]:
    """``doc._.events`` with every event's sources attached, in chain order (``text`` is the
    doc's)."""
    events: list[Event] = list(doc._.events or ())
    if not events:
        return events
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
    order = sorted(range(len(events)), key=lambda i: events[i].trigger.start)
    positions = [events[i].trigger.start for i in order]
    chains: list[list[tuple[str, Source]]] = [[] for _ in events]
    # clause / sentence: the attributions whose content holds the trigger (one sweep in text order)
    spans = sorted((f.attribution for f in found if f.attribution.content is not None),
                   key=lambda a: a.content.start)
    active: list[Attribution] = []
    taken = 0
    heads, objects = _attitude_heads(doc, found, lexicon)
    for i, at in zip(order, positions):
        while taken < len(spans) and spans[taken].content.start <= at:
            active.append(spans[taken])
            taken += 1
        active = [a for a in active if a.content.end > at]
        chains[i] = [pair for a in sorted(active, key=lambda a: a.cue.start)
                     if not a.cue.start <= at < a.cue.end and not _own_act(events[i], a, objects)
                     for pair in _sources(a)]
    modalities = [_content_modality(event, heads) for event in events]
    # report frames: an outlet's report, or a published story, covers the following sentences
    reports = [f for f in found if f.attribution.stance in ("reports", "alleges")]
    openers = [f.attribution for f in reports if f.attribution.outlet or f.attribution.publication]
    for number, opener in enumerate(openers):
        begin = _sentence_end(text, opener.cue.end)
        paragraph = bisect.bisect_right(paragraph_starts, opener.cue.start) - 1
        end = paragraph_starts[paragraph + 2] if paragraph + 2 < len(paragraph_starts) else len(text)
        end = min(end, next((o.cue.start for o in openers[number + 1:]
                             if _source_key(o) != _source_key(opener)), end))
        for i in order[bisect.bisect_left(positions, begin):bisect.bisect_left(positions, end)]:
            if not chains[i]:
                chains[i].extend(_sources(opener, "paragraph"))
    # responses to a story: confirmations, denials, refusals of what the media reported
    stories = {_source_key(o) for o in openers} | {
        _source_key(f.attribution) for f in reports if f.source_root is not None
        and doc[f.source_root].lemma_.lower() in lexicon.story_nouns}
    vocabularies = _story_vocabularies(doc, found, stories)
    members: dict[str, list[int]] = {key: [] for key in stories}  # events each story reports
    for i in order:
        for key in dict.fromkeys(k for k, s in chains[i] if s.stance in ORIGINAL_STANCES and k in members):
            members[key].append(i)
    for f in found:
        response = f.attribution
        if response.stance not in RESPONSE_STANCES or f.content_root is None \
                or doc[f.content_root].pos_ not in ("NOUN", "PROPN"):
            continue
        word = doc[f.content_root].lemma_.lower()
        for key in sorted(stories - {_source_key(response)}):
            earlier = [i for i in members[key] if events[i].trigger.start < response.cue.start]
            if earlier and (word in lexicon.story_nouns or word in vocabularies[key]):
                for i in earlier:
                    chains[i].extend(_sources(response, "paragraph"))
    article = _article_source(doc)
    return [dataclasses.replace(event, modality=modality, sources=_ordered(
        [s for _, s in chain] or ([article] if article else [])))
        for event, chain, modality in zip(events, chains, modalities)]


def _attitude_heads(doc: Doc, found: list[Found], lexicon: Lexicon
                    ) -> tuple[dict[int, Modality], dict[int, Attribution]]:
    """Where the contents of attitudes begin their say, by character offset: the head words of
    the content of a wish or request (its root and the verbs joined to it: "vowed to *seize*
    and *hold* the airport") with the modality they give, and the root of an attitude's object
    ("threatened *sanctions*") with its attribution."""
    heads: dict[int, Modality] = {}
    objects: dict[int, Attribution] = {}
    for f in found:
        a = f.attribution
        if f.content_root is None or a.stance not in ATTITUDE_STANCES:
            continue
        root = doc[f.content_root]
        if a.kind == "nominal":
            objects[root.idx] = a
        if a.stance in lexicon.content_modality:
            for word in (root, *(c for c in root.conjuncts if c.i > root.i)):
                heads[word.idx] = lexicon.content_modality[a.stance]
    return heads, objects


def _own_act(event: Event, attribution: Attribution, objects: dict[int, Attribution]) -> bool:
    """An event named by the object of its own actor's attitude is that attitude, not its
    content: "Turkey threatened sanctions", "Lebanon requested assistance"."""
    if objects.get(event.trigger.start) is not attribution:
        return False
    return bool({a.id for a in event.actors} & {a.id for a in attribution.actors})


def _content_modality(event: Event, heads: dict[int, Modality]) -> Modality:
    """An event said to have happened that heads what someone wants, plans or asks for has not
    (yet): "vowed to sign the deal" is planned (the lexicon's ``content_modality``); an event
    deeper in that content keeps its own ("demanded a halt to the attacks")."""
    if event.modality not in ("asserted", "reported_speech"):
        return event.modality
    return heads.get(event.trigger.start, event.modality)


def _story_vocabularies(doc: Doc, found: list[Found], keys: set[str]) -> dict[str, set[str]]:
    """For each story key, the lemmas of the nouns and verbs its reports say."""
    words: dict[str, set[str]] = {key: set() for key in keys}
    for f in found:
        a = f.attribution
        if a.content is None or (key := _source_key(a)) not in words:
            continue
        span = doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
        if span is not None:
            words[key] |= {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "VERB", "PROPN")}
    return words


def _sentence_end(text: str, position: int) -> int:
    match = SENTENCE_END.search(text, position)
    return match.end() if match else len(text)


def _article_source(doc: Doc) -> Source | None:
    """The outlet asserting what nobody else is said to assert."""
    article = doc._.article
    if article is None:
        return None
    syndication = article.syndication
    outlet = article.outlet or (syndication.original_outlet or syndication.wire if syndication else None)
    return Source(actor=None, outlet=outlet, stance="reports", cue=None, level="article")


def _ordered(sources: list[Source]) -> tuple[Source, ...]:
    """Original reporters, then confirmations, then denials and refusals; no repeats."""
    unique: dict[tuple, Source] = {}
    for source in sources:
        key = (source.actor.id if source.actor else None, source.outlet, source.stance)
        unique.setdefault(key, source)
    return tuple(sorted(unique.values(), key=lambda s: (
        STANCE_RANK[s.stance], s.cue.start if s.cue else -1)))
