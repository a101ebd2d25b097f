"""Reading cues into attributions: a cue's source, content, stance and quotations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from ..model import SourceLevel, Span, Stance
from ..nlp import children_of, span_text
from .content import ContentFinder, is_main_verb, joined_governor, marked_that, preposition_object
from .cues import Hit
from .lexicon import Lexicon, outlet_name
from .quotes import QuoteRegion, QuoteRegions
from .records import Attribution, AttributionKind, Found, Reading
from .sources import SourceFinder, SourcePhrase, subject
from .spans import char_span, subtree_range
from .stance import claim_stance, cue_stance, read_hedge, read_hedging_verb

HEADLINE = re.compile(r"(?P<source>[^\W\d][^:\n]{0,60}?)\s*:\s+(?P<content>\S[^\n]*?)\s*")
# "“…” ― Sonya Herridge": a quotation signed by a dash and a name ending its line (or followed
# by the next quotation).
SIGNATURE = re.compile(r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,4})[ \t\u00a0]*(?:\n|$|(?=[“\x22]))")
# A headline's source before its colon is a short name: at most this many words.
HEADLINE_SOURCE_WORDS = 6
# spaCy's entity labels of a noun compound that names who reports: "the UN report".
SOURCE_ENTITIES = ("ORG", "GPE", "NORP", "PERSON")


def inverted_subject(verb: Token) -> Token | None:
    """The speaker named after a reporting verb set after its clause: "Three people died,
    reported the State Highway Patrol" (the verb has no subject before it)."""
    if verb.dep_ not in ("conj", "parataxis", "ccomp") or verb.head.i > verb.i or verb.i == 0 \
            or verb.doc[verb.i - 1].text not in (",", "”", '"'):
        return None
    children = children_of(verb)
    if any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp", "cc") for c in children if c.i < verb.i):
        return None
    named = [c for c in children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i]
    if len(named) != 1 or named[0].pos_ not in ("NOUN", "PROPN") or len(children) > len(named) + 2:
        return None
    return named[0]


