"""Where an event happened: the place the parse attaches to its trigger, with a role.

Roles come from the preposition nearest the place on the path to the trigger: ``site`` (in,
at, near, ...; also compounds and modifiers such as "Donbas shelling"), ``origin`` (from, out of)
and ``destination`` (into, to, toward).  :func:`locate_event` returns the site when there is one,
else the destination (where the act lands: rockets fired "from A into B" strike B), else the
origin.  With no place attached it falls back to the most specific place of the event's own
clause (participle and coordinated clauses included) with role ``None``.  A place that is a
participant or a description (:mod:`tidings.geo.participants`) is never the location; a dateline
place ("GAZA CITY (Reuters) -") is used only when asked for, and then when nothing else is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import ActorRef, Place
from ..nlp import doc_text
from ..syntax import clause_family, predicate
from .participants import is_participant, is_possessor_of
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
            if role is None and token.lower_ not in rules.pass_through_prepositions:
                break
        token = head
        path.append((token.i, role))
    return tuple(path)


def _role_on_path(path: _Path, anchors: set[int], others: Collection[int]
                  ) -> tuple[str, int] | None:
    """The role of the place's attachment to an anchor token, and the path length; None when
    the path passes another event's trigger first ("condemned the strikes in Aleppo": the
    strikes' place, not the condemnation's)."""
    for steps, (i, role) in enumerate(path):
        if i in anchors:
            return (role or "site"), steps
        if steps and i in others:
            return None
    return None


def _through_other_event(path: _Path, anchors: set[int], others: Collection[int]) -> bool:
    """True when the place's path up the parse passes another event's trigger."""
    return any(i in others and i not in anchors for i, _ in path[1:])


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
        self._attachments: dict[int, tuple[Span, _Path] | None] = {}
        self._participants: dict[int, bool] = {}

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

    def is_participant(self, doc: Doc, k: int) -> bool:
        """Whether place ``k`` names a participant or describes someone (never a location)."""
        if k not in self._participants:
            attachment = self.attachment(doc, k)
            self._participants[k] = attachment is not None and is_participant(
                attachment[0], doc_text(doc), load_rules())
        return self._participants[k]

    def dateline(self, doc: Doc) -> Place | None:
        """The place opening the article as its dateline, if any."""
        return self.ordered[0] if self.ordered and self.in_dateline(doc, 0) else None

    def in_dateline(self, doc: Doc, k: int) -> bool:
        """Whether place ``k`` opens a paragraph as its dateline."""
        if k not in self._datelines:
            self._datelines[k] = in_dateline(doc_text(doc), self.ordered[k])
        return self._datelines[k]

    def attachment(self, doc: Doc, k: int) -> tuple[Span, _Path] | None:
        """The tokens of place ``k`` and its path up the parse; None when its offsets fall
        on no tokens."""
        if k not in self._attachments:
            place = self.ordered[k]
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            self._attachments[k] = None if span is None else (span, _path(span.root))
        return self._attachments[k]


def _attached(doc: Doc, places: _DocPlaces, candidates: list[int], trigger: Span,
              others: Collection[int] = ()) -> list[tuple[Place, str]]:
    """The ``candidates`` places the parse attaches to the trigger, with their roles, nearest
    first."""
    if not candidates:
        return []
    anchors = _anchors(trigger)
    found: list[tuple[int, Place, str]] = []
    for k in candidates:
        attachment = places.attachment(doc, k)
        if attachment is None or not anchors.isdisjoint(range(attachment[0].start,
                                                               attachment[0].end)):
            continue
        if is_possessor_of(attachment[0], anchors):
            continue
        attached = _role_on_path(attachment[1], anchors, others)
        if attached is not None:
            role, steps = attached
            found.append((steps, places.ordered[k], role))
    found.sort(key=lambda item: (item[0], specificity(item[1])))
    return [(place, role) for _, place, role in found]


def event_places(doc: Doc, trigger: Span, sentence: Span, *, include_dateline: bool = False,
                 agents: Sequence[ActorRef] = (), others: Collection[int] = ()
                 ) -> list[tuple[Place, str]]:
    """Every place the parse attaches to the event, with its role, nearest first (participants
    included: the events stage reads parties from them, "a ceasefire with X").

    A place named as one of the event's ``agents`` ("an alliance between Israel and Egypt") is
    who acted, not where, and is left out.
    """
    places = _DocPlaces.of(doc)
    candidates = places.in_sentence(doc, sentence, include_dateline, agents)
    return _attached(doc, places, candidates, trigger)


def locate_event(doc: Doc, trigger: Span, sentence: Span, *, include_dateline: bool = False,
                 agents: Sequence[ActorRef] = (), others: Collection[int] = ()
                 ) -> tuple[Place | None, str | None]:
    """The place of an event and its role (site, origin, destination), or ``(None, None)``.

    The attached site wins, then the destination, then the origin; with nothing attached, the
    most specific place of the event's own clause (nearest the trigger on ties) with role
    ``None``; with ``include_dateline`` and nothing else, the article's dateline place.
    Places named as the event's ``agents`` are never its location, nor those reached through
    the ``others`` tokens (the triggers of the Doc's other events).
    """
    places = _DocPlaces.of(doc)
    candidates = [k for k in places.in_sentence(doc, sentence, False, agents)
                  if not places.is_participant(doc, k)]
    attached = _attached(doc, places, candidates, trigger, others)
    for wanted in ROLE_ORDER:
        for place, role in attached:
            if role == wanted:
                return place, role
    in_clause = _in_clause(doc, places, candidates, trigger, others)
    if not in_clause:
        dateline = places.dateline(doc) if include_dateline else None
        return (dateline, None) if dateline is not None else (None, None)
    middle = (trigger.start_char + trigger.end_char) / 2
    best = min(in_clause, key=lambda p: (specificity(p), abs((p.start + p.end) / 2 - middle)))
    return best, None


def _in_clause(doc: Doc, places: _DocPlaces, candidates: list[int], trigger: Span,
               others: Collection[int]) -> list[Place]:
    """The ``candidates`` places whose predicate belongs to the event's own clause, not
    reached through another event's trigger."""
    family = clause_family(trigger.root)
    anchors = _anchors(trigger)
    found = []
    for k in candidates:
        attachment = places.attachment(doc, k)
        if (attachment is not None and predicate(attachment[0].root).i in family
                and not is_possessor_of(attachment[0], anchors)
                and not _through_other_event(attachment[1], anchors, others)):
            found.append(places.ordered[k])
    return found
