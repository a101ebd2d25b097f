"""The grammar's prefilters: a rule is skipped only on texts it cannot match, and its regex
is tried only where its locator finds a match may start."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tidings.time.grammar import CASE_FOLD, Probe, fold, locator, rules

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _fixture_texts() -> list[str]:
    return [json.loads(line)["text"] for path in sorted(FIXTURES.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _variants(text: str) -> list[str]:
    """The text as written, in capitals, in lower case, and with letters that only
    re.IGNORECASE equates with ASCII ones."""
    unusual = text.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a")
    return [text, text.upper(), text.lower(), unusual, "İ" + text.upper().replace("I", "İ")]


EXTRA = [
    "Talks ran for three days, ending 2 hours ago.", "a yearlong siege", "the 1990s",
    "Markets fell 3% a day in mid-March; by Q3 2021 the FY2022 budget was set.",
    "EVERY MONDAY since March 5th, 2019 at 10:30 GMT", "Decades of war, twice a week",
    "the same period a year earlier", "Valentine's Day", "the first-half results",
]
# Sentences written for the locator's test: dates, clock times, sets and durations in context.
EXPRESSIONS = [
    "The ferry sailed on 14 February 2023, two days after the storm.",
    "Negotiators met last Thursday and again this weekend; talks resume next month.",
    "By mid-2019 the mill had closed; in the fourth quarter of fiscal 2020 it reopened.",
    "Around 7:45 GMT, some 90 minutes before noon, the sirens stopped.",
    "The 1980s and the early 21st century saw floods every other year.",
    "Q2 2024 results came a year earlier than planned, on 2024-03-07.",
    "The levee held for three and a half weeks; within days, weekly patrols began.",
    "Since Christmas Eve the valley has had rain twice a day, 40 mm per hour at times.",
    "Decades later, in the spring of 1998, the former mayor recalled the winter of '63.",
    "Officials said on 03/11/2021 that the dam, built in 1961, would be inspected annually.",
    "FROM TUESDAY UNTIL SUNDAY THE BRIDGE IS CLOSED; REOPENING DATE: 12.05.2022.",
    "yesterday at 9 p.m. the border post reopened, having been shut since last Ramadan.",
]




@pytest.mark.parametrize("text", _fixture_texts() + EXTRA)
def test_time_prefilter_never_skips_a_rule_that_matches(text):
    for variant in _variants(text):
        probe = Probe.of(variant)
        for rule in rules():
            if rule.regex.search(variant):
                assert rule.may_match(probe), (rule.id, variant)


@pytest.mark.parametrize("text", _fixture_texts() + EXTRA + EXPRESSIONS)
def test_time_locator_finds_what_the_regex_finds(text):
    for variant in _variants(text):
        probe = Probe.of(variant)
        for rule in rules():
            expected = [(m.span(), m.groupdict()) for m in rule.regex.finditer(variant)]
            assert [(m.span(), m.groupdict()) for m in rule.finditer(probe)] == expected, rule.id


@pytest.mark.parametrize("text", EXTRA + EXPRESSIONS)
def test_time_locator_hits_only_where_the_regex_matches(text):
    for variant in _variants(text):
        for rule in rules():
            hits = {m.start() for m in locator(rule.regex).finditer(variant)}
            assert all(rule.regex.match(variant, start) for start in hits), rule.id
            assert {m.start() for m in rule.regex.finditer(variant)} <= hits, rule.id


def test_time_every_rule_has_a_locator():
    assert all(locator(rule.regex) is not None for rule in rules())


@pytest.mark.parametrize(("pattern", "texts"), [
    (r"(?<!\w)(?:a(?!(?-i:B)))", ["a b", "aB", "ab A", "xa a"]),  # a case-sensitive negation
    (r"(?:(?-i:Ab)|a)bc", ["Abbc", "abc", "ABBC", "xabc"]),
    (r"(?<!\w)(?:in\s+(?-i:May))(?!\w)", ["in may", "In May", "within May", "in  May."]),
])
def test_time_locator_finds_where_the_regex_starts_and_keeps_its_case(pattern, texts):
    regex = re.compile(pattern, re.IGNORECASE)
    found = locator(regex)
    for text in texts:
        assert [m.start() for m in found.finditer(text)] == [m.start() for m in regex.finditer(text)]


def test_time_no_locator_for_what_can_match_nothing_or_is_not_read():
    assert locator(re.compile(r"x*", re.IGNORECASE)) is None  # can match nothing
    assert locator(re.compile(r"(?>ab|a)c")) is None  # an atomic group is not read
    assert locator(re.compile(r"[^a]b")) is None  # a negated class starts with nearly anything


def test_time_prefilter_skips_rules_whose_words_are_missing():
    by_id = {rule.id: rule for rule in rules()}
    ago = by_id["date.ago"]
    assert ago.may_match(Probe.of("It closed three days ago."))
    assert not ago.may_match(Probe.of("Three days of agony followed."))  # "ago" is no word here
    assert not by_id["date.weekend"].may_match(Probe.of("Talks resumed on Monday."))


def test_time_fold_keeps_one_character_per_character_and_word_characters():
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.translate(CASE_FOLD).lower()
        assert len(folded) == 1 and bool(word.match(char)) == bool(word.match(folded)), hex(code)
    assert fold("ſ KELVIN ı") == "s kelvin i"


def test_time_fold_reads_as_ignorecase_does():
    """What the locators rely on: a character matches an ASCII letter under re.IGNORECASE
    exactly when it folds onto it; folding keeps digits and spaces; and a character that
    folding changes lands on one that has a case, so no other folds onto a caseless one."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    classes = [re.compile(c) for c in (r"\d", r"\s", r"\w")]
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = fold(char)
        if letter.match(char) or ("a" <= folded <= "z"):
            assert "a" <= folded <= "z" and re.match(folded, char, re.IGNORECASE), hex(code)
        if folded != char:
            assert folded.upper() != folded, hex(code)
            assert all(bool(c.match(char)) == bool(c.match(folded)) for c in classes), hex(code)
