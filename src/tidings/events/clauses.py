"""Where a trigger sits in its clause: the quantity phrase it is counted by, the light verb
that lends it a subject, the verb it is the circumstance of, the event a noun like "move"
stands for, and the understood subject of a verb without one."""

from __future__ import annotations

from spacy.tokens import Token

from .. import syntax
from ..nlp import children_of
from .lexicon import Lexicon


def stand_in(lex: Lexicon, noun: Token) -> Token:
    """The quantity phrase a noun is counted by ("a string of bombings" -> "string")."""
    while (noun.dep_ == "pobj" and noun.head.lower_ in lex.quantity_preps
           and (noun.head.head.lemma_.lower() in lex.quantity_heads
                or noun.head.head.like_num)):
        noun = noun.head.head
    return noun


def apposed_event(lex: Lexicon, noun: Token) -> Token | None:
    """The event a noun like "move" or "ruling" stands for, set beside it ("detained a
    journalist, a move ...", "in a ruling condemned by Britain")."""
    token = noun
    for _ in range(lex.limits.apposition_steps):
        if token.dep_ not in ("appos", "npadvmod", "dobj", "attr", "pobj", "prep") \
                or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "NOUN") and lex.trigger_for(token) is not None:
            return token
    return None


def controller(lex: Lexicon, verb: Token, depth: int = 0) -> list[Token]:
    """The understood subject of a verb without one: its controller up the parse."""
    head, dep = verb.head, verb.dep_
    if head.i == verb.i or depth > lex.limits.controller_steps:
        return []
    if dep == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif dep == "xcomp" and head.dep_ == "acomp":  # "is willing to withdraw"
        head, dep = head.head, "xcomp"
    elif dep == "acl" and head.dep_ == "dobj" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children_of(verb)) and (
            head.head.lemma_.lower() in lex.support_verbs):
        subject = syntax.subject(head.head)  # "signed agreements to cooperate"
        return syntax.conjuncts(subject) if subject is not None else []
    elif dep in ("relcl", "acl") and head.pos_ in syntax.NOMINAL_POS:
        return [head]
    elif dep not in ("xcomp", "advcl", "conj", "ccomp"):
        return []
    if dep in ("xcomp", "pcomp") and head.lemma_.lower() in lex.object_control:
        obj = syntax.direct_object(head) or next(
            iter(syntax.prep_objects(head, lex.control_preps)), None)
        if obj is not None:
            return syntax.conjuncts(obj)
    subject = syntax.subject(head)
    if subject is not None:
        if syntax.is_passive(head) and head.lemma_.lower() not in lex.object_control:
            agent = syntax.agent(head)
            return syntax.conjuncts(agent) if agent is not None else syntax.conjuncts(subject)
        return syntax.conjuncts(subject)
    return controller(lex, head, depth + 1)


def circumstance_verb(lex: Lexicon, noun: Token) -> Token | None:
    """The verb a nominal event is the circumstance of ("praised X during a visit", "killed
    five in a raid"): its subject did both."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in lex.circumstance_preps:
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" and prep.dep_ == "prep" else None


def support_verb(lex: Lexicon, noun: Token) -> Token | None:
    """The light verb whose object the noun is, if any ("held talks")."""
    head = noun.head
    lemma = head.lemma_.lower()
    if noun.dep_ in ("dobj", "nsubjpass") and (lemma in lex.support_verbs
                                               or lemma in lex.lending_verbs
                                               or lemma in lex.receiving_verbs):
        return head
    if noun.dep_ != "pobj":
        return None
    prep = head
    for frame in lex.support_frames:
        if prep.lower_ != frame.prep:
            continue
        governor = prep.head
        if frame.object is None and governor.lemma_.lower() in frame.verbs:
            return governor
        if (frame.object is not None and governor.lemma_.lower() == frame.object
                and governor.head.lemma_.lower() in frame.verbs):
            return governor.head
    return None
