"""The geo stage's rules (``data/geo/rules.yaml``), validated on load, plus the country names and
demonyms of the project's country list (``data/actors/countries.tsv``, see :mod:`tidings.countries`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import countries
from ..datafiles import DataError, data_path, line_of, read_yaml

from ..model import LOCATION_ROLES

RULES_FILE = data_path("geo", "rules.yaml")

ROLES = LOCATION_ROLES  # the location roles of model.py, each given its prepositions in rules.yaml
WEIGHTS = ("country", "continent", "admin1", "admin2", "city", "capital", "curated_base",
           "primary_name", "dominant_country", "hierarchy", "contains_comention",
           "near_comention", "near_km")
NOUN_KINDS = ("admin", "city")  # what a noun after a name says the place is
ANY_HEAD = "*"  # a recipient preposition under any head word


@dataclass(frozen=True)
class EventPlaceRules:
    """What makes a place tied to an event a participant rather than its location."""

    offices: frozenset[str]  # lower-case, without "the"
    participant_relations: frozenset[str]
    site_object_verbs: frozenset[str]
    recipient_prepositions: dict[str, frozenset[str]]  # preposition -> head lemmas (or "*")
    party_labels: tuple[str, ...]
    people_labels: frozenset[str]
    people_nouns: frozenset[str]


@dataclass(frozen=True)
class GeoRules:
    """Everything the toponym finder, the resolver and the event locator look up."""

    place_labels: frozenset[str]
    other_labels: frozenset[str]
    guarded_labels: frozenset[str]
    prominent_population: int
    major_population: int
    local_population: int
    place_head_nouns: frozenset[str]
    person_titles: frozenset[str]
    place_object_verbs: frozenset[str]
    directions: dict[str, tuple[str, ...]]
    generic_tails: tuple[str, ...]
    demonym_place_nouns: frozenset[str]
    role_of_preposition: dict[str, str]
    weights: dict[str, float]
    place_nouns_after: dict[str, str]  # "Kaduna state" -> "admin"; "Gaza city" -> "city"
    demonyms: dict[str, str]  # demonym (tokens joined by spaces) -> ISO3
    country_names: dict[str, str]  # ISO3 -> the short name news uses ("Russia")
    pass_through_prepositions: frozenset[str]
    event_place: EventPlaceRules


def _problem(path: Path, key: str, message: str) -> DataError:
    """A problem with a top-level key of the rules file, at that key's line."""
    return DataError(path, line_of(path, f"{key}:"), f"{key}: {message}")


@lru_cache(maxsize=2)
def load_rules(path: Path = RULES_FILE, countries_file: Path = countries.COUNTRIES_FILE) -> GeoRules:
    """Read and check the geo rules (call without arguments for the bundled ones)."""
    data = read_yaml(path)

    def _words(value: object, where: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            key = where.split(".")[0]
            raise DataError(path, line_of(path, f"{key}:"), f"{where} must be a list of words")
        return value

    roles = data.get("roles") or {}
    if set(roles) != set(ROLES):
        raise _problem(path, "roles", f"must name exactly {', '.join(ROLES)}")
    role_of = {word: role for role in ROLES for word in _words(roles[role], f"roles.{role}")}
    weights = data.get("weights") or {}
    missing = [w for w in WEIGHTS if not isinstance(weights.get(w), (int, float))]
    if missing:
        raise _problem(path, "weights", f"missing or not numbers: {', '.join(missing)}")
    directions = data.get("directions") or {}
    if not isinstance(directions, dict):
        raise _problem(path, "directions", "must map a word to prefixes")
    nouns_after = data.get("place_nouns_after") or {}
    if not isinstance(nouns_after, dict) or set(nouns_after) - set(NOUN_KINDS):
        raise _problem(path, "place_nouns_after", f"must map {', '.join(NOUN_KINDS)} to words")
    return GeoRules(
        place_labels=frozenset(_words(data.get("place_labels"), "place_labels")),
        other_labels=frozenset(_words(data.get("other_labels"), "other_labels")),
        guarded_labels=frozenset(_words(data.get("guarded_labels"), "guarded_labels")),
        prominent_population=int(data.get("prominent_population", 50000)),
        major_population=int(data.get("major_population", 500000)),
        local_population=int(data.get("local_population", 10000)),
        place_head_nouns=frozenset(_words(data.get("place_head_nouns"), "place_head_nouns")),
        person_titles=frozenset(_words(data.get("person_titles"), "person_titles")),
        place_object_verbs=frozenset(_words(data.get("place_object_verbs"),
                                            "place_object_verbs")),
        directions={k.lower(): tuple(_words(v, f"directions.{k}")) for k, v in directions.items()},
        generic_tails=tuple(sorted(_words(data.get("generic_tails"), "generic_tails"),
                                   key=len, reverse=True)),
        demonym_place_nouns=frozenset(_words(data.get("demonym_place_nouns"),
                                             "demonym_place_nouns")),
        role_of_preposition=role_of,
        weights={w: float(weights[w]) for w in WEIGHTS},
        place_nouns_after={word: kind for kind, words in nouns_after.items()
                           for word in _words(words, f"place_nouns_after.{kind}")},
        demonyms=countries.demonyms(countries_file),
        country_names=countries.country_names(countries_file),
        pass_through_prepositions=frozenset(_words(data.get("pass_through_prepositions"),
                                                   "pass_through_prepositions")),
        event_place=_event_place_rules(path, data.get("event_place"), _words),
    )


def _event_place_rules(path: Path, data: object, words) -> EventPlaceRules:
    """The ``event_place`` section, checked."""
    if not isinstance(data, dict):
        raise _problem(path, "event_place", "must map its keys to word lists")
    recipients = data.get("recipient_prepositions")
    if not isinstance(recipients, dict):
        raise _problem(path, "event_place", "recipient_prepositions must map prepositions to words")
    return EventPlaceRules(
        offices=frozenset(w.lower() for w in words(data.get("offices"), "event_place.offices")),
        participant_relations=frozenset(words(data.get("participant_relations"),
                                              "event_place.participant_relations")),
        site_object_verbs=frozenset(words(data.get("site_object_verbs"),
                                          "event_place.site_object_verbs")),
        recipient_prepositions={
            str(prep).lower(): frozenset(words(heads, f"event_place.recipient_prepositions.{prep}"))
            for prep, heads in recipients.items()},
        party_labels=tuple(words(data.get("party_labels"), "event_place.party_labels")),
        people_labels=frozenset(words(data.get("people_labels"), "event_place.people_labels")),
        people_nouns=frozenset(words(data.get("people_nouns"), "event_place.people_nouns")),
    )
