"""Who says so: attribution cues, quotations, and the sources of every event.

``tidings_attribution`` works in four steps, each linear in the number of tokens:

1. **Cues** from the lexicon ``data/attribution/cues.yaml``: speech and report verbs, report
   nouns, hearsay adverbs (one dictionary look-up per token) and phrases (:class:`PhraseIndex`).
2. **Attributions**: for each cue its *source* (the subject of the verb, the object of a frame
   such as "according to", the possessor of a report noun) and its *content* (the clause,
   object or quotation it introduces), with a stance that negation flips ("have not
   confirmed" -> ``declines_to_confirm``; a claim of an attack -> ``claims_responsibility``).
   Quotation marks link direct quotes to the cue before, after or between them; a quote with
   no cue of its own continues the speaker of the quote before it when it opens a paragraph or
   follows in the same paragraph with no other speaker between ("“…,” said X. “…”"); a quote
   left open at a paragraph's end and taken up in the next is one quotation.  A headline
   "Minister: talks will resume" names its source before the colon.  Definite descriptions of
   media ("the newspaper", "the article") resolve to the last outlet named before them, of
   people ("the minister") to the last person named with that title; pronouns resolve through
   the actor stage.
3. **Quotes** (``doc._.quotes``): the attributions whose content is a clause or a quotation.
4. **Event sources**, in this order of reach:

   - *clause / sentence*: every attribution whose content holds the event's trigger;
   - *paragraph* (report frames): a report by an outlet, or the publishing of a story, covers
     the rest of its paragraph and the whole next one, until another report frame starts; an
     event there with no source of its own inherits the frame's source.  A confirmation,
     denial or refusal whose content names what such a story reported (the same word, the
     same event type, or "the report" itself) is added to every earlier event of that story;
   - *article*: an event with no source at all is asserted by the outlet (or the original
     outlet or wire of a syndicated article).

   Sources are ordered: the original reporters first, then confirmations, then denials and
   refusals, each group in text order.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .actors import actor_for_span, unresolved_id
from .model import STANCES, ActorRef, Event, Quote, Source, Span
from .nlp import TokenColumns, children_of, doc_text, entities, span_text

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)

ORIGINAL_STANCES = ("reports", "alleges", "claims_responsibility")
RESPONSE_STANCES = ("confirms", "denies", "declines_to_confirm")
STANCE_RANK = {"reports": 0, "alleges": 0, "claims_responsibility": 0, "confirms": 1,
               "denies": 2, "declines_to_confirm": 2}
CONTENT_PREPOSITIONS = ("on", "about", "for", "of", "over", "regarding", "concerning", "into")
VERB_PREPOSITIONS = ("on", "about", "of", "regarding", "concerning")
OPEN_QUOTES, CLOSE_QUOTES = "“«", "”»"
# The characters that open or close a quotation region: the only ones its scan looks at.
QUOTE_EDGE = re.compile("[\n\"" + OPEN_QUOTES + CLOSE_QUOTES + "]")
NEGATIVE_SUBJECTS = ("nobody", "none", "neither", "no one")
NEGATING_GOVERNORS = ("fail", "refuse", "decline", "neglect", "omit")
TIME_ENTITIES = ("DATE", "TIME")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
SPACES = re.compile(r"\s+")
LEADING_THE = re.compile(r"^the\s+")
LEADING_THE_CAPITALISED = re.compile(r"^(?:the|The)\s+")
POSSESSIVE_END = re.compile(r"['’]s$")
HEADLINE = re.compile(r"(?P<source>[^\W\d][^:\n]{0,60}?)\s*:\s+(?P<content>\S[^\n]*?)\s*")


class LexiconError(ValueError):
    """The cue lexicon is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One lexicon entry: what a matched cue means."""

    text: str
    stance: str
    kind: str  # verb, clause_verb, noun, clause_noun, adverb, phrase
    frame: bool = False
    publication: bool = False


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The cue lexicon with every inflected form expanded, ready for look-ups.  Compared and
    hashed by identity (:func:`load_lexicon` makes one per directory), so it can key caches."""

    verbs: dict[str, CueEntry]
    nouns: dict[str, CueEntry]
    adverbs: dict[str, CueEntry]
    phrases: tuple[tuple[CueEntry, tuple[tuple[frozenset[str], bool], ...]], ...]
    negated_stance: dict[str, str]
    media_nouns: frozenset[str]
    story_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    outlets: dict[str, str]
    outlet_words: frozenset[str]
    topic_verbs: frozenset[str] = frozenset()
    headline_labels: frozenset[str] = frozenset()
    speech_objects: frozenset[str] = frozenset()
    responsibility_verbs: frozenset[str] = frozenset()
    responsibility_objects: frozenset[str] = frozenset()

    @property
    def size(self) -> int:
        """Distinct entries (lemmas and phrases), not forms."""
        return len({e.text for table in (self.verbs, self.nouns, self.adverbs)
                    for e in table.values()}) + len(self.phrases)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with its source and content: "X said Y", "according to X, Y", "reportedly Y"."""

    cue: Span
    stance: str
    negated: bool
    kind: str  # direct, indirect, mixed (quotations); nominal; hearsay
    level: str  # clause, sentence
    source: Span | None
    actors: tuple[ActorRef, ...]
    outlet: str | None
    content: Span | None
    publication: bool = False


@dataclass(frozen=True, slots=True)
class _Hit:
    """A matched cue: token range, head token index and lexicon entry."""

    start: int
    end: int
    head: int
    entry: CueEntry


@dataclass(slots=True)
class _Found:
    """An attribution while the component works on it, with its token-level anchors."""

    attribution: Attribution
    content_root: int | None
    source_root: int | None


# ---------------------------------------------------------------------------- lexicon


def _inflections(lemma: str) -> set[str]:
    """Regular inflected forms of an English verb or noun (over-generation is harmless)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _check_stance(stance: str, where: str) -> str:
    if stance not in STANCES:
        raise LexiconError(f"{where}: unknown stance {stance!r}; use one of {', '.join(STANCES)}")
    return stance


