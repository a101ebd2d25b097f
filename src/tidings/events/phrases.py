"""Reading a trigger's phrase: what it acts on, what a quantity counts, its modifiers and the
words of its clause (helpers of the event lexicon and the argument finder)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .. import syntax
from ..nlp import children_of

if TYPE_CHECKING:
    from .lexicon import Lexicon


def theme(token: Token, lex: Lexicon) -> Token | None:
    """What a verb acts on: its object (the subject when passive), looking through a
    quantity ("released dozens of prisoners")."""
    obj = syntax.direct_object(token)
    if obj is None and syntax.is_passive(token):
        obj = syntax.subject(token)
    return counted(obj, lex) if obj is not None else None


def counted(token: Token, lex: Lexicon) -> Token:
    """The noun a quantity counts ("dozens of prisoners" -> "prisoners"), else the token."""
    # "tens of thousands of people", "50 million euros in aid"
    for _ in range(lex.limits.quantity_steps):
        of = next((c for c in children_of(token)
                   if c.dep_ == "prep" and c.lower_ in lex.quantity_preps), None)
        pobj = None if of is None else next((c for c in children_of(of) if c.dep_ == "pobj"), None)
        if pobj is None or not (token.like_num or token.pos_ in ("NUM", "PRON")
                                or token.lemma_.lower() in lex.quantity_heads):
            break
        token = pobj
    return token


def clause_word(token: Token, words: frozenset[str], lex: Lexicon) -> Token | None:
    """The nearest word of ``words`` among a verb's complements, a few steps down."""
    level = [token]
    for _ in range(lex.limits.clause_steps):
        level = [c for t in level for c in children_of(t) if c.dep_ in lex.clause_links]
        found = next((t for t in level if t.lemma_.lower() in words or t.lower_ in words), None)
        if found is not None:
            return found
    return None


def kinds_of(token: Token) -> set[str]:
    """A subject's lemmas, plus "person" for a named person ("Albanese arrived")."""
    words = lemmas_of(token)
    if token.ent_type_ == "PERSON":
        words.add("person")
    return words


def lemmas_of(token: Token) -> set[str]:
    """The lemma and surface form of a noun and of its compound modifiers."""
    words = {token.lemma_.lower(), token.lower_}
    words.update(c.lemma_.lower() for c in children_of(token) if c.dep_ == "compound")
    return words


def modifier_lemmas(token: Token) -> set[str]:
    """Lemmas of a noun's compound and adjective modifiers (and of its conjunction head's)."""
    found = modifiers(token)
    return {m.lemma_.lower() for m in found} | {m.lower_ for m in found}


def modifiers(token: Token) -> list[Token]:
    out: list[Token] = []
    for item in syntax.coordinated_under(token):
        if item is not token:
            out.append(item)
        out.extend(c for c in children_of(item) if c.dep_ in ("compound", "amod", "nmod", "nummod"))
    return out


def between(token: Token, lex: Lexicon) -> list[Token]:
    """Every party named by "between" or "among" ("talks between Israel and Hamas")."""
    return syntax.prep_objects(token, lex.between_preps)
