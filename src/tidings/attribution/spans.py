"""Token ranges read as text spans: a content's subtree, a source's noun phrase."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..model import Span
from ..nlp import TokenColumns, children_of, doc_text

# Words trimmed from the start of a content span: "(said) that ...", "and ...".
LEADING_LINKS = ("that", "and", "but")


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The text of tokens ``[start, end)`` with edge punctuation and "that" trimmed."""
    tokens = TokenColumns.of(doc).tokens
    while start < end and (tokens[start].is_punct or tokens[start].is_space
                           or tokens[start].lower_ in LEADING_LINKS):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    begin, stop = tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1])
    return Span(begin, stop, doc_text(doc)[begin:stop])


def subtree_range(token: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """Token range of a subtree, shrunk so that no excluded subtree lies at its edges (edge
    punctuation aside: "X, according to Y." loses "according to Y")."""
    tokens = TokenColumns.of(token.doc).tokens
    start, end = token.left_edge.i, token.right_edge.i + 1
    while end > start + 1 and tokens[end - 1].is_punct and end - 1 != token.i:
        end -= 1
    while start < end - 1 and tokens[start].is_punct and start != token.i:
        start += 1
    for other in exclude:
        low, high = other.left_edge.i, other.right_edge.i + 1
        if low <= token.i < high:
            continue
        if low <= start < high:
            start = high
        if low < end <= high:
            end = low
    return start, max(end, start)


def noun_phrase(token: Token, cue: range, *, conjuncts: bool = True, appositions: bool = True) -> tuple[int, int]:
    """The noun phrase of a source: the token with its modifiers and appositions ("Ana Ruiz, a
    spokeswoman for the port"), without the cue, clauses set off by commas ("..., who spoke on
    condition of anonymity,"), nor conjuncts unless ``conjuncts``, nor appositions unless
    ``appositions``."""
    tokens = TokenColumns.of(token.doc).tokens

    def aside(child: Token) -> bool:
        return child.left_edge.i > 0 and tokens[child.left_edge.i - 1].text == ","

    cut = [child for child in children_of(token)
           if child.dep_ in ("advcl", "parataxis") or (not conjuncts and child.dep_ in ("conj", "cc", "preconj"))
           or (child.dep_ in ("relcl", "acl") and aside(child)) or (not appositions and child.dep_ == "appos")
           or child.i in cue or any(t.i in cue for t in child.subtree)]
    start, end = token.i, token.i + 1
    for child in children_of(token):
        if child in cut:
            continue
        start, end = min(start, child.left_edge.i), max(end, child.right_edge.i + 1)
    for child in cut:  # a cut child inside the range ends the phrase there
        if start <= child.left_edge.i and child.right_edge.i < end:
            if child.i < token.i:
                start = child.right_edge.i + 1
            else:
                end = child.left_edge.i
    for inner in tokens[token.i + 1:end]:  # "a diplomat in the capital, who asked ..."
        if inner.dep_ in ("relcl", "acl") and aside(inner) and inner.left_edge.i > token.i:
            end = min(end, inner.left_edge.i)
    return start, end
