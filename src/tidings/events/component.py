"""The ``tidings_events`` component: codes the events of a Doc from its parse and lexicon."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import Event
from ..model import Span as TextSpan
from ..nlp import TokenColumns, children_of, span_text
from .arguments import ArgumentFinder, Draft
from .clauses import apposed_event
from .index import DocIndex
from .lexicon import Lexicon, Trigger
from .loading import load_lexicon
from .magnitude import event_count, with_magnitudes
from .senses import assault_sense
from .modality import context_tags, instrument_mode, read_modality
from .parties import (
    acts_alone, argument_refs, event_site, inner_place, names_party, placed_refs, unique_refs,
)


@Language.factory(
    "tidings_events",
    requires=["token.dep", "token.lemma", "token.tag", "token.pos", "token.ent_type", "doc.ents",
              "doc.sents", "doc._.actor_mentions", "doc._.places"],
    assigns=["doc._.events", "token.lemma"],
    default_config={"lexicon": None},
)
def make_events(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    return EventCoder(load_lexicon(Path(lexicon)) if lexicon else load_lexicon())


class EventCoder:
    """Codes events from the dependency parse with the event lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.arguments = ArgumentFinder(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        columns = TokenColumns.of(doc)
        for i, lower in enumerate(columns.lower):  # "staged" is not "stag"
            fixed = self.lexicon.lemma_fixes.get(lower)
            if fixed is not None:
                columns.tokens[i].lemma_ = fixed
        DocIndex.renew(doc)
        drafts = self.arguments.drafts(doc)
        article = doc._.article
        prefix = article.id if article is not None else "doc"
        events: list[Event] = []
        coded: list[Draft] = []
        for draft in drafts:
            event = self._event(doc, draft, f"{prefix}-e{len(events) + 1}")
            if event is not None:
                events.append(event)
                coded.append(draft)
        events = self._recipients_from_events(events, coded)
        events = self._inherit_recipients(self._without_results(events), drafts)
        doc._.events = with_magnitudes(self.lexicon, doc, events)
        return doc

    def _recipients_from_events(self, events: list[Event], drafts: list[Draft]) -> list[Event]:
        """An event aimed at another event ("a move Washington called outrageous", "a crushing
        response to Pakistan's strikes") takes that event's actors as its recipients."""
        by_token = {d.token.i: e for d, e in zip(drafts, events)}
        out = []
        for draft, event in zip(drafts, events):
            target = by_token.get(draft.recipients_from.i) if draft.recipients_from else None
            if target is not None and not event.recipients:
                own = {a.id for a in event.actors}
                event = replace(event, recipients=tuple(a for a in target.actors
                                                        if a.id not in own))
            out.append(event)
        return out

    def _without_results(self, events: list[Event]) -> list[Event]:
        """Drop a casualty verb ("killing 12") coded beside the event that caused it; its
        numbers go to that event as magnitude.  An arrest is its own event unless a nominal
        event caused it ("arrested 23 and seized their boats"; "a crackdown, arresting 40")."""
        lex = self.lexicon
        causes = {(e.sentence.start, e.type, self._entry(e).pos == "noun") for e in events
                  if self._entry(e).lemma not in lex.magnitude}

        def result(event: Event) -> bool:
            kind = lex.magnitude.get(self._entry(event).lemma)
            return kind is not None and any(
                (event.sentence.start, event.type, nominal) in causes
                for nominal in ((True,) if kind in lex.standalone_results else (True, False)))

        return [e for e in events if not result(e)]

    def _entry(self, event: Event) -> Trigger:
        """The lexicon entry an event was coded from (the first of its rules)."""
        return self.lexicon.rules[event.rules[0]]

    def _event(self, doc: Doc, draft: Draft, event_id: str) -> Event | None:
        sense = assault_sense(self.lexicon, draft)
        if sense is None:
            return None  # "the fight against terror", "ads targeting voters"
        draft.entry, sense_rule = sense
        entry, token = draft.entry, draft.token
        actors = unique_refs(r for t in draft.actors for r in argument_refs(self.lexicon, doc, t))
        recipients = unique_refs(r for t in draft.recipients
                                 for r in argument_refs(self.lexicon, doc, t))
        symmetric = entry.symmetric and "+between" not in draft.arg_rule
        reciprocal = any(t.lower_ in self.lexicon.reciprocal_words for t in draft.recipients)
        if (symmetric or reciprocal) and not recipients and len(actors) > 1:
            recipients = actors
        elif not entry.symmetric and "+between" not in draft.arg_rule:
            actor_ids = {a.id for a in actors}
            recipients = tuple(r for r in recipients if r.id not in actor_ids)
        if len(actors) < 2 and {r.id for r in recipients} == {a.id for a in actors}:
            recipients = ()  # "cooperation between Israel and Arab states", one side unknown
        lex, sentence = self.lexicon, DocIndex.of(doc).sentence(token.i)
        trigger = Span(doc, token.i, token.i + 1)
        if not recipients and draft.recipients_from is None and len(draft.recipients) == 1 \
                and draft.recipients[0].lemma_.lower() in lex.event_nouns:
            draft.recipients_from = apposed_event(self.lexicon, draft.recipients[0])  # "a move"
        inner = inner_place(self.lexicon, doc, draft.actors)  # "teachers in Nigeria"
        party = inner is not None or any(names_party(self.lexicon, t) for t in draft.actors)
        roles = lex.visit_place_roles if entry.mode == "visit" else lex.place_recipients.get(
            entry.type)
        if roles and all(r.country is None for r in recipients):
            site = event_site(self.lexicon, doc, trigger, sentence, roles, draft.actors)
            if site is not None and site.country not in {a.country for a in actors}:
                recipients = placed_refs(recipients, site)
        if (entry.type in lex.localized_actor_types and (actors or party)
                and all(a.country is None for a in actors)):
            site = inner or event_site(self.lexicon, doc, trigger, sentence, ("site",),
                                       draft.recipients)
            actors = placed_refs(actors, site) if site is not None else actors
        if not actors and not party and (entry.needs_actor or not recipients or (
                entry.symmetric and any(c.dep_ == "auxpass" for c in children_of(token))) or (
                token.pos_ != "VERB" and entry.type not in lex.actorless_noun_types)
                or any(acts_alone(self.lexicon, t) for t in draft.actors)):
            return None  # "cooperation with Israel": whose?  "a storm destroyed homes": no one
        negated, modality = read_modality(self.lexicon, draft)
        mode = instrument_mode(self.lexicon, draft)
        cameo = lex.mode_cameo.get((entry.type, mode or ""), entry.cameo)
        return Event(
            id=event_id, type=entry.type, mode=mode,
            context=context_tags(self.lexicon, token, entry),
            cameo=cameo, quad_class=self.lexicon.quad_class(cameo),
            goldstein=self.lexicon.cameo[cameo], actors=actors, recipients=recipients,
            trigger=_text_span(trigger), sentence=_text_span(sentence),
            magnitude=event_count(self.lexicon, token), negated=negated, modality=modality,
            rule=f"{entry.key}|{draft.arg_rule}",
            rules=(entry.id, *((f"senses.{sense_rule}",) if sense_rule else ()),
                   *(f"arguments.{part}" for part in draft.arg_rule.split("+"))),
        )

    def _inherit_recipients(self, events: list[Event], drafts: list[Draft]) -> list[Event]:
        """A threat or request without a recipient takes that of the event it governs."""
        out = []
        for event in events:
            if event.type in self.lexicon.embedded_recipient_types and not event.recipients:
                governed = [e for e in events if e is not event and e.recipients
                            and e.sentence.start == event.sentence.start
                            and _governs(event, e, drafts)]
                if governed:
                    event = replace(event, recipients=governed[0].recipients)
            out.append(event)
        return out


def _governs(upper: Event, lower: Event, drafts: list[Draft]) -> bool:
    tokens = {d.token.idx: d.token for d in drafts}
    head, low = tokens.get(upper.trigger.start), tokens.get(lower.trigger.start)
    return head is not None and low is not None and head.is_ancestor(low)


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span_text(span))
