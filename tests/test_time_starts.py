"""The locator built from a rule's pattern text with the public ``re`` API: it finds a match
exactly where the rule's regex starts one, on expressions written for this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tidings.time.starts as starts
from tidings.time.grammar import Probe, rules
from tidings.time.starts import case_variants, first_characters, locator

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


def _variants(text: str) -> list[str]:
    """As written, upper case, lower case, and with the letters only IGNORECASE equates."""
    odd = text.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a").replace("I", "İ")
    return [text, text.upper(), text.lower(), odd]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_rule_matches_through_the_locator_are_the_regex_matches(text):
    for variant in _variants(text):
        probe = Probe.of(variant)
        for rule in rules():
            expected = [(m.span(), m.groupdict()) for m in rule.regex.finditer(variant)]
            assert [(m.span(), m.groupdict()) for m in rule.finditer(probe)] == expected, rule.id


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_the_locator_hits_exactly_the_starts_of_matches(text):
    for variant in _variants(text):
        for rule in rules():
            found = locator(rule.regex)
            starts_found = {m.start() for m in found.finditer(variant)} if found else None
            regex_starts = {m.start() for m in rule.regex.finditer(variant)}
            if found is not None:  # a locator may hit overlapping starts the scan skips
                assert regex_starts <= starts_found, rule.id
                assert all(rule.regex.match(variant, s) for s in starts_found), rule.id


def test_every_rule_of_the_grammar_has_a_locator():
    assert [rule.id for rule in rules() if locator(rule.regex) is None] == []


@pytest.mark.parametrize(("pattern", "flags", "members"), [
    (r"(?<!\w)(?:may|june)", re.IGNORECASE, set("mMjJ")),
    (r"(?-i:May)|[0-9]{1,2}", re.IGNORECASE, {"M", "0-9"}),
    (r"(?:the\s+)?(?P<n>\d+)\s+days", 0, {"t", r"\d"}),
    (r"a?b*c", 0, {"a", "b", "c"}),
    (r"[\s-]x", 0, {r"\s", r"\-"}),
    (r"(?i:k)", 0, {"k", "K", "\u212a"}),
])
def test_first_characters_are_read_from_the_pattern_text(pattern, flags, members):
    first = first_characters(re.compile(pattern, flags))
    assert first is not None and set(re.findall(r"\\.|.-.|.", first)) == members


def test_case_variants_are_those_ignorecase_equates():
    assert case_variants("k") == {"k", "K", "\u212a"}
    assert case_variants("s") == {"s", "S", "\u017f"}
    assert case_variants("7") == {"7"}


def test_the_locator_uses_no_private_part_of_re():
    source = Path(starts.__file__).read_text(encoding="utf-8")
    assert "re._" not in source and "sre_" not in source