@functools.cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read and validate ``cues.yaml`` and ``outlets.yaml`` (from ``data/attribution/`` unless
    another ``directory`` is given)."""
    folder = directory or resources.files("tidings").joinpath("data/attribution")
    path = str(folder.joinpath("cues.yaml"))
    raw = yaml.safe_load(folder.joinpath("cues.yaml").read_text("utf-8"))
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: expected a mapping of cue tables")
    irregular: dict[str, list[str]] = raw.get("irregular") or {}
    fixed = frozenset(raw.get("fixed_words") or ())

    def forms(word: str, *, in_phrase: bool = False) -> set[str]:
        if in_phrase and word in fixed:
            return {word}
        return _inflections(word) | set(irregular.get(word, ()))

    tables: dict[str, dict[str, CueEntry]] = {"verb": {}, "noun": {}, "adverb": {}}
    seen: set[tuple[str, str]] = set()
    for group, kind, table in (("verbs", "verb", "verb"), ("clause_verbs", "clause_verb", "verb"),
                               ("nouns", "noun", "noun"), ("clause_nouns", "clause_noun", "noun"),
                               ("adverbs", "adverb", "adverb")):
        for stance, words in (raw.get(group) or {}).items():
            _check_stance(stance, f"{path}: {group}")
            for word in words:
                if not isinstance(word, str) or not re.fullmatch(r"[a-zé]+", word):
                    raise LexiconError(f"{path}: {group}.{stance}: {word!r} is not one lower-case word")
                if (table, word) in seen:
                    raise LexiconError(f"{path}: {group}.{stance}: {word!r} is listed twice")
                seen.add((table, word))
                entry = CueEntry(word, stance, kind)
                for form in (forms(word) if kind != "adverb" else {word}):
                    tables[table].setdefault(form, entry)
    phrases = []
    for number, item in enumerate(raw.get("phrases") or ()):
        where = f"{path}: phrases[{number}]"
        if not isinstance(item, dict) or not item.get("words"):
            raise LexiconError(f"{where}: needs `words` and `stance`")
        unknown = set(item) - {"words", "stance", "frame", "publication"}
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        tokens = []
        for word in item["words"].split():
            optional = word.endswith("?")
            alternatives = word.rstrip("?").split("|")
            tokens.append((frozenset(f for a in alternatives for f in forms(a, in_phrase=True)), optional))
        if all(optional for _, optional in tokens):
            raise LexiconError(f"{where}: every word is optional")
        entry = CueEntry(item["words"], _check_stance(item.get("stance", ""), where), "phrase",
                         bool(item.get("frame")), bool(item.get("publication")))
        phrases.append((entry, tuple(tokens)))
    negated = raw.get("negated_stance") or {}
    for stance in STANCES:
        if stance not in negated:
            raise LexiconError(f"{path}: negated_stance has no entry for {stance!r}")
        _check_stance(negated[stance], f"{path}: negated_stance.{stance}")
    claims = raw.get("responsibility_claims") or {}
    if not isinstance(claims, dict) or set(claims) - {"verbs", "objects"}:
        raise LexiconError(f"{path}: responsibility_claims takes `verbs` and `objects` lists")
    outlets_raw = yaml.safe_load(folder.joinpath("outlets.yaml").read_text("utf-8"))
    outlets: dict[str, str] = {}
    for name, aliases in (outlets_raw.get("outlets") or {}).items():
        for alias in (name, *(aliases or ())):
            outlets[_outlet_key(alias)] = name
    return Lexicon(
        verbs=tables["verb"], nouns=tables["noun"], adverbs=tables["adverb"],
        phrases=tuple(phrases), negated_stance=dict(negated),
        media_nouns=frozenset(raw.get("media_nouns") or ()),
        story_nouns=frozenset(raw.get("story_nouns") or ()),
        addressee_verbs=frozenset(raw.get("addressee_verbs") or ()),
        outlets=outlets, outlet_words=frozenset(outlets_raw.get("name_words") or ()),
        topic_verbs=frozenset(raw.get("topic_verbs") or ()),
        headline_labels=frozenset(raw.get("headline_labels") or ()),
        speech_objects=frozenset(raw.get("speech_objects") or ()) | {
            e.text for e in tables["noun"].values() if e.kind == "noun"},
        responsibility_verbs=frozenset(claims.get("verbs") or ()),
        responsibility_objects=frozenset(claims.get("objects") or ()),
    )


def _outlet_key(name: str) -> str:
    return LEADING_THE.sub("", SPACES.sub(" ", name.strip().lower()))


@functools.lru_cache(maxsize=1 << 14)
def outlet_name(lexicon: Lexicon, text: str) -> str | None:
    """The outlet a name stands for: listed, or a proper name ending like an outlet's.  Cached:
    a document names the same entities again and again, and articles the same outlets."""
    key = _outlet_key(POSSESSIVE_END.sub("", text))
    if key in lexicon.outlets:
        return lexicon.outlets[key]
    words = LEADING_THE_CAPITALISED.sub("", text).split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1] in lexicon.outlet_words:
        return " ".join(words)
    return None


# ---------------------------------------------------------------------------- component


@Language.factory(
    "tidings_attribution",
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes", "doc._.events"],
)
def make_attribution(nlp: Language, name: str) -> Attributor:
    return Attributor(nlp)


class PhraseIndex:
    """Multi-word cues matched on lower-cased tokens: each phrase is expanded once into its
    variants (optional words present or not) and indexed by its first word, so a token that
    starts no phrase costs one dictionary look-up."""

    def __init__(self, phrases: Iterable[tuple[CueEntry, tuple[tuple[frozenset[str], bool], ...]]]) -> None:
        self.by_first: dict[str, list[tuple[CueEntry, tuple[frozenset[str], ...]]]] = {}
        for entry, tokens in phrases:
            for variant in itertools.product(*(((forms,), ()) if optional else ((forms,),)
                                               for forms, optional in tokens)):
                words = tuple(forms for part in variant for forms in part)
                for first in words[0] if words else ():
                    self.by_first.setdefault(first, []).append((entry, words))

    def find(self, doc: Doc) -> list[tuple[CueEntry, int, int]]:
        """Every (cue, start, end) match, overlapping ones included."""
        found = []
        lowered = TokenColumns.of(doc).lower
        for start in [i for i, word in enumerate(lowered) if word in self.by_first]:
            for entry, words in self.by_first[lowered[start]]:
                end = start + len(words)
                if end <= len(lowered) and all(lowered[start + k] in forms
                                               for k, forms in enumerate(words[1:], 1)):
                    found.append((entry, start, end))
        return found


class Attributor:
    """Finds quotes and cues and attaches sources to events."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon()
        self.phrases = PhraseIndex(self.lexicon.phrases)
        # every single-word cue form, to pass over the other tokens with one set look-up
        self.words = self.lexicon.verbs.keys() | self.lexicon.nouns.keys() | self.lexicon.adverbs.keys()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found, unlinked = find_attributions(doc, text, self.lexicon, self._hits(doc))
        doc._.attributions = [f.attribution for f in found]
        quotes = [quote for f in found if (quote := _as_quote(f.attribution))] + unlinked
        doc._.quotes = sorted(quotes, key=lambda q: q.content.start)
        doc._.events = attach_sources(doc, text, found, self.lexicon)
        return doc

    def _hits(self, doc: Doc) -> list[_Hit]:
        """Cue matches, phrases first and longest first; single words fill the gaps."""
        hits: list[_Hit] = []
        taken = bytearray(len(doc))
        matches = sorted(self.phrases.find(doc), key=lambda m: (m[1] - m[2], m[1]))
        for entry, start, end in matches:
            if any(taken[start:end]):
                continue
            span = doc[start:end]
            hits.append(_Hit(start, end, span.root.i, entry))
            taken[start:end] = b"\x01" * (end - start)
        lexicon = self.lexicon
        tables = {"VERB": lexicon.verbs, "AUX": lexicon.verbs, "NOUN": lexicon.nouns,
                  "PROPN": lexicon.nouns, "ADV": lexicon.adverbs}
        columns = TokenColumns.of(doc)
        for i in [i for i, word in enumerate(columns.lower) if word in self.words]:
            if taken[i]:
                continue
            table = tables.get(columns.pos[i])
            entry = table.get(columns.lower[i]) if table is not None else None
            if entry is not None:
                hits.append(_Hit(i, i + 1, i, entry))
        return sorted(hits, key=lambda h: h.start)


