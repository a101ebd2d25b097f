"""The characters a regex's matches can start with, read from its pattern text (public ``re``
API only), and the locator built on them: a pattern the regex engine can skip ahead with.

The reader knows the syntax the time grammar writes (groups, lookarounds, classes, escapes,
alternatives, quantifiers) and answers None for anything else, so that a rule it cannot read
simply runs without a locator.  It over-approximates, never under: every character a match
can start with is in the class it gives.
"""

from __future__ import annotations

import re
from functools import cache

# Escapes that stand for a character class, kept as they are inside the class we build.
CLASS_ESCAPES = frozenset("dswDSW")
# Escapes that match no character: word boundaries and the ends of the text.
ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
# Letters that re.IGNORECASE equates with other letters besides their upper and lower case.
CASE_PARTNERS = "\u0130\u0131\u017f\u212a"  # İ ı ſ and the Kelvin sign


class Unreadable(ValueError):
    """A pattern the reader does not know how to read."""


@cache
def case_variants(char: str) -> frozenset[str]:
    """Every character re.IGNORECASE equates with ``char`` (``char`` itself included)."""
    candidates = {char, char.lower(), char.upper(), char.swapcase(), *CASE_PARTNERS}
    single = re.compile(re.escape(char), re.IGNORECASE)
    return frozenset(c for c in candidates if len(c) == 1 and single.fullmatch(c))


