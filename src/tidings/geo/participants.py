"""Places tied to an event that say who took part or who someone is, not where it happened.

A seat of government standing for its government ("the White House said"), a party-state label
("(R-Ky.)"), a demonym, a place that is the subject, agent or recipient of the event ("Moscow
said", "blamed the attacks on Russia", "relations with the Philippines") or that describes a
person ("an Ohio man") is never an event's location.  The word lists are the ``event_place``
section of ``data/geo/rules.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from ..syntax import PREDICATE_POS, coordinated_under
from .rules import ANY_HEAD, GeoRules

MAX_CLIMB = 6  # how far a place's description of people is looked for up the parse
# Relations along which a place describes the noun above it ("an Ohio man", "residents of
# Aleppo"); the climb stops at any other ("the Benghazi attack was ..." describes no one).
MODIFIER_RELATIONS = frozenset({"compound", "amod", "poss", "pobj", "prep", "appos", "nmod",
                                "npadvmod", "conj", "cc"})
_ARTICLE = "the "


def is_participant(span: Span, text: str, rules: GeoRules) -> bool:
    """True when the place in ``span`` of a Doc whose text is ``text`` is a participant or a
    description, not a location (whatever the event)."""
    root = coordinated_under(span.root, pos=None)[-1]  # "Israel and Egypt said": both subjects
    return (_is_office(span, rules) or _after_party_label(span, text, rules)
            or _is_demonym(span, rules) or _is_argument(root, rules)
            or _is_recipient(root, rules) or _describes_people(span, root, rules))


def is_possessor_of(span: Span, anchors: set[int]) -> bool:
    """True when the place owns the trigger ("Russia's invasion"): the actor, not the site."""
    root = span.root
    return root.dep_ == "poss" and root.head.i in anchors


def _is_office(span: Span, rules: GeoRules) -> bool:
    name = span.text.lower()
    return name.removeprefix(_ARTICLE) in rules.event_place.offices


@lru_cache(maxsize=4)
def _party_label(labels: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"\(\s*(?:{words})\.?\s*[-–—]\s*$")


def _after_party_label(span: Span, text: str, rules: GeoRules) -> bool:
    before = text[max(0, span.start_char - 12):span.start_char]
    return bool(_party_label(rules.event_place.party_labels).search(before))


def _is_demonym(span: Span, rules: GeoRules) -> bool:
    if " ".join(span.text.split()) not in rules.demonyms:
        return False
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is None or following.lower_ not in rules.demonym_place_nouns


def _is_argument(root: Token, rules: GeoRules) -> bool:
    """The subject, agent or indirect object of its verb, or its object or passive subject
    when the verb does not act on places ("blamed Moscow")."""
    relation, head = root.dep_, root.head
    if relation in rules.event_place.participant_relations:
        return True
    if relation == "pobj" and head.dep_ == "agent":
        return True
    if relation in ("dobj", "nsubjpass"):
        lemma = head.lemma_.lower()
        return lemma not in rules.place_object_verbs and lemma not in rules.event_place.site_object_verbs
    return False


def _is_recipient(root: Token, rules: GeoRules) -> bool:
    """The object of a preposition marking a partner or recipient under its head word, or
    under the verb of the object it hangs on ("blamed the attacks on Russia")."""
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    heads = rules.event_place.recipient_prepositions.get(preposition.lower_)
    if not heads:
        return False
    head = preposition.head
    lemmas = {head.lemma_.lower()}
    if head.dep_ == "dobj":
        lemmas.add(head.head.lemma_.lower())
    return ANY_HEAD in heads or not lemmas.isdisjoint(heads)


def _describes_people(span: Span, root: Token, rules: GeoRules) -> bool:
    """True when a person, a group of people or an organisation lies between the place and
    its verb, other than through a site preposition ("an Ohio man", "residents of Aleppo",
    "the U.S. Army"; not "arrested a man in Dallas")."""
    words = rules.event_place
    token = root
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i or token.dep_ not in MODIFIER_RELATIONS:
            return False
        token = token.head
        if token.pos_ in PREDICATE_POS or rules.role_of_preposition.get(token.lower_) == "site":
            return False
        if span.start <= token.i < span.end or token.pos_ == "ADP":
            continue
        if (token.ent_type_ in words.people_labels or token.pos_ == "PRON"
                or token.lemma_.lower() in words.people_nouns):
            return True
    return False
