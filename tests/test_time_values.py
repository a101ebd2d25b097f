"""Time values that depend on the clause (tense) and on a clock beside its weekday. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from tidings.ingest import make_article
from tidings.time import normalize


def values(pipeline, text: str, published: str) -> list[tuple[str, str]]:
    [doc] = pipeline.pipe([make_article(text, published=published)])
    return [(t.text, t.value) for t in doc.times]


def test_time_clock_and_weekday_are_one_expression():
    expr = normalize("The vote closed at 10 p.m. Wednesday.", "1998-02-13")
    assert (expr.text, expr.value, expr.type) == ("10 p.m. Wednesday", "1998-02-11T22:00", "TIME")
    assert normalize("noon Thursday", "1998-02-13").value == "1998-02-12T12:00"


@pytest.mark.parametrize("text, published, expected", [
    ("The merger is expected in December.", "2021-06-16", ("December", "2021-12")),
    ("The talks are supposed to conclude by May.", "2021-03-10", ("May", "2021-05")),
    ("The mayor could not be reached Wednesday.", "2021-06-17", ("Wednesday", "2021-06-16")),
    ("Tuesday's vote follows a week of debate.", "2021-06-18", ("Tuesday", "2021-06-15")),
    ("The committee has scheduled a hearing Thursday.", "2021-06-16", ("Thursday", "2021-06-17")),
])
def test_time_clause_sets_the_direction(pipeline, text, published, expected):
    assert expected in values(pipeline, text, published)


@pytest.mark.parametrize("text, tense, value", [
    ("expects to report a third-quarter loss", "future", "1989-Q3"),
    ("sales will grow in the first quarter", "future", "1990-Q1"),
    ("sales grew in the first quarter", "past", "1989-Q1"),
])
def test_time_bare_quarter_is_the_nearest_unless_past(text, tense, value):
    assert normalize(text, "1989-10-27", tense=tense).value == value
