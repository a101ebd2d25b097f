"""Canonical actors for what the text names: a named actor at a date, a country, a country's
sector, the holder of an office, an agent noun owned by an actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import replace

from .dictionary import Dictionary, NamedActor
from .mentions import AgentUse, Hit, Identity


def sector_of(use: AgentUse) -> str | None:
    """The sector an agent noun stands for (a weapon platform is the military's)."""
    if use.agent.type == "platform":
        return "MIL"
    if use.agent.adopts and use.inner and use.inner.sector:
        return use.inner.sector
    return use.agent.sector


class Identities:
    """Makes the identities of one dictionary, each made once (they are immutable, and the
    same few are found in article after article)."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self._made: dict[tuple[Hashable, ...], Identity] = {}

    def named(self, hit: Hit, day: dt.date | None, role: str = "") -> Identity | None:
        """The named actor a hit denotes at the date.

        A name several actors share ("Aoun") goes to the one in office, then to the one whose
        role matches the title before the name ("President Aoun"), then to the latest in office.
        """
        candidates = [self.dictionary.named[m.target] for m in hit.meanings if m.form == "named"]
        if not candidates:
            return None

        def rank(actor: NamedActor) -> tuple[bool, bool, int]:
            tenure, in_office = actor.tenure_at(day)
            return not in_office, role not in ("", tenure.role), -(tenure.start or dt.date.min).toordinal()

        return self.of_named(min(candidates, key=rank), day)

    def of_named(self, actor: NamedActor, day: dt.date | None) -> Identity:
        """A named actor as it was at the date (a person out of office is an elite)."""
        tenure, in_office = actor.tenure_at(day)
        person = actor.kind == "person"
        sector = tenure.sector if in_office or not person else ("ELI",)
        return Identity(actor.id, actor.name, tenure.country, sector, actor.kind,
                        person=person, role=tenure.role if in_office else "")

    def country(self, iso3: str, *, plural: bool = False) -> Identity:
        return self._memo(("country", iso3, plural), lambda: Identity(
            iso3, self.dictionary.countries.get(iso3, iso3), iso3, (), "state", plural=plural))

    def country_sector(self, iso3: str | None, sector: str, *, plural: bool = False,
                       person: bool = False) -> Identity:
        """A country's sector ("ISR-MIL"), or a sector of unknown country ("COP")."""
        def build() -> Identity:
            label, kind = self.dictionary.codes[sector]
            if iso3 is None:
                return Identity(sector, label, None, (sector,), kind, plural=plural, person=person)
            name = f"{self.dictionary.countries.get(iso3, iso3)} {label}"
            return Identity(f"{iso3}-{sector}", name, iso3, (sector,), kind, plural=plural, person=person)

        return self._memo(("sector", iso3, sector, plural, person), build)

    def bare(self, use: AgentUse, context: str | None) -> Identity:
        """A bare agent noun ("police", "the ministry"): a state body of the article's country
        ``context`` (its dateline's) when there is one, else a sector of unknown country (and
        always for members: "leaders", "officials" in a Brussels dateline are not Belgian)."""
        sector = sector_of(use)
        country = context if (context and use.agent.type == "body"
                              and self.dictionary.codes[sector][1] == "state") else None
        return self.country_sector(country, sector, plural=use.agent.plural,
                                   person=use.agent.type == "member")

    def _memo(self, key: tuple[Hashable, ...], build: Callable[[], Identity]) -> Identity:
        """The identity ``build`` makes, made once per ``key`` (what it depends on)."""
        identity = self._made.get(key)
        if identity is None:
            identity = self._made[key] = build()
        return identity

    def role_holder(self, iso3: str, role: str, day: dt.date | None) -> Identity | None:
        """The person holding ``role`` ("president") in a country at the date."""
        for actor_id in self.dictionary.role_holders.get((iso3, role), ()):
            actor = self.dictionary.named[actor_id]
            tenure, in_office = actor.tenure_at(day)
            if in_office and tenure.role == role and tenure.country == iso3:
                return self.of_named(actor, day)
        return None

    def composed(self, hit: Hit, use: AgentUse, day: dt.date | None) -> Identity | None:
        """The actor of an agent noun with a name modifier ("Israeli troops", "ISIS fighters")."""
        base = hit.identity or self.named(hit, day)
        if base is None:
            country = next((m.target for m in hit.meanings if m.form in ("country", "demonym", "capital")), None)
            if country is None:
                return None
            base = self.country(country)
        return self.owned(base, use, day)

    def owned(self, owner: Identity, use: AgentUse, day: dt.date | None) -> Identity | None:
        """An agent noun belonging to an actor: a country's sector, or the organisation itself."""
        sector = sector_of(use)
        plural, person = use.agent.plural, use.agent.type == "member"
        if owner.kind == "person":  # "the Netanyahu government", "his troops"
            return self.country_sector(owner.country, sector, plural=plural) if sector and owner.country else None
        if owner.kind != "state" or sector is None or (owner.sector and use.agent.adopts):
            return replace(owner, plural=plural)  # "ISIS fighters", "Pentagon officials"
        if owner.country is None:
            return None
        if person and not plural:
            holder = self.role_holder(owner.country, " ".join(use.agent.term), day)
            if holder is not None:
                return holder
        return self.country_sector(owner.country, sector, plural=plural, person=person)
