"""Finding a trigger's arguments in the parse: the actors and recipients of a verbal event
(subject or by-agent, object, recipient prepositions, the controller of an infinitive) and of a
nominal one (modifiers, possessors, "by" phrases, the subject of its light verb)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import syntax
from ..nlp import TokenColumns, children_of
from . import phrases
from .clauses import apposed_event, circumstance_verb, controller, stand_in, support_verb
from .lexicon import TRIGGER_POS, Lexicon, Trigger


@dataclass
class Draft:
    """An event being built: the trigger, its entry and its argument tokens."""

    token: Token
    entry: Trigger
    actors: list[Token]
    recipients: list[Token]
    arg_rule: str
    support: Token | None = None
    recipients_from: Token | None = None  # the recipients are the actors of this trigger's event


class ArgumentFinder:
    """Finds the triggers of a Doc and drafts an event for each with its argument tokens."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def drafts(self, doc: Doc) -> list[Draft]:
        lex = self.lexicon
        columns = TokenColumns.of(doc)
        found = [(t, e) for t, pos, lower in zip(columns.tokens, columns.pos, columns.lower)
                 if pos in TRIGGER_POS and lex.lists(pos, t.lemma_.lower(), lower)
                 and (e := lex.trigger_for(t)) is not None]
        # a noun trigger stands for the quantity phrase it sits in ("dozens of attacks")
        nouns = {stand_in(self.lexicon, t).i: t for t, _ in found if t.pos_ != "VERB"}
        themes = {obj.i for t, e in found if t.pos_ == "VERB" and e.names_objects
                  and (obj := phrases.theme(t, lex)) is not None}
        drafts: dict[int, Draft] = {}
        results: list[tuple[Token, Token | None]] = []
        for token, entry in found:
            if token.pos_ == "VERB":
                obj = syntax.direct_object(token)
                subject = syntax.subject(token)
                if (obj is not None and obj.i in nouns and not entry.names_objects
                        and token.lemma_.lower() in lex.support_verbs):
                    continue  # "launched an offensive": the noun is the event
                if subject is not None and subject.i in nouns and not syntax.is_passive(token):
                    results.append((nouns[subject.i], obj))
                    continue  # "the strikes killed 12": the noun is the event
                agent = syntax.agent(token)
                if agent is not None and agent.i in nouns and entry.quad_class == 4 \
                        and lex.trigger_for(nouns[agent.i]).quad_class == 4:
                    results.append((nouns[agent.i], subject))
                    continue  # "companies were hit by cyberattacks": the noun is the event
                drafts[token.i] = self._verb_draft(token, entry)
            elif token.i not in themes:  # "lifted sanctions": the verb is the event
                drafts[token.i] = self._noun_draft(token, entry)
        for noun, target in results:
            draft = drafts.get(noun.i)
            if draft is not None and target is not None and not draft.recipients:
                draft.recipients.extend(syntax.conjuncts(target))
        return [draft for i, draft in sorted(drafts.items())
                if not self._restates(draft.token, drafts)]

    def _restates(self, token: Token, drafts: dict[int, Draft]) -> bool:
        """True for a purpose or participle clause that restates the event it hangs on
        ("blocked roads to protest", "went on strike demanding higher wages")."""
        lemma, head = token.lemma_.lower(), token.head
        if token.pos_ != "VERB":  # "blocking a highway in protest at ..."
            verb = circumstance_verb(self.lexicon, token)
            draft = drafts.get(verb.i) if verb is not None else None
            return draft is not None and lemma in self.lexicon.restating_purposes.get(
                draft.entry.type, frozenset())
        if token.dep_ not in ("advcl", "xcomp", "acl"):
            return False
        # the event itself, or the noun its light verb takes ("went on strike")
        nouns = [c for c in children_of(head) if c.dep_ == "dobj"] + syntax.prep_objects(
            head, frozenset(c.lower_ for c in children_of(head) if c.dep_ == "prep"))
        return any((d := drafts.get(i)) is not None and lemma in
                   self.lexicon.restating_purposes.get(d.entry.type, frozenset())
                   for i in (head.i, *(n.i for n in nouns)))

    def _verb_draft(self, verb: Token, entry: Trigger) -> Draft:
        actors: list[Token] = []
        recipients: list[Token] = []
        subject = syntax.subject(verb)
        if syntax.is_passive(verb) or self.lexicon.reduced_passive(verb):
            agent = syntax.agent(verb)
            if agent is not None:
                actors = syntax.conjuncts(agent)
            if subject is not None:
                if entry.passive_subject == "actor" and agent is None:
                    actors = syntax.conjuncts(subject)
                else:
                    recipients = syntax.conjuncts(subject)
            rule = "passive"
        else:
            actors = (syntax.conjuncts(subject) if subject is not None
                      else controller(self.lexicon, verb))
            rule = "subject" if subject is not None else "controller"
            obj = syntax.direct_object(verb)
            if obj is not None and entry.object_role == "recipient":
                recipients = syntax.conjuncts(obj)
            elif obj is not None:  # "severed ties with Qatar"
                recipients = syntax.prep_objects(obj, entry.preps)
            dative = next((c for c in children_of(verb) if c.dep_ == "dative"), None)
            if dative is not None:
                recipients.extend(syntax.conjuncts(dative))
        recipients.extend(syntax.prep_objects(verb, entry.preps))
        # "by telephone with X"
        for tool in syntax.prep_objects(verb, self.lexicon.instrument_preps):
            recipients.extend(syntax.prep_objects(tool, entry.preps))
        recipients_from = None
        obj = syntax.direct_object(verb)
        if (entry.type in self.lexicon.judging_types and obj is not None
                and self.lexicon.trigger_for(obj) is not None):
            recipients, recipients_from = [], obj  # "condemned the demolition by Israeli forces"
        elif entry.clause is not None and not syntax.is_passive(verb):
            recipients, recipients_from = self._clause_targets(verb, entry, recipients)
        if not recipients and entry.type in self.lexicon.embedded_recipient_types:
            # "threatened to retaliate against X"
            for clause in (c for c in children_of(verb) if c.dep_ == "xcomp"):
                recipients.extend(syntax.prep_objects(clause, entry.preps))
        between = phrases.between(verb, self.lexicon)
        if between and entry.symmetric:
            actors, recipients, rule = actors + between, actors + between, rule + "+between"
        elif between:
            recipients.extend(between)
        return Draft(verb, entry, actors, recipients, rule, recipients_from=recipients_from)

    def _clause_targets(self, verb: Token, entry: Trigger, named: list[Token]
                        ) -> tuple[list[Token], Token | None]:
        """Whom a threat or a judgement read off its clause is aimed at: the event it judges
        ("called the killing a crime", "a move Washington described as outrageous"), the
        object named, the target of the response it promises ("respond to any Israeli attack",
        "a crushing response to Pakistan's strikes"), the event the response would meet ("any
        attack would be met with a response"), or whoever the condition names ("if Ethiopia
        pursued its plans").  Returns argument tokens, or the trigger whose actors they are."""
        lex = self.lexicon
        obj = syntax.direct_object(verb)
        if obj is not None and obj.lower_ in lex.relative_pronouns:
            obj = None  # "a trial that rights groups called politically motivated"
        if obj is not None and lex.trigger_for(obj) is not None:
            return [], obj
        named = [t for t in named if t.lemma_.lower() not in entry.clause]
        if obj is None and verb.dep_ in ("relcl", "acl"):
            event = apposed_event(self.lexicon, verb.head)
            if event is not None:
                return [], event
        if named:
            return named, None
        word = phrases.clause_word(verb, entry.clause, lex)
        targets: list[Token] = []
        if word is not None:
            for prep in (c for c in children_of(word) if c.dep_ == "prep"
                         and c.lower_ in lex.response_preps):
                targets += [o for c in children_of(prep) for o in (
                    syntax.conjuncts(c) if c.dep_ == "pobj" else  # "to what it called provocations"
                    [g for g in children_of(c) if c.dep_ == "oprd"] if c.dep_ == "pcomp" else [])]
        event = next((t for t in targets if lex.trigger_for(t) is not None), None)
        if event is not None or targets:
            return ([], event) if event is not None else (targets, None)
        for clause in (c for c in children_of(verb) if c.dep_ in ("ccomp", "xcomp")):
            subject = syntax.subject(clause)
            if subject is not None and lex.trigger_for(subject) is not None:
                return [], subject
            if subject is None and entry.type in lex.judging_types:  # "called X's launch a
                owners = [c for c in children_of(clause) if c.dep_ in ("compound", "poss")]
                if owners:                                          # provocation"
                    return owners, None
            condition = next((c for c in children_of(clause) if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in lex.condition_marks for m in children_of(c))),
                None)
            subject = syntax.subject(condition) if condition is not None else None
            if subject is not None and subject.pos_ != "PRON":
                return syntax.conjuncts(subject), None
        return [], None

    def _noun_draft(self, noun: Token, entry: Trigger) -> Draft:
        lex = self.lexicon
        actors = [m for m in phrases.modifiers(noun) if m.dep_ in ("compound", "amod", "nmod")
                  and m.pos_ in ("PROPN", "ADJ", "NOUN")]  # "Russian drone strikes"
        actors += [c for m in actors for c in m.conjuncts if c.pos_ in ("PROPN", "ADJ", "NOUN")]
        for item in syntax.coordinated_under(noun):
            actors.extend(c for c in children_of(item) if c.dep_ == "poss")
        rule = "modifier"
        by = syntax.prep_objects(noun, entry.actor_preps | {"by"})
        if by:
            actors.extend(by)
            rule = "by"
        recipients = syntax.prep_objects(noun, entry.preps)
        # "tariffs of 25 percent on X"
        for quantity in syntax.prep_objects(noun, frozenset({"of"})):
            if quantity.like_num or quantity.lemma_.lower() in lex.quantity_heads:
                recipients.extend(syntax.prep_objects(quantity, entry.preps))
        span = stand_in(self.lexicon, noun)
        support = support_verb(self.lexicon, span)
        recipients_from = None
        if support is not None and (support.lemma_.lower() in lex.receiving_verbs or (
                span.dep_ == "pobj" and span.head.lower_ in lex.receiving_preps)):
            subject = syntax.subject(support)  # "the killing drew criticism from the UN"
            if subject is not None and lex.trigger_for(subject) is not None:
                recipients_from = subject
            elif subject is not None:
                recipients.extend(syntax.conjuncts(subject))
            elif lex.trigger_for(support.head) is not None:  # "expelled X, drawing criticism"
                recipients_from = support.head
            rule += "+received"
        elif support is not None:
            if syntax.is_passive(support):
                agent = syntax.agent(support)
                support_actors = syntax.conjuncts(agent) if agent is not None else []
            else:
                subject = syntax.subject(support)
                support_actors = (syntax.conjuncts(subject) if subject is not None
                                  else controller(self.lexicon, support))
            actors.extend(support_actors)
            rule += "+support"
            recipients.extend(syntax.prep_objects(support, entry.preps))
            dative = next((c for c in children_of(support) if c.dep_ == "dative"), None)
            if dative is not None:
                recipients.extend(syntax.conjuncts(dative))
        elif span.dep_ == "pobj" and span.head.lower_ in ("for", "of") \
                and span.head.head.lemma_.lower() in lex.object_control:
            judged = syntax.direct_object(span.head.head)  # "blamed ISIS for the bombing"
            if judged is not None and judged is not span:
                actors.extend(syntax.conjuncts(judged))
                rule += "+judged"
        elif not any(t.pos_ in ("PROPN", "ADJ", "PRON") for t in actors) \
                and (during := circumstance_verb(self.lexicon, span)) is not None:
            agent = syntax.agent(during) if syntax.is_passive(during) else syntax.subject(during)
            actors.extend(syntax.conjuncts(agent) if agent is not None
                          else controller(self.lexicon, during))
            rule += "+circumstance"
            if not recipients:  # "killed 23 fighters in an ambush", "congratulated X in a call"
                same = self.lexicon.trigger_for(during)
                if same is not None and same.type == entry.type or entry.symmetric:
                    target = (syntax.subject(during) if syntax.is_passive(during)
                              else syntax.direct_object(during))
                    recipients.extend(syntax.conjuncts(target) if target is not None else [])
        for announced in (c for c in children_of(noun) if c.dep_ == "acl"
                          and c.lemma_.lower() in lex.support_verbs):
            agent = syntax.agent(announced)  # "a truce announced by the factions"
            if agent is not None and not actors:
                actors.extend(syntax.conjuncts(agent))
                rule += "+announced"
        between = phrases.between(noun, lex) or (
            phrases.between(support, lex) if support is not None else [])
        if between and entry.symmetric:
            actors, recipients, rule = between, between, rule + "+between"
        elif between:
            recipients.extend(between)
        return Draft(noun, entry, actors, recipients, rule, support, recipients_from)
