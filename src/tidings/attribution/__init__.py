"""Who says so: attribution cues, quotations, and the sources of every event.

``tidings_attribution`` works in four steps, each linear in the number of tokens:

1. **Cues** from the lexicon ``data/attribution/cues.yaml``: speech and report verbs, verbs of
   attitude, judgement and intention ("supports", "criticized", "wants to", "called for"),
   report nouns, hedges ("reportedly", "seems to") (one dictionary look-up per token) and
   phrases (:class:`PhraseIndex`); quotations signed "― Name".
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

The component's config names the lexicon folder (``cues.yaml`` and ``outlets.yaml``), so a
user can bring their own: ``nlp.add_pipe("tidings_attribution", config={"lexicon": "my/cues"})``.

Modules: :mod:`.lexicon` (loading and checking the cue lexicon), :mod:`.cues` (finding cues),
:mod:`.sources` (who says it), :mod:`.content` (what is said), :mod:`.stance` (stance,
negation, hedges), :mod:`.quotes` (quotation marks), :mod:`.reading` (a cue read into
attributions), :mod:`.event_sources` (sources attached to events), :mod:`.component` (the
spaCy component).
"""

from __future__ import annotations

from .component import Attributor, find_attributions, make_attribution
from .cues import CueFinder, Hit, PhraseIndex
from .event_sources import attach_sources
from .lexicon import CueEntry, Lexicon, load_lexicon, outlet_name
from .quotes import QuoteRegion, find_quote_regions
from .records import Attribution, Found

__all__ = [
    "Attribution", "Attributor", "CueEntry", "CueFinder", "Found", "Hit", "Lexicon", "PhraseIndex",
    "QuoteRegion", "attach_sources", "find_attributions", "find_quote_regions", "load_lexicon",
    "make_attribution", "outlet_name",
]
