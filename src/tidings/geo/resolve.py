"""Toponym resolution: choose, for each mention, the gazetteer entry the text means.

Candidates come by name and alias.  Each scores its prior (population, kind, capital, curated)
and then its fit with the article: the countries the other mentions point to, an explicit
container after a comma ("Paris, Texas"), co-mentioned places that contain it or that it
contains, and co-mentioned cities nearby.  Two passes: the first picks by prior alone, the
second scores against the first pass's picks of the *other* mentions.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Place
from .gazetteer import PRECISION, Gazetteer, normalize
from .rules import GeoRules

CONTAINER_KINDS = frozenset({"country", "admin1", "admin2"})
HINTED_KINDS = {"admin": frozenset({"admin1", "admin2", "region"}),
                "city": frozenset({"city", "point"}),
                "dateline": frozenset({"city"}),
                "the": frozenset({"country", "region", "water", "continent", "point"})}
SUBNATIONAL = frozenset({"admin1", "admin2", "region", "water", "point", "city"})
_NAME = r"([A-Z][\w.-]*(?:\s+(?:[A-Z][\w.-]*|de|do|del|da|of)){0,3})"
_ACRONYM = re.compile(r"(?:[A-Z]\.?\s?){1,4}")  # "FAO", "E.U.", "O."
EARTH_RADIUS_KM = 6371.0
# Great-circle distances are at least the difference in latitude: this many km per degree.
KM_PER_DEGREE_LATITUDE = 2 * math.pi * EARTH_RADIUS_KM / 360
MEMO_SIZE = 65536  # names (and name-entry pairs) a resolver remembers


def _container_patterns(directions: list[str]) -> list[re.Pattern]:
    """Where a text names the container of the place it just named: "Paris, Texas",
    "Kidal in northern Mali", "San Jose, the capital of Costa Rica", "Santiago, Chile's capital"."""
    words = "|".join(re.escape(d) for d in sorted(directions, key=len, reverse=True))
    direction = rf"(?:(?:{words})\s+)?"
    return [re.compile(pattern) for pattern in (
        r",\s*" + _NAME,
        r"\s+in\s+(?:the\s+)?" + direction + _NAME,
        r",\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:of|in)\s+(?:the\s+)?" + direction + _NAME,
    )]


@dataclass(frozen=True)
class Mention:
    """A toponym in the text, ready to resolve."""

    start: int
    end: int
    text: str
    name: str  # the name to look up
    qualifier: str | None = None  # a direction word before the name ("northern")
    fixed: int | None = None  # entry already known (a demonym's country)
    weak: bool = False  # found outside the place labels: keep only prominent places
    local: bool = False  # weak, yet a smaller town counts when in a country the text is about
    kind_hint: str | None = None  # "admin", "city" (a place noun: "Kaduna state"), "the" or
    # "dateline" (a city named before the story)


@dataclass(frozen=True)
class _Candidates:
    entries: tuple[int, ...]
    qualified: bool  # True when a direction qualifies a place not itself directional


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(48.8534, 2.3488, 51.5085, -0.1257))
    344
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _sibling_share(states: Counter, country: str, key: str) -> float:
    """How surely the other mentions, states or provinces of ``country`` by their first pick,
    make a list of siblings the mention ``key`` belongs to ("Georgia" among Alabama and Iowa is
    the state): 0.5 for one other name, 1 for two or more."""
    others = len({k for c, k in states if c == country and k != key})
    return min(1.0, others / 2)


class _NearbyPicks:
    """The mentions whose pick is a city (or a point), sorted by latitude, to find those near
    a place without measuring the distance to every one."""

    def __init__(self, gazetteer: Gazetteer, picks: Sequence[int | None], near_km: float) -> None:
        self.gazetteer = gazetteer
        self.near_km = near_km
        # a latitude gap 1 km wider than ``near_km`` rules a city out before the trigonometry
        self.beyond = (near_km + 1.0) / KM_PER_DEGREE_LATITUDE
        g = gazetteer
        self.cities = sorted((g.lat[p], g.lon[p], p, j) for j, p in enumerate(picks)
                             if p is not None and g.kind[p] in ("city", "point"))
        self.lats = [lat for lat, _, _, _ in self.cities]

    def near(self, entry: int, mention: int) -> bool:
        """Whether a mention other than ``mention`` picked another city within ``near_km`` of
        a city ``entry``."""
        g = self.gazetteer
        if g.kind[entry] not in ("city", "point"):
            return False
        lat0, lon0 = g.lat[entry], g.lon[entry]
        low = bisect_left(self.lats, lat0 - self.beyond)
        high = bisect_right(self.lats, lat0 + self.beyond, low)
        return any(j != mention and p != entry
                   and haversine_km(lat0, lon0, lat, lon) <= self.near_km
                   for lat, lon, p, j in self.cities[low:high])


class Resolver:
    """Resolves the mentions of one text against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, rules: GeoRules) -> None:
        self.gazetteer = gazetteer
        self.rules = rules
        self.weights = rules.weights
        self.container_patterns = _container_patterns(list(rules.directions))
        # Pure functions of names and entries (the gazetteer and the rules never change under
        # a resolver), memoised per resolver: the same names recur across mentions and texts.
        # They return numbers, tuples and frozen records, safe to share.
        self.lookup_name = lru_cache(maxsize=MEMO_SIZE)(self.lookup_name)
        self._named_candidates = lru_cache(maxsize=MEMO_SIZE)(self._named_candidates)
        self.prior = lru_cache(maxsize=MEMO_SIZE)(self.prior)

    # ------------------------------------------------------------------ candidates
    def lookup_name(self, name: str) -> tuple[int, ...]:
        """Entries for a name, trying it without a generic tail ("border crossing") too."""
        key = normalize(name)
        found = self.gazetteer.lookup_key(key)
        if found:
            return tuple(found)
        for tail in self.rules.generic_tails:
            if key.endswith(" " + normalize(tail)):
                found = self.gazetteer.lookup_key(key[: -len(tail) - 1].strip())
                if found:
                    return tuple(found)
        return ()

    def candidates(self, mention: Mention) -> _Candidates:
        if mention.fixed is not None:
            return _Candidates((mention.fixed,), False)
        return self._named_candidates(mention.name, mention.qualifier, mention.kind_hint)

    def _named_candidates(self, name: str, qualifier: str | None, kind_hint: str | None
                          ) -> _Candidates:
        if qualifier:
            for prefix in self.rules.directions.get(qualifier.lower(), ()):
                found = tuple(e for e in self.gazetteer.lookup(f"{prefix} {name}")
                              if self.gazetteer.kind[e] != "city")
                if found:
                    return _Candidates(found, False)
        entries = self.lookup_name(name)
        if _ACRONYM.fullmatch(name):  # "FAO" is not Al Faw, nor "UN" Un: towns need full names
            g = self.gazetteer
            entries = tuple(e for e in entries if g.kind[e] not in ("city", "admin2")
                            or g.population[e] >= self.rules.major_population)
        kinds = HINTED_KINDS.get(kind_hint or "", ())
        hinted = tuple(e for e in entries if self.gazetteer.kind[e] in kinds)
        return _Candidates(hinted or entries, bool(qualifier))

    def prominent(self, entry: int) -> bool:
        """Countries, admin1 units, curated places and large cities."""
        g = self.gazetteer
        if g.kind[entry] == "city":
            return g.population[entry] >= self.rules.prominent_population
        return g.kind[entry] != "admin2"

    # ---------------------------------------------------------------------- scores
    def prior(self, entry: int, key: str) -> float:
        g, w = self.gazetteer, self.weights
        kind = g.kind[entry]
        if g.population[entry] > 0 or kind in ("city", "admin1", "admin2"):
            score = math.log10(g.population[entry] + 10)
        else:
            score = w["curated_base"]
        score += w.get(kind, 0.0)
        if g.feature[entry] == "PPLC":
            score += w["capital"]
        if normalize(g.name[entry]) == key:
            score += w["primary_name"]
        return score

    def containers_after(self, text: str, end: int) -> set[int]:
        """Countries and admin units the text names as the container of what ends at ``end``."""
        found: set[int] = set()
        for pattern in self.container_patterns:
            match = pattern.match(text, end)
            if not match:
                continue
            words = match.group(1).rstrip(".").split()
            for size in range(len(words), 0, -1):
                entries = {e for e in self.gazetteer.lookup(" ".join(words[:size]))
                           if self.gazetteer.kind[e] in CONTAINER_KINDS}
                if entries:
                    found |= entries
                    break
        return found

    def _containers(self, text: str, mention: Mention, found: _Candidates) -> set[int]:
        """The containers named after a mention, unless the mention can itself be a sibling of
        one, of its kind and country: "Oklahoma, Pennsylvania and Ohio" is a list of states."""
        g = self.gazetteer
        held = self.containers_after(text, mention.end)
        siblings = {(g.kind[c], g.country[c]) for c in held}
        return set() if any((g.kind[e], g.country[e]) in siblings for e in found.entries) \
            else held

    def resolve(
        self, text: str, mentions: Sequence[Mention], context: Counter | None = None,
    ) -> list[Place | None]:
        """A place (or None) for each mention, in order."""
        g, w = self.gazetteer, self.weights
        keys = [normalize(m.name) for m in mentions]
        found = [self.candidates(m) for m in mentions]
        containers = [self._containers(text, m, cands) for m, cands in zip(mentions, found)]

        def hierarchy(entry: int, held: set[int]) -> float:
            return w["hierarchy"] if held and any(g.contains(c, entry) for c in held) else 0.0

        priors = [{e: self.prior(e, key) + hierarchy(e, held) for e in cands.entries}
                  for key, cands, held in zip(keys, found, containers)]
        first: list[int | None] = []
        for index, cands in enumerate(found):
            scored = [(priors[index][e], e) for e in cands.entries]
            first.append(max(scored)[1] if scored else None)

        support = self._containment_support(found, keys)

        countries = Counter(context or {})
        for pick in first:
            if pick is not None and g.country[pick]:
                countries[g.country[pick]] += 1
        weight = sum(countries.values())
        nearby = _NearbyPicks(g, first, w["near_km"])
        states = Counter((g.country[p], keys[j]) for j, p in enumerate(first)
                         if p is not None and g.kind[p] == "admin1")

        final: list[int | None] = []
        for index, cands in enumerate(found):
            if len(cands.entries) <= 1 or mentions[index].kind_hint == "dateline":
                # a dateline is read before the story: its city is the best known one
                final.append(first[index])
                continue
            own = first[index]
            own_country = g.country[own] if own is not None else None
            total = weight - (1 if own_country else 0)
            best, best_score = None, -math.inf
            for entry in cands.entries:
                fit = 0.0
                country = g.country[entry]
                if total > 0 and country:
                    share = (countries[country] - (1 if own_country == country else 0)) / total
                    fit += w["dominant_country"] * share
                supported = support.get(entry)
                if supported:
                    fit += w["contains_comention"] * max(
                        (strength for j, strength in supported.items() if j != index),
                        default=0.0)
                if nearby.near(entry, index):
                    fit += w["near_comention"]
                if g.kind[entry] == "admin1":
                    fit += w["contains_comention"] * _sibling_share(states, country, keys[index])
                if g.kind[entry] == "city" and normalize(g.name[entry]) != keys[index]:
                    fit /= 2  # a city known by another name fits the context less surely
                score = priors[index][entry] + fit
                if score > best_score:
                    best, best_score = entry, score
            final.append(best)
        final = self._one_sense(keys, final, containers)
        return [self._place(m, e, found[i].qualified) if e is not None and
                (not m.weak or self.prominent(e) or self._local(m, e, first[i], countries))
                else None for i, (m, e) in enumerate(zip(mentions, final))]

    def _local(self, mention: Mention, entry: int, own: int | None, countries: Counter) -> bool:
        """A town of some size in a country the other mentions (or demonyms) point to."""
        g = self.gazetteer
        country = g.country[entry]
        others = countries[country] - (1 if own is not None and g.country[own] == country else 0)
        return mention.local and g.kind[entry] == "city" and others > 0 \
            and g.population[entry] >= self.rules.local_population

    def _containment_support(self, found: list[_Candidates], keys: list[str]
                             ) -> dict[int, dict[int, float]]:
        """For each candidate, how strongly each other mention supports it by containment.

        A city candidate inside an admin unit that another mention may name ("Athens" and
        "Georgia") supports it, and is supported by it; support grows with the size of the
        contained place, so a hamlet cannot outvote a state.  Countries are too broad to count.
        """
        g = self.gazetteer
        support: dict[int, dict[int, float]] = {}
        admins: dict[int, set[int]] = {}
        for j, cands in enumerate(found):
            for entry in cands.entries:
                if g.kind[entry] in ("admin1", "admin2"):
                    admins.setdefault(entry, set()).add(j)
        if not admins:
            return support
        for i, cands in enumerate(found):
            for entry in cands.entries:
                if g.kind[entry] == "country" or (
                        g.kind[entry] == "city" and normalize(g.name[entry]) != keys[i]):
                    continue
                ancestor, steps = g.parent[entry], 0
                while ancestor >= 0 and steps < 3:
                    for j in admins.get(ancestor, ()):
                        if keys[j] != keys[i]:
                            strength = min(1.0, math.log10(g.population[entry] + 10) / 5)
                            for a, b in ((entry, j), (ancestor, i)):
                                row = support.setdefault(a, {})
                                row[b] = max(row.get(b, 0.0), strength)
                    ancestor, steps = g.parent[ancestor], steps + 1
        return support

    @staticmethod
    def _one_sense(keys: list[str], picks: list[int | None], containers: list[set[int]]
                   ) -> list[int | None]:
        """A name qualified once by its container ("Paris, Texas") means that place throughout."""
        settled = {keys[i]: p for i, p in enumerate(picks) if containers[i] and p is not None}
        return [settled.get(keys[i], p) if not containers[i] else p for i, p in enumerate(picks)]

    def _place(self, mention: Mention, entry: int, qualified: bool) -> Place:
        g = self.gazetteer
        kind = g.kind[entry]
        precision = PRECISION[kind]
        if qualified and kind in ("country", "admin1", "admin2"):
            precision = "region"
        return Place(
            start=mention.start, end=mention.end, text=mention.text,
            name=self.rules.country_names.get(g.country[entry], g.name[entry])
            if kind == "country" else g.name[entry],
            geonameid=g.gid[entry] if g.gid[entry] >= 0 else None,
            country=g.country[entry] or None, admin1=g.admin1_name(entry)
            if kind != "country" else None, lat=g.lat[entry], lon=g.lon[entry],
            feature=g.feature[entry] or None, precision=precision,
        )