class CueReader:
    """Reads the cues of one Doc (whose text is ``text``) into attributions."""

    def __init__(self, doc: Doc, text: str, lexicon: Lexicon, regions: QuoteRegions) -> None:
        self.doc, self.text, self.lexicon, self.regions = doc, text, lexicon, regions
        self.sources = SourceFinder(doc, lexicon)
        self.contents = ContentFinder(doc, lexicon)

    def read_headline(self) -> Iterator[Found]:
        """ "Minister: talks will resume": a headline (the first line of an article with several)
        whose colon follows the name of who says it; labels such as "Analysis:" do not count."""
        doc, text = self.doc, self.text
        line_end = text.find("\n")
        match = HEADLINE.fullmatch(text, 0, line_end) if line_end > 0 else None
        if match is None or len(match["source"].split()) > HEADLINE_SOURCE_WORDS \
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
        actors = self.sources.actors(tokens.root, source, unnamed=outlet is not None)
        yield Found(Attribution(Span(colon, colon + 1, ":"), "reports", False, "indirect", "clause",
                                source, actors, outlet, content), said.root.i, tokens.root.i)

    def read_signatures(self) -> Iterator[tuple[Found, QuoteRegion]]:
        """ "“…” ― Sonya Herridge": a quotation signed by the name after a dash, and its region."""
        doc, text = self.doc, self.text
        for region in self.regions.regions:
            match = SIGNATURE.match(text, region.close + 1) if region.closed else None
            said = region.interior(text)
            if match is None or said is None:
                continue
            tokens = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
            if tokens is None:
                continue
            source = Span(tokens.start_char, tokens.end_char, span_text(tokens))
            cue = Span(match.start("dash"), match.end("dash"), match["dash"])
            actors = self.sources.actors(tokens.root, source, unnamed=False)
            yield Found(Attribution(cue, "reports", False, "direct", "clause", source, actors, None, said),
                        None, tokens.root.i), region

    def read(self, hit: Hit, quotes: Iterable[QuoteRegion]) -> Reading:
        """The attributions one cue makes (one per quotation it introduces, else one), and
        the outlet its source names."""
        doc, entry = self.doc, hit.entry
        head = doc[hit.head]
        cue = char_span(doc, hit.start, hit.end) or Span(head.idx, head.idx + len(head), head.text)
        stance, negated = cue_stance(doc, hit, self.lexicon)
        if self._not_a_cue(hit, head):
            return Reading()
        if entry.kind in ("adjective", "role_noun"):
            return self._read_state(hit, cue, stance, negated)
        if entry.kind == "adverb":
            return Reading(tuple(read_hedge(doc, hit, cue, stance, negated)))
        if entry.kind == "hedge_verb":
            return Reading(tuple(read_hedging_verb(head, cue, stance, negated)))
        if entry.frame and not is_main_verb(head) and not (head.dep_ == "advcl" and head.head.lower_ in self.lexicon.verbs):
            return self._read_frame(hit, cue, stance, negated)  # not "…,” she said, citing the figures"
        if entry.kind in ("noun", "clause_noun") or (entry.kind == "phrase" and head.pos_ in ("NOUN", "PROPN")):
            return self._read_noun(hit, cue, stance, negated)
        return self._read_verb(hit, cue, stance, negated, list(quotes))

    def _not_a_cue(self, hit: Hit, head: Token) -> bool:
        """A cue word that says nothing here."""
        kind, lexicon = hit.entry.kind, self.lexicon
        if kind in ("clause_verb", "attitude_verb", "hedge_verb") and self.regions.quoted(head.idx):
            return True  # "“... faster than we expected,” she said": the quote's words, not a cue
        if hit.entry.as_clause and not any(c.dep_ == "mark" and c.lower_ == "as" for c in children_of(head)):
            return True  # "put it on the table": only "as she put it" says something
        if head.idx and self.text[head.idx - 1] == "<":
            return True  # "<tweet author=...>": markup left in the text
        if head.dep_ == "pcomp" and head.head.lower_ in lexicon.negating_prepositions:
            return True  # "without citing sources"
        if head.lemma_ in lexicon.person_subject_verbs and not self._spoken(head, hit):
            return True  # "militants attacked the base": no speech
        if self._asked(hit, head) and not any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ in lexicon.topic_prepositions)
                                              for c in children_of(head)):
            return True  # "Asked about the delay, she replied": someone else asks
        return kind in ("clause_verb", "attitude_verb") and (head.dep_ == "advcl" or (
            head.dep_ == "xcomp" and head.head.lower_ not in lexicon.verbs)) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children_of(head))  # "used the word to describe ..."

    def _asked(self, hit: Hit, head: Token) -> bool:
        """A participle set before a clause whose subject does not say it ("Asked whether ...,
        she replied"): someone unnamed asks."""
        return hit.entry.kind in ("verb", "clause_verb") and head.dep_ == "advcl" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in children_of(head)) and (
            head.tag_ == "VBN" or (head.tag_ == "VBD" and head.is_sent_start))

    def _spoken(self, verb: Token, hit: Hit) -> bool:
        """Whether a verb such as "attack" is said rather than done: a person does it, to a
        person, or for a reason ("attacked her rival for the remark")."""
        return self.sources.personal(subject(verb, range(hit.start, hit.end))) or any(
            (c.dep_ == "dobj" and self.sources.personal(c)) or (c.dep_ == "prep" and c.lower_ == "for")
            or c.dep_ == "ccomp" for c in children_of(verb))

    def _read_verb(self, hit: Hit, cue: Span, stance: Stance, negated: bool,
                   quotes: list[QuoteRegion]) -> Reading:
        """ "X said Y", "“Y,” said X", "X denied the report": a verb's subject says its content."""
        doc, entry = self.doc, hit.entry
        head = doc[hit.head]
        cue_range = range(hit.start, hit.end)
        speaker = inverted_subject(head) if not quotes else None
        if speaker is not None:  # "..., reported the State Highway Patrol."
            content_range, root, kind = subtree_range(head.head, [head]), head.head.i, "indirect"
        else:
            speaker = None if self._asked(hit, head) else subject(
                joined_governor(head, self.lexicon) or head, cue_range, passive_subject=entry.kind == "phrase")
            content_range, root, kind = self.contents.of_verb(head, hit, cue_range)
        phrase = self.sources.phrase(speaker, cue_range)
        outlet = phrase.outlet or self._addressee_outlet(head)
        if not quotes and content_range is None and entry.kind != "phrase":
            return Reading(outlet_named=phrase.outlet_named)  # no quotation, clause or object
        span = phrase.span
        actors, source_root = ((self.sources.source_actors(speaker, span), speaker.i)
                               if speaker is not None and span is not None else ((), None))
        found = []
        for quoted, region in self.regions.quotations(quotes):
            mixed = content_range is not None and doc[content_range[0]].idx < region.open < doc[content_range[1] - 1].idx
            content = (char_span(doc, *content_range) if mixed else None) or quoted
            found.append(Found(Attribution(cue, stance, negated, "mixed" if mixed else "direct", "clause", span,
                                           actors, outlet, content, entry.publication), root if mixed else None, source_root))
        if quotes:
            return Reading(tuple(found), phrase.outlet_named)
        if content_range is None:
            content = None  # "rejected the report": the story itself is what is answered
            root = next((i for i in cue_range if doc[i].lemma_.lower() in self.lexicon.story_nouns), None)
        else:
            content = char_span(doc, *content_range)
            stance = claim_stance(self.lexicon, head, doc[root] if root is not None else None, stance, negated, speaker)
            if kind == "indirect" and content is not None and self.regions.holds_quote(content):
                kind = "mixed"
        if content is None and span is None:
            return Reading(outlet_named=phrase.outlet_named)
        return Reading((Found(Attribution(cue, stance, negated, kind, "clause", span, actors, outlet,
                                          content, entry.publication), root, source_root),),
                       phrase.outlet_named)

    def _addressee_outlet(self, verb: Token) -> str | None:
        """The outlet a speech verb's addressee names: "told Reuters"."""
        if verb.lemma_ not in self.lexicon.addressee_verbs:
            return None
        addressee = next((c for c in children_of(verb) if c.dep_ in ("dobj", "dative")), None)
        if addressee is None:
            return None
        return outlet_name(self.lexicon, self.doc[addressee.left_edge.i:addressee.right_edge.i + 1].text)

    def _read_frame(self, hit: Hit, cue: Span, stance: Stance, negated: bool) -> Reading:
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
            return Reading()
        content = char_span(doc, *subtree_range(clause, [frame_root]))
        speaker = self.sources.speaker(source_token, range(hit.start, hit.end))
        return Reading(self._found(hit, cue, stance, negated, speaker.phrase, speaker.actors, content,
                                   "indirect", "sentence", clause.i, speaker.root),
                       speaker.phrase.outlet_named)

    def _read_noun(self, hit: Hit, cue: Span, stance: Stance, negated: bool) -> Reading:
        """ "Reports of clashes", "the ministry's statement that ...": a report noun's content."""
        noun = self.doc[hit.head]
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() in self.lexicon.survey_nouns:
            return self._read_survey(hit, noun, stance, negated)
        content_root = self._noun_content(noun, hit)
        if content_root is None:
            return Reading()
        speaker = self.sources.speaker(self._noun_source(noun), range(hit.start, hit.end))
        framed = content_root.i == noun.head.head.i and noun.dep_ == "pobj"
        content = char_span(self.doc, *subtree_range(content_root, [noun.head] if framed else []))
        kind = "indirect" if content_root.pos_ in ("VERB", "AUX") else "nominal"
        return Reading(self._found(hit, cue, stance, negated, speaker.phrase, speaker.actors, content,
                                   kind, "clause", content_root.i, speaker.root),
                       speaker.phrase.outlet_named)

    def _read_state(self, hit: Hit, cue: Span, stance: Stance, negated: bool) -> Reading:
        """ "She is confident that ...", "critical of the plan", "Ana Ruiz, a critic of the
        mayor": a state of mind or a role, held by the subject of its copula or the noun it is
        set beside, about its clause, infinitive or preposition's object."""
        word = self.doc[hit.head]
        cue_range = range(hit.start, hit.end)
        if word.dep_ in ("acomp", "attr", "oprd"):
            holder = subject(word.head, cue_range)
        elif word.dep_ == "appos":
            holder = word.head
        else:
            return Reading()
        complement = next((c for c in children_of(word) if c.dep_ in ("ccomp", "xcomp") or (
            c.dep_ == "prep" and c.lower_ in self.lexicon.state_prepositions)), None)
        root = preposition_object(complement) if complement is not None and complement.dep_ == "prep" else complement
        if root is None:
            return Reading()
        speaker = self.sources.speaker(holder if holder is None or holder.lower_ != "it" else None, cue_range)
        content = char_span(self.doc, *self.contents.range(root))
        kind = "indirect" if root.pos_ in ("VERB", "AUX") else "nominal"
        return Reading(self._found(hit, cue, stance, negated, speaker.phrase, speaker.actors, content,
                                   kind, "clause", root.i, speaker.root), speaker.phrase.outlet_named)

    def _read_survey(self, hit: Hit, noun: Token, stance: Stance, negated: bool) -> Reading:
        """ "In a poll released Monday, the senator leads", "leads in the polls": "in" is the
        cue, the poll the source, the clause around it the content."""
        preposition = noun.head
        clause = preposition.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        content = char_span(self.doc, *subtree_range(clause, [preposition]))
        if clause.pos_ not in ("VERB", "AUX") or content is None:
            return Reading()
        cue = Span(preposition.idx, preposition.idx + len(preposition), preposition.text)
        speaker = self.sources.speaker(noun, range(preposition.i, preposition.i + 1))
        return Reading(self._found(hit, cue, stance, negated, speaker.phrase, speaker.actors, content,
                                   "indirect", "sentence", clause.i, speaker.root), speaker.phrase.outlet_named)

    def _noun_content(self, noun: Token, hit: Hit) -> Token | None:
        """The root of what a report noun says, or None when the noun is no cue here."""
        verbs = self.lexicon.verbs
        if noun.dep_ == "nsubj" and noun.head.lower_ in verbs:
            return None  # "The report said ...": the noun is the verb's source
        if noun.dep_ == "pobj" and noun.head.lower_ in self.lexicon.medium_prepositions \
                and noun.head.head.lower_ in verbs:
            return None  # "said in a statement that ...": the verb is the cue, the statement its medium
        for child in children_of(noun):
            if child.dep_ in ("acl", "relcl") and child.lower_ in verbs:
                return None  # "reports claiming ...": the participle is the cue
            content_root = None
            if child.dep_ in ("acl", "ccomp") and (marked_that(child) or (
                    hit.entry.kind == "noun" and any(g.dep_ == "aux" and g.lower_ == "to" for g in children_of(child)))):
                content_root = child  # "a statement that ...", "her plan to expand the program"
            elif child.dep_ == "prep" and child.lower_ in self.lexicon.content_prepositions \
                    and hit.entry.kind != "clause_noun":
                content_root = preposition_object(child)
            if content_root is not None:
                return content_root
        return self._framing_clause(noun)

    def _framing_clause(self, noun: Token) -> Token | None:
        """ "In his view, the deal is bad", "In a poll by Gallup, Clinton leads": a report noun
        whose source is named, set before a clause, frames that clause."""
        preposition = noun.head
        clause = preposition.head
        if noun.dep_ != "pobj" or preposition.lower_ != "in" or preposition.i > clause.i \
                or clause.pos_ not in ("VERB", "AUX") or self._noun_source(noun) is None:
            return None
        return clause

    def _noun_source(self, noun: Token) -> Token | None:
        """Who makes a report: "the ministry's statement", "a statement from the ministry",
        "the UN report"."""
        children = children_of(noun)
        return next((c for c in children if c.dep_ == "poss"), None) or next(
            (g for c in children if c.dep_ in ("prep", "agent") and c.lower_ in self.lexicon.source_prepositions
             for g in children_of(c) if g.dep_ == "pobj"), None) or next(
            (c for c in children if c.dep_ == "compound" and c.ent_type_ in SOURCE_ENTITIES), None)

    @staticmethod
    def _found(hit: Hit, cue: Span, stance: Stance, negated: bool, phrase: SourcePhrase, actors: tuple,
               content: Span | None, kind: AttributionKind, level: SourceLevel, content_root: int, source_root: int | None
               ) -> tuple[Found, ...]:
        """The one attribution of a frame or a noun, if it has content."""
        if content is None:
            return ()
        return (Found(Attribution(cue, stance, negated, kind, level, phrase.span, actors, phrase.outlet,
                                  content, hit.entry.publication), content_root, source_root),)
