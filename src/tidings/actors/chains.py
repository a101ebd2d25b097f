"""People followed through an article: a name chain from the full name to the surname, the
title with the surname and the honorific with the surname ("Ann Lee ... Lee ... Sen. Lee ...
Ms. Lee"), with the person's gender for pronouns and the country and sector an unknown
person's title, apposition or party tag gives."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from ..nlp import TokenColumns, doc_text
from .dictionary import Dictionary
from .mentions import Hit, Identity, Mention, apposed, char_range


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
        """An unresolved person placed by a party tag after the name ("Sen. Ann Lee (D-Ore.)");
        the tag is the better basis than a title that only implies the country ("Sen.")."""
        implied = identity.basis.lower() in self.dictionary.grammar.title_countries
        if identity.resolved or not identity.person or (identity.country is not None and not implied):
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
        headline is read last, so it never seeds the body), adding the surnames the entity
        recogniser missed; one-word names found in no chain are dropped. Returns the mentions
        kept, sorted."""
        self._apposed(doc, mentions)
        chains: dict[str, list[Chain]] = {}
        order = [m for m in mentions if m.start >= body_start] + [
            m for m in mentions if m.start < body_start]
        dropped: set[int] = set()
        for mention in order:
            identity = mention.identity
            words = identity.name.split()
            if not (identity.person or identity.kind == "name" or (not identity.resolved and len(words) == 1)):
                continue
            chain = self._chain_of(chains, words, identity)
            if chain is None and len(words) > 1 and identity.person:
                chain = Chain(identity)
                chains.setdefault(words[-1], []).append(chain)
            if chain is None:
                if identity.kind == "name":
                    dropped.add(id(mention))
                continue
            chain.learn(identity)
            chain.mentions.append(mention)
        kept = [m for m in mentions if id(m) not in dropped]
        kept += self._missed_surnames(doc, kept, chains, body_start)
        for chain in (c for found in chains.values() for c in found):
            for mention in chain.mentions:
                mention.identity = chain.identity
        return sorted(kept, key=lambda m: (m.start, m.end))

    def _missed_surnames(self, doc: Doc, mentions: list[Mention], chains: dict[str, list[Chain]],
                         body_start: int) -> list[Mention]:
        """Surnames of chained people the entity recogniser left out ("Ilves said"), after the
        chain's first mention or in the headline."""
        columns = TokenColumns.of(doc)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for i, token in enumerate(columns.tokens):
            if (i in covered or token.text not in chains or not token.is_title
                    or token.pos_ not in ("PROPN", "NOUN")):
                continue
            before = columns.lower[i - 1].rstrip(".") if i > 0 else ""
            cue = Identity("", token.text, None, (), "person",
                           gender=self.dictionary.grammar.honorifics.get(before, ""))
            chain = self._chain_of(chains, [token.text], cue)
            if chain is not None and (i < body_start or chain.mentions[0].start < i):
                chain.learn(cue)
                mention = Mention(i, i + 1, i, chain.identity)
                chain.mentions.append(mention)
                found.append(mention)
        return found

    @staticmethod
    def _chain_of(chains: dict[str, list[Chain]], words: list[str], identity: Identity) -> Chain | None:
        """The chain a name continues: the same resolved person's, else the latest chain of its
        surname whose gender agrees (a chain of that very gender first)."""
        candidates = list(reversed(chains.get(words[-1], []))) if words else []
        fitting = []
        for chain in candidates:
            known = chain.identity
            if identity.resolved and identity.id == known.id:
                return chain
            if len(words) > 1 and words != known.name.split()[-len(words):]:
                continue  # another full name with the same surname starts its own chain
            if identity.gender and known.gender and identity.gender != known.gender:
                continue
            fitting.append(chain)
        same = [c for c in fitting if identity.gender and c.identity.gender == identity.gender]
        return (same or fitting or [None])[0]

    def _apposed(self, doc: Doc, mentions: list[Mention]) -> None:
        """An unknown name takes the country of a title in apposition, and becomes a person if
        the title is one ("Ali Rezaei, Iran's foreign minister"; "Iran's foreign minister, Ali
        Rezaei")."""
        tokens = TokenColumns.of(doc).tokens
        by_head = {m.head: m for m in mentions}
        for mention in mentions:
            identity = mention.identity
            if identity.resolved or identity.country is not None:
                continue
            head = tokens[mention.head]
            for i in apposed(head):
                other = by_head.get(i)
                if other is None or other is mention or not (other.identity.country or other.identity.person):
                    continue
                if identity.kind == "name" and other.identity.kind == "person":
                    continue  # "Ann Lee, the top Democrat": a word describing a named person
                start, end = char_range(tokens, other.start, other.end)
                person = identity.person or other.identity.person  # a title makes a person
                mention.identity = replace(
                    identity, country=other.identity.country, sector=other.identity.sector,
                    basis=doc_text(doc)[start:end] if other.identity.country else "",
                    person=person, kind="person" if person else identity.kind)
                break
