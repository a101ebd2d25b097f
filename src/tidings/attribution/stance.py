"""Stance of a cue: its lexicon stance, flipped by negation ("did not confirm"), turned into a
claim of responsibility by its object ("claimed the bombing"); and hedges ("reportedly")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ..model import Span, Stance
from ..nlp import children_of
from ..syntax import is_negation
from .cues import Hit
from .lexicon import Lexicon
from .records import Attribution, Found
from .spans import char_span, subtree_range

ORIGINAL_STANCES: tuple[Stance, ...] = ("reports", "alleges", "claims_responsibility")
RESPONSE_STANCES: tuple[Stance, ...] = ("confirms", "denies", "declines_to_confirm", "dismisses")
# Sources are ordered by this rank: original reporters, confirmations and judgements (which
# take the event as given), then denials, dismissals and refusals; wishes and requests last
# (they do not say the event happened).
STANCE_RANK: dict[Stance, int] = {
    "reports": 0, "alleges": 0, "claims_responsibility": 0, "confirms": 1, "criticizes": 1,
    "supports": 1, "denies": 2, "dismisses": 2, "declines_to_confirm": 2, "intends": 3, "requests": 3}


def negated(token: Token, lexicon: Lexicon, cue: range = range(0)) -> bool:
    """A cue word is negated by "not"/"never"/"no" (outside the ``cue``'s own words: "has no
    record of"), by a subject such as "neither side", by a governor such as "failed to" /
    "have yet to", or by a negated verb it is "or"-joined to."""
    for child in children_of(token):
        if child.i in cue:
            continue
        if is_negation(child):
            return True
        if child.dep_ == "nsubj" and (child.lower_ in lexicon.negative_subjects or any(
                g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in children_of(child))):
            return True
    relation = token.dep_
    if relation not in ("xcomp", "conj"):
        return False
    governor = token.head
    if relation == "xcomp" and (governor.lemma_ in lexicon.negating_governors or any(
            c.lower_ == "yet" for c in children_of(governor))):
        return True
    if relation == "conj" and governor.pos_ == token.pos_:
        joined_by_or = any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in children_of(governor))
        return joined_by_or and any(c.dep_ == "neg" for c in children_of(governor))
    return False


def cue_stance(doc: Doc, hit: Hit, lexicon: Lexicon) -> tuple[Stance, bool]:
    """The stance of a cue and whether it is negated (any of its words)."""
    cue = range(hit.start, hit.end)
    is_negated = any(negated(doc[i], lexicon, cue) for i in cue)
    stance = hit.entry.stance
    return (lexicon.negated_stance[stance] if is_negated else stance), is_negated


def claim_stance(lexicon: Lexicon, verb: Token, content_root: Token | None, stance: Stance,
                 is_negated: bool, speaker: Token | None = None) -> Stance:
    """A claim whose object is a violent act is a claim of responsibility ("claimed the
    bombing"); a report that a third party did wrong is an allegation ("the women say he
    assaulted them"); telling someone to do something is a request; otherwise the stance stays."""
    if (verb.lemma_ in lexicon.responsibility_verbs and content_root is not None
            and content_root.lemma_.lower() in lexicon.responsibility_objects):
        return lexicon.negated_stance["claims_responsibility"] if is_negated else "claims_responsibility"
    if stance == "reports" and content_root is not None and _third_party_wrong(lexicon, content_root, speaker):
        return "alleges"
    if stance == "reports" and content_root is not None and content_root.dep_ == "xcomp" \
            and verb.lemma_ in lexicon.addressee_verbs and content_root.head.i == verb.i:
        return "requests"  # "asked the board to resign", "told them to leave"
    return stance


def _third_party_wrong(lexicon: Lexicon, clause: Token, speaker: Token | None) -> bool:
    """Whether a clause says someone other than the speaker did wrong: its verb (or a verb
    joined to it) is a wrongdoing, its subject neither the speaker nor "I"/"we"."""
    verbs = [clause, *clause.conjuncts]
    if not any(v.pos_ == "VERB" and v.lemma_.lower() in lexicon.wrongdoing_verbs for v in verbs):
        return False
    doer = next((c for c in children_of(clause) if c.dep_ == "nsubj"), None)
    if doer is None or doer.lower_ in ("i", "we") or (speaker is not None and doer.lower_ == speaker.lower_):
        return False
    return not (doer.pos_ == "PRON" and speaker is not None and _same_number(doer, speaker))


def _same_number(pronoun: Token, noun: Token) -> bool:
    """Whether a pronoun may stand for a noun ("the group said it had ..."): the same number."""
    plural = pronoun.lower_ in ("they", "we")
    return plural == (noun.tag_ in ("NNS", "NNPS") or noun.lower_ in ("they", "we"))


# Complements that make "seem"/"appear" a hedge: "seems to be", "seemed uneasy", "appears that".
HEDGED_COMPLEMENTS = ("xcomp", "ccomp", "acomp", "oprd", "attr")


def read_hedging_verb(verb: Token, cue: Span, stance: Stance, is_negated: bool) -> Iterator[Found]:
    """ "The deal seems to be collapsing": the clause, its subject included, is held by nobody
    named."""
    complement = next((c for c in children_of(verb) if c.dep_ in HEDGED_COMPLEMENTS), None)
    if complement is None:
        return
    content = char_span(verb.doc, *subtree_range(verb))
    if content:
        yield Found(Attribution(cue, stance, is_negated, "hearsay", "clause", None, (), None, content),
                    complement.i, None)


def read_hedge(doc: Doc, hit: Hit, cue: Span, stance: Stance, is_negated: bool) -> Iterator[Found]:
    """ "Reportedly Y", "allegedly Y": the clause the adverb modifies is hearsay, source unnamed."""
    head = doc[hit.head]
    target = head.head
    content = char_span(doc, *subtree_range(target, [head])) if target.i != head.i else None
    if content:
        yield Found(Attribution(cue, stance, is_negated, "hearsay", "clause", None, (), None,
                                content, hit.entry.publication), target.i, None)
