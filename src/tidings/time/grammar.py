"""The time grammar: word lists and rules loaded from ``data/time/``, compiled once, and a
scanner that finds candidate expressions in a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from ..errors import TidingsError

DATA = "data/time"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# A half after a count: "two and a half years", "2 1/2 years", "2½ years".
HALF_SUFFIX = r"[\s-]+and[\s-]+a[\s-]+half|\s+1/2|\s?½"
HALVES = (" and a half", " 1/2", "½")


class GrammarError(TidingsError):
    """A time data file is malformed: names the file and the entry."""


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicon.yaml``, keys in lower case."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, str]
    unit_plurals: dict[str, str]
    plural_units: dict[str, str]
    duration_fillers: tuple[str, ...]
    approximators: tuple[str, ...]
    frequency_adverbs: dict[str, str]
    report_nouns: tuple[str, ...]
    holidays: dict[str, tuple[int, int]]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    deictic_days: dict[str, tuple[int, str | None]]
    references: dict[str, str]
    references_after_in: dict[str, str]
    cues: dict[str, int]
    modifiers: dict[str, tuple[float | None, float | None, str | None]]
    since_words: tuple[str, ...]
    anaphora: dict[str, tuple[int, str]]
    tense: dict[str, tuple[str, ...]]

    def number(self, text: str) -> float | None:
        """The value of a number in digits or words ("5", "twenty-five", "fives"), else None."""
        words = " ".join(text.lower().replace("-", " ").replace(",", "").split())
        for half in HALVES:
            if words.endswith(half):
                whole = self.number(words[: -len(half)])
                return whole + 0.5 if whole is not None else None
        try:
            return float(words)
        except ValueError:
            pass
        if words in self.numbers:
            return self.numbers[words]
        if words.endswith("s") and words[:-1] in self.numbers:
            return self.numbers[words[:-1]]
        parts = words.split()
        if len(parts) == 2 and all(p in self.numbers for p in parts):
            return self.numbers[parts[0]] + self.numbers[parts[1]]
        return None

    def unit(self, text: str) -> tuple[str, bool]:
        """The TimeML unit of a unit word and whether it was plural."""
        word = text.lower()
        if word in self.units:
            return self.units[word], False
        if word in self.plural_units:
            return self.plural_units[word], True
        if word in self.unit_plurals:
            return self.units[self.unit_plurals[word]], True
        return self.units[word[:-1]], True


@dataclass(frozen=True)
class Rule:
    """One compiled grammar rule."""

    id: str
    regex: re.Pattern[str]
    resolve: str
    bare: bool  # a bare number: the parse may veto it as a count
    adverb: bool  # an adverb ("daily"): the parse may veto it as an adjective
    comparison: bool  # a point of comparison: later anaphors do not count from it
    order: int


@dataclass(frozen=True)
class Candidate:
    """A rule match: where the expression lies and the named groups it captured."""

    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


def _read(name: str) -> dict[str, Any]:
    path = resources.files("tidings").joinpath(f"{DATA}/{name}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GrammarError(f"{DATA}/{name}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise GrammarError(f"{DATA}/{name}: expected a mapping at the top level")
    return data


@cache
def lexicon() -> Lexicon:
    """The word lists, read and checked once."""
    data = _read("lexicon.yaml")
    fields = Lexicon.__dataclass_fields__
    missing = [name for name in fields if name not in data]
    if missing:
        raise GrammarError(f"{DATA}/lexicon.yaml: missing section(s) {', '.join(missing)}")
    values: dict[str, Any] = {}
    for name in fields:
        section = data[name]
        if isinstance(section, list):
            values[name] = tuple(str(v).lower() for v in section)
        elif isinstance(section, dict):
            values[name] = {
                str(k).lower(): tuple(v) if isinstance(v, list) else v
                for k, v in section.items()
            }
        else:
            raise GrammarError(f"{DATA}/lexicon.yaml: section {name!r} must be a list or mapping")
    for _, part in values["deictic_days"].values():
        if part is not None and part not in values["day_parts"].values():
            raise GrammarError(f"{DATA}/lexicon.yaml: deictic_days: unknown part of day {part!r}")
    for key, (_, unit) in values["anaphora"].items():
        if unit not in values["units"].values():
            raise GrammarError(f"{DATA}/lexicon.yaml: anaphora: {key!r} has unknown unit {unit!r}")
    values["tense"] = {k: tuple(str(w).lower() for w in v) for k, v in data["tense"].items()}
    return Lexicon(**values)


def _words(keys: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, any run of spaces matching any whitespace."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered)


def _names(keys: list[str]) -> str:
    """A case-sensitive alternation of capitalised and upper-case names."""
    forms = {form for k in keys for form in (k.capitalize(), k.upper())}
    return "(?-i:" + _words(sorted(forms)) + ")"


def _number_words(lex: Lexicon) -> str:
    single = [w for w in lex.numbers if " " not in w]
    tens = [w for w in single if lex.numbers[w] >= 20 and lex.numbers[w] % 10 == 0
            and lex.numbers[w] < 100]
    ones = [w for w in single if 1 <= lex.numbers[w] <= 9 and len(w) > 2]
    plural_ok = [w for w in single if len(w) > 2]
    compound = f"(?:{_words(tens)})[-\\s](?:{_words(ones)})"
    multi = [w for w in lex.numbers if " " in w]
    short = [w for w in single if len(w) <= 2]
    whole = f"{compound}|{_words(multi)}|(?:{_words(plural_ok)})s?|{_words(short)}"
    return f"(?:{whole})(?:{HALF_SUFFIX})?"


@cache
def placeholders() -> dict[str, str]:
    """Placeholder name -> regular expression with its named group."""
    lex = lexicon()
    singular = list(lex.units)
    plural = [f"{u}s" for u in singular] + list(lex.unit_plurals) + list(lex.plural_units)
    return {
        "month": f"(?P<month>{_names(list(lex.months))})",
        "weekday": f"(?P<weekday>{_names(list(lex.weekdays))})",
        "day": r"(?P<day>3[01]|[12]\d|0?[1-9])",
        "mnum": r"(?P<mnum>1[0-2]|0?[1-9])",
        "year": r"(?P<year>1[6-9]\d\d|20\d\d)",
        "num": rf"(?P<num>\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:{HALF_SUFFIX})?|{_number_words(lex)})",
        "vague": f"(?P<vague>{_words(lex.vague_numbers)})",
        "unit": f"(?P<unit>{_words(singular)})",
        "units": f"(?P<unit>{_words(plural + singular)})",
        "season": f"(?P<season>{_words(list(lex.seasons))})",
        "holiday": f"(?P<holiday>{_words(list(lex.holidays))})",
        "daypart": f"(?P<daypart>{_words(list(lex.day_parts))})",
        "cue": f"(?P<cue>{_words(list(lex.cues))})",
        "ordinal": f"(?P<ordinal>{_words(list(lex.ordinals))})",
        "filler": f"(?:{_words(lex.duration_fillers)})",
        "adverb": f"(?P<adverb>{_words(list(lex.frequency_adverbs))})",
        "report_noun": f"(?:{_words(lex.report_nouns)})",
        "deictic": f"(?P<deictic>{_words(list(lex.deictic_days))})",
        "reference": f"(?P<reference>{_words(list(lex.references))})",
        "reference_in": f"(?P<reference>{_words(list(lex.references_after_in))})",
        "anaphor": f"(?P<anaphor>{_words(list(lex.anaphora))})",
        "hour": r"(?P<hour>2[0-3]|[01]?\d)",
        "minute": r"(?P<minute>[0-5]\d)",
        "ampm": r"(?P<ampm>[ap]\.m\.?|[ap]m)",
        "decade": r"(?:(?P<decade>(?:1[6-9]|20)\d0)'?s|'(?P<decade2>\d0)s)",
    }


@cache
def rules() -> tuple[Rule, ...]:
    """The grammar rules, compiled once, in priority order."""
    from . import resolvers  # the registry of resolve functions

    data = _read("rules.yaml")
    slots = placeholders()
    compiled = []
    for order, entry in enumerate(data.get("rules") or ()):
        where = f"{DATA}/rules.yaml: rule {entry.get('id', order)!r}"
        if not {"id", "pattern", "resolve"} <= set(entry):
            raise GrammarError(f"{where}: needs id, pattern and resolve")
        if entry["resolve"] not in resolvers.RESOLVERS:
            raise GrammarError(f"{where}: unknown resolver {entry['resolve']!r}")
        unknown = set(PLACEHOLDER.findall(entry["pattern"])) - set(slots)
        if unknown:
            raise GrammarError(f"{where}: unknown placeholder(s) {', '.join(sorted(unknown))}")
        pattern = PLACEHOLDER.sub(lambda m: slots[m.group(1)], entry["pattern"])
        try:
            regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
        except re.error as error:
            raise GrammarError(f"{where}: bad pattern ({error})") from error
        compiled.append(Rule(entry["id"], regex, entry["resolve"], bool(entry.get("bare")),
                             bool(entry.get("adverb")), bool(entry.get("comparison")), order))
    if not compiled:
        raise GrammarError(f"{DATA}/rules.yaml: no rules")
    return tuple(compiled)


class Prefixes(NamedTuple):
    """Patterns for words just before a match that change or join it."""

    modifier: re.Pattern[str]  # "early", "the end of": narrow the period, join the expression
    approximator: re.Pattern[str]  # "nearly", "more than": join a count
    since: re.Pattern[str]  # "since": a span up to publication, outside the expression


@cache
def prefix_patterns() -> Prefixes:
    """The patterns of :class:`Prefixes`, each anchored at the end of the text before a match."""
    lex = lexicon()

    def before(words: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{words})[\s-]+$", re.IGNORECASE)

    return Prefixes(
        modifier=before(rf"(?:the\s+)?(?P<mod>{_words(list(lex.modifiers))})"),
        approximator=before(_words(lex.approximators)),
        since=before(_words(lex.since_words)),
    )


def scan(text: str) -> list[Candidate]:
    """Every non-overlapping expression the grammar finds, in text order: where matches
    overlap the longer wins, and at equal length the earlier rule."""
    found = []
    for rule in rules():
        for match in rule.regex.finditer(text):
            start, end = match.span("expr") if "expr" in rule.regex.groupindex else match.span()
            groups = {k: v for k, v in match.groupdict().items() if v is not None and k != "expr"}
            found.append(Candidate(start, end, rule, groups))
    found.sort(key=lambda c: (c.start - c.end, c.rule.order, c.start))
    taken: list[Candidate] = []
    for candidate in found:
        if all(candidate.end <= t.start or candidate.start >= t.end for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)
