"""Agent nouns ("police", "Israeli troops", "the army of Egypt", "Egyptian military and
police") and the names that modify them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..nlp import TokenColumns
from .dictionary import Agent, Dictionary
from .identities import Identities, sector_of
from .mentions import AgentUse, Hit, Mention, apposed, definite, det_start, national


class AgentNounFinder:
    """The part of :class:`~tidings.actors.ActorResolver` that finds agent nouns and their
    owners."""

    dictionary: Dictionary
    identities: Identities
    agent_heads: dict[str, int]

    def _agent_at(self, columns: TokenColumns, i: int) -> tuple[int, Agent] | None:
        """The longest agent term ending at token ``i``, with its first token."""
        longest = self.agent_heads.get(columns.lower[i])
        if longest is None or columns.pos[i] not in ("NOUN", "PROPN") or columns.tokens[i].tag_ == "JJ":
            return None
        for size in range(min(longest, i + 1), 0, -1):
            key = tuple(columns.lower[i - size + 1:i + 1])
            agent = self.dictionary.agents.get(key)
            if agent:
                return i - size + 1, agent
        return None

    def _agent_mentions(
        self, doc: Doc, hits: list[Hit], hit_at: dict[int, Hit], day: dt.date | None,
        context: str | None = None,
    ) -> tuple[list[Mention], set[int], list[AgentUse]]:
        """Mentions made of agent nouns; the name hits they used; definite descriptions.
        ``context`` is the article's country, for bare state organs ("police")."""
        columns = TokenColumns.of(doc)
        uses: list[AgentUse] = []
        agent_end: dict[int, AgentUse] = {}
        heads = self.agent_heads
        for i in [i for i, word in enumerate(columns.lower) if word in heads]:
            if i in hit_at:
                continue
            found = self._agent_at(columns, i)
            if found is None or any(j in hit_at for j in range(found[0], i + 1)):
                continue
            start, agent = found
            while uses and uses[-1].end > start:  # "Secretary" inside "Secretary of State"
                agent_end.pop(uses.pop().end - 1)
            use = AgentUse(start, i + 1, agent, [])
            self._collect_modifiers(columns, use, hit_at, agent_end)
            uses.append(use)
            agent_end[i] = use
        mentions: list[Mention] = []
        used: set[int] = set()
        descriptions: list[AgentUse] = []
        inner_ids = {id(inner) for u in uses for inner in _inner_uses(u, agent_end)}
        for use in uses:
            if id(use) in inner_ids:
                continue
            head = columns.tokens[use.end - 1]
            person_after = hit_at.get(use.end)
            if (use.agent.type == "member" and not use.agent.plural and person_after is not None
                    and self._is_person_hit(person_after)):
                person_after.title = use  # the country goes into the person's mention; an
                used.update(id(h) for h in use.modifiers if national(h))  # organisation stays
                continue
            modifiers = use.modifiers or (use.inherited.modifiers if use.inherited else [])
            if not modifiers:
                term_head = columns.tokens[use.start] if "of" in use.agent.term else head
                if definite(term_head, self.dictionary.grammar.definite, use.end) and use.agent.type not in (
                        "platform", "collective"):
                    use.former = use.start > 0 and columns.lower[use.start - 1] in self.dictionary.grammar.former
                    descriptions.append(use)
                    continue
                if use.agent.sector is None or use.agent.type not in ("body", "member", "collective"):
                    continue
                if head.dep_ in ("compound", "amod", "nmod") and self._agent_at(columns, head.head.i) is None:
                    continue  # "police station", "press conference"
                if use.agent.type == "member" and self._apposed_to_person(head, hit_at):
                    continue  # "the North's leader, Kim Jong Un": the name is the actor
                identity = self.identities.bare(use, context)
                mentions.append(Mention(use.start, use.end, use.end - 1, identity, use=use))
                continue
            group = use.start if len(modifiers) > 1 else None
            for position, hit in enumerate(modifiers):
                identity = self.identities.composed(hit, use, day)
                if identity is None:
                    continue
                if identity.resolved and identity.person and self._apposed_to_person(head, hit_at):
                    # "Ali Rezaei, Iran's deputy foreign minister": not the minister in office
                    identity = self.identities.country_sector(identity.country, sector_of(use) or "GOV",
                                                              person=True)
                used.add(id(hit))
                if hit.start >= use.end:  # "the army of Egypt"
                    start, end = det_start(columns, use.start, self.dictionary.grammar.definite), hit.end
                elif position == len(modifiers) - 1:
                    start, end = hit.start, use.end
                else:
                    start, end = hit.start, hit.end
                if hit not in use.modifiers:  # inherited modifier: the noun alone
                    start, end = use.start, use.end
                mentions.append(Mention(start, end, use.end - 1, identity, group))
        return mentions, used, descriptions

    def _collect_modifiers(self, columns: TokenColumns, use: AgentUse, hit_at: dict[int, Hit],
                           agent_end: dict[int, AgentUse]) -> None:
        """Country or organisation modifiers of an agent noun, from the words before and after it."""
        tokens, lower = columns.tokens, columns.lower
        j = use.start - 1
        while j >= 0:
            hit = hit_at.get(j)
            if hit is not None:
                if not self._modifier_hit(hit):
                    break
                use.modifiers.insert(0, hit)
                j = hit.start - 1
                if (j >= 1 and lower[j] in ("and", ",", "or") and national(hit)
                        and j - 1 in hit_at and national(hit_at[j - 1])):
                    j -= 1  # "British and American officials"
                    continue
                if j >= 0 and tokens[j].tag_ == "POS":
                    break
                continue
            token = tokens[j]
            if token.tag_ == "POS" and j - 1 in hit_at:
                j -= 1
                continue
            if token.is_alpha and columns.pos[j] in ("ADJ", "NOUN", "PROPN", "VERB") and token.dep_ in (
                "amod", "compound", "nmod"
            ):  # "riot" in "riot police", "Interior" in "Interior Ministry"
                if use.inner is None:  # "military" in "military officials", noun or adjective
                    use.inner = agent_end[j].agent if j in agent_end else self.dictionary.agents.get(
                        (lower[j],))
                j -= 1
                continue
            break
        # "the army of Egypt"; "police in Georgia", "the government in Addis Ababa"
        after, placing = use.end, self.dictionary.grammar.placing_prepositions
        if (after + 1 < len(tokens) and lower[after] in placing
                and tokens[after].head.i == use.end - 1 and not use.modifiers):
            k = after + 1 + (lower[after + 1] == "the")
            hit = hit_at.get(k)
            forms = placing[lower[after]]
            if hit is not None and hit.start == k and any(m.form in forms for m in hit.meanings):
                use.modifiers.append(hit)
        if use.modifiers:
            return
        # "Egyptian military and police": share the modifier of the agent noun coordinated before
        j = use.start - 1
        if j >= 1 and lower[j] in ("and", ",", "or"):
            previous = agent_end.get(j - 1)
            if previous and (previous.modifiers or previous.inherited) and self._same_family(previous, use):
                use.inherited = previous if previous.modifiers else previous.inherited
        elif tokens[use.end - 1].dep_ == "conj":
            previous = agent_end.get(tokens[use.end - 1].head.i)
            if previous and previous.modifiers and self._same_family(previous, use):
                use.inherited = previous

    def _same_family(self, first: AgentUse, second: AgentUse) -> bool:
        """Both state organs, or both not ("police and protesters" do not share a country)."""
        def is_state(use: AgentUse) -> bool:
            sector = sector_of(use)
            return sector is None or self.dictionary.codes[sector][1] == "state"
        return is_state(first) == is_state(second)

    def _modifier_hit(self, hit: Hit) -> bool:
        if hit.identity is not None:
            return hit.identity.kind != "person"
        return any(m.form in ("country", "demonym", "named") for m in hit.meanings)

    def _apposed_to_person(self, head: Token, hit_at: dict[int, Hit]) -> bool:
        """True when an agent noun stands in apposition to a person's name, or to a name the
        dictionary does not know, which the title makes a person (in place)."""
        for i in apposed(head):
            hit = hit_at.get(i)
            if hit is not None and self._is_person_hit(hit):
                return True
            if hit is not None and hit.identity is not None and not hit.identity.resolved:
                hit.identity = replace(hit.identity, person=True, kind="person")
                return True
        return False

    def _is_person_hit(self, hit: Hit) -> bool:
        if hit.identity is not None:
            return hit.identity.person
        return any(m.form == "named" and self.dictionary.named[m.target].kind == "person"
                   for m in hit.meanings) or hit.label == "PERSON"

    def _attach_owners(self, doc: Doc, mentions: list[Mention], day: dt.date | None) -> None:
        """Generic agent nouns owned through a preposition: "a spokesman for the army"."""
        by_head = {m.head: m for m in mentions if m.use is None}
        for mention in mentions:
            if mention.use is None or not mention.use.agent.adopts:
                continue
            for child in TokenColumns.of(doc).tokens[mention.head].children:
                if child.dep_ != "prep" or child.lower_ not in self.dictionary.grammar.owner_prepositions:
                    continue
                owner = next((by_head[c.i] for c in child.children if c.dep_ == "pobj" and c.i in by_head), None)
                if owner is not None:
                    self._rebind(mention, owner, day)

    def _rebind(self, mention: Mention, owner: Mention, day: dt.date | None) -> None:
        """Give a generic agent-noun mention the actor(s) of its owner."""
        owned = [self.identities.owned(x, mention.use, day) for x in owner.refs or (owner.identity,)]
        found = tuple(x for x in owned if x is not None)
        if found:
            mention.identity, mention.refs, mention.use = found[0], found if len(found) > 1 else (), None


def _inner_uses(use: AgentUse, agent_end: dict[int, AgentUse]) -> Iterator[AgentUse]:
    """Agent nouns that only modify this one ("military" in "military officials")."""
    if use.inner is None:
        return
    for end, other in agent_end.items():
        if other is not use and other.agent is use.inner and use.start > end >= use.start - 3:
            yield other

