"""Syndication notices, wire credits and date lines."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.ingest.notices import find_published, find_syndication, parse_date


@pytest.mark.parametrize(("text", "outlet", "date", "wire"), [
    ("Body.\nThis article originally appeared on Lakeside Herald, May 2, 2019, and reposted with permission.",
     "Lakeside Herald", "2019-05-02", None),
    ("Body.\nThis story was first published by Open Ledger on 7 June 2021.", "Open Ledger", "2021-06-07", None),
    ("Body.\nThis article is republished from The Commons Review under a Creative Commons license.",
     "The Commons Review", None, None),
    ("Body.\nA version of this story first appeared in the Delta Courier.", "The Delta Courier", None, None),
    ("Body.\nThis piece was produced by Field Notes Weekly and is republished with permission.",
     "Field Notes Weekly", None, None),
    ("ROME, Oct 3 (Reuters) - Italy's coastguard said it rescued 80 people.", None, None, "Reuters"),
    ("KABUL (AP) — The Taliban said on Sunday they would reopen schools.", None, None, "Associated Press"),
    ("Body.\n(Reporting by Ana Lopes in Lisbon; Editing by Mark Hale)", None, None, "Reuters"),
    ("Body.\nCopyright © 2022 The Associated Press. All rights reserved.", None, None, "Associated Press"),
    ("Body.\nAssociated Press writer Omar Aziz in Amman contributed to this report.", None, None, "Associated Press"),
])
def test_notices_find_syndication(text, outlet, date, wire):
    found = find_syndication(text)
    assert found is not None
    assert (found.original_outlet, found.wire) == (outlet, wire)
    assert (found.original_published.isoformat() if found.original_published else None) == date
    assert text[found.notice.start:found.notice.end] == found.notice.text
    assert not found.notice.text[:1].isspace()


def test_notices_plain_text_has_no_syndication():
    assert find_syndication("The council met on Tuesday and approved the budget.") is None


def test_notices_published_lines():
    assert find_published("Headline\nPublished on: March 9, 2020\nBody") == dt.date(2020, 3, 9)
    assert find_published("Headline\nTuesday, 4 August 2015\nBody") == dt.date(2015, 8, 4)
    assert find_published("Headline\nThe vote is on March 9, 2020 in the city.") is None
    assert parse_date("Feb. 4, 2018") == dt.date(2018, 2, 4)
