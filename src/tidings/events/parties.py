"""The actors an argument names: read off the actor mentions on the Doc, through possessors,
"of" complements, examples, owners and the place named inside the phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import docs, syntax
from ..model import ActorRef, Place
from ..nlp import children_of
from . import phrases
from .index import DocIndex
from .lexicon import Lexicon

def argument_refs(lex: Lexicon, doc: Doc, token: Token, depth: int = 0) -> list[ActorRef]:
    """The actors a nominal argument names: the phrase's own actors (coordinated ones
    included), a pronoun's antecedent, or - for a generic head - its possessor, its "of"
    complement or the examples it lists ("members of Hamas", "groups like ISIS")."""
    if depth > lex.limits.argument_steps:
        return []
    token = syntax.relative_antecedent(token, lex.relative_pronouns) or token
    if token.pos_ in ("PRON", "ADJ"):
        ref = docs.actor_for_token(doc, token)
        if ref is None and token.pos_ == "PRON" and token.head.dep_ == "ccomp":
            antecedent = syntax.subject(token.head.head)  # "X said it attacked"
            return argument_refs(lex, doc, antecedent, depth + 1) if antecedent is not None else []
        return [ref] if ref is not None else []
    refs = possessed(lex, doc, token, docs.actor_for_span(
        doc, Span(doc, token.left_edge.i, token.right_edge.i + 1)))
    if (not refs or all(r.country is None for r in refs)) and names_party(lex, token):
        place = inner_place(lex, doc, [token])  # "the warring parties in Sudan"
        if place is not None:
            return list(placed_refs(tuple(refs), place))
    if refs:
        return refs
    for child in children_of(token):
        if child.dep_ in ("amod", "compound") and child.pos_ in ("ADJ", "PROPN"):
            refs.extend(r for c in (child, *child.conjuncts)  # "Brazilian truckers"
                        if (r := docs.actor_for_token(doc, c)) is not None)
    if refs:
        return refs
    for child in children_of(token):
        if child.dep_ == "poss":
            refs.extend(argument_refs(lex, doc, child, depth + 1))
        elif child.dep_ == "prep" and child.lower_ in lex.example_preps:
            for example in (c for c in children_of(child) if c.dep_ == "pobj"):
                for item in syntax.conjuncts(example):
                    refs.extend(argument_refs(lex, doc, item, depth + 1))
    if not refs:  # "demands from ECOWAS", "targets belonging to Hezbollah"
        for owner in owners(lex, token):
            refs.extend(argument_refs(lex, doc, owner, depth + 1))
    return refs


def possessed(lex: Lexicon, doc: Doc, token: Token, refs: list[ActorRef]) -> list[ActorRef]:
    """The actors of a phrase with a possessor, read as its owner: a possessive pronoun
    gives way to the phrase's own actor ("his Russian counterpart" is Russia's), and the
    possessor of a thing that is no actor is its owner ("Finland's NATO membership")."""
    poss = next((c for c in children_of(token) if c.dep_ == "poss"), None)
    if poss is None or len(refs) < 2:
        return refs
    start, end = poss.left_edge.idx, poss.right_edge.idx + len(poss.right_edge)
    inside = [r for r in refs if start <= r.start and r.end <= end]
    if poss.pos_ == "PRON":
        return [r for r in refs if r not in inside] or refs
    if inside and docs.actor_for_token(doc, token) is None:
        return inside
    others = {r.country for r in refs if r not in inside}  # "Sudan's RSF" is the RSF
    return [r for r in refs if r not in inside or r.country not in others]


def owners(lex: Lexicon, token: Token) -> list[Token]:
    """Who owns a thing: the object of an owner preposition ("a proposal by Qatar") or of
    an owning participle ("facilities controlled by the SDF")."""
    owners = syntax.prep_objects(token, lex.owner_preps)
    for child in children_of(token):
        link = lex.owner_links.get(child.lemma_.lower()) if child.dep_ == "acl" else None
        agent = syntax.agent(child) if link == "by" else None
        if agent is not None:
            owners.extend(syntax.conjuncts(agent))
        elif link:
            owners.extend(syntax.prep_objects(child, frozenset({link})))
    return owners


def inner_place(lex: Lexicon, doc: Doc, arguments: list[Token]) -> Place | None:
    """A place in a country named inside an argument phrase ("teachers in Nigeria",
    "dock workers at Chile's ports")."""
    places = DocIndex.of(doc).places_by_start
    for argument in arguments:
        for prep in (c for c in children_of(argument)
                     if c.dep_ == "prep" and c.lower_ in lex.locating_preps):
            place = next((places[t.idx] for t in prep.subtree if t.idx in places), None)
            if place is not None:
                return place
    return None


def names_party(lex: Lexicon, token: Token) -> bool:
    """True when an argument the actors stage left unresolved still names people or a body
    able to act ("farmers", "hundreds of supporters", "several states")."""
    token = phrases.counted(token, lex)
    return token.pos_ in ("NOUN", "PROPN") and bool(
        {token.lemma_.lower(), token.lower_} & lex.party_nouns)


def acts_alone(lex: Lexicon, token: Token) -> bool:
    """True for a subject that acts without anyone acting ("a storm destroyed homes")."""
    token = phrases.counted(token, lex)
    return bool({token.lemma_.lower(), token.lower_} & lex.natural_forces)


def event_site(lex: Lexicon, doc: Doc, trigger: Span, sentence: Span, roles: tuple[str, ...],
          away_from: list[Token]) -> Place | None:
    """The nearest place in a country attached to the event in one of ``roles`` (in their
    order), outside the argument phrases ``away_from`` ("police in Georgia")."""
    spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in away_from]
    attached = [(place, role) for place, role in docs.attached_places(doc, trigger, sentence)
                if place.country and not any(a <= place.start < b for a, b in spans)]
    return next((place for wanted in roles for place, role in attached if role == wanted),
                None)


def placed_refs(refs: tuple[ActorRef, ...], site: Place) -> tuple[ActorRef, ...]:
    """Arguments given the country of the event's place: the country itself when there are
    none, each bare sector placed in it ("students" -> NGA-EDU), or unchanged otherwise."""
    if not refs:
        return (docs.country_ref(site.country, site.start, site.end, site.text),)
    placed = [docs.placed(ref, site.country) for ref in refs]
    return refs if None in placed else tuple(placed)


def unique_refs(refs) -> tuple[ActorRef, ...]:
    seen: dict[str, ActorRef] = {}
    for ref in refs:
        if ref is not None and ref.id not in seen:
            seen[ref.id] = ref
    return tuple(seen.values())
