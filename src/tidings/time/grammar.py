"""The time grammar: word lists and rules loaded from ``data/time/``, compiled once, and a
scanner that finds candidate expressions in a text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
# The regex parser of CPython's ``re`` (3.11 on), read (never used to rewrite a pattern) by
# the prefilter: private, so what is derived from it is only an optimisation, dropped for a
# pattern it misreads.
from re import _constants as sre
from re import _parser as sre_parser
from typing import Any, NamedTuple

from ..datafiles import DataError, data_path, line_of, read_yaml

from .starts import locator

DATA = data_path("time")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# A half after a count: "two and a half years", "2 1/2 years", "2½ years".
HALF_SUFFIX = r"[\s-]+and[\s-]+a[\s-]+half|\s+1/2|\s?½"
HALVES = (" and a half", " 1/2", "½")
# Letters that re.IGNORECASE equates with ASCII ones but str.lower() does not lower onto them
# (İ, ı, ſ and the Kelvin sign).
CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
UNFOLDED = tuple(map(chr, CASE_FOLD))  # those letters
WORD = re.compile(r"\w+")
WORD_CLASS = [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]  # \w, parsed
NOT_WORD_CATEGORIES = (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)
ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


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
    moving_holidays: dict[str, tuple[int, int, int]]
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
    needs: tuple[Choice, ...] = ()  # every match meets each: see :func:`needed`

    def may_match(self, probe: Probe) -> bool:
        """Whether the rule can match the text of ``probe`` (when False, it surely cannot)."""
        for choice in self.needs:  # a loop: all() over a generator costs more than the tests
            if not choice.met(probe):
                return False
        return True

    def finditer(self, probe: Probe) -> Iterator[re.Match[str]]:
        """The matches of the rule in the text of ``probe``, as ``regex.finditer`` finds them:
        the regex is tried only where its :func:`~.starts.locator` finds one starts."""
        finder = locator(self.regex)
        if finder is None:
            yield from self.regex.finditer(probe.text)
            return
        pos = 0
        while (hit := finder.search(probe.text, pos)) is not None:
            match = self.regex.match(probe.text, hit.start())
            if match is None:
                pos = hit.start() + 1
            else:
                yield match
                pos = match.end()


@dataclass(frozen=True)
class Candidate:
    """A rule match: where the expression lies and the named groups it captured."""

    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


@cache
def lexicon(folder: Path = DATA) -> Lexicon:
    """The word lists of ``lexicon.yaml`` in ``folder``, read and checked once."""
    path = folder / "lexicon.yaml"
    data = read_yaml(path)
    fields = Lexicon.__dataclass_fields__
    missing = [name for name in fields if name not in data]
    if missing:
        raise DataError(path, 0, f"missing section(s) {', '.join(missing)}")
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
            raise DataError(path, line_of(path, f"{name}:"),
                            f"section {name!r} must be a list or mapping")
    for _, part in values["deictic_days"].values():
        if part is not None and part not in values["day_parts"].values():
            raise DataError(path, line_of(path, "deictic_days:"),
                            f"deictic_days: unknown part of day {part!r}")
    for key, (_, unit) in values["anaphora"].items():
        if unit not in values["units"].values():
            raise DataError(path, line_of(path, "anaphora:"),
                            f"anaphora: {key!r} has unknown unit {unit!r}")
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
def placeholders(folder: Path = DATA) -> dict[str, str]:
    """Placeholder name -> regular expression with its named group."""
    lex = lexicon(folder)
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
        "holiday": f"(?P<holiday>{_words(list(lex.holidays) + list(lex.moving_holidays))})",
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
def rules(folder: Path = DATA) -> tuple[Rule, ...]:
    """The grammar rules of ``rules.yaml`` in ``folder``, compiled once, in priority order."""
    from . import resolvers  # the registry of resolve functions

    path = folder / "rules.yaml"
    slots = placeholders(folder)
    compiled = tuple(_rule(path, order, entry, slots, resolvers.RESOLVERS)
                     for order, entry in enumerate(read_yaml(path).get("rules") or ()))
    if not compiled:
        raise DataError(path, 0, "no rules")
    return compiled


def _rule(path: Path, order: int, entry: dict[str, Any], slots: dict[str, str],
          registry: Mapping[str, object]) -> Rule:
    """One entry of ``rules.yaml``, checked and compiled."""
    def error(message: str) -> DataError:
        return DataError(path, line_of(path, f"id: {entry.get('id')}"),
                         f"rule {entry.get('id', order)!r}: {message}")

    if not {"id", "pattern", "resolve"} <= set(entry):
        raise error("needs id, pattern and resolve")
    if entry["resolve"] not in registry:
        raise error(f"unknown resolver {entry['resolve']!r}")
    unknown = set(PLACEHOLDER.findall(entry["pattern"])) - set(slots)
    if unknown:
        raise error(f"unknown placeholder(s) {', '.join(sorted(unknown))}")
    pattern = PLACEHOLDER.sub(lambda m: slots[m.group(1)], entry["pattern"])
    try:
        regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
    except re.error as problem:
        raise error(f"bad pattern ({problem})") from problem
    return Rule(entry["id"], regex, entry["resolve"], bool(entry.get("bare")),
                bool(entry.get("adverb")), bool(entry.get("comparison")), order, needed(regex))


class Prefixes(NamedTuple):
    """Patterns for words just before a match that change or join it."""

    modifier: re.Pattern[str]  # "early", "the end of": narrow the period, join the expression
    approximator: re.Pattern[str]  # "nearly", "more than": join a count
    since: re.Pattern[str]  # "since": a span up to publication, outside the expression


@cache
def prefix_patterns(folder: Path = DATA) -> Prefixes:
    """The patterns of :class:`Prefixes`, each anchored at the end of the text before a match."""
    lex = lexicon(folder)

    def before(words: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{words})[\s-]+$", re.IGNORECASE)

    return Prefixes(
        modifier=before(rf"(?:the\s+)?(?P<mod>{_words(list(lex.modifiers))})"),
        approximator=before(_words(lex.approximators)),
        since=before(_words(lex.since_words)),
    )


class Need(NamedTuple):
    """A string that every match of a rule contains, as a whole word or anywhere in the text,
    in any case (then in lower case here) or exactly."""

    text: str
    word: bool
    exact: bool


class Probe(NamedTuple):
    """A text made ready for :meth:`Rule.may_match`."""

    folded: str
    text: str
    words: frozenset[str]  # folded
    exact_words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Probe:
        """``text`` as a probe; :func:`fold` maps each character to one character, word
        characters to word characters, so the words of the folded text are the words folded."""
        folded = fold(text)
        return cls(folded, text, frozenset(WORD.findall(folded)), frozenset(WORD.findall(text)))


class Choice(NamedTuple):
    """Strings of which every match of a rule contains one, by where a :class:`Probe` has them."""

    parts: tuple[str, ...]  # anywhere, in lower case
    exact_parts: tuple[str, ...]  # anywhere, in this case
    words: frozenset[str]  # whole words, in lower case
    exact_words: frozenset[str]  # whole words, in this case

    @classmethod
    def of(cls, needs: frozenset[Need]) -> Choice:
        def texts(word: bool, exact: bool) -> list[str]:
            return sorted(n.text for n in needs if n.word == word and n.exact == exact)

        return cls(tuple(texts(False, False)), tuple(texts(False, True)),
                   frozenset(texts(True, False)), frozenset(texts(True, True)))

    def met(self, probe: Probe) -> bool:
        """Whether the text of ``probe`` contains one of the strings."""
        return (not self.words.isdisjoint(probe.words)
                or not self.exact_words.isdisjoint(probe.exact_words)
                or (bool(self.parts) and any(part in probe.folded for part in self.parts))
                or (bool(self.exact_parts)
                    and any(part in probe.text for part in self.exact_parts)))


def fold(text: str) -> str:
    """``text`` in lower case, with the letters re.IGNORECASE equates folded the same way."""
    if not text.isascii() and any(letter in text for letter in UNFOLDED):
        text = text.translate(CASE_FOLD)  # slow: only when needed
    return text.lower()


def needed(regex: re.Pattern[str]) -> tuple[Choice, ...]:
    """What every match of ``regex`` contains: one string of each :class:`Choice`. Those
    looked up as whole words come first, as they are the quickest to test.  Nothing (the rule
    always runs) when the private regex parser cannot read the pattern."""
    try:
        choices = _choices(sre_parser.parse(regex.pattern, regex.flags),
                           exact=not regex.flags & re.IGNORECASE, left=False, right=False)
    except Exception:  # noqa: BLE001 - a prefilter that cannot be derived is no prefilter
        return ()
    # single characters count too (":" and "/" rule out clock times and numeric dates): on 400
    # news-like texts, 24% fewer rule scans and 12% less scan time than keeping 3 or more only
    kept = [Choice.of(choice) for choice in choices]
    return tuple(sorted(kept, key=lambda choice: len(choice.parts) + len(choice.exact_parts)))


def _choices(items: Sequence[tuple[Any, Any]], *, exact: bool, left: bool, right: bool
             ) -> list[frozenset[Need]]:
    """The needed sets of a parsed sequence: its runs of literal characters (whole words when
    no word character can touch them, given whether one can touch the sequence on the
    ``left`` and ``right``), and the needed sets of the parts it cannot match without."""
    items = list(items)
    before = _bounded(items, left, backward=False)
    after = _bounded(items[::-1], right, backward=True)[::-1]
    choices: list[frozenset[Need]] = []
    run_start = None
    for index, (op, arg) in enumerate([*items, (None, None)]):
        if op is sre.LITERAL and chr(arg).isascii():
            run_start = index if run_start is None else run_start
            continue
        if run_start is not None:
            text = "".join(chr(arg) for _, arg in items[run_start:index])
            word = before[run_start] and after[index - 1] and all(map(_is_word, text))
            choices.append(frozenset({Need(text if exact else text.lower(), word, exact)}))
            run_start = None
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = arg
            inner_exact = bool((exact or del_flags & re.IGNORECASE) and not add_flags & re.IGNORECASE)
            choices += _choices(inner, exact=inner_exact, left=before[index], right=after[index])
        elif op is sre.ATOMIC_GROUP:
            choices += _choices(arg, exact=exact, left=before[index], right=after[index])
        elif op in REPEATS and arg[0] >= 1:
            choices += _choices(arg[2], exact=exact, left=False, right=False)
        elif op is sre.BRANCH:
            branches = [_choices(branch, exact=exact, left=before[index], right=after[index])
                        for branch in arg[1]]
            if all(branches):  # the most selective set of each branch, joined
                choices.append(_minimal(frozenset().union(*(max(b, key=_selectivity) for b in branches))))
    return choices


def _bounded(items: Sequence[tuple[Any, Any]], edge: bool, *, backward: bool) -> list[bool]:
    """For each item, whether the character just before it (just after it, when
    ``backward`` and ``items`` are reversed) is surely no word character; ``edge`` tells it
    for the sequence itself."""
    states = []
    for op, arg in items:
        states.append(edge)
        if op in ZERO_WIDTH:
            if op is sre.ASSERT_NOT and arg[0] == (1 if backward else -1) and list(arg[1]) == WORD_CLASS:
                edge = True
        elif _can_be_empty(op, arg):
            edge = edge and _ends_outside_word(op, arg, last=not backward)
        else:
            edge = _ends_outside_word(op, arg, last=not backward)
    return states


def _ends_outside_word(op: Any, arg: Any, *, last: bool) -> bool:
    """Whether every non-empty match of a parsed item ends (starts, when not ``last``) with a
    character that is no word character."""
    if op is sre.LITERAL:
        return not _is_word(chr(arg))
    if op is sre.IN:
        return all((kind is sre.LITERAL and not _is_word(chr(value)))
                   or (kind is sre.CATEGORY and value in NOT_WORD_CATEGORIES) for kind, value in arg)
    inner = _inner(op, arg)
    if inner is None:
        return op is sre.BRANCH and all(_sequence_ends_outside_word(b, last=last) for b in arg[1])
    return _sequence_ends_outside_word(inner, last=last)


def _sequence_ends_outside_word(items: Sequence[tuple[Any, Any]], *, last: bool) -> bool:
    """:func:`_ends_outside_word` for a parsed sequence."""
    for op, arg in (list(items)[::-1] if last else items):
        if op in ZERO_WIDTH:
            continue
        if not _ends_outside_word(op, arg, last=last):
            return False
        if not _can_be_empty(op, arg):
            return True
    return True


def _can_be_empty(op: Any, arg: Any) -> bool:
    """Whether a parsed item can match the empty string."""
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return False
    if op is sre.BRANCH:
        return any(all(_can_be_empty(*item) for item in branch) for branch in arg[1])
    if op in REPEATS and arg[0] == 0:
        return True
    inner = _inner(op, arg)
    return inner is None or all(_can_be_empty(*item) for item in inner)


def _inner(op: Any, arg: Any) -> Sequence[tuple[Any, Any]] | None:
    """The parsed sequence inside a group or repeat, else None."""
    if op is sre.SUBPATTERN:
        return arg[3]
    if op is sre.ATOMIC_GROUP:
        return arg
    if op in REPEATS:
        return arg[2]
    return None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _selectivity(choice: frozenset[Need]) -> int:
    """How rarely a set of needs is met, roughly: longer strings and whole words are rarer."""
    return min(len(need.text) + 3 * need.word + need.exact for need in choice)


def _minimal(choice: frozenset[Need]) -> frozenset[Need]:
    """``choice`` without the needs met whenever another, found anywhere, is met."""
    return frozenset(need for need in choice if not any(
        other != need and not other.word and other.exact == need.exact and other.text in need.text
        for other in choice))


def scan(text: str, folder: Path = DATA) -> list[Candidate]:
    """Every non-overlapping expression the grammar (in ``folder``) finds, in text order: where
    matches overlap the longer wins, and at equal length the earlier rule."""
    found = []
    probe = Probe.of(text)
    for rule in rules(folder):
        if not rule.may_match(probe):
            continue
        for match in rule.finditer(probe):
            start, end = match.span("expr") if "expr" in rule.regex.groupindex else match.span()
            groups = {k: v for k, v in match.groupdict().items() if v is not None and k != "expr"}
            found.append(Candidate(start, end, rule, groups))
    found.sort(key=lambda c: (c.start - c.end, c.rule.order, c.start))
    taken: list[Candidate] = []
    for candidate in found:
        if all(candidate.end <= t.start or candidate.start >= t.end for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)
