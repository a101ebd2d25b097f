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


# A place's way up the parse: each token from its root up, with the role the prepositions
# passed on the way give it (None before any).
_Path = tuple[tuple[int, str | None], ...]


def _path(place_root: Token) -> _Path:
    """The tokens an event trigger may sit on to take the place, from the place's root up: the
    walk stops at a clause boundary, at a preposition that gives no role, at the root of the
    parse, or after MAX_PATH steps."""
    rules = load_rules()
    role: str | None = None
    token, path = place_root, [(place_root.i, None)]
    for _ in range(MAX_PATH):
        head = token.head
        if head.i == token.i or token.dep_ in _CLAUSE_DEPS:
            break
        if token.pos_ == "ADP" and role is None:
            role = rules.role_of_preposition.get(token.lower_)
            if role is None and token.lower_ not in ("of", "for", "with"):
                break
        token = head
        path.append((token.i, role))
    return tuple(path)


def _role_on_path(path: _Path, anchors: set[int]) -> tuple[str, int] | None:
    """The role of the place's attachment to an anchor token, and the path length."""
    for steps, (i, role) in enumerate(path):
        if i in anchors:
            return (role or "site"), steps
    return None


def _anchors(trigger: Span) -> set[int]:
    """The trigger's tokens, plus the verb governing a noun trigger ("carried out strikes")."""
    anchors = set(range(trigger.start, trigger.end))
    root = trigger.root
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        anchors.add(root.head.i)
    return anchors


_BY_SENTENCE = "tidings.geo.places_by_sentence"


class _DocPlaces:
    """The places of a Doc sorted by offset, built once per Doc (kept in ``user_data``, rebuilt
    when ``doc._.places`` is replaced), so that each event costs only a binary search and its
    sentence's places.  Whether a place is a dateline, its tokens and its path up the parse
    are worked out the first time an event asks, once however many events its sentence has."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places  # as set on the Doc, to tell when it is replaced
        self.ordered = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.ordered]
        self._datelines: dict[int, bool] = {}  # by position in ``ordered``, as the others
        self._attachments: dict[int, tuple[range, _Path] | None] = {}

    @classmethod
    def of(cls, doc: Doc) -> _DocPlaces:
        places = doc._.places or []
        cached = doc.user_data.get(_BY_SENTENCE)
        if cached is None or cached.places is not places:
            cached = doc.user_data[_BY_SENTENCE] = cls(places)
        return cached

    def in_sentence(self, doc: Doc, sentence: Span, include_dateline: bool,
                    agents: Sequence[ActorRef]) -> list[int]:
        """The places (by position in ``ordered``) within a sentence, not named as agents."""
        first = bisect_left(self.starts, sentence.start_char)
        last = bisect_left(self.starts, sentence.end_char)
        return [k for k in range(first, last)
                if (include_dateline or not self.in_dateline(doc, k))
                and not any(a.start <= self.ordered[k].start and self.ordered[k].end <= a.end
                            for a in agents)]

    def in_dateline(self, doc: Doc, k: int) -> bool:
        """Whether place ``k`` opens a paragraph as its dateline."""
        if k not in self._datelines:
            self._datelines[k] = in_dateline(doc_text(doc), self.ordered[k])
        return self._datelines[k]

    def attachment(self, doc: Doc, k: int) -> tuple[range, _Path] | None:
        """The tokens of place ``k`` and its path up the parse; None when its offsets fall
        on no tokens."""
        if k not in self._attachments:
            place = self.ordered[k]
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            self._attachments[k] = None if span is None else (
                range(span.start, span.end), _path(span.root))
        return self._attachments[k]


def _attached(doc: Doc, places: _DocPlaces, candidates: list[int], trigger: Span
              ) -> list[tuple[Place, str]]:
    """The ``candidates`` places the parse attaches to the trigger, with their roles, nearest
    first."""
    if not candidates:
        return []
    anchors = _anchors(trigger)
    found: list[tuple[int, Place, str]] = []
    for k in candidates:
        attachment = places.attachment(doc, k)
        if attachment is None or not anchors.isdisjoint(attachment[0]):
            continue
        attached = _role_on_path(attachment[1], anchors)
        if attached is not None:
            role, steps = attached
            found.append((steps, places.ordered[k], role))
    found.sort(key=lambda item: (item[0], specificity(item[1])))
    return [(place, role) for _, place, role in found]


def event_places(doc: Doc, trigger: Span, sentence: Span, *, include_dateline: bool = False,
                 agents: Sequence[ActorRef] = ()) -> list[tuple[Place, str]]:
    """Every place the parse attaches to the event, with its role, nearest first.

    A place named as one of the event's ``agents`` ("an alliance between Israel and Egypt") is
    who acted, not where, and is left out.
    """
    places = _DocPlaces.of(doc)
    candidates = places.in_sentence(doc, sentence, include_dateline, agents)
    return _attached(doc, places, candidates, trigger)


def locate_event(doc: Doc, trigger: Span, sentence: Span, *, include_dateline: bool = False,
                 agents: Sequence[ActorRef] = ()) -> tuple[Place | None, str | None]:
    """The place of an event and its role (site, origin, destination), or ``(None, None)``.

    The attached site wins, then the destination, then the origin; with nothing attached, the
    most specific place of the sentence (nearest the trigger on ties) with role ``None``.
    Places named as the event's ``agents`` are never its location.
    """
    places = _DocPlaces.of(doc)
    candidates = places.in_sentence(doc, sentence, include_dateline, agents)
    attached = _attached(doc, places, candidates, trigger)
    for wanted in ROLE_ORDER:
        for place, role in attached:
            if role == wanted:
                return place, role
    if not candidates:
        return None, None
    middle = (trigger.start_char + trigger.end_char) / 2
    best = min((places.ordered[k] for k in candidates),
               key=lambda p: (specificity(p), abs((p.start + p.end) / 2 - middle)))
    return best, None