# ---------------------------------------------------------------------------- spans


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The text of tokens ``[start, end)`` with edge punctuation and "that" trimmed."""
    tokens = TokenColumns.of(doc).tokens
    while start < end and (tokens[start].is_punct or tokens[start].is_space
                           or tokens[start].lower_ in ("that", "and", "but")):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    begin, stop = tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1])
    return Span(begin, stop, doc_text(doc)[begin:stop])


def _subtree_range(token: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
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


def _noun_phrase(token: Token, cue: range, *, conjuncts: bool = True, appositions: bool = True) -> tuple[int, int]:
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


# ---------------------------------------------------------------------------- quotation marks


@dataclass(frozen=True, slots=True)
class _QuoteRegion:
    """Text between quotation marks: ``open`` is the opening mark, ``close`` the closing one."""

    open: int
    close: int
    starts_paragraph: bool
    closed: bool = True  # False: left open at its paragraph's end, to go on in the next

    def interior(self, text: str) -> Span | None:
        begin, end = self.open + 1, self.close
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        return Span(begin, end, text[begin:end]) if begin < end else None

    def is_speech(self, text: str) -> bool:
        """Long enough to be speech rather than a scare quote: four words, or a sentence."""
        inner = text[self.open + 1:self.close]
        return len(inner.split()) >= 4 or bool(re.search(r"[.!?,]\s*$", inner))


def find_quote_regions(text: str) -> list[_QuoteRegion]:
    """Quoted stretches, curly and straight; a quote left open closes at its paragraph end."""
    regions: list[_QuoteRegion] = []
    opened: int | None = None
    paragraph_start = 0
    for match in QUOTE_EDGE.finditer(text):
        index, char = match.start(), match.group()
        if char == "\n":
            if opened is not None:
                regions.append(_QuoteRegion(opened, index, _at_start(text, paragraph_start, opened), False))
                opened = None
            paragraph_start = index + 1
        elif char in OPEN_QUOTES or (char == '"' and opened is None):
            if opened is None:
                opened = index
        elif (char in CLOSE_QUOTES or char == '"') and opened is not None:
            regions.append(_QuoteRegion(opened, index, _at_start(text, paragraph_start, opened)))
            opened = None
    if opened is not None:
        regions.append(_QuoteRegion(opened, len(text), _at_start(text, paragraph_start, opened), False))
    return regions


def _at_start(text: str, paragraph_start: int, position: int) -> bool:
    return not text[paragraph_start:position].strip()


# ---------------------------------------------------------------------------- attributions


def find_attributions(doc: Doc, text: str, lexicon: Lexicon, hits: list[_Hit]
                      ) -> tuple[list[_Found], list[Quote]]:
    """Every cue of ``doc`` (whose text is ``text``) read into attributions, in text order, and
    the quotations that no cue introduces (speaker unknown)."""
    regions = find_quote_regions(text)
    starts = [t.idx for t in TokenColumns.of(doc).tokens]
    linked = _link_quotes(doc, text, regions, hits, starts)
    context = _Context(doc, text, lexicon, regions)
    found = [*context.read_headline(),
             *(f for number, hit in enumerate(hits) for f in context.read(hit, linked.get(number, ())))]
    used = {region for regions_of_cue in linked.values() for region in regions_of_cue}
    unlinked = [Quote("direct", None, None, None, content) for region in regions
                if region not in used and region.is_speech(text)
                and (content := region.interior(text)) is not None]
    return sorted(found, key=lambda f: f.attribution.cue.start), unlinked


def _link_quotes(doc: Doc, text: str, regions: list[_QuoteRegion], hits: list[_Hit],
                 starts: list[int]) -> dict[int, list[_QuoteRegion]]:
    """Which verb cue introduces each quotation: after it, before it, or the quote before (when
    the quotation opens a paragraph, or goes on in the same paragraph with no other cue between:
    "“…,” said X. “…”")."""
    speech = {hit.head: n for n, hit in enumerate(hits)
              if hit.entry.kind in ("verb", "clause_verb", "phrase") and not hit.entry.frame
              and doc[hit.head].pos_ in ("VERB", "AUX")}
    speech_heads = sorted(speech)
    speech_starts = [doc[head].idx for head in speech_heads]
    linked: dict[int, list[_QuoteRegion]] = {}
    previous: int | None = None
    previous_close = 0
    for region in regions:
        if not region.is_speech(text):
            continue
        after = _cue_near(doc, speech, bisect.bisect_left(starts, region.close + 1), +1)
        before = _cue_near(doc, speech, bisect.bisect_left(starts, region.open) - 1, -1)
        inner = text[region.open + 1:region.close].rstrip()
        open_end = inner[-1:] in (",", "?", "!", "—", "–", "-", "…") or text[region.close + 1:region.close + 2] == ","
        choice = after if after is not None and (open_end or before is None) else before
        if choice is None and previous is not None:
            speaker_cue = doc[hits[previous].head]
            others = [head for head in speech_heads[bisect.bisect_left(speech_starts, previous_close):
                                                    bisect.bisect_left(speech_starts, region.open)]
                      if head != speaker_cue.i and not speaker_cue.is_ancestor(doc[head])]
            if region.starts_paragraph or ("\n" not in text[previous_close:region.open] and not others):
                choice = previous
        if choice is not None:
            linked.setdefault(choice, []).append(region)
        previous, previous_close = choice, region.close
    return linked


def _cue_near(doc: Doc, speech: dict[int, int], index: int, step: int) -> int | None:
    """The nearest speech cue from token ``index`` walking by ``step``, within the sentence."""
    for _ in range(25 if step < 0 else 10):
        if not 0 <= index < len(doc):
            return None
        token = doc[index]
        if "\n" in token.text or (token.is_punct and token.text in ".!?") or (
                token.text in OPEN_QUOTES + CLOSE_QUOTES + '"'):
            return None
        if token.i in speech:
            return speech[token.i]
        index += step
    return None


class _Context:
    """Reads cues of one document; knows its outlets and quotation regions."""

    def __init__(self, doc: Doc, text: str, lexicon: Lexicon, regions: list[_QuoteRegion]) -> None:
        self.doc, self.lexicon, self.regions, self.text = doc, lexicon, regions, text
        self.tokens = TokenColumns.of(doc).tokens
        self.region_opens = [region.open for region in regions]
        self.mentions = sorted(doc._.actor_mentions or (), key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        ents = entities(doc)
        self.people = [e for e in ents if e.label_ == "PERSON"]
        self.person_ends = [e.end for e in self.people]
        self.titled: dict[str, list[tuple[int, int]]] = {}  # title lemma -> (end, person number)
        for number, person in enumerate(self.people):
            for title in _titles(person):
                self.titled.setdefault(title, []).append((person.end, number))
        self.outlet_marks: list[tuple[int, str]] = sorted(
            (ent.start_char, name) for ent in ents
            if (name := outlet_name(lexicon, span_text(ent))) is not None)

    # -- sources

    def last_outlet(self, position: int) -> str | None:
        index = bisect.bisect_left(self.outlet_marks, (position, ""))
        return self.outlet_marks[index - 1][1] if index else None

    def source(self, token: Token | None, cue: range) -> tuple[Span | None, tuple[ActorRef, ...], str | None, int | None]:
        """Span, actors and outlet of the noun phrase headed by ``token``."""
        span, outlet = self.source_phrase(token, cue)
        if token is None or span is None:
            return None, (), None, None
        return span, self.source_actors(token, span), outlet, token.i

    def source_phrase(self, token: Token | None, cue: range) -> tuple[Span | None, str | None]:
        """The noun phrase headed by ``token`` and the outlet it names, noted for the definite
        descriptions after it ("the newspaper")."""
        if token is None:
            return None, None
        span = _char_span(self.doc, *_noun_phrase(token, cue))
        if span is None:
            return None, None
        outlet = outlet_name(self.lexicon, re.sub(r"^(?:Both|both|Several|several)\s+", "", span.text))
        if outlet is not None:
            bisect.insort(self.outlet_marks, (span.start, outlet))
        elif self.describes_medium(token) and any(
                c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in children_of(token)):
            outlet = self.last_outlet(span.start)
        return span, outlet

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
        refs = []
        for head in heads:
            covering = [m for m in mentions if m.start <= head.idx < m.end]
            if covering:
                refs.append(max(covering, key=lambda m: m.end - m.start))
        if refs:  # coordinated modifiers name more actors: "British and American officials"
            phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
            refs = sorted({*refs, *(actor_for_span(doc, phrase) if phrase is not None else ())},
                          key=lambda m: (m.start, m.end))
        described = self.described(token, span) if len(heads) == 1 else None
        if described is not None:
            return (described,)
        if not refs and token.ent_type_ == "PERSON":  # "Ana Ruiz, a spokeswoman for ...": the name
            name = _char_span(doc, *_noun_phrase(token, range(0), appositions=False))
            return (_unresolved(name.text, name),) if name else ()
        if refs or mentions:
            return tuple(dict.fromkeys(refs or mentions))
        if token.pos_ == "PRON":
            antecedent = self.antecedent(token)
            return (antecedent,) if antecedent else ()
        if unnamed:
            return ()
        if len(heads) == 1:
            name = re.sub(r"^(?:the|The|a|an|An|A|Both|both)\s+", "", span.text)
            return (_unresolved(name, span),)
        phrases = [_char_span(doc, *_noun_phrase(head, range(0), conjuncts=False)) for head in heads]
        return tuple(_unresolved(p.text, p) for p in phrases if p is not None)

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
        return _unresolved(person.text, span)

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
        if pronoun.lower_ not in ("he", "she", "him", "her"):
            return None
        index = bisect.bisect_right(self.person_ends, pronoun.i)
        if not index:
            return None
        name = self.people[index - 1].text
        return _unresolved(name, Span(pronoun.idx, pronoun.idx + len(pronoun), pronoun.text))

    def quoted(self, position: int) -> bool:
        """Whether ``position`` lies inside a quotation long enough to be speech."""
        index = bisect.bisect_left(self.region_opens, position) - 1
        return index >= 0 and self.regions[index].close > position and self.regions[index].is_speech(self.text)

    def holds_quote(self, content: Span) -> bool:
        """Whether a whole quotation lies inside ``content`` (regions are sorted and disjoint)."""
        index = bisect.bisect_left(self.region_opens, content.start)
        return index < len(self.regions) and self.regions[index].close <= content.end + 1

    def quotations(self, regions: list[_QuoteRegion]) -> Iterator[tuple[Span, _QuoteRegion]]:
        """The quoted words of a cue's regions; a quotation left open at a paragraph's end and
        taken up at the next paragraph's start is one quotation."""
        merged: list[list[_QuoteRegion]] = []
        for region in regions:
            if merged and not merged[-1][-1].closed and region.starts_paragraph:
                merged[-1].append(region)
            else:
                merged.append([region])
        for group in merged:
            first, last = group[0].interior(self.text), group[-1].interior(self.text)
            if first is not None and last is not None:
                yield Span(first.start, last.end, self.text[first.start:last.end]), group[0]

    # -- cues

    def read_headline(self) -> Iterator[_Found]:
        """ "Minister: talks will resume": a headline (the first line of an article with several)
        whose colon follows the name of who says it; labels such as "Analysis:" do not count."""
        doc, text = self.doc, self.text
        line_end = text.find("\n")
        match = HEADLINE.fullmatch(text, 0, line_end) if line_end > 0 else None
        if match is None or len(match["source"].split()) > 6 \
                or match["source"].strip().lower() in self.lexicon.headline_labels:
            return
        tokens = doc.char_span(match.start("source"), match.end("source"), alignment_mode="expand")
        said = doc.char_span(match.start("content"), match.end("content"), alignment_mode="expand")
        if tokens is None or said is None or tokens.root.pos_ not in ("NOUN", "PROPN"):
            return
        source = Span(tokens.start_char, tokens.end_char, span_text(tokens))
        colon = text.index(":", match.end("source"))
        content = Span(said.start_char, said.end_char, span_text(said))
        outlet = outlet_name(self.lexicon, source.text)
        actors = self.actors(tokens.root, source, unnamed=outlet is not None)
        yield _Found(Attribution(Span(colon, colon + 1, ":"), "reports", False, "indirect", "clause",
                                 source, actors, outlet, content), said.root.i, tokens.root.i)

    def read(self, hit: _Hit, quotes: Iterable[_QuoteRegion]) -> Iterator[_Found]:
        """The attributions one cue makes (one per quotation it introduces, else one)."""
        doc, entry = self.doc, hit.entry
        head = doc[hit.head]
        cue_range = range(hit.start, hit.end)
        cue = _char_span(doc, hit.start, hit.end) or Span(head.idx, head.idx + len(head), head.text)
        negated = any(_negated(doc[i]) for i in cue_range)
        stance = self.lexicon.negated_stance[entry.stance] if negated else entry.stance
        frame = entry.frame and not _is_main_verb(head)
        if entry.kind == "clause_verb" and self.quoted(head.idx):
            return  # "“... faster than we expected,” she said": the quote's words, not a cue
        if entry.kind in ("verb", "clause_verb") and head.dep_ == "advcl" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in children_of(head)) and (
                head.tag_ == "VBN" or (head.tag_ == "VBD" and head.is_sent_start)):
            return  # "Asked whether ..., she replied": someone else asks
        if entry.kind == "clause_verb" and head.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children_of(head)):
            return  # "used the word to describe ...": a purpose, not a report
        if entry.kind == "adverb":
            target = head.head
            content = _char_span(doc, *_subtree_range(target, [head])) if target.i != head.i else None
            if content:
                yield _Found(Attribution(cue, stance, negated, "hearsay", "clause", None, (), None,
                                         content, entry.publication), target.i, None)
            return
        if frame:
            yield from self._read_frame(hit, cue, stance, negated)
            return
        if entry.kind in ("noun", "clause_noun") or (entry.kind == "phrase" and head.pos_ in ("NOUN", "PROPN")):
            yield from self._read_noun(hit, cue, stance, negated)
            return
        speaker = _subject(head, cue_range, passive_subject=entry.kind == "phrase")
        span, outlet = self.source_phrase(speaker, cue_range)
        if head.lemma_ in self.lexicon.addressee_verbs:
            addressee = next((c for c in children_of(head) if c.dep_ in ("dobj", "dative")), None)
            if addressee is not None and outlet is None:
                outlet = outlet_name(self.lexicon, doc[addressee.left_edge.i:addressee.right_edge.i + 1].text)
        quotes = list(quotes)
        content_range, root, kind = self._content(head, hit, cue_range)
        if not quotes and content_range is None and entry.kind != "phrase":
            return  # it introduces no quotation, clause or object
        actors, source_root = ((self.source_actors(speaker, span), speaker.i)
                               if speaker is not None and span is not None else ((), None))
        for quoted, region in self.quotations(quotes):
            mixed = content_range is not None and doc[content_range[0]].idx < region.open < doc[content_range[1] - 1].idx
            content = (_char_span(doc, *content_range) if mixed else None) or quoted
            yield _Found(Attribution(cue, stance, negated, "mixed" if mixed else "direct", "clause", span,
                                     actors, outlet, content, entry.publication), root if mixed else None, source_root)
        if quotes:
            return
        if content_range is None:
            content = None  # "rejected the report": the story itself is what is answered
            root = next((i for i in cue_range if doc[i].lemma_.lower() in self.lexicon.story_nouns), None)
        else:
            content = _char_span(doc, *content_range)
            if (head.lemma_ in self.lexicon.responsibility_verbs and root is not None
                    and doc[root].lemma_.lower() in self.lexicon.responsibility_objects):
                stance = self.lexicon.negated_stance["claims_responsibility"] if negated else "claims_responsibility"
            if kind == "indirect" and content is not None and self.holds_quote(content):
                kind = "mixed"
        if content is None and span is None:
            return
        yield _Found(Attribution(cue, stance, negated, kind, "clause", span, actors, outlet,
                                 content, entry.publication), root, source_root)

    def _content(self, head: Token, hit: _Hit, cue: range) -> tuple[tuple[int, int] | None, int | None, str]:
        """Token range, root and kind of what a verb cue says: its clause, object or topic."""
        doc, kind = self.doc, hit.entry.kind
        anchors = [doc[i] for i in cue]
        children = sorted((c for t in anchors for c in children_of(t) if c.i not in cue), key=lambda c: c.i)
        addressee = head.lemma_ in self.lexicon.addressee_verbs
        for child in children:
            if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and kind == "verb" and not addressee
                                         and child.pos_ in ("VERB", "AUX")):
                return self._range(child), child.i, "indirect"
        for child in children:  # "said in a statement that ...", "complained for years that ..."
            if child.dep_ == "prep":
                clause = next((c for g in children_of(child) if g.dep_ == "pobj" for c in children_of(g)
                               if c.dep_ in ("acl", "ccomp", "relcl") and _marked_that(c)), None)
                if clause is not None:
                    return self._range(clause), clause.i, "indirect"
        if _parenthetical(head, addressee):
            return _subtree_range(head.head, [head]), head.head.i, "indirect"
        if kind == "clause_verb" and head.lemma_ not in self.lexicon.topic_verbs and not any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.speech_objects for c in children):
            return None, None, ""
        if any(c.dep_ == "auxpass" for c in children_of(head)):  # "the report was denied by X"
            agent = any(c.dep_ == "agent" for c in children)
            subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if agent and subject is not None:
                return self._range(subject), subject.i, "nominal"
            if kind != "phrase":
                return None, None, ""
        if not addressee:
            for child in children:
                if child.dep_ == "dobj":
                    start, end = self._range(child)
                    for extra in children:  # "accused X of Y", "blamed X for Y", "described X as Y"
                        if extra.dep_ == "prep" and extra.lower_ in ("of", "for", "as") and extra.i > child.i:
                            end = max(end, extra.right_edge.i + 1)
                    return (start, end), child.i, "nominal"
        prepositions = CONTENT_PREPOSITIONS if kind == "phrase" else VERB_PREPOSITIONS
        for child in children:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                topic = next((g for g in children_of(child) if g.dep_ in ("pobj", "pcomp")), None)
                if topic is not None and topic.ent_type_ not in TIME_ENTITIES:
                    return self._range(topic), topic.i, "nominal"
        for conj in head.conjuncts:  # "did not confirm or address the report"
            if conj.i > head.i and conj.i not in cue:
                target = next((c for c in children_of(conj) if c.dep_ in ("dobj", "ccomp")), None)
                if target is not None:
                    return self._range(target), target.i, "nominal"
        return None, None, ""

    @functools.cached_property
    def appositions(self) -> list[int]:
        """Indices of the tokens attached as appositions, in order: the few tokens :meth:`_range`
        looks for in a content subtree."""
        return [token.i for token in self.tokens if token.dep_ == "appos"]

    def _range(self, root: Token) -> tuple[int, int]:
        """A content subtree without appositions that carry a cue of their own at its edges."""
        low, high = root.left_edge.i, root.right_edge.i
        index = bisect.bisect_left(self.appositions, low)
        if index == len(self.appositions) or self.appositions[index] > high:
            return _subtree_range(root)  # the subtree (within its edges) has no apposition
        asides = [t for t in root.subtree if t.dep_ == "appos" and t is not root
                  and any(self.lexicon.verbs.get(d.lower_) for d in t.subtree)]
        return _subtree_range(root, asides)

    def _read_frame(self, hit: _Hit, cue: Span, stance: str, negated: bool) -> Iterator[_Found]:
        """ "According to X, Y", "Y, as reported by X", "Y, citing X": X says Y."""
        doc = self.doc
        frame_root = doc[hit.head]
        source_token = None
        for i in reversed(range(hit.start, hit.end)):
            source_token = next((c for c in children_of(doc[i]) if c.dep_ in ("pobj", "dobj", "agent")
                                 and c.i not in range(hit.start, hit.end)), None)
            if source_token is not None:
                break
        if source_token is not None and source_token.dep_ == "agent":
            source_token = next((c for c in children_of(source_token) if c.dep_ == "pobj"), None)
        clause = frame_root.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.i == frame_root.i:
            return
        start, end = _subtree_range(clause, [frame_root])
        content = _char_span(doc, start, end)
        span, actors, outlet, source_root = self.source(source_token, range(hit.start, hit.end))
        if content is not None:
            yield _Found(Attribution(cue, stance, negated, "indirect", "sentence", span, actors,
                                     outlet, content, hit.entry.publication), clause.i, source_root)

    def _read_noun(self, hit: _Hit, cue: Span, stance: str, negated: bool) -> Iterator[_Found]:
        """ "Reports of clashes", "the ministry's statement that ...": a report noun's content."""
        doc, noun = self.doc, self.doc[hit.head]
        if noun.dep_ == "nsubj" and noun.head.lower_ in self.lexicon.verbs:
            return  # "The report said ...": the noun is the verb's source
        if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "through", "via") \
                and noun.head.head.lower_ in self.lexicon.verbs:
            return  # "said in a statement that ...": the verb is the cue, the statement its medium
        content_root = None
        for child in children_of(noun):
            if child.dep_ in ("acl", "relcl") and child.lower_ in self.lexicon.verbs:
                return  # "reports claiming ...": the participle is the cue
            if child.dep_ in ("acl", "ccomp") and _marked_that(child):
                content_root = child
            elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS and hit.entry.kind != "clause_noun":
                content_root = next((g for g in children_of(child) if g.dep_ in ("pobj", "pcomp")
                                     and g.ent_type_ not in TIME_ENTITIES), None)
            if content_root is not None:
                break
        if content_root is None:
            return
        source_token = next((c for c in children_of(noun) if c.dep_ == "poss"), None) or next(
            (g for c in children_of(noun) if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
             for g in children_of(c) if g.dep_ == "pobj"), None) or next(
            (c for c in children_of(noun) if c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")), None)
        span, actors, outlet, source_root = self.source(source_token, range(hit.start, hit.end))
        content = _char_span(doc, *_subtree_range(content_root))
        kind = "indirect" if content_root.pos_ in ("VERB", "AUX") else "nominal"
        if content is not None:
            yield _Found(Attribution(cue, stance, negated, kind, "clause", span, actors, outlet,
                                     content, hit.entry.publication), content_root.i, source_root)


def _negated(token: Token) -> bool:
    """A cue word is negated by "not"/"never"/"no", by a subject such as "neither side", by a
    governor such as "failed to" / "have yet to", or by a negated verb it is "or"-joined to."""
    for child in children_of(token):
        dep = child.dep_
        if dep == "neg" or (dep == "det" and child.lower_ == "no"):
            return True
        if dep == "nsubj" and (child.lower_ in NEGATIVE_SUBJECTS or any(
                g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in children_of(child))):
            return True
    relation = token.dep_
    if relation not in ("xcomp", "conj"):
        return False
    governor = token.head
    if relation == "xcomp" and (governor.lemma_ in NEGATING_GOVERNORS or any(
            c.lower_ == "yet" for c in children_of(governor))):
        return True
    if relation == "conj" and governor.pos_ == token.pos_:
        joined_by_or = any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in children_of(governor))
        return joined_by_or and any(c.dep_ == "neg" for c in children_of(governor))
    return False


def _titles(person: SpacySpan) -> set[str]:
    """Title nouns naming a person's role: before the name ("Transport Minister Helena Varga"),
    in apposition after it ("Ana Ruiz, a spokeswoman for ..."), or before it ("its director,
    Lena Park")."""
    root, columns = person.root, TokenColumns.of(person.doc)
    titles = {t.lemma_.lower() for t in columns.tokens[max(0, person.start - 3):person.start]
              if columns.pos[t.i] in ("NOUN", "PROPN") and t.dep_ == "compound" and person.start <= t.head.i < person.end}
    titles |= {c.lemma_.lower() for c in children_of(root) if c.dep_ == "appos" and c.pos_ == "NOUN"}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        titles.add(root.head.lemma_.lower())
    return titles


def _marked_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in children_of(clause))


