"""Syndication notices, wire credits and publication-date lines found in article text."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import DataError, data_path, line_of, read_yaml
from ..model import Span, Syndication

WIRE_NAMES = {"AP": "Associated Press", "AFP": "Agence France-Presse", "UPI": "United Press International",
              "Thomson Reuters": "Reuters"}


@dataclass(frozen=True, slots=True)
class NoticePattern:
    """One notice shape from ``data/notices.yaml``; ``wire`` names the wire a credit implies."""

    id: str
    regex: re.Pattern[str]
    wire: str | None = None


NOTICES_FILE = data_path("notices.yaml")
NEEDS = {"syndication": {"outlet"}, "wire": set(), "published": {"date"}}  # groups a pattern has


@functools.cache
def _patterns(path: Path = NOTICES_FILE) -> dict[str, list[NoticePattern]]:
    """The notice patterns by group, validated: every pattern compiles and has its groups."""
    patterns: dict[str, list[NoticePattern]] = {}
    for group, entries in read_yaml(path).items():
        if group not in NEEDS or not isinstance(entries, list):
            raise DataError(path, line_of(path, f"{group}:"),
                            f"unknown group {group!r} or not a list (groups: {', '.join(NEEDS)})")
        patterns[group] = [_notice(path, group, entry) for entry in entries]
    return patterns


def _notice(path: Path, group: str, entry: object) -> NoticePattern:
    """One entry of the notices file, checked and compiled."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise DataError(path, line_of(path, f"{group}:"), f"{group}: every entry needs an id")
    line, where = line_of(path, f"id: {entry['id']}"), f"{group}.{entry['id']}"
    try:
        regex = re.compile(entry["pattern"], re.MULTILINE | re.VERBOSE)
    except (KeyError, TypeError, re.error) as error:
        raise DataError(path, line, f"{where}: bad pattern ({error})") from None
    missing = NEEDS[group] - set(regex.groupindex)
    if group == "wire" and "wire" not in regex.groupindex and not entry.get("wire"):
        missing = {"wire"}
    if missing:
        raise DataError(path, line, f"{where}: pattern lacks group(s) {sorted(missing)}")
    return NoticePattern(entry["id"], regex, entry.get("wire"))


NUMERIC_DATE = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})(?!\d)")
"""A date in ISO order written with numbers only: read as it stands, never guessed."""


def _numeric_date(year: str, month: str, day: str) -> dt.date | None:
    """The date of a four-digit year, month and day, or None."""
    try:
        return dt.date(int(year), int(month), int(day)) if len(year) == 4 else None
    except ValueError:
        return None


def parse_date(text: str | None) -> dt.date | None:
    """A calendar date from ISO or written forms ("February 4, 2018", "4 Feb. 2018").

    >>> parse_date("2018-02-04"), parse_date("1-01-01")
    (datetime.date(2018, 2, 4), None)
    """
    if not text:
        return None
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        if numeric := NUMERIC_DATE.match(text):  # never guessed: dateparser reads "1-01-01" as 2001
            return _numeric_date(*numeric.groups())
    cleaned = re.sub(r"\s+", " ", text.replace(".", "").replace(",", ""))
    for fmt in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    try:
        import dateparser  # slower, but reads RFC 822 feed dates and many languages

        parsed = dateparser.parse(text, settings={"STRICT_PARSING": True})
    except Exception:  # noqa: BLE001 - an unreadable date is an unknown date
        return None
    return parsed.date() if parsed else None


def find_syndication(text: str) -> Syndication | None:
    """The original outlet, date and wire named by notices in ``text``, if any.

    >>> s = find_syndication("Body.\\n\\nThis article originally appeared on Example Daily, March 3, 2020.")
    >>> s.original_outlet, s.original_published.isoformat()
    ('Example Daily', '2020-03-03')
    """
    patterns = _patterns()
    outlet = date = wire = None
    notice: Span | None = None
    for pattern in patterns["syndication"]:
        match = pattern.regex.search(text)
        if match:
            outlet = re.sub(r"^[Tt]he\s+(?=[A-Z])", "The ", match.group("outlet").strip())
            date = parse_date(match.groupdict().get("date"))
            notice = _line_span(text, match.start(), match.end())
            break
    for pattern in patterns["wire"]:
        match = pattern.regex.search(text)
        if match and (pattern.wire or match.groupdict().get("wire")):
            name = pattern.wire or re.sub(r"\s+", " ", match.group("wire"))
            wire = WIRE_NAMES.get(name, name)
            if notice is None:
                start = match.start() + len(match.group()) - len(match.group().lstrip())
                notice = Span(start, match.end(), text[start:match.end()])
            break
    if outlet is None and wire is None:
        return None
    return Syndication(original_outlet=outlet, original_published=date, wire=wire, notice=notice)


def find_published(text: str) -> dt.date | None:
    """A publication date stated in the text itself ("Published: 4 February 2018")."""
    for pattern in _patterns()["published"]:
        match = pattern.regex.search(text)
        if match:
            return parse_date(match.group("date"))
    return None


def _line_span(text: str, start: int, end: int) -> Span:
    """The sentence around a match: from the line's start to the end of the sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    stop = re.search(r"[.!?](?=\s|$)|\n", text[end:])
    line_end = end + (stop.end() if stop else len(text) - end)
    return Span(line_start, line_end, text[line_start:line_end])
