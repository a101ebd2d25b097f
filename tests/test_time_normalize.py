"""Time expressions resolved on their own (no parse): every kind, anchored on a publication date."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tidings.datafiles import DataError
from tidings.time import find_times, normalize
from tidings.time.calendar import weekend_period
from tidings.time.grammar import lexicon, rules

SUNDAY = dt.date(2018, 2, 4)  # a Sunday, the last day of ISO week 5 of 2018
WEDNESDAY = dt.date(2021, 6, 16)


def value(text: str, published: dt.date | None = SUNDAY, **kwargs) -> str | None:
    expr = normalize(text, published, **kwargs)
    assert expr is not None, f"no expression found in {text!r}"
    return expr.value


def test_time_grammar_loads_and_validates():
    assert len(rules()) > 20
    assert lexicon().months["sept"] == 9
    assert lexicon().number("fives") == 5
    assert lexicon().number("twenty-five") == 25


@pytest.mark.parametrize("text, expected", [
    ("February 4, 2018", "2018-02-04"),
    ("Sunday, Feb. 4, 2018", "2018-02-04"),
    ("4 February 2018", "2018-02-04"),
    ("2018-02-04", "2018-02-04"),
    ("02/04/2018", "2018-02-04"),
    ("Feb. 2018", "2018-02"),
    ("in 2014", "2014"),
    ("the 1990s", "199"),
    ("the '80s", "198"),
    ("the summer of 2016", "2016-SU"),
    ("Q3 2017", "2017-Q3"),
])
def test_time_absolute_dates(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("yesterday", "2018-02-03"),
    ("today", "2018-02-04"),
    ("tomorrow", "2018-02-05"),
    ("last night", "2018-02-03TNI"),
    ("on Monday", "2018-01-29"),
    ("last week", "2018-W04"),
    ("this week", "2018-W05"),
    ("next week", "2018-W06"),
    ("last month", "2018-01"),
    ("this month", "2018-02"),
    ("last year", "2017"),
    ("two days ago", "2018-02-02"),
    ("a year ago", "2017"),
    ("in March", "2017-03"),
    ("on Jan. 30", "2018-01-30"),
    ("March last year", "2017-03"),
])
def test_time_relative_to_publication(text, expected):
    assert value(text) == expected


def test_time_weekend_before_a_sunday_publication_is_iso_week_5():
    expr = normalize("over the weekend", SUNDAY)
    assert expr.text == "the weekend"
    assert expr.value == "2018-W05-WE"
    assert (expr.begin, expr.end_date) == (dt.date(2018, 2, 3), SUNDAY)
    assert weekend_period(dt.date(2018, 2, 3)).value == f"2018-W{SUNDAY.isocalendar()[1]:02d}-WE"


def test_time_weekend_from_a_weekday_is_the_previous_one():
    assert value("over the weekend", WEDNESDAY) == "2021-W23-WE"
    assert value("next weekend", WEDNESDAY) == "2021-W24-WE"


def test_time_tense_decides_direction():
    assert value("on Monday", WEDNESDAY) == "2021-06-14"
    assert value("on Monday", WEDNESDAY, tense="future") == "2021-06-21"
    assert value("in March", SUNDAY, tense="future") == "2018-03"
    assert value("on Sept. 1", WEDNESDAY, tense="future") == "2021-09-01"
    assert value("on Sept. 1", WEDNESDAY, tense="past") == "2020-09-01"


def test_time_day_without_year_far_back_is_read_ahead():
    assert value("until Oct. 14", dt.date(2020, 10, 1)) == "2020-10-14"


def test_time_past_two_years_is_an_anchored_duration():
    expr = normalize("over the past two years", SUNDAY)
    assert (expr.value, expr.type, expr.precision) == ("P2Y", "DURATION", "span")
    assert (expr.begin, expr.end_date) == (dt.date(2016, 2, 4), SUNDAY)


def test_time_typo_in_number_is_tolerated():
    expr = normalize("for the past fives years", SUNDAY)
    assert expr.text == "the past fives years"
    assert expr.value == "P5Y"
    assert expr.begin == dt.date(2013, 2, 4)


def test_time_since_spans_up_to_publication():
    expr = normalize("since 2014", SUNDAY)
    assert expr.text == "2014"  # TimeML leaves the signal outside the expression
    assert expr.value == "2014"
    assert (expr.begin, expr.end_date, expr.precision) == (dt.date(2014, 1, 1), SUNDAY, "span")
    spring = normalize("since last spring", SUNDAY)
    assert (spring.value, spring.begin) == ("2017-SP", dt.date(2017, 3, 1))


def test_time_modifiers_narrow_the_period():
    earlier = normalize("earlier this year", SUNDAY)
    assert (earlier.value, earlier.begin, earlier.end_date) == ("2018", dt.date(2018, 1, 1), SUNDAY)
    late = normalize("late 2016", SUNDAY)
    assert late.value == "2016" and late.begin.month >= 8 and late.end_date == dt.date(2016, 12, 31)
    assert normalize("mid-March", SUNDAY).text == "mid-March"


@pytest.mark.parametrize("text, expected, kind", [
    ("for three days", "P3D", "DURATION"),
    ("a five-year plan", "P5Y", "DURATION"),
    ("for 48 hours", "PT48H", "DURATION"),
    ("for years", "PXY", "DURATION"),
    ("in recent months", "PXM", "DURATION"),
    ("every week", "P1W", "SET"),
    ("each Monday", "XXXX-WXX-1", "SET"),
    ("now", "PRESENT_REF", "DATE"),
    ("recently", "PAST_REF", "DATE"),
    ("in the near future", "FUTURE_REF", "DATE"),
    ("at 3 p.m.", "2018-02-04T15:00", "TIME"),
    ("for the foreseeable future", "FUTURE_REF", "DATE"),
    ("a relic of the past", "PAST_REF", "DATE"),
    ("18 consecutive months", "P18M", "DURATION"),
    ("three decades", "P3DE", "DURATION"),
    ("half a century", "P50Y", "DURATION"),
    ("two and a half years", "P30M", "DURATION"),
    ("in coming years", "PXY", "DURATION"),
    ("passengers annually", "P1Y", "SET"),
    ("every 30 seconds", "PT30S", "SET"),
    ("every few years", "PXY", "SET"),
    ("every other week", "P2W", "SET"),
    ("every summer", "XXXX-SU", "SET"),
    ("every morning", "XXXX-XX-XXTMO", "SET"),
    ("open on Sundays", "XXXX-WXX-7", "SET"),
    ("three times a week", "P1W", "SET"),
    ("$12 million a year", "P1Y", "SET"),
    ("13% per decade", "P1DE", "SET"),
])
def test_time_durations_sets_references_and_clock_times(text, expected, kind):
    expr = normalize(text, SUNDAY)
    assert (expr.value, expr.type) == (expected, kind)


@pytest.mark.parametrize("text, expected, span", [
    ("nearly five decades", "P5DE", "nearly five decades"),
    ("up to 20 years in prison", "P20Y", "up to 20 years"),
    ("more than two years ago", "2016", "more than two years ago"),
])
def test_time_approximators_join_counts(text, expected, span):
    expr = normalize(text, SUNDAY)
    assert (expr.value, expr.text) == (expected, span)


NOVEMBER = dt.date(2017, 11, 5)


@pytest.mark.parametrize("text, published, expected", [
    ("revenue for fiscal 2018", SUNDAY, "2018"),
    ("in the 2017 fiscal year", SUNDAY, "2017"),
    ("the third quarter of fiscal 2018", SUNDAY, "2018-Q3"),
    ("second-quarter earnings rose", NOVEMBER, "2017-Q2"),
    ("first-half profit fell", NOVEMBER, "2017-H1"),
    ("the 22nd century", SUNDAY, "21"),
    ("by year-end", SUNDAY, "2018"),
    ("two weeks from now", SUNDAY, "2018-W07"),
    ("this autumn", SUNDAY, "2018-FA"),
])
def test_time_reporting_periods_and_named_periods(text, published, expected):
    assert value(text, published) == expected


def test_time_year_earlier_keeps_the_grain_of_the_period_compared():
    times = find_times("Profit rose in the third quarter from a year earlier.", dt.date(2018, 11, 5))
    assert [t.value for t in times] == ["2018-Q3", "2017-Q3"]
    times = find_times("Sales rose in the first quarter from the same quarter last year, and "
                       "costs from the year-ago period.", dt.date(2017, 4, 12))
    assert [t.value for t in times] == ["2017-Q1", "2016-Q1", "2016-Q1"]
    times = find_times("He won in November 2016 and again four years later.", SUNDAY)
    assert [t.value for t in times] == ["2016-11", "2020"]


def test_time_previous_quarter_is_a_date_not_a_duration():
    expr = normalize("in the previous quarter", dt.date(2018, 11, 5))
    assert (expr.value, expr.type) == ("2018-Q3", "DATE")


def test_time_names_beside_a_set_are_generic():
    times = find_times("The race is held each year in October. It was won in March.", SUNDAY)
    assert [t.value for t in times] == ["P1Y", "XXXX-10", "2017-03"]
    assert times[1].begin is None


def test_time_present_tense_month_is_the_nearest():
    assert value("The report covers the period from January.", dt.date(2021, 6, 16),
                 tense="present") == "2021-01"
    assert value("School starts in September.", dt.date(2023, 3, 6), tense="present") == "2023-09"


def test_time_anaphors_count_from_the_last_date_mentioned():
    times = find_times("The dam burst on May 3, 2016. Two days later the river crested; "
                       "the next year it was rebuilt.", SUNDAY)
    assert [t.value for t in times] == ["2016-05-03", "2016-05-05", "2017"]


def test_time_clock_takes_the_day_beside_it():
    times = find_times("Shops will close at 6 p.m. on Saturday.", SUNDAY, tense="future")
    assert [t.value for t in times] == ["2018-02-10T18:00", "2018-02-10"]


@pytest.mark.parametrize("text", [
    "Theresa May said she would stay.",
    "The 10-year-old boy was rescued.",
    "He spoke for a second time.",
    "The fall of the city shocked the region.",
])
def test_time_no_false_alarms(text):
    assert find_times(text, SUNDAY) == []


def test_time_unknown_publication_date_leaves_relative_values_unanchored():
    last_month = normalize("last month", None)
    assert last_month.value is None and last_month.precision == "unknown"
    monday = normalize("on Monday", None)
    assert (monday.value, monday.begin, monday.precision) == ("XXXX-WXX-1", None, "unknown")
    duration = normalize("the past two years", None)
    assert (duration.value, duration.begin, duration.end_date) == ("P2Y", None, None)
    absolute = normalize("February 4, 2018", None)
    assert (absolute.value, absolute.precision) == ("2018-02-04", "day")


def test_time_grammar_errors_name_the_file_and_line(tmp_path):
    from tidings.time import grammar

    shutil.copy(grammar.DATA / "lexicon.yaml", tmp_path)
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - id: year\n    pattern: '{year}'\n    resolve: year\n"
        "  - id: x\n    pattern: '{nope}'\n    resolve: year\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"rules.yaml:5: rule 'x': unknown placeholder"):
        grammar.rules(tmp_path)
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(grammar.DATA / "lexicon.yaml", broken)
    (broken / "rules.yaml").write_text("rules:\n  - id: : x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"rules.yaml:2: not valid YAML"):
        grammar.rules(broken)