def _parenthetical(verb: Token, addressee: bool) -> bool:
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


def _is_main_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in children_of(token))


def _subject(verb: Token, cue: range, *, passive_subject: bool = False) -> Token | None:
    """Who speaks: the verb's subject, the agent of a passive (or, for phrases such as "could
    not be reached for comment", its subject), or the noun a participle modifies."""
    seen = 0
    while seen < 6:
        seen += 1
        for child in children_of(verb):
            if child.dep_ == "nsubj" and child.i not in cue and child.lower_ not in ("there", "what", "which", "that", "who"):
                return child
            if child.dep_ == "nsubj" and child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(verb)):
            agent = next((c for c in children_of(verb) if c.dep_ == "agent"), None)
            if agent is not None:
                return next((g for g in children_of(agent) if g.dep_ == "pobj"), None)
            return next((c for c in children_of(verb) if c.dep_ == "nsubjpass"), None) if passive_subject else None
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def _unresolved(name: str, span: Span) -> ActorRef:
    """An actor the actor stage did not resolve, named by its text."""
    return ActorRef(unresolved_id(name), name, None, (), span.start, span.end, span.text)


def _as_quote(attribution: Attribution) -> Quote | None:
    """The quotation an attribution makes, if its content is a clause or quoted words."""
    if attribution.kind not in ("direct", "indirect", "mixed") or attribution.content is None:
        return None
    speaker = attribution.actors[0] if attribution.actors else None
    return Quote(attribution.kind, speaker, attribution.source, attribution.cue, attribution.content)


