"""Periods of company reports: the quarter a report is about and the comparisons with it.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from tidings.ingest import make_article
from tidings.time import find_times


def values(text: str, published: str, tense: str = "past") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, published, tense=tense)]


def test_time_year_ago_compares_with_the_quarter_reported():
    found = values("Profit in the second quarter rose to $4 million from $3 million a year ago. "
                   "Sales were flat against a year earlier. Net was $2 million a year ago.",
                   "2021-08-10")
    assert found == [("the second quarter", "2021-Q2"), ("a year ago", "2020-Q2"),
                     ("a year earlier", "2020-Q2"), ("a year ago", "2020-Q2")]


def test_time_year_ago_without_a_quarter_is_a_year():
    assert values("The plant opened a year ago.", "2021-08-10") == [("a year ago", "2020")]


@pytest.mark.parametrize("text, expected", [
    ("Year-earlier results included a gain.", ("Year-earlier", "2020-Q2")),
    ("Revenue in the quarter rose.", ("the quarter", "2021-Q2")),
    ("Revenue in the latest quarter rose.", ("the latest quarter", "2021-Q2")),
    ("Orders in the latest period rose.", ("the latest period", "2021-Q2")),
])
def test_time_report_refers_to_the_quarter_mentioned(text, expected):
    found = values("The bakery chain reported second-quarter results. " + text, "2021-08-10")
    assert found[0] == ("second-quarter", "2021-Q2")
    assert expected in found


@pytest.mark.parametrize("text, expected", [
    ("Revenue in the quarter rose.", ("the quarter", "2021-Q2")),
    ("Revenue in the latest quarter rose.", ("the latest quarter", "2021-Q2")),
])
def test_time_report_quarter_unnamed_is_the_last_one_over(text, expected):
    assert expected in values(text, "2021-08-10")


@pytest.mark.parametrize("text, expected", [
    ("Sales for this year's first quarter fell.", ("this year's first quarter", "2021-Q1")),
    ("It may start in next year's first quarter.", ("next year's first quarter", "2022-Q1")),
    ("A charge in the 2019 fourth quarter hurt.", ("the 2019 fourth quarter", "2019-Q4")),
    ("It took a third-quarter charge.", ("third-quarter", "2021-Q3")),
    ("Orders fell in the comparable year-ago quarter.",
     ("the comparable year-ago quarter", "2020-Q3")),
])
def test_time_named_quarters_of_reports(text, expected):
    assert expected in values(text, "2021-08-10")


@pytest.mark.parametrize("text, expected", [
    ("Net rose for the year ended June 30.", ("the year", "P1Y")),
    ("A year-long strike ended.", "P1Y"),
])
def test_time_year_ended_and_year_long_are_one_year(text, expected):
    found = values(text, "2021-08-10")
    assert expected in found or expected in [v for _, v in found]


def test_time_planned_for_a_month_looks_ahead(pipeline):
    [doc] = pipeline.pipe([make_article("The minister said the launch was planned for early May.",
                                        published="2021-03-10")])
    assert [t.value for t in doc.times] == ["2021-05"]


def test_time_quarter_ended_is_the_last_quarter_over():
    assert ("the quarter", "2021-Q2") in values("Net fell in the quarter ended June 30.",
                                                "2021-08-10")


def test_time_fractions_of_a_whole_are_not_durations():
    assert values("Exports make up three-quarters of its output and more than a quarter of "
                  "the market.", "2021-08-10") == []


@pytest.mark.parametrize("text, published, expected", [
    ("The boat sank on Thanksgiving Day.", "2000-01-07", "1999-11-25"),
    ("The parade on Memorial Day 2019 drew crowds.", "2021-08-10", "2019-05-27"),
    ("Workers rallied on Labor Day.", "2021-09-10", "2021-09-06"),
])
def test_time_holidays_on_a_weekday_of_the_month(text, published, expected):
    assert [v for _, v in values(text, published)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The dam was finished in nineteen eighty-two.", ("nineteen eighty-two", "1982")),
    ("They hoped to finish by the year two thousand.", ("the year two thousand", "2000")),
])
def test_time_years_in_words(text, expected):
    assert values(text, "1998-03-01") == [expected]


def test_time_two_thousand_alone_is_a_count():
    assert values("Some two thousand people marched.", "1998-03-01") == []


def test_time_after_nine_months_a_year_earlier_is_the_year():
    found = values("Profit rose in the third quarter from a year ago. For the nine months, net "
                   "fell from a year earlier.", "2021-11-02")
    assert found == [("the third quarter", "2021-Q3"), ("a year ago", "2020-Q3"),
                     ("the nine months", "P9M"), ("a year earlier", "2020")]


@pytest.mark.parametrize("text, expected", [
    ("It earned $3 million in the 2020 quarter.", ("the 2020 quarter", "2020-Q2")),
    ("Sales for last year's period were flat.", ("last year's period", "2020-Q2")),
])
def test_time_quarter_of_a_named_year_is_the_quarter_reported(text, expected):
    found = values("Profit rose in the second quarter. " + text, "2021-08-10")
    assert expected in found
