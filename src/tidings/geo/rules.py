"""The geo stage's rules (``data/geo/rules.yaml``, ``data/geo/demonyms.tsv``), validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import InputError

ROLES = ("site", "origin", "destination")
WEIGHTS = ("country", "continent", "admin1", "admin2", "city", "capital", "curated_base",
           "primary_name", "dominant_country", "hierarchy", "contains_comention",
           "near_comention", "near_km")


@dataclass(frozen=True)
class GeoRules:
    """Everything the toponym finder, the resolver and the event locator look up."""

    place_labels: frozenset[str]
    other_labels: frozenset[str]
    guarded_labels: frozenset[str]
    prominent_population: int
    major_population: int
    place_head_nouns: frozenset[str]
    person_titles: frozenset[str]
    place_object_verbs: frozenset[str]
    directions: dict[str, tuple[str, ...]]
    generic_tails: tuple[str, ...]
    demonym_place_nouns: frozenset[str]
    role_of_preposition: dict[str, str]
    weights: dict[str, float]
    demonyms: dict[str, str]  # demonym -> ISO3


def _words(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError("data/geo/rules.yaml", f"{where} must be a list of words")
    return value


@lru_cache(maxsize=1)
def load_rules() -> GeoRules:
    """Read and check the geo rules."""
    folder = resources.files("tidings") / "data" / "geo"
    where = "data/geo/rules.yaml"
    data = yaml.safe_load((folder / "rules.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise InputError(where, "expected a mapping at the top level")
    roles = data.get("roles") or {}
    if set(roles) != set(ROLES):
        raise InputError(where, f"roles must name exactly {', '.join(ROLES)}")
    role_of = {word: role for role in ROLES for word in _words(roles[role], f"roles.{role}")}
    weights = data.get("weights") or {}
    missing = [w for w in WEIGHTS if not isinstance(weights.get(w), (int, float))]
    if missing:
        raise InputError(where, f"weights missing or not numbers: {', '.join(missing)}")
    directions = data.get("directions") or {}
    if not isinstance(directions, dict):
        raise InputError(where, "directions must map a word to prefixes")
    demonyms: dict[str, str] = {}
    for number, line in enumerate((folder / "demonyms.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("demonym\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[1]) != 3 or not parts[1].isupper():
            raise InputError("data/geo/demonyms.tsv", f"line {number}: expected demonym, ISO3")
        demonyms[parts[0]] = parts[1]
    return GeoRules(
        place_labels=frozenset(_words(data.get("place_labels"), "place_labels")),
        other_labels=frozenset(_words(data.get("other_labels"), "other_labels")),
        guarded_labels=frozenset(_words(data.get("guarded_labels"), "guarded_labels")),
        prominent_population=int(data.get("prominent_population", 50000)),
        major_population=int(data.get("major_population", 500000)),
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
        demonyms=demonyms,
    )