class _Reader:
    """Reads a pattern's text, collecting the members of a class of its first characters."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.at = pattern, 0

    def peek(self, length: int = 1) -> str:
        return self.pattern[self.at:self.at + length]

    def take(self, length: int = 1) -> str:
        text = self.peek(length)
        self.at += length
        return text

    def alternatives(self, ignore_case: bool) -> tuple[set[str], bool]:
        """The first-character members of ``a|b|...`` up to ``)`` or the end, and whether it
        can match the empty string."""
        members, empty = set(), False
        while True:
            found, can_be_empty = self.sequence(ignore_case)
            members |= found
            empty = empty or can_be_empty
            if self.peek() != "|":
                return members, empty
            self.take()

    def sequence(self, ignore_case: bool) -> tuple[set[str], bool]:
        """The first-character members of a sequence, and whether it can match nothing."""
        members: set[str] = set()
        open_start = True  # no item so far has to match a character
        while self.at < len(self.pattern) and self.peek() not in "|)":
            found, zero_width = self.item(ignore_case)
            if zero_width:
                continue
            at_least = self.quantifier()
            if open_start:
                members |= found[0]
                open_start = found[1] or at_least == 0
        return members, open_start

    def item(self, ignore_case: bool) -> tuple[tuple[set[str], bool], bool]:
        """One item: ((its first-character members, whether it can be empty), zero width)."""
        char = self.take()
        if char == "(":
            return self.group(ignore_case)
        if char == "[":
            return (self.char_class(ignore_case), False), False
        if char == "\\":
            return self.escape(ignore_case)
        if char in "^$":
            return (set(), True), True
        if char in ".*+?{":
            raise Unreadable(f"{char!r} at {self.at - 1}")
        return (_literal(char, ignore_case), False), False

    def group(self, ignore_case: bool) -> tuple[tuple[set[str], bool], bool]:
        zero_width = False
        if self.peek() == "?":
            self.take()
            if self.peek(2) in ("<=", "<!") or self.peek() in "=!":
                self.take(2 if self.peek() == "<" else 1)
                zero_width = True
            elif self.peek() == "P" and self.peek(2) == "P<":
                self.at = self.pattern.index(">", self.at) + 1
            elif self.peek() != ":":
                ignore_case = self.flags(ignore_case)
            else:
                self.take()
        found = self.alternatives(ignore_case)
        if self.take() != ")":
            raise Unreadable("unbalanced group")
        return ((set(), True) if zero_width else found), zero_width

    def flags(self, ignore_case: bool) -> bool:
        """Scoped flags ``(?i-x:``: the case setting inside (only i, m, s and a are read)."""
        match = re.compile(r"([imsa]*)(?:-([imsa]+))?:").match(self.pattern, self.at)
        if match is None:
            raise Unreadable(f"group at {self.at}")
        self.at = match.end()
        added, removed = match.group(1), match.group(2) or ""
        return ("i" in added) or (ignore_case and "i" not in removed)

    def escape(self, ignore_case: bool) -> tuple[tuple[set[str], bool], bool]:
        char = self.take()
        if char in ZERO_WIDTH_ESCAPES:
            return (set(), True), True
        if char in CLASS_ESCAPES:
            return ({"\\" + char}, False), False
        if char.isalnum():
            raise Unreadable(f"escape \\{char}")
        return (_literal(char, ignore_case), False), False

    def char_class(self, ignore_case: bool) -> set[str]:
        """The members of ``[...]`` (a negated class is unreadable: it starts with nearly any)."""
        if self.peek() == "^":
            raise Unreadable("negated class")
        members: set[str] = set()
        first = True
        while first or self.peek() != "]":
            first = False
            char = self.take()
            if not char:
                raise Unreadable("unclosed class")
            if char == "\\":
                escaped = self.take()
                if escaped in CLASS_ESCAPES:
                    members.add("\\" + escaped)
                    continue
                if escaped.isalnum():
                    raise Unreadable(f"escape \\{escaped} in a class")
                char = escaped
            if self.peek() == "-" and self.peek(2)[1:] not in ("]", ""):
                self.take()
                end = self.take()
                if end == "\\":
                    raise Unreadable("escaped range end")
                members |= _range(char, end, ignore_case)
            else:
                members |= _literal(char, ignore_case)
        self.take()
        return members

    def quantifier(self) -> int:
        """The least number of times the item before must match (1 without a quantifier)."""
        match = re.compile(r"(?:([?*+])|\{(\d*)(?:,(\d*))?\})[?+]?").match(self.pattern, self.at)
        if match is None:
            return 1
        self.at = match.end()
        if match.group(1):
            return 1 if match.group(1) == "+" else 0
        return int(match.group(2) or 0)


def _literal(char: str, ignore_case: bool) -> set[str]:
    """A literal character as class members: with its case variants under IGNORECASE."""
    if not ignore_case:
        return {re.escape(char)}
    if not char.isascii() and _cased(char):
        raise Unreadable(f"cased letter {char!r}: its IGNORECASE partners are not listed")
    return {re.escape(c) for c in case_variants(char)}


def _cased(char: str) -> bool:
    return char.lower() != char.upper()


def _range(low: str, high: str, ignore_case: bool) -> set[str]:
    members = {f"{re.escape(low)}-{re.escape(high)}"}
    if ignore_case:
        if ord(high) - ord(low) > 0x3000:
            raise Unreadable("wide range under IGNORECASE")
        members |= {m for code in range(ord(low), ord(high) + 1) if _cased(chr(code))
                    for m in _literal(chr(code), True)}
    return members


def first_characters(regex: re.Pattern[str]) -> str | None:
    """A character class (its text, without brackets) holding every character a match of
    ``regex`` can start with; None when the pattern cannot be read or can match nothing."""
    if not isinstance(regex.pattern, str) or regex.flags & re.VERBOSE:
        return None
    reader = _Reader(regex.pattern)
    try:
        members, can_be_empty = reader.alternatives(bool(regex.flags & re.IGNORECASE))
    except (Unreadable, ValueError, IndexError):
        return None
    if can_be_empty or reader.at != len(regex.pattern) or not members:
        return None
    return "".join(sorted(members))


@cache
def locator(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that matches the text where ``regex`` starts a match, and only there:
    ``[first](?<=(?=regex)[first])`` with a case-sensitive class of the characters a match
    can start with, so that the engine skips to those characters and then tests the whole
    regex from there.  None (the regex runs over the whole text) when the reader cannot
    find such a class."""
    first = first_characters(regex)
    if first is None:
        return None
    start = f"(?-i:[{first}])"
    try:
        return re.compile(f"{start}(?<=(?=(?:{regex.pattern})){start})", regex.flags)
    except re.error:
        return None

