"""What the resolver works with: names and agent nouns found in the text, and actor mentions
(token offsets), plus the small token tests they are found with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..nlp import TokenColumns, doc_text, sentences
from ..syntax import SUBJECT_DEPS
from .dictionary import Agent, Meaning

# Dependency labels of a clause's subject (an agent of a passive included).
ACTING_DEPS = SUBJECT_DEPS | {"agent"}  # who acts: a subject, or the by-agent of a passive


@dataclass(frozen=True, slots=True)
class Identity:
    """A canonical actor as one mention resolves it."""

    id: str
    name: str
    country: str | None
    sector: tuple[str, ...]
    kind: str
    resolved: bool = True
    person: bool = False
    plural: bool = False
    role: str = ""
    gender: str = ""  # m, f, or "" when unknown (people only)
    basis: str = ""  # the words an unresolved actor's country or sector was inferred from


@dataclass(slots=True)
class Hit:
    """A dictionary name or named entity found in the text (token offsets)."""

    start: int
    end: int
    meanings: tuple[Meaning, ...] = ()
    label: str = ""
    identity: Identity | None = None  # set for entities resolved as a whole (unresolved, composed)
    title: AgentUse | None = None  # "Egyptian President" before a person's name

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Mention:
    """An actor mention under construction (token offsets)."""

    start: int
    end: int
    head: int
    identity: Identity
    group: int | None = None  # mentions of one coordinated phrase share a group number
    refs: tuple[Identity, ...] = field(default_factory=tuple)  # antecedents of an anaphor
    use: AgentUse | None = None  # set while the mention is a generic agent noun ("police")


@dataclass(slots=True)
class AgentUse:
    """An agent noun in the text and what modifies it."""

    start: int
    end: int
    agent: Agent
    modifiers: list[Hit]
    inner: Agent | None = None  # an agent-noun modifier ("military" in "military officials")
    inherited: AgentUse | None = None
    former: bool = False  # "the former secretary of state": a person out of office


def national(hit: Hit) -> bool:
    """True for a country name or demonym ("Egypt", "Egyptian")."""
    return hit.identity is None and any(m.form in ("country", "demonym") for m in hit.meanings)


def trim(columns: TokenColumns, start: int, end: int) -> tuple[int, int]:
    """An entity's token range without a leading "the" and trailing spaces, punctuation, "'s"."""
    while start < end and columns.lower[start] == "the":
        start += 1
    tokens = columns.tokens
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].is_punct
                           or tokens[end - 1].tag_ == "POS" or columns.lower[end - 1] in ("'s", "’s")):
        end -= 1
    return start, end


def proper(tokens: list[Token]) -> bool:
    """True when a name's tokens read as a proper name (a proper noun or an acronym in them)."""
    return any(t.tag_ in ("NNP", "NNPS") or (t.is_upper and len(t) > 1) for t in tokens)


def range_text(doc: Doc, tokens: list[Token], start: int, end: int) -> str:
    """The text of the non-empty token range ``[start, end)``, as ``doc[start:end].text``."""
    start_char, end_char = char_range(tokens, start, end)
    return doc_text(doc)[start_char:end_char]


def char_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The characters of the non-empty token range ``[start, end)``: ``doc[start:end]``'s
    ``start_char`` and ``end_char``, without building the Span and its Tokens."""
    last = tokens[end - 1]
    return tokens[start].idx, last.idx + len(last)


def unresolved_id(name: str) -> str:
    """The id of an actor known only by its name: ``unk:<slug>``, the same in every stage."""
    return "unk:" + re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def in_caps_text(tokens: list[Token], i: int) -> bool:
    """True when the words around token ``i`` are in capitals too (a headline, not a name)."""
    neighbours = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens) and tokens[j].is_alpha]
    return any(t.is_upper and len(t) > 1 for t in neighbours)


def definite(head: Token, determiners: frozenset[str], end: int | None = None) -> bool:
    """True for a definite noun phrase not followed by "of" ("the group", not "the head of");
    an "of" before ``end`` belongs to the term itself ("the secretary of state")."""
    children = list(head.children)
    return any(c.dep_ == "det" and c.lower_ in determiners for c in children) and not any(
        c.dep_ == "prep" and c.lower_ == "of" and (end is None or c.i >= end) for c in children
    )


def phrase_start(head: Token, start: int) -> int:
    """Where a noun phrase begins: its determiner and adjectives before ``start`` included."""
    left = [c.i for c in head.children if c.i < start and c.dep_ in ("det", "amod", "compound")]
    return min([start, *left])


def root_index(doc: Doc, start: int, end: int) -> int:
    """``doc[start:end].root.i``; a one-token range is its own root, found without a Span."""
    return start if end - start == 1 else doc[start:end].root.i


def det_start(columns: TokenColumns, start: int, determiners: frozenset[str]) -> int:
    """Extend a span start over a definite determiner just before it."""
    return start - 1 if start > 0 and columns.lower[start - 1] in determiners else start


def acting(token: Token, prepositions: frozenset[str]) -> bool:
    """True when a place name stands for its government ("Cairo said", "talks with Cairo",
    "warned Tehran"); after a locative preposition ("in Cairo") it is a place. ``prepositions``
    are those after which it acts."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in ACTING_DEPS or token.dep_ in ("poss", "dobj", "dative"):
        return True  # "Cairo said", "Moscow's response", "accused Moscow", "told Beijing"
    return token.dep_ == "pobj" and token.head.lower_ in prepositions


def sentence_index(doc: Doc) -> list[int]:
    """The number of each token's sentence."""
    index: list[int] = []
    for number, sentence in enumerate(sentences(doc)):
        index += [number] * (sentence.end - sentence.start)
    return index


def apposed(head: Token) -> list[int]:
    """The heads of the phrases in apposition to a phrase's head ("Ann Lee, the chief")."""
    partners = [c.i for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        partners.append(head.head.i)
    return partners
