"""Pronouns and definite descriptions ("he", "its", "the group") resolved to earlier actors by
agreement, recency and sentence role."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..nlp import TokenColumns
from .dictionary import Dictionary, Pronoun
from .grammar import Salience
from .identities import Identities
from .quotes import Quotation, find_quotations
from .mentions import ACTING_DEPS, AgentUse, Identity, Mention, apposed, phrase_start, sentence_index


class AnaphoraResolver:
    """The part of :class:`~tidings.actors.ActorResolver` that resolves pronouns and
    descriptions (it rebinds possessed agent nouns through
    :class:`~tidings.actors.agents.AgentNounFinder`)."""

    dictionary: Dictionary
    identities: Identities

    def _resolve_anaphora(self, doc: Doc, mentions: list[Mention], descriptions: list[AgentUse],
                          day: dt.date | None, context: str | None = None) -> list[Mention]:
        """Mentions for pronouns and "the group"-style descriptions, pointing at their antecedents
        (a description without one is a state organ of the article's country ``context``).

        A generic agent noun owned by a resolved possessive ("its fighters") takes the
        antecedent's actor at once, so that later pronouns see it.
        """
        covered = {i for m in mentions for i in range(m.start, m.end)}
        generic_by_head = {m.head: m for m in mentions if m.use is not None}
        columns = TokenColumns.of(doc)
        tokens = columns.tokens
        groups = _coordinated(tokens, mentions)
        pronouns = self.dictionary.pronouns
        anaphors: list[tuple[int, Pronoun | AgentUse]] = [
            (i, pronouns[lower]) for i, lower in enumerate(columns.lower)
            if lower in pronouns and i not in covered and tokens[i].tag_ in ("PRP", "PRP$")
        ]
        anaphors += [(use.end - 1, use) for use in descriptions]
        anaphors.sort(key=lambda a: a[0])
        sentence_of = sentence_index(doc)
        starts = [m.start for m in mentions]  # mentions are sorted by start
        quotations = find_quotations(doc, self.dictionary.grammar.speech_verbs)
        quoted = {i: q for q in quotations for i in range(q.start, q.end)}
        resolved: list[Mention] = []
        people = {m.head: m for m in mentions if m.identity.person and not m.identity.plural}
        for i, anaphor in anaphors:
            earlier = mentions[:bisect_left(starts, i)]  # the others end after the anaphor
            side = quoted.get(i)  # never an antecedent from inside another quotation
            candidates = [m for m in earlier + resolved if quoted.get(m.head, side) is side]
            apposed = _apposed_person(tokens[i], people) if isinstance(anaphor, AgentUse) else None
            antecedents = ((apposed.identity,) if apposed is not None else
                           self._antecedents(columns, i, anaphor, candidates, groups, sentence_of))
            if isinstance(anaphor, AgentUse):
                head = tokens[anaphor.start] if "of" in anaphor.agent.term else tokens[i]
                start, end = phrase_start(head, anaphor.start), anaphor.end
                if not antecedents:
                    if anaphor.agent.sector is None or anaphor.agent.type == "group":
                        continue
                    antecedents = (self.identities.bare(anaphor, context),)
            else:
                start, end = i, i + 1
                if not antecedents:
                    continue
            mention = Mention(start, end, i, antecedents[0], refs=antecedents)
            resolved.append(mention)
            if isinstance(anaphor, Pronoun) and anaphor.gender and len(antecedents) == 1:
                _learn_gender(antecedents[0], anaphor.gender, mentions + resolved)
            owned = generic_by_head.get(tokens[i].head.i)
            if tokens[i].dep_ == "poss" and owned is not None and owned.use is not None:
                self._rebind(owned, mention, day)
        return resolved + self._first_person(columns, quoted, mentions + resolved, covered)

    def _first_person(self, columns: TokenColumns, quoted: dict[int, Quotation],
                      mentions: list[Mention], covered: set[int]) -> list[Mention]:
        """"I", "we" inside a quotation: its speaker's actor."""
        found = []
        for i, quotation in quoted.items():
            if (quotation.speaker is None or i in covered or columns.tokens[i].tag_ not in ("PRP", "PRP$")
                    or columns.lower[i] not in self.dictionary.grammar.first_person):
                continue
            speaker = next((m for m in mentions if m.start <= quotation.speaker < m.end), None)
            if speaker is not None:
                found.append(Mention(i, i + 1, i, speaker.identity, refs=speaker.refs))
        return found

    def _antecedents(
        self, columns: TokenColumns, i: int, anaphor: Pronoun | AgentUse, candidates: list[Mention],
        groups: dict[int, list[Mention]], sentence_of: list[int],
    ) -> tuple[Identity, ...]:
        """The best-scoring earlier actor (or coordinated actors) that agrees with the anaphor."""
        here = sentence_of[i]
        is_pronoun = isinstance(anaphor, Pronoun)
        grammar = self.dictionary.grammar
        window = grammar.pronoun_window if is_pronoun else grammar.description_window
        best: tuple[float, tuple[Identity, ...]] = (float("-inf"), ())
        seen_groups: set[int] = set()
        clause_subject = _clause_subject(columns.tokens[i]) if is_pronoun else None
        for mention in candidates:
            if (mention.end > i or here - sentence_of[mention.head] > window
                    or mention.head == clause_subject):
                continue
            identities = mention.refs or (mention.identity,)
            options = [(identities, len(identities) > 1 or identities[0].plural, mention.head)]
            if mention.group is None and mention.start in groups and mention.start not in seen_groups:
                seen_groups.add(mention.start)
                members = groups[mention.start]
                options.append((tuple(m.identity for m in members), True, members[0].head))
            for identities, plural, head in options:
                fit = self._agreement(anaphor, identities, plural)
                if fit is None:
                    continue
                score = fit + _salience(grammar.salience, columns.tokens[head], here - sentence_of[head], i - head,
                                        is_pronoun)
                if score > best[0]:
                    best = (score, identities)
        if is_pronoun and anaphor.refers != "person":
            # a recent non-actor subject ("The tunnel ... It was used") takes "it"/"they" first
            for j in range(max(0, i - grammar.thing_reach), i):
                if columns.pos[j] != "NOUN" or here - sentence_of[j] > window:
                    continue
                token = columns.tokens[j]
                if (token.dep_ in ("nsubj", "nsubjpass") and (token.tag_ == "NNS") == anaphor.plural
                        and not any(m.start <= j < m.end for m in candidates)):
                    score = _salience(grammar.salience, token, here - sentence_of[j], i - j, True)
                    if score > best[0]:
                        best = (score, ())
        return self._led(anaphor, best[1])

    def _led(self, anaphor: Pronoun | AgentUse, identities: tuple[Identity, ...]) -> tuple[Identity, ...]:
        """A body referring back to the person who leads it ("Obama ... the administration"):
        that person's country's sector."""
        if (isinstance(anaphor, AgentUse) and anaphor.agent.type == "body" and len(identities) == 1
                and identities[0].person and anaphor.agent.sector):
            return (self.identities.country_sector(identities[0].country, anaphor.agent.sector),)
        return identities

    def _agreement(self, anaphor: Pronoun | AgentUse, identities: tuple[Identity, ...],
                   plural: bool) -> float | None:
        """How well antecedent identities fit the anaphor (None: they cannot)."""
        first, grammar = identities[0], self.dictionary.grammar
        if isinstance(anaphor, Pronoun):
            if anaphor.refers == "person":
                if anaphor.gender and first.gender and anaphor.gender != first.gender:
                    return None
                return 0.0 if first.person and not plural else None
            if anaphor.refers == "thing":
                return 0.0 if not first.person and not plural else None
            if plural:
                return 0.0
            if first.person or first.kind not in ("organization", "armed_group", "igo", "media", "state"):
                return None
            return -grammar.salience.organisation_it_cost
        agent = anaphor.agent
        if len(identities) > 1:
            return None
        sector = agent.sector
        if agent.type == "member" and not agent.plural and anaphor.former:
            return self._former_fit(first, " ".join(agent.term)) if first.person else None
        if agent.type == "group":
            return 0.0 if first.kind in ("organization", "armed_group", "igo") else None
        if sector in grammar.armed_sectors:
            return 0.0 if first.kind == "armed_group" or grammar.armed_sectors & set(first.sector) else None
        if sector == "MED":
            return 0.0 if "MED" in first.sector or first.kind == "media" else None
        if sector is None or sector not in first.sector:
            return None
        if agent.type == "member" and not agent.plural:
            if not first.person:
                return None
            return grammar.salience.role_bonus if first.role == " ".join(agent.term) else 0.0
        if first.person:  # "the administration" of a head of government in office
            return 0.0 if agent.type == "body" and first.role and first.country else None
        return 0.0

    def _former_fit(self, person: Identity, role: str) -> float:
        """How well a person fits "the former <role>": once holding that very role, best."""
        bonus = self.dictionary.grammar.salience.role_bonus
        named = self.dictionary.named.get(person.id)
        if named is not None and any(t.role == role for t in named.tenures):
            return 2 * bonus
        return bonus if "ELI" in person.sector else 0.0


def _salience(weights: Salience, head: Token, sentences_back: int, tokens_back: int,
              pronoun: bool) -> float:
    """Prefer subjects and recent mentions; for descriptions ("the group") recency counts most."""
    sentence_cost = weights.pronoun_sentence_cost if pronoun else weights.description_sentence_cost
    score = -sentence_cost * sentences_back - weights.token_cost * tokens_back
    dep = head.dep_
    if dep == "conj":
        dep = head.head.dep_
    if dep in ACTING_DEPS:
        score += weights.pronoun_subject_bonus if pronoun else weights.description_subject_bonus
    elif dep in ("dobj", "pobj", "poss", "appos"):
        score += weights.object_bonus
    return score


def _coordinated(tokens: list[Token], mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions joined by "and"/"or" ("Israel and Egypt"), keyed by the first one's start."""
    by_head = {m.head: m for m in mentions}
    groups: dict[int, list[Mention]] = {}
    for mention in mentions:
        token = tokens[mention.head]
        if token.dep_ == "conj" and token.head.i in by_head:
            first = by_head[token.head.i]
            while tokens[first.head].dep_ == "conj" and tokens[first.head].head.i in by_head:
                first = by_head[tokens[first.head].head.i]
            members = groups.setdefault(first.start, [first])
            members.append(mention)
    return groups


def _apposed_person(head: Token, people: dict[int, Mention]) -> Mention | None:
    """The person a description stands in apposition to ("the North's leader, Kim Jong Un";
    "Ann Lee, the company's chief"): the description is that person."""
    return next((people[i] for i in apposed(head) if i in people), None)


def _learn_gender(identity: Identity, gender: str, mentions: list[Mention]) -> None:
    """A person of unknown gender takes the gender of the first "he"/"she" that refers to
    them, so that later pronouns of the other gender look elsewhere (in place)."""
    if not identity.person or identity.gender:
        return
    gendered = replace(identity, gender=gender)
    for mention in mentions:
        if mention.identity.id == identity.id:
            mention.identity = gendered
        mention.refs = tuple(gendered if r.id == identity.id else r for r in mention.refs)


def _clause_subject(pronoun: Token) -> int | None:
    """The subject of the clause a pronoun is the object of, which it cannot refer to ("Lee
    praised him": not Lee; "Lee praised himself" is Lee)."""
    verb = pronoun.head
    if pronoun.lower_.endswith(("self", "selves")):
        return None
    if pronoun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif pronoun.dep_ not in ("dobj", "dative"):
        return None
    return next((c.i for c in verb.children if c.dep_ == "nsubj"), None)