# ---------------------------------------------------------------------------- event sources


def _sources(attribution: Attribution, level: str | None = None) -> list[tuple[str, Source]]:
    """An attribution's sources (one per actor), each with the key of who says it."""
    key = _source_key(attribution)
    return [(key, Source(actor, attribution.outlet, attribution.stance, attribution.cue,
                         attribution.negated, level or attribution.level))
            for actor in attribution.actors or (None,)]


def _source_key(attribution: Attribution) -> str:
    if attribution.outlet:
        return attribution.outlet.lower()
    return attribution.source.text.lower() if attribution.source else f"cue@{attribution.cue.start}"


def attach_sources(doc: Doc, text: str, found: list[_Found], lexicon: Lexicon) -> list[Event]:
    """``doc._.events`` with every event's sources attached, in chain order (``text`` is the
    doc's)."""
    events: list[Event] = list(doc._.events or ())
    if not events:
        return events
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
    order = sorted(range(len(events)), key=lambda i: events[i].trigger.start)
    positions = [events[i].trigger.start for i in order]
    chains: list[list[tuple[str, Source]]] = [[] for _ in events]
    # clause / sentence: the attributions whose content holds the trigger (one sweep in text order)
    spans = sorted((f.attribution for f in found if f.attribution.content is not None),
                   key=lambda a: a.content.start)
    active: list[Attribution] = []
    taken = 0
    for i, at in zip(order, positions):
        while taken < len(spans) and spans[taken].content.start <= at:
            active.append(spans[taken])
            taken += 1
        active = [a for a in active if a.content.end > at]
        chains[i] = [pair for a in sorted(active, key=lambda a: a.cue.start)
                     if not a.cue.start <= at < a.cue.end for pair in _sources(a)]
    # report frames: an outlet's report, or a published story, covers the following sentences
    reports = [f for f in found if f.attribution.stance in ("reports", "alleges")]
    openers = [f.attribution for f in reports if f.attribution.outlet or f.attribution.publication]
    for number, opener in enumerate(openers):
        begin = _sentence_end(text, opener.cue.end)
        paragraph = bisect.bisect_right(paragraph_starts, opener.cue.start) - 1
        end = paragraph_starts[paragraph + 2] if paragraph + 2 < len(paragraph_starts) else len(text)
        end = min(end, next((o.cue.start for o in openers[number + 1:]
                             if _source_key(o) != _source_key(opener)), end))
        for i in order[bisect.bisect_left(positions, begin):bisect.bisect_left(positions, end)]:
            if not chains[i]:
                chains[i].extend(_sources(opener, "paragraph"))
    # responses to a story: confirmations, denials, refusals of what the media reported
    stories = {_source_key(o) for o in openers} | {
        _source_key(f.attribution) for f in reports if f.source_root is not None
        and doc[f.source_root].lemma_.lower() in lexicon.story_nouns}
    vocabularies = _story_vocabularies(doc, found, stories)
    members: dict[str, list[int]] = {key: [] for key in stories}  # events each story reports
    for i in order:
        for key in dict.fromkeys(k for k, s in chains[i] if s.stance in ORIGINAL_STANCES and k in members):
            members[key].append(i)
    for f in found:
        response = f.attribution
        if response.stance not in RESPONSE_STANCES or f.content_root is None \
                or doc[f.content_root].pos_ not in ("NOUN", "PROPN"):
            continue
        word = doc[f.content_root].lemma_.lower()
        for key in sorted(stories - {_source_key(response)}):
            earlier = [i for i in members[key] if events[i].trigger.start < response.cue.start]
            if earlier and (word in lexicon.story_nouns or word in vocabularies[key]):
                for i in earlier:
                    chains[i].extend(_sources(response, "paragraph"))
    article = _article_source(doc)
    return [dataclasses.replace(event, sources=_ordered(
        [s for _, s in chain] or ([article] if article else [])))
        for event, chain in zip(events, chains)]


