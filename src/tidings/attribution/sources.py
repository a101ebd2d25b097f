"""Source finding: who says a cue's content, as a noun phrase, the actors it names and the
outlet it is (named, or referred back to: "the newspaper")."""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..actors import unresolved_id
from ..docs import actor_for_span
from ..model import ActorRef, Span
from ..nlp import TokenColumns, children_of, entities, span_text
from ..syntax import agent, is_passive
from ..syntax import subject as syntax_subject
from .lexicon import Lexicon, outlet_name
from .spans import char_span, noun_phrase

# Words a speaker's name is read without when the actor stage does not know it: "the officials".
LEADING_ARTICLE = re.compile(r"^(?:the|The|a|an|An|A|Both|both)\s+")
# Subjects that are no speaker: "there were reports", "what he said".
NON_SPEAKERS = ("there", "what", "which", "that", "who")
RELATIVE_PRONOUNS = ("who", "which", "that")
# How many governing verbs the subject search climbs ("was asked to comment": "asked", then ...).
SUBJECT_CLIMB = 6


@dataclass(frozen=True, slots=True)
class SourcePhrase:
    """The noun phrase of a source and the outlet it stands for; ``names_outlet`` when the
    phrase names the outlet itself rather than referring back to one ("the newspaper")."""

    span: Span | None = None
    outlet: str | None = None
    names_outlet: bool = False

    @property
    def outlet_named(self) -> tuple[int, str] | None:
        """Where and which outlet the phrase names, for the descriptions after it."""
        return (self.span.start, self.outlet) if self.names_outlet and self.span else None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A source read in full: its phrase, its actors and the index of its head token."""

    phrase: SourcePhrase
    actors: tuple[ActorRef, ...] = ()
    root: int | None = None


def subject(verb: Token, cue: range, *, passive_subject: bool = False) -> Token | None:
    """Who speaks: the verb's subject, the agent of a passive (or, for phrases such as "could
    not be reached for comment", its subject), or the noun a participle modifies."""
    seen = 0
    while seen < SUBJECT_CLIMB:
        seen += 1
        for child in children_of(verb):
            if child.dep_ == "nsubj" and child.i not in cue and child.lower_ not in NON_SPEAKERS:
                return child
            if child.dep_ == "nsubj" and child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
        if is_passive(verb, participle=False):
            if any(c.dep_ == "agent" for c in children_of(verb)):
                return agent(verb)
            return syntax_subject(verb, ("nsubjpass",), participle=False) if passive_subject else None
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "after thanking the volunteers, the mayor ...", "ended by saying"
            continue
        # "Roughly 3 in 10 say ...": the parser hangs the number on the verb
        return next((c for c in children_of(verb) if c.dep_ == "nummod" and c.i < verb.i), None)
    return None


def titles(person: SpacySpan) -> set[str]:
    """Title nouns naming a person's role: before the name ("Transport Minister Helena Varga"),
    in apposition after it ("Ana Ruiz, a spokeswoman for ..."), or before it ("its director,
    Lena Park")."""
    root, columns = person.root, TokenColumns.of(person.doc)
    found = {t.lemma_.lower() for t in columns.tokens[max(0, person.start - 3):person.start]
             if columns.pos[t.i] in ("NOUN", "PROPN") and t.dep_ == "compound" and person.start <= t.head.i < person.end}
    found |= {c.lemma_.lower() for c in children_of(root) if c.dep_ == "appos" and c.pos_ == "NOUN"}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        found.add(root.head.lemma_.lower())
    return found


def unresolved(name: str, span: Span) -> ActorRef:
    """An actor the actor stage did not resolve, named by its text."""
    return ActorRef(unresolved_id(name), name, None, (), span.start, span.end, span.text)


