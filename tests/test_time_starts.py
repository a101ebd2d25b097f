"""The locator built from a rule's pattern text with the public ``re`` API: the first
characters it reads, and that it needs no private part of ``re`` (its matches are compared
with the regex's in test_time_prefilter.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tidings.time.starts as starts
from tidings.time.starts import case_variants, first_characters


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
