"""Event time: the expression of the event's own clause (issue 18, item 4). Sentences written
for these tests."""

from __future__ import annotations

import datetime as dt

from tidings.ingest import make_article


def dated(pipeline, text: str) -> dict[str, tuple[str | None, dt.date | None]]:
    [doc] = pipeline.pipe([make_article(text, published="2021-06-16")])
    return {e.trigger.text: (e.time.text, e.time.begin) for e in doc.events}


def test_time_noun_clause_date_is_not_the_main_event_date(pipeline):
    assert dated(pipeline, "The ministry demanded an explanation for the letter sent "
                           "Friday.")["demanded"] == (None, None)


def test_time_day_of_the_report_is_not_the_day_of_the_reported_event(pipeline):
    when = dated(pipeline, "The agency said Monday that gunmen attacked a checkpoint.")
    assert when["attacked"] == (None, None)


def test_time_period_of_the_report_frames_the_reported_event(pipeline):
    when = dated(pipeline, "Last year the ministry confirmed that troops had destroyed a "
                           "weapons depot.")
    assert when["destroyed"] == ("Last year", dt.date(2020, 1, 1))


def test_time_own_clause_wins_over_a_subordinate_one(pipeline):
    when = dated(pipeline, "Police arrested two men on Monday, a week after gunmen attacked "
                           "the bank in March.")
    assert when["arrested"] == ("Monday", dt.date(2021, 6, 14))
    assert when["attacked"] == ("March", dt.date(2021, 3, 1))


def test_time_offset_is_read_from_the_anchor(pipeline):
    when = dated(pipeline, "Troops withdrew from the town on Monday after rebels had seized "
                           "it two days earlier.")
    assert when["withdrew"] == ("Monday", dt.date(2021, 6, 14))
    assert when["seized"] == ("two days earlier", dt.date(2021, 6, 12))