class SourceFinder:
    """Reads the sources of one Doc: knows its actor mentions, people and the outlets named so
    far.  Reading is free of side effects; the caller records the outlets each source names
    (:meth:`note_outlet`) so that later descriptions ("the newspaper") refer back to them."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc, self.lexicon = doc, lexicon
        self.mentions = sorted(doc._.actor_mentions or (), key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        ents = entities(doc)
        self.people = [e for e in ents if e.label_ == "PERSON"]
        self.person_ends = [e.end for e in self.people]
        self.titled: dict[str, list[tuple[int, int]]] = {}  # title lemma -> (end, person number)
        for number, person in enumerate(self.people):
            for title in titles(person):
                self.titled.setdefault(title, []).append((person.end, number))
        self.outlet_marks: list[tuple[int, str]] = sorted(
            (ent.start_char, name) for ent in ents
            if (name := outlet_name(lexicon, span_text(ent))) is not None)

    def note_outlet(self, named: tuple[int, str] | None) -> None:
        """Record an outlet a source named (offset, name), for the descriptions after it."""
        if named is not None:
            bisect.insort(self.outlet_marks, named)

    def last_outlet(self, position: int) -> str | None:
        index = bisect.bisect_left(self.outlet_marks, (position, ""))
        return self.outlet_marks[index - 1][1] if index else None

    def personal(self, token: Token | None) -> bool:
        """Whether a subject is a person: a named one, or a personal pronoun."""
        return token is not None and (token.ent_type_ == "PERSON" or token.lower_ in self.lexicon.person_pronouns
                                      or token.lower_ in ("i", "we", "they"))

    def speaker(self, token: Token | None, cue: range) -> Speaker:
        """Phrase, actors and head of the source headed by ``token``."""
        phrase = self.phrase(token, cue)
        if token is None or phrase.span is None:
            return Speaker(SourcePhrase())
        return Speaker(phrase, self.source_actors(token, phrase.span), token.i)

    def phrase(self, token: Token | None, cue: range) -> SourcePhrase:
        """The noun phrase headed by ``token`` and the outlet it names or refers back to."""
        if token is None:
            return SourcePhrase()
        span = char_span(self.doc, *noun_phrase(token, cue))
        if span is None:
            return SourcePhrase()
        outlet = outlet_name(self.lexicon, self.lexicon.quantifier.sub("", span.text))
        if outlet is not None:
            return SourcePhrase(span, outlet, names_outlet=True)
        if self.describes_medium(token) and any(c.dep_ in ("det", "poss") and c.lower_ in self.lexicon.media_determiners
                                                for c in children_of(token)):
            return SourcePhrase(span, self.last_outlet(span.start))
        return SourcePhrase(span)

    def source_actors(self, token: Token, span: Span) -> tuple[ActorRef, ...]:
        """The actors of the source phrase ``span`` headed by ``token`` (see :meth:`actors`)."""
        return self.actors(token, span, unnamed=self.describes_medium(token) and not token.ent_type_)

    def describes_medium(self, token: Token) -> bool:
        """Whether a noun names a medium or a report ("the newspaper", "reports")."""
        lemma = token.lemma_.lower()
        return lemma in self.lexicon.media_nouns or lemma in self.lexicon.story_nouns

    def actors(self, token: Token, span: Span, *, unnamed: bool) -> tuple[ActorRef, ...]:
        """The actors of a source phrase: its head's mention, or each conjunct's.

        A phrase the actor stage has no mention for gets an unresolved actor named by its
        text, unless it only describes a medium or a report ("the newspaper", "reports").
        """
        doc = self.doc
        mentions = self.mentions_within(span.start, span.end)
        heads = [token, *(c for c in token.conjuncts if c.pos_ == "PROPN" or c.ent_type_)]
        refs = self._head_mentions(heads, span, mentions)
        described = self.described(token, span) if len(heads) == 1 else None
        if described is not None:
            return (described,)
        if not refs and token.ent_type_ == "PERSON":  # "Ana Ruiz, a spokeswoman for ...": the name
            name = char_span(doc, *noun_phrase(token, range(0), appositions=False))
            return (unresolved(name.text, name),) if name else ()
        if refs or mentions:
            return tuple(dict.fromkeys(refs or mentions))
        if token.pos_ == "PRON":
            antecedent = self.antecedent(token)
            return (antecedent,) if antecedent else ()
        if unnamed:
            return ()
        if len(heads) == 1:
            return (unresolved(LEADING_ARTICLE.sub("", span.text), span),)
        phrases = [char_span(doc, *noun_phrase(head, range(0), conjuncts=False)) for head in heads]
        return tuple(unresolved(p.text, p) for p in phrases if p is not None)

    def _head_mentions(self, heads: list[Token], span: Span, mentions: list[ActorRef]) -> list[ActorRef]:
        """The longest mention covering each head, with the actors of coordinated modifiers
        ("British and American officials")."""
        refs = []
        for head in heads:
            covering = [m for m in mentions if m.start <= head.idx < m.end]
            if covering:
                refs.append(max(covering, key=lambda m: m.end - m.start))
        if refs:
            phrase = self.doc.char_span(span.start, span.end, alignment_mode="expand")
            refs = sorted({*refs, *(actor_for_span(self.doc, phrase) if phrase is not None else ())},
                          key=lambda m: (m.start, m.end))
        return refs

    def described(self, token: Token, span: Span) -> ActorRef | None:
        """The person a definite description ("the spokeswoman", "the minister") stands for: the
        last one named before it with that title ("Transport Minister Helena Varga", "Ana Ruiz,
        a spokeswoman for ...")."""
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in children_of(token)):
            return None
        named = self.titled.get(token.lemma_.lower(), [])
        index = bisect.bisect_right(named, (token.i, len(self.people))) - 1
        if index < 0:
            return None
        person = self.people[named[index][1]]
        mentions = self.mentions_within(person.start_char, person.end_char)
        if mentions:
            return dataclasses.replace(mentions[0], start=span.start, end=span.end, text=span.text)
        return unresolved(person.text, span)

    def mentions_within(self, start: int, end: int) -> list[ActorRef]:
        """Actor mentions lying within the character range ``[start, end)``, in text order."""
        found = []
        for index in range(bisect.bisect_left(self.mention_starts, start), len(self.mentions)):
            mention = self.mentions[index]
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found

    def antecedent(self, pronoun: Token) -> ActorRef | None:
        """The person a he/she pronoun stands for when the actor stage has not resolved it."""
        if pronoun.lower_ not in self.lexicon.person_pronouns:
            return None
        index = bisect.bisect_right(self.person_ends, pronoun.i)
        if not index:
            return None
        name = self.people[index - 1].text
        return unresolved(name, Span(pronoun.idx, pronoun.idx + len(pronoun), pronoun.text))
