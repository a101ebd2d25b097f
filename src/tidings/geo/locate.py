"""Where an event happened: the place the parse attaches to its trigger, with a role.

Roles come from the preposition nearest the place on the path to the trigger: ``site`` (in,
at, near, ...; also compounds and modifiers such as "Donbas shelling"), ``origin`` (from, out of)
and ``destination`` (into, to, toward).  :func:`locate_event` returns the site when there is one,
else the destination (where the act lands: rockets fired "from A into B" strike B), else the
origin.  With no place attached it falls back to the most specific place of the sentence with
role ``None``.  A dateline place ("GAZA CITY (Reuters) -") is never used unless asked for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef, Place
from ..nlp import doc_text
from .rules import load_rules

_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Za-z .,'’-]{1,60}?(?:\s*\([^)\n]{1,40}\))?\s*(?:[-—–]{1,2}|:)\s", re.M)
PRECISION_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
ROLE_ORDER = ("site", "destination", "origin")


def specificity(place: Place) -> int:
    """Lower is more specific; regions beyond one country rank after countries."""
    if place.precision == "region" and place.country is None:
        return len(PRECISION_RANK)
    return PRECISION_RANK.get(place.precision, len(PRECISION_RANK))

MAX_PATH = 5
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis"})


def in_dateline(text: str, place: Place) -> bool:
    """True when the place opens a paragraph as its dateline."""
    line_start = text.rfind("\n", 0, place.start) + 1
    if text[line_start:place.start].strip():
        return False
    match = _DATELINE.match(text, line_start)
    return bool(match) and match.end() > place.end


def _role_on_path(place_root: Token, anchors: set[int]) -> tuple[str, int] | None:
    """The role of the place's attachment to an anchor token, and the path length."""
    rules = load_rules()
    role: str | None = None
    token, steps = place_root, 0
    while steps <= MAX_PATH:
        if token.i in anchors:
            return (role or "site"), steps
        if token.head is token or token.dep_ in _CLAUSE_DEPS:
            return None
        if token.pos_ == "ADP" and role is None:
            role = rules.role_of_preposition.get(token.lower_)
            if role is None and token.lower_ not in ("of", "for", "with"):
                return None
        token, steps = token.head, steps + 1
    return None


def _anchors(trigger: Span) -> set[int]:
    """The trigger's tokens, plus the verb governing a noun trigger ("carried out strikes")."""
    anchors = {t.i for t in trigger}
    root = trigger.root
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        anchors.add(root.head.i)
    return anchors


_BY_SENTENCE = "tidings.geo.places_by_sentence"


def _sentence_places(doc: Doc, sentence: Span, include_dateline: bool) -> list[Place]:
    """The places within a sentence, from an index sorted by offset that is built once per Doc
    (kept in ``user_data``, rebuilt when ``doc._.places`` is replaced): each event costs only
    a binary search and its sentence's places."""
    places = doc._.places or []
    cached = doc.user_data.get(_BY_SENTENCE)
    if cached is None or cached[0] is not places:
        text = doc_text(doc)
        ordered = sorted(places, key=lambda p: p.start)
        cached = (places, [p.start for p in ordered],
                  [(p, in_dateline(text, p)) for p in ordered])
        doc.user_data[_BY_SENTENCE] = cached
    _, starts, entries = cached
    first = bisect_left(starts, sentence.start_char)
    last = bisect_left(starts, sentence.end_char)
    return [place for place, dateline in entries[first:last] if include_dateline or not dateline]


def _places_not_agents(doc: Doc, sentence: Span, include_dateline: bool,
                       agents: Sequence[ActorRef]) -> list[Place]:
    return [p for p in _sentence_places(doc, sentence, include_dateline)
            if not any(a.start <= p.start and p.end <= a.end for a in agents)]


def event_places(doc: Doc, trigger: Span, sentence: Span, *, include_dateline: bool = False,
                 agents: Sequence[ActorRef] = ()) -> list[tuple[Place, str]]:
    """Every place the parse attaches to the event, with its role, nearest first.

    A place named as one of the event's ``agents`` ("an alliance between Israel and Egypt") is
    who acted, not where, and is left out.
    """
    anchors = _anchors(trigger)
    found: list[tuple[int, Place, str]] = []
    for place in _places_not_agents(doc, sentence, include_dateline, agents):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or any(t.i in anchors for t in span):
            continue
        attached = _role_on_path(span.root, anchors)
        if attached is not None:
            role, steps = attached
            found.append((steps, place, role))
    found.sort(key=lambda item: (item[0], specificity(item[1])))
    return [(place, role) for _, place, role in found]


def locate_event(doc: Doc, trigger: Span, sentence: Span, *, include_dateline: bool = False,
                 agents: Sequence[ActorRef] = ()) -> tuple[Place | None, str | None]:
    """The place of an event and its role (site, origin, destination), or ``(None, None)``.

    The attached site wins, then the destination, then the origin; with nothing attached, the
    most specific place of the sentence (nearest the trigger on ties) with role ``None``.
    Places named as the event's ``agents`` are never its location.
    """
    attached = event_places(doc, trigger, sentence, include_dateline=include_dateline, agents=agents)
    for wanted in ROLE_ORDER:
        for place, role in attached:
            if role == wanted:
                return place, role
    in_sentence = _places_not_agents(doc, sentence, include_dateline, agents)
    if not in_sentence:
        return None, None
    middle = (trigger.start_char + trigger.end_char) / 2
    best = min(in_sentence, key=lambda p: (specificity(p),
                                           abs((p.start + p.end) / 2 - middle)))
    return best, None