def _story_vocabularies(doc: Doc, found: list[_Found], keys: set[str]) -> dict[str, set[str]]:
    """For each story key, the lemmas of the nouns and verbs its reports say."""
    words: dict[str, set[str]] = {key: set() for key in keys}
    for f in found:
        a = f.attribution
        if a.content is None or (key := _source_key(a)) not in words:
            continue
        span = doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
        if span is not None:
            words[key] |= {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "VERB", "PROPN")}
    return words


def _sentence_end(text: str, position: int) -> int:
    match = SENTENCE_END.search(text, position)
    return match.end() if match else len(text)


def _article_source(doc: Doc) -> Source | None:
    """The outlet asserting what nobody else is said to assert."""
    article = doc._.article
    if article is None:
        return None
    syndication = article.syndication
    outlet = article.outlet or (syndication.original_outlet or syndication.wire if syndication else None)
    return Source(actor=None, outlet=outlet, stance="reports", cue=None, level="article")


def _ordered(sources: list[Source]) -> tuple[Source, ...]:
    """Original reporters, then confirmations, then denials and refusals; no repeats."""
    unique: dict[tuple, Source] = {}
    for source in sources:
        key = (source.actor.id if source.actor else None, source.outlet, source.stance)
        unique.setdefault(key, source)
    return tuple(sorted(unique.values(), key=lambda s: (
        STANCE_RANK[s.stance], s.cue.start if s.cue else -1)))
