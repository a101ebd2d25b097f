"""The spaCy component ``tidings_attribution``: cues, quotes and event sources of a Doc."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Quote
from ..nlp import TokenColumns, doc_text
from .cues import CueFinder, Hit
from .event_sources import attach_sources
from .lexicon import Lexicon, load_lexicon
from .quotes import QuoteRegions, link_quotes
from .reading import CueReader
from .records import Found

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


@Language.factory(
    "tidings_attribution",
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes", "doc._.events"],
    default_config={"lexicon": None},
)
def make_attribution(nlp: Language, name: str, lexicon: str | None) -> Attributor:
    """The attributor, with the bundled cue lexicon unless ``lexicon`` names a folder holding
    another ``cues.yaml`` and ``outlets.yaml``."""
    return Attributor(load_lexicon(Path(lexicon)) if lexicon else load_lexicon())


def find_attributions(doc: Doc, text: str, lexicon: Lexicon, hits: list[Hit]
                      ) -> tuple[list[Found], list[Quote]]:
    """Every cue of ``doc`` (whose text is ``text``) read into attributions, in text order, and
    the quotations that no cue introduces (speaker unknown)."""
    regions = QuoteRegions(text)
    starts = [t.idx for t in TokenColumns.of(doc).tokens]
    linked = link_quotes(doc, text, regions.regions, hits, starts)
    reader = CueReader(doc, text, lexicon, regions)
    found = list(reader.read_headline())
    signed = [(f, region) for f, region in reader.read_signatures()
              if not any(region in quoted for quoted in linked.values())]
    found.extend(f for f, _ in signed)
    for number, hit in enumerate(hits):
        reading = reader.read(hit, linked.get(number, ()))
        found.extend(reading.found)
        reader.sources.note_outlet(reading.outlet_named)
    return sorted(found, key=lambda f: f.attribution.cue.start), regions.unlinked(linked, [region for _, region in signed])


class Attributor:
    """Finds quotes and cues and attaches sources to events."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.cues = CueFinder(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found, unlinked = find_attributions(doc, text, self.lexicon, self.cues(doc))
        doc._.attributions = [f.attribution for f in found]
        quotes = [quote for f in found if (quote := f.attribution.as_quote())] + unlinked
        doc._.quotes = sorted(quotes, key=lambda q: q.content.start)
        doc._.events = attach_sources(doc, text, found, self.lexicon)
        return doc
