"""The word lists and thresholds of the actor resolver (``grammar.yaml`` in the actors data
folder), checked on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..datafiles import DataError, line_of, read_yaml, word_list

NAME_FORMS = ("country", "capital", "demonym")


@dataclass(frozen=True, slots=True)
class Salience:
    """Scores that rank the candidate antecedents of an anaphor."""

    pronoun_sentence_cost: float
    description_sentence_cost: float
    token_cost: float
    pronoun_subject_bonus: float
    description_subject_bonus: float
    object_bonus: float
    organisation_it_cost: float
    role_bonus: float


GENDERS = ("m", "f")


@dataclass(frozen=True, slots=True)
class PartyTag:
    """A party-and-state tag after a name ("(R-Ky.)") and the country and sector it gives."""

    pattern: re.Pattern[str]
    country: str
    sector: str


@dataclass(frozen=True)
class Grammar:
    """What ``grammar.yaml`` says (see the comments there)."""

    name_labels: frozenset[str]
    actor_prepositions: frozenset[str]
    owner_prepositions: frozenset[str]
    placing_prepositions: dict[str, tuple[str, ...]]
    definite: frozenset[str]
    former: frozenset[str]
    honorifics: dict[str, str]  # "mrs" -> "f"
    gendered_words: dict[str, str]  # "congresswoman" -> "f"
    party_tags: tuple[PartyTag, ...]
    headline_max_words: int
    speech_verbs: frozenset[str]
    place_verbs: frozenset[str]
    first_person: frozenset[str]
    dateline_places: dict[str, str]  # lower-cased place -> ISO3
    armed_sectors: frozenset[str]
    pronoun_window: int
    description_window: int
    thing_reach: int
    outlet_words: frozenset[str]  # "herald": "the Tulsa Herald" is a news outlet
    title_countries: dict[str, str]  # "rep." -> "USA"
    context_least: int  # the article's country: mentions it needs at least
    context_share: float  # and the share of the mentions with a country
    salience: Salience


def load_grammar(path: Path, sectors: set[str]) -> Grammar:
    """Read and check ``grammar.yaml``; ``sectors`` are the known sector codes."""
    data = read_yaml(path)
    missing = [f.name for f in fields(Grammar) if f.name not in data]
    if missing:
        raise DataError(path, 0, f"missing key(s) {', '.join(missing)}")

    def words(key: str) -> frozenset[str]:
        return frozenset(word_list(path, key, data[key]))

    armed = frozenset(code.upper() for code in words("armed_sectors"))
    if armed - sectors:
        raise DataError(path, line_of(path, "armed_sectors:"),
                        f"armed_sectors: unknown sector code(s) {sorted(armed - sectors)}")
    return Grammar(
        name_labels=frozenset(label.upper() for label in words("name_labels")),
        actor_prepositions=words("actor_prepositions"),
        owner_prepositions=words("owner_prepositions"),
        placing_prepositions=_placing(path, data["placing_prepositions"]),
        definite=words("definite"),
        former=words("former"),
        honorifics=_genders(path, "honorifics", data["honorifics"]),
        gendered_words={word: gender for gender, listed in _mapping(path, "gendered_words", data)
                        .items() for word in word_list(path, f"gendered_words.{gender}", listed)},
        party_tags=tuple(_party_tag(path, item, sectors) for item in data["party_tags"]),
        headline_max_words=_number(path, data, "headline_max_words", int),
        speech_verbs=words("speech_verbs"),
        place_verbs=words("place_verbs"),
        first_person=words("first_person"),
        dateline_places={place: str(iso3) for iso3, places in data["dateline_places"].items()
                         for place in word_list(path, f"dateline_places.{iso3}", places)},
        armed_sectors=armed,
        outlet_words=words("outlet_words"),
        title_countries={title: str(iso3) for iso3, titles in data["title_countries"].items()
                         for title in word_list(path, f"title_countries.{iso3}", titles)},
        pronoun_window=_number(path, data, "pronoun_window", int),
        description_window=_number(path, data, "description_window", int),
        thing_reach=_number(path, data, "thing_reach", int),
        context_least=_number(path, data, "context_least", int),
        context_share=_number(path, data, "context_share", (int, float)),
        salience=_salience(path, data["salience"]),
    )


def _mapping(path: Path, key: str, data: dict[str, Any]) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, dict) or set(value) - set(GENDERS):
        raise DataError(path, line_of(path, f"{key}:"), f"{key}: must map m and f to words")
    return value


def _genders(path: Path, key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not set(map(str, value.values())) <= set(GENDERS):
        raise DataError(path, line_of(path, f"{key}:"), f"{key}: must map words to m or f")
    return {str(word).lower(): str(gender) for word, gender in value.items()}


def _party_tag(path: Path, item: Any, sectors: set[str]) -> PartyTag:
    where = line_of(path, "party_tags:")
    if not isinstance(item, dict) or set(item) != {"pattern", "country", "sector"}:
        raise DataError(path, where, "party_tags: each needs pattern, country and sector")
    if str(item["sector"]) not in sectors:
        raise DataError(path, where, f"party_tags: unknown sector {item['sector']!r}")
    try:
        pattern = re.compile(str(item["pattern"]))
    except re.error as error:
        raise DataError(path, where, f"party_tags: bad pattern: {error}") from None
    return PartyTag(pattern, str(item["country"]), str(item["sector"]))


def _placing(path: Path, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise DataError(path, line_of(path, "placing_prepositions:"),
                        "placing_prepositions: must map a preposition to name forms")
    placing = {}
    for preposition, forms in value.items():
        forms = word_list(path, f"placing_prepositions.{preposition}", forms)
        if set(forms) - set(NAME_FORMS):
            raise DataError(path, line_of(path, f"{preposition}:"),
                            f"placing_prepositions.{preposition}: name forms are "
                            f"{', '.join(NAME_FORMS)}")
        placing[str(preposition).lower()] = tuple(forms)
    return placing


def _salience(path: Path, value: Any) -> Salience:
    if not isinstance(value, dict):
        raise DataError(path, line_of(path, "salience:"), "salience: must map score names to numbers")
    return Salience(**{f.name: float(_number(path, value, f.name, (int, float)))
                       for f in fields(Salience)})


def _number(path: Path, data: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) or value < 0:
        raise DataError(path, line_of(path, f"{key}:"), f"{key}: must be a number of at least 0")
    return value
