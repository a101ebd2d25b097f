"""Negation, modality, mode and context of an event, read from the words around its trigger."""

from __future__ import annotations

from spacy.tokens import Token

from .. import syntax
from ..nlp import children_of
from . import phrases
from .arguments import Draft
from .index import DocIndex
from .lexicon import Lexicon, Trigger


def read_modality(lex: Lexicon, draft: Draft) -> tuple[bool, str]:
    """Negation and modality from the trigger's own modifiers and the words governing it.

    The nearest modality cue wins, except that a future or conditional auxiliary (a weak
    cue: "will", "would") gives way to a cue further up ("warned it would strike"); an
    infinitive modifying a noun, or a purpose clause, is planned ("a deal to supply
    drones", "sent troops to help X fight").  A negation anywhere on the way up negates.
    The walk stops at a governing event trigger, after reading its cue.  A light verb
    that is the event itself says nothing of its reality ("announced sanctions", "called
    a strike").  With no cue at all, a clause attributed to a speaker is reported speech,
    whichever side the attribution stands on.
    """
    trigger, entry = draft.token, draft.entry
    negated, modality, weak = False, None, None
    if trigger.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                     for c in children_of(trigger)):
        weak = "planned"
    token, carry_negation, sibling, shared = trigger, True, False, True
    for depth in range(lex.limits.modality_steps):
        # a coordinated verb may share its head's auxiliaries, never the head's own meaning
        words = [token] if depth and not sibling else []
        if shared:
            words += [c for c in children_of(token)
                      if c.dep_ in ("aux", "amod", "advmod", "mark", "neg", "det", "prt")]
        elif carry_negation:  # "have not confirmed or addressed": "or" shares the "not"
            words += [c for c in children_of(token) if c.dep_ == "neg"]
        for word in words:
            if carry_negation and syntax.is_negation(word):
                negated = True
            kind = lex.modality.get(word.lemma_.lower()) or lex.modality.get(word.lower_)
            if (draft.support is not None and word.i == draft.support.i
                    and kind in ("reported_speech", "requested")):
                continue
            if kind == "negating":
                negated = negated or carry_negation
            elif kind and word.lower_ in lex.weak_cues:
                weak = weak or kind
            elif kind and modality is None:
                modality = kind
        if modality is not None or (depth and not sibling and token.pos_ == "VERB"
                                    and lex.trigger_for(token) is not None):
            break
        if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in children_of(token)):
            weak = weak or "planned"  # a purpose: "to help government forces fight"
        if token.dep_ not in lex.modality_links or token.head.i == token.i:
            break
        sibling = token.dep_ == "conj"
        # "would study the plan but rejected it": nothing is shared
        shared = not sibling or (syntax.subject(token) is None
                                 and token.tag_ in ("VB", "VBN", "VBG")
                                 and not any(c.dep_ in ("aux", "auxpass")
                                             for c in children_of(token)))
        carry_negation = not sibling or any(c.dep_ == "cc" and c.lower_ in ("or", "nor")
                                            for c in children_of(token.head))
        token = token.head
    if modality is None and weak is None and attributed(lex, trigger):
        modality = "reported_speech"
    if modality is None or (weak and modality == "reported_speech"):
        modality = weak  # "said it would deport": planned
    if modality == "commissive":
        modality = "threatened" if entry.quad_class >= 3 else "planned"
    if modality in (None, "reported_speech") and unreal(lex, trigger):
        modality = "hypothetical"
    return negated, modality or "asserted"


def unreal(lex: Lexicon, trigger: Token) -> bool:
    """True for an event asked about in a yes/no question ("Did Chile attack Peru?") or
    pictured in an "as though" / "as if" clause ("it is not as though we accuse them")."""
    token = trigger
    while token.dep_ == "conj":
        token = token.head
    marks = [c for c in children_of(token) if c.dep_ == "mark"]
    if any(m.lower_ in lex.unreal_marks and m.i and m.doc[m.i - 1].lower_ == "as"
           for m in marks):
        return True
    sentence = DocIndex.of(trigger.doc).sentence(trigger.i)
    first = sentence[0]
    return (sentence.text.rstrip().endswith("?") and first.dep_ in ("aux", "auxpass")
            and first.head.i == token.i)


def attributed(lex: Lexicon, trigger: Token) -> bool:
    """True when the trigger's clause is reported: it hangs, as a complement or a
    parataxis, under a speech verb ("officials said the strikes killed 12"), a speech verb
    hangs on it ("the strikes killed 12, officials said"), or it is a participle of the
    speech verb ("the ministry said, accusing Minsk")."""
    speech = lex.speech_verbs
    token = trigger
    for _ in range(lex.limits.speech_steps):
        if any(c.dep_ in lex.speech_links and c.lemma_.lower() in speech and c.i > trigger.i
               for c in children_of(token)):
            return True
        head = token.head
        if head.i == token.i:
            return False
        if head.lemma_.lower() in speech and (token.dep_ in lex.speech_links or (
                token.dep_ == "advcl" and token.tag_ == "VBG"
                and not any(c.dep_ == "mark" for c in children_of(token)))):
            return True
        token = head
    return False


def instrument_mode(lex: Lexicon, draft: Draft) -> str | None:
    """The entry's mode, or (for ASSAULT) the instrument named around the trigger."""
    entry, token = draft.entry, draft.token
    if entry.type != "ASSAULT":
        return entry.mode
    places: list[Token] = list(phrases.modifiers(token))
    if token.pos_ == "VERB":
        subject = syntax.subject(token)
        places += syntax.prep_objects(token, lex.weapon_preps)
        obj = syntax.direct_object(token)
        places += [t for t in (subject, obj) if t is not None]
    for word in places:
        for lemma in (word.lemma_.lower(), word.lower_, *(
                c.lemma_.lower() for c in children_of(word) if c.dep_ in ("compound", "amod"))):
            if lemma in lex.instruments:
                return lex.instruments[lemma]
    return entry.mode


def context_tags(lex: Lexicon, token: Token, entry: Trigger) -> tuple[str, ...]:
    found = list(entry.context)
    for word in phrases.modifiers(token):
        context = lex.contexts.get(word.lemma_.lower())
        if context and context not in found:
            found.append(context)
    return tuple(found)
