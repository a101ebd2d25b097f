"""Parse helpers shared by the stages: subject, object, agent, passive, negation, clause head
and coordination, each read off spaCy's dependency parse (ClearNLP labels) in one place.

The functions take the relations that count as parameters where the stages differ, so a stage
asks for what it needs ("the subject, passive subject included") instead of keeping its own
variant.  They read children through :func:`tidings.nlp.children_of` (listed once per Doc).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Token

from .nlp import children_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# Relations through which a clause hangs on the verb whose clause it continues.
CLAUSE_LINKS = frozenset({"xcomp", "conj", "advcl"})


def subject(verb: Token, deps: Collection[str] = SUBJECT_DEPS, *, participle: bool = True,
            skip: Callable[[Token], bool] | None = None) -> Token | None:
    """The verb's first child in one of ``deps`` (leaving out those ``skip`` rejects); with
    ``participle``, a past participle modifying a noun takes that noun ("troops backed by
    Iran": troops)."""
    for child in children_of(verb):
        if child.dep_ in deps and (skip is None or not skip(child)):
            return child
    return verb.head if participle and is_participle_modifier(verb) else None


def direct_object(verb: Token, deps: Collection[str] = OBJECT_DEPS) -> Token | None:
    """The verb's first child in one of ``deps`` (its direct object by default)."""
    return next((c for c in children_of(verb) if c.dep_ in deps), None)


def agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase ("was attacked by rebels": rebels)."""
    by = next((c for c in children_of(verb) if c.dep_ == "agent"), None)
    return next((c for c in children_of(by) if c.dep_ == "pobj"), None) if by is not None else None


def is_participle_modifier(verb: Token) -> bool:
    """A past participle modifying a noun ("troops backed by Iran")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def is_passive(verb: Token, *, participle: bool = True) -> bool:
    """True for a passive verb (a passive subject or auxiliary); with ``participle``, a past
    participle modifying a noun counts too."""
    return (any(c.dep_ in PASSIVE_DEPS for c in children_of(verb))
            or (participle and is_participle_modifier(verb)))


def is_negation(word: Token) -> bool:
    """A negating word: "not", "never" (``neg``) or the determiner "no"."""
    return word.dep_ == "neg" or (word.dep_ == "det" and word.lower_ == "no")


def negated(token: Token) -> bool:
    """True when one of the token's own children negates it ("did not attack", "no talks")."""
    return any(is_negation(c) for c in children_of(token))


def clause_head(token: Token, through: Collection[str] = CLAUSE_LINKS, limit: int = 6) -> Token:
    """The verb whose clause ``token`` continues: up the parse while the relation is one of
    ``through`` ("wanted to leave" -> wanted; "met and agreed" -> met), at most ``limit``
    steps."""
    for _ in range(limit):
        if token.dep_ not in through or token.head.i == token.i:
            break
        token = token.head
    return token


def conjuncts(token: Token, pos: Collection[str] = NOMINAL_POS) -> list[Token]:
    """The token and the words coordinated after it with a part of speech in ``pos``
    ("Israel and Egypt": both)."""
    return [token, *(c for c in token.conjuncts if c.pos_ in pos and c.i > token.i)]


def coordinated_under(token: Token, pos: Collection[str] | None = NOUN_POS) -> list[Token]:
    """The token and the words it is coordinated under (with a part of speech in ``pos``; any
    when None), nearest first ("Israel, Egypt and Jordan": Jordan, Egypt, Israel)."""
    chain = [token]
    while chain[-1].dep_ == "conj" and (pos is None or chain[-1].head.pos_ in pos):
        chain.append(chain[-1].head)
    return chain


def prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """The objects (with their conjuncts) of the token's prepositions in ``preps``."""
    out: list[Token] = []
    for prep in children_of(token):
        if prep.dep_ == "prep" and prep.lower_ in preps:
            out.extend(o for p in children_of(prep) if p.dep_ == "pobj" for o in conjuncts(p))
    return out


def relation(token: Token) -> str:
    """The token's relation to its clause, read through coordination: in "Israel and Egypt
    said", Egypt is a subject (``nsubj``) as Israel is."""
    return coordinated_under(token, pos=None)[-1].dep_


def relative_antecedent(pronoun: Token, pronouns: Collection[str]) -> Token | None:
    """The noun a relative pronoun in ``pronouns`` stands for ("the group that claimed the
    attack": group), or None when the word is no such pronoun."""
    if pronoun.lower_ in pronouns and pronoun.head.dep_ == "relcl":
        return pronoun.head.head
    return None


PREDICATE_POS = frozenset({"VERB", "AUX"})
# Relations through which a clause without a subject of its own continues its head's event
# ("exploded, killing four"; "met and agreed"; "wanted to leave").
SHARED_CLAUSE_LINKS = frozenset({"xcomp", "conj", "advcl"})


def predicate(token: Token, limit: int = 6) -> Token:
    """The nearest verb at or above ``token`` (the last word reached after ``limit`` steps, or
    the root)."""
    for _ in range(limit):
        if token.pos_ in PREDICATE_POS or token.head.i == token.i:
            break
        token = token.head
    return token


def shares_clause(verb: Token) -> bool:
    """True for a verb continuing its head's clause: linked by one of SHARED_CLAUSE_LINKS and
    with no subject of its own."""
    return (verb.pos_ in PREDICATE_POS and verb.dep_ in SHARED_CLAUSE_LINKS
            and verb.head.i != verb.i and subject(verb, participle=False) is None)


def clause_top(token: Token, limit: int = 6) -> Token:
    """The predicate heading the event clause ``token`` belongs to: its predicate, then up
    while the clause continues its head's (see :func:`shares_clause`)."""
    top = predicate(token)
    for _ in range(limit):
        if not shares_clause(top):
            break
        top = top.head
    return top


def clause_family(token: Token) -> frozenset[int]:
    """The predicates (by index) of the event clause ``token`` belongs to: its
    :func:`clause_top` and the clauses continuing it; reported, relative and noun clauses
    ("said Monday", "the letter sent Friday") are other events' clauses and stay out."""
    family, stack = set(), [clause_top(token)]
    while stack:
        verb = stack.pop()
        family.add(verb.i)
        stack.extend(c for c in children_of(verb) if shares_clause(c) and c.i not in family)
    return frozenset(family)
