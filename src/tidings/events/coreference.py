"""The ``tidings_event_links`` component: one event per happening in an article.

An article names its main happening again and again: "Militants attacked a checkpoint ... The
attack killed four ... Officials condemned the attack". Each later definite noun of the same
type whose arguments do not disagree becomes a mention of the earlier event (``Event.mentions``),
which takes what the mention adds (a place, a time, a count, sources), instead of a second event.
A headline's event (before ``doc._.body_start``, which the actors stage sets) becomes a mention of
the body's first event of its type that agrees with it, noun or verb, which tells more and says
who says so.
The rules are in ``data/events/coreference.yaml``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..datafiles import DataError, data_path, read_yaml, word_list
from ..model import ActorRef, Event, Magnitude
from ..nlp import children_of

COREFERENCE_FILE = data_path("events", "coreference.yaml")
RULE = "coreference.definite_noun"


@dataclass(frozen=True)
class LinkRules:
    """What makes a noun trigger point back at a known happening (see the data file)."""

    definite: frozenset[str]
    new_happening: frozenset[str]
    max_sentences: int


def load_link_rules(path: Path = COREFERENCE_FILE) -> LinkRules:
    raw = read_yaml(path)
    try:
        limit = int(raw["max_sentences"])
    except (KeyError, TypeError, ValueError):
        raise DataError(path, 0, "max_sentences must be a whole number") from None
    return LinkRules(frozenset(word_list(path, "definite", raw.get("definite"))),
                     frozenset(word_list(path, "new_happening", raw.get("new_happening"))), limit)


@Language.factory(
    "tidings_event_links",
    requires=["doc._.events", "doc._.body_start", "token.dep", "token.pos", "doc.sents"],
    assigns=["doc._.events"],
    default_config={"rules_file": None},
)
def make_event_links(nlp: Language, name: str, rules_file: str | None) -> EventLinker:
    return EventLinker(load_link_rules(Path(rules_file)) if rules_file else load_link_rules())


class EventLinker:
    """Folds each later mention of a happening into the event first coded for it."""

    def __init__(self, rules: LinkRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        starts = [sentence.start for sentence in doc.sents]
        body = doc._.body_start or 0
        kept: list[tuple[int, Event]] = []  # (sentence number, event), in text order
        for event in sorted(doc._.events or (), key=lambda e: e.trigger.start):
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            sentence, points_back = kept[-1][0] if kept else 0, False  # kept as it is, unspanned
            if span is not None:
                sentence = bisect_right(starts, span.root.i) - 1
                points_back = self._points_back(span.root)
            in_body = event.trigger.start >= body
            target = next((i for i in range(len(kept) - 1, -1, -1)
                           if (points_back or in_body and kept[i][1].trigger.start < body)
                           and sentence - kept[i][0] <= self.rules.max_sentences
                           and corefer(kept[i][1], event)), None)
            if target is None:
                kept.append((sentence, event))
            elif in_body and kept[target][1].trigger.start < body:  # the body's tells more
                kept[target] = (sentence, merged(event, kept[target][1], sources=False))
            else:
                kept[target] = (kept[target][0], merged(kept[target][1], event))
        doc._.events = [event for _, event in kept]
        return doc

    def _points_back(self, noun: Token) -> bool:
        """A noun with a definite determiner or possessive and no word of a new happening ("the
        attack", "the strikes", "its agreement"; not "an attack", "another attack")."""
        if noun.pos_ != "NOUN":
            return False
        before = [c for c in children_of(noun) if c.i < noun.i]
        if any(c.lower_ in self.rules.new_happening for c in before):
            return False
        return any(c.lower_ in self.rules.definite and c.dep_ in ("det", "poss") for c in before)


def _agree(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...]) -> bool:
    """Participants disagree only when both sides name some with a country, and they share no
    actor and no country ("Goma" of no known country agrees with the DRC; Israel does not with
    Egypt)."""
    countries = ({r.country for r in a if r.country}, {r.country for r in b if r.country})
    if not all(countries):
        return True
    return bool(countries[0] & countries[1] or {r.id for r in a} & {r.id for r in b})


def corefer(earlier: Event, later: Event) -> bool:
    """Could ``later`` name the happening ``earlier`` was coded for?  Same type, both told as
    having happened (asserted or reported) or with the same modality, no disagreeing argument."""
    if earlier.type != later.type or earlier.happened != later.happened or (
            not earlier.happened and (earlier.negated, earlier.modality) != (later.negated, later.modality)):
        return False
    if not (_agree(earlier.actors, later.actors) and _agree(earlier.recipients, later.recipients)):
        return False
    if earlier.location and later.location and earlier.location.country != later.location.country:
        return False
    if earlier.time and later.time and earlier.time.begin and later.time.begin:
        ends = (earlier.time.end_date or earlier.time.begin, later.time.end_date or later.time.begin)
        if earlier.time.begin > ends[1] or later.time.begin > ends[0]:
            return False
    return True


def _magnitude(a: Magnitude | None, b: Magnitude | None) -> Magnitude | None:
    """Counts of either mention, the earlier one's where both give one."""
    if a is None or b is None:
        return a or b
    return Magnitude(**{name: getattr(a, name) if getattr(a, name) is not None else getattr(b, name)
                        for name in Magnitude.__dataclass_fields__})


def merged(event: Event, mention: Event, sources: bool = True) -> Event:
    """``event`` with ``mention`` folded in: what it lacks, taken from the mention, and the
    mention's ``sources`` (not a headline's: it sums up what the body attributes)."""
    location = event.location or mention.location
    return replace(
        event,
        actors=event.actors or mention.actors,
        recipients=event.recipients or mention.recipients,
        location=location,
        location_role=event.location_role if event.location else mention.location_role,
        time=event.time or mention.time,
        magnitude=_magnitude(event.magnitude, mention.magnitude),
        sources=event.sources + tuple(s for s in mention.sources if sources and s not in event.sources),
        mentions=(*event.mentions, mention.trigger, *mention.mentions),
        rules=tuple(dict.fromkeys((*event.rules, RULE))),
    )
