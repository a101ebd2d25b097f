"""The article's country as the last fallback: actors the text leaves without a country (bare
state organs and officials, unknown people, agencies named without their state) take the
country most of the article's actors belong to. (A dateline places only bare state bodies, in
:meth:`~tidings.actors.identities.Identities.bare`: a correspondent's city is no evidence of
where the people quoted come from.)"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .dictionary import Dictionary
from .identities import Identities
from .mentions import Identity, Mention


def dominant_country(mentions: list[Mention], least: int, share: float) -> str | None:
    """The country of at least ``least`` mentions and of at least ``share`` of those with one."""
    counts = Counter(i.country for m in mentions for i in (m.refs or (m.identity,)) if i.country)
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return country if count >= least and count >= share * sum(counts.values()) else None


class ContextPlacer:
    """Places actors without a country in the article's country, the basis recorded."""

    def __init__(self, dictionary: Dictionary, identities: Identities) -> None:
        self.dictionary = dictionary
        self.identities = identities

    def place(self, mentions: list[Mention]) -> None:
        """Give the mentions' country-less actors the article's country, in place."""
        grammar = self.dictionary.grammar
        country = dominant_country(mentions, grammar.context_least, grammar.context_share)
        if country is None:
            return
        made: dict[str, Identity] = {}
        for mention in mentions:
            mention.identity = self._placed(mention.identity, country, made)
            mention.refs = tuple(self._placed(i, country, made) for i in mention.refs)

    def _placed(self, identity: Identity, country: str, made: dict[str, Identity]) -> Identity:
        if identity.country is not None:
            return identity
        found = made.get(identity.id)
        if found is None:
            found = made[identity.id] = self._in_country(identity, country) or identity
        return found

    def _in_country(self, identity: Identity, country: str) -> Identity | None:
        """The actor placed in ``country``, or None when it cannot be: a bare sector that is a
        state organ ("police", "officials"), an unknown person, an unknown organisation named
        by a state body noun ("the Justice Department")."""
        codes, basis = self.dictionary.codes, "article country"
        if identity.id in codes:
            if codes[identity.id][1] != "state":
                return None
            return self.identities.country_sector(country, identity.id, plural=identity.plural,
                                                  person=identity.person)
        if identity.resolved:
            return None
        if identity.kind == "person":
            return replace(identity, country=country, basis=identity.basis or basis)
        agent = self.dictionary.agents.get((identity.name.split()[-1].lower(),)) if identity.name else None
        if (identity.kind == "organization" and agent is not None and agent.type == "body"
                and agent.sector and codes[agent.sector][1] == "state"):
            return replace(identity, country=country, sector=identity.sector or (agent.sector,),
                           kind="state", basis=identity.basis or basis)
        return None
