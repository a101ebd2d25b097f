"""Content spans: what a cue says — the clause, object or topic a verb introduces."""

from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc, Token

from ..nlp import TokenColumns, children_of
from ..syntax import subject
from .cues import Hit
from .lexicon import Lexicon
from .spans import subtree_range

# spaCy's entity labels of times: "on Monday" is when, not what, something was said.
TIME_ENTITIES = ("DATE", "TIME")
# Token range, root index and kind (indirect, nominal) of a content; (None, None, "") for none.
Content = tuple[tuple[int, int] | None, int | None, str]
NO_CONTENT: Content = (None, None, "")


def marked_that(clause: Token) -> bool:
    """Whether a clause opens with "that"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in children_of(clause))


def is_main_verb(token: Token) -> bool:
    """A verb with a subject of its own."""
    return token.pos_ in ("VERB", "AUX") and subject(token, ("nsubj", "nsubjpass"), participle=False) is not None


def parenthetical(verb: Token, addressee: bool) -> bool:
    """A speech verb set inside or after the clause it reports ("..., he said, ...", "..., the
    director told AP."): nothing of its own but a subject, adverbs, a time, the person told,
    and no "and"/"but" joining it to that clause."""
    if verb.dep_ not in ("parataxis", "conj") or (verb.dep_ == "conj" and verb.i < verb.head.i):
        return False
    allowed = {"nsubj", "punct", "advmod", "npadvmod", "aux", "neg", "advcl"} | (
        {"dobj", "dative"} if addressee else set())
    for child in children_of(verb):
        if child.dep_ in allowed:
            continue
        if child.dep_ == "prep" and any(g.ent_type_ in TIME_ENTITIES for g in children_of(child)):
            continue
        return False
    governor = verb.head
    return verb.dep_ == "parataxis" or not any(
        c.dep_ == "cc" and governor.i < c.i < verb.i for c in children_of(governor))


def joined_governor(verb: Token, lexicon: Lexicon) -> Token | None:
    """The cue verb whose clause a second cue verb is wrongly joined to: in "he said the strike
    hurt sales and said that ...", the second "said" hangs on "hurt"; it is the first's."""
    clause = verb.head
    joined = verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")  # "..., claiming ..."
    if not joined or verb.lower_ not in lexicon.verbs or clause.dep_ not in ("ccomp", "xcomp") \
            or clause.head.lower_ not in lexicon.verbs or any(c.dep_ in ("nsubj", "nsubjpass") for c in children_of(verb)):
        return None
    return clause.head


def preposition_object(preposition: Token) -> Token | None:
    """The object of a preposition ("about the strike"), unless it is a time ("on Monday")."""
    return next((g for g in children_of(preposition) if g.dep_ in ("pobj", "pcomp")
                 and g.ent_type_ not in TIME_ENTITIES), None)


class ContentFinder:
    """Finds the content of the verb cues of one Doc."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc, self.lexicon = doc, lexicon

    @functools.cached_property
    def appositions(self) -> list[int]:
        """Indices of the tokens attached as appositions, in order: the few tokens
        :meth:`range` looks for in a content subtree."""
        return [token.i for token in TokenColumns.of(self.doc).tokens if token.dep_ == "appos"]

    def range(self, root: Token) -> tuple[int, int]:
        """A content subtree without, at its edges, appositions that carry a cue of their own,
        cue verbs wrongly joined to it ("said X and said Y": Y is the second's) and adverbial
        clauses of a cue after it ("said X, claiming Y", "X, while Y suggests Z")."""
        joined = [c for c in children_of(root) if joined_governor(c, self.lexicon) is not None
                  or (c.dep_ == "advcl" and c.i > root.i and c.lower_ in self.lexicon.verbs)]
        joined += [c for c in children_of(root) if c.dep_ == "cc" and joined and c.i < joined[0].i]
        low, high = root.left_edge.i, root.right_edge.i
        index = bisect.bisect_left(self.appositions, low)
        if index == len(self.appositions) or self.appositions[index] > high:
            return subtree_range(root, joined)  # the subtree (within its edges) has no apposition
        asides = [t for t in root.subtree if t.dep_ == "appos" and t is not root
                  and any(self.lexicon.verbs.get(d.lower_) for d in t.subtree)]
        return subtree_range(root, asides + joined)

    def of_verb(self, head: Token, hit: Hit, cue: range) -> Content:
        """Token range, root and kind of what a verb cue says: its clause, object or topic."""
        kind = hit.entry.kind
        children = sorted((c for i in cue for c in children_of(self.doc[i]) if c.i not in cue),
                          key=lambda c: c.i)
        addressee = head.lemma_ in self.lexicon.addressee_verbs
        clause = self._clause(children, kind, addressee)
        if clause is not None:
            return clause
        if parenthetical(head, addressee):
            return subtree_range(head.head, [head]), head.head.i, "indirect"
        if kind != "phrase" and head.lemma_ in self.lexicon.predicative_verbs:
            predicated = self._predicated(children)
            if predicated is not None:
                return predicated
        framed = self._passive_or_framing(head, children, kind)
        if framed is not None:
            return framed
        if kind != "phrase" and head.lemma_ in self.lexicon.infinitive_verbs:
            return NO_CONTENT  # "seeking the presidency": no clause, no cue
        if kind == "clause_verb" and head.lemma_ not in self.lexicon.topic_verbs and not any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.speech_objects for c in children):
            return NO_CONTENT
        if any(c.dep_ == "auxpass" for c in children_of(head)):  # "the report was denied by X"
            agent = any(c.dep_ == "agent" for c in children)
            passive_subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if agent and passive_subject is not None:
                return self.range(passive_subject), passive_subject.i, "nominal"
            if kind != "phrase":
                return NO_CONTENT
        return self._object(head, children, kind, addressee, cue)

    def _passive_or_framing(self, head: Token, children: list[Token], kind: str) -> Content | None:
        """ "The minister is expected to resign", "is seen as a reformer": a passive cue's
        complement; "As the paper reported, the council ...": the clause a report sets off."""
        if head.dep_ == "advcl" and head.lemma_ not in self.lexicon.topic_verbs \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
                and not any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.lower_ != "it" for c in children):
            clause = head.head
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head  # "the budget, as one councillor put it, is ..."
            return subtree_range(clause, [head]), clause.i, "indirect"  # also "as she put it"
        if kind != "phrase" and any(c.dep_ == "auxpass" for c in children):
            complement = next((c for c in children if (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"))
                               or (c.dep_ == "prep" and c.lower_ == "as")), None)
            return None if complement is None else (self.range(complement), complement.i, "indirect")
        return None

    def _clause(self, children: list[Token], kind: str, addressee: bool) -> Content | None:
        """A clause complement ("said that ..."), also after a medium ("said in a statement
        that ...", "complained for years that ...")."""
        infinitive = kind in ("attitude_verb", "phrase") or (kind == "verb" and not addressee)
        for child in children:
            if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and infinitive and child.pos_ in ("VERB", "AUX")) \
                    or (child.dep_ == "advcl" and marked_that(child)):
                return self.range(child), child.i, "indirect"
            told = next((c for c in children if c.dep_ in ("dobj", "dative")), None) if addressee else None
            if told is not None and child.dep_ == "xcomp" and child.i > told.i:  # "asked the board to resign"
                return (told.left_edge.i, self.range(child)[1]), child.i, "indirect"
        for child in children:
            if child.dep_ == "prep":
                clause = next((c for g in children_of(child) if g.dep_ == "pobj" for c in children_of(g)
                               if c.dep_ in ("acl", "ccomp", "relcl") and marked_that(c)), None)
                if clause is not None:
                    return self.range(clause), clause.i, "indirect"
        return None

    def _predicated(self, children: list[Token]) -> Content | None:
        """ "Called the plan a stunt", "sees the deal as a retreat": the object through what
        it is called or taken for."""
        target = next((c for c in children if c.dep_ == "dobj"), None)
        predicate = next((c for c in children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in children_of(c)))), None)
        if target is None or predicate is None or predicate.i < target.i:
            return None
        return (target.left_edge.i, predicate.right_edge.i + 1), target.i, "nominal"

    def _object(self, head: Token, children: list[Token], kind: str, addressee: bool, cue: range) -> Content:
        """An object ("denied the report"), a topic ("spoke about the strike"), or the object
        of a joined verb ("did not confirm or address the report")."""
        if not addressee:
            for child in children:
                if child.dep_ == "dobj":
                    start, end = self.range(child)
                    for extra in children:  # "accused X of Y", "blamed X for Y", "described X as Y"
                        if extra.dep_ == "prep" and extra.lower_ in self.lexicon.object_prepositions \
                                and extra.i > child.i:
                            end = max(end, extra.right_edge.i + 1)
                    return (start, end), child.i, "nominal"
        lexicon = self.lexicon
        if kind == "phrase":  # "called for a recount", "referred to the memo": the phrase's own preposition
            target = next((c for c in children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in TIME_ENTITIES), None)
            if target is not None:
                return self.range(target), target.i, "nominal"
        prepositions = lexicon.content_prepositions if kind == "phrase" else lexicon.topic_prepositions
        for child in children:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                topic = next((g for g in children_of(child) if g.dep_ in ("pobj", "pcomp")), None)
                if topic is not None and topic.ent_type_ not in TIME_ENTITIES \
                        and topic.lemma_.lower() not in lexicon.non_topics:
                    return self.range(topic), topic.i, "nominal"
        for conj in head.conjuncts:
            if conj.i > head.i and conj.i not in cue:
                target = next((c for c in children_of(conj) if c.dep_ in ("dobj", "ccomp")), None)
                if target is not None:
                    return self.range(target), target.i, "nominal"
        return NO_CONTENT
