"""People followed through an article: a name chain from the full name to the surname, the
title with the surname and the honorific with the surname ("Ann Lee ... Lee ... Sen. Lee ...
Ms. Lee"), with the person's gender for pronouns and the country and sector an unknown
person's title, apposition or party tag gives."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from ..nlp import TokenColumns, doc_text
from .dictionary import Dictionary
from .mentions import Hit, Identity, Mention, char_range


@dataclass(slots=True)
class Chain:
    """One person's mentions in an article and what they tell of the person."""

    identity: Identity
    mentions: list[Mention] = field(default_factory=list)

    def learn(self, other: Identity) -> None:
        """Take gender, country and sector a later mention adds to an unresolved person."""
        known = self.identity
        if not known.gender and other.gender:
            known = replace(known, gender=other.gender)
        if not known.resolved and known.country is None and other.country is not None:
            known = replace(known, country=other.country, sector=other.sector, basis=other.basis)
        self.identity = known


class NameChainer:
    """The part of :class:`~tidings.actors.ActorResolver` that follows people's names."""

    dictionary: Dictionary

    def _gendered(self, columns: TokenColumns, hit: Hit, identity: Identity) -> Identity:
        """A person with the gender an honorific, a gendered title or the given name gives."""
        if not identity.person or identity.gender:
            return identity
        grammar, lower = self.dictionary.grammar, columns.lower
        before = lower[hit.start - 1].rstrip(".") if hit.start > 0 else ""
        words = [before] + list(hit.title.agent.term if hit.title else ())
        gender = grammar.honorifics.get(before) or next(
            (grammar.gendered_words[w] for w in words if w in grammar.gendered_words), None)
        first = identity.name.split()[0] if identity.name else ""
        gender = gender or self.dictionary.given_names.get(first, "")
        return replace(identity, gender=gender) if gender else identity

    def _party_tagged(self, doc: Doc, hit: Hit, identity: Identity) -> Identity:
        """An unresolved person placed by a party tag after the name ("Sen. Ann Lee (D-Ore.)")."""
        if identity.resolved or not identity.person or identity.country is not None:
            return identity
        text = doc_text(doc)
        end = char_range(TokenColumns.of(doc).tokens, hit.start, hit.end)[1]
        for tag in self.dictionary.grammar.party_tags:
            found = tag.pattern.match(text, end)
            if found:
                return replace(identity, country=tag.country,
                               sector=identity.sector or (tag.sector,), basis=found.group().strip(" ,"))
        return identity

    def _follow_names(self, doc: Doc, mentions: list[Mention], body_start: int) -> list[Mention]:
        """Link each person's later mentions to the chain of the full name, body first (the
        headline is read last, so it never seeds the body); surnames found in no chain that only
        looked like names are dropped. Returns the mentions kept."""
        self._apposed(doc, mentions)
        chains: dict[str, list[Chain]] = {}
        order = [m for m in mentions if m.start >= body_start] + [
            m for m in mentions if m.start < body_start]
        dropped: set[int] = set()
        linked: list[Chain] = []
        for mention in order:
            identity = mention.identity
            if not (identity.person or identity.kind == "name"):
                continue
            words = identity.name.split()
            chain = self._chain_of(chains, words, identity)
            if chain is None and (len(words) == 1 or identity.kind == "name"):
                if identity.kind == "name":
                    dropped.add(id(mention))
                continue
            if chain is None:
                chain = Chain(identity)
                chains.setdefault(words[-1], []).append(chain)
                linked.append(chain)
            chain.learn(identity)
            chain.mentions.append(mention)
        for chain in linked:
            for mention in chain.mentions:
                mention.identity = chain.identity
        return [m for m in mentions if id(m) not in dropped]

    @staticmethod
    def _chain_of(chains: dict[str, list[Chain]], words: list[str], identity: Identity) -> Chain | None:
        """The chain a name continues: its surname's latest chain of agreeing gender, or the
        chain of the same resolved person."""
        for chain in reversed(chains.get(words[-1], []) if words else []):
            known = chain.identity
            if identity.resolved and identity.id == known.id:
                return chain
            if len(words) > 1 and words != known.name.split():
                continue  # another full name with the same surname starts its own chain
            if identity.gender and known.gender and identity.gender != known.gender:
                continue
            return chain
        return None

    def _apposed(self, doc: Doc, mentions: list[Mention]) -> None:
        """An unknown person takes the country of a title in apposition ("Ali Rezaei, Iran's
        foreign minister"; "Iran's foreign minister, Ali Rezaei")."""
        tokens = TokenColumns.of(doc).tokens
        by_head = {m.head: m for m in mentions}
        for mention in mentions:
            identity = mention.identity
            if identity.resolved or not identity.person or identity.country is not None:
                continue
            head = tokens[mention.head]
            partners = [c.i for c in head.children if c.dep_ == "appos"]
            if head.dep_ == "appos":
                partners.append(head.head.i)
            for i in partners:
                other = by_head.get(i)
                if other is not None and other.identity.country and other.identity.kind == "state":
                    start, end = char_range(tokens, other.start, other.end)
                    mention.identity = replace(identity, country=other.identity.country,
                                               sector=other.identity.sector,
                                               basis=doc_text(doc)[start:end])
                    break
