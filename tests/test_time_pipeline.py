"""The tidings_time component in the pipeline: the parse decides tense and attachment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.evaluation.times import evaluate
from tidings.ingest import make_article
from tidings.time import date_event

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUBLISHED = dt.date(2021, 6, 16)  # a Wednesday


def parse(pipeline, text: str, published: dt.date | None = PUBLISHED):
    doc = pipeline.nlp.make_doc(text)
    doc._.article = make_article(text, published=published)
    return pipeline.nlp(doc)


def token_span(doc, word: str):
    token = next(t for t in doc if t.text == word)
    return doc[token.i:token.i + 1]


@pytest.fixture(scope="module")
def seed_times(seed_document):
    return {t.text: t for t in seed_document.times}


def test_time_seed_article_published_date(seed_document):
    assert seed_document.article.published == dt.date(2018, 2, 4)


def test_time_seed_article_last_month(seed_times):
    assert seed_times["last month"].value == "2018-01"


def test_time_seed_article_past_two_years(seed_times):
    expr = seed_times["the past two years"]
    assert (expr.value, expr.begin, expr.end_date) == ("P2Y", dt.date(2016, 2, 4), dt.date(2018, 2, 4))


def test_time_seed_article_since_2014_spans_to_publication(seed_times):
    expr = seed_times["2014"]  # the signal "since" stays outside the expression, as in TimeML
    assert (expr.value, expr.begin, expr.end_date) == ("2014", dt.date(2014, 1, 1),
                                                        dt.date(2018, 2, 4))


def test_time_seed_article_fives_years_read_as_five(seed_times):
    expr = seed_times["the past fives years"]
    assert (expr.value, expr.begin) == ("P5Y", dt.date(2013, 2, 4))


def test_time_seed_article_weekend(seed_times):
    assert seed_times["the weekend"].value == "2018-W05-WE"


def test_time_seed_event_dated_by_last_month(pipeline, seed_text):
    doc = parse(pipeline, seed_text, None)  # the date comes from the syndication notice
    assert doc._.article.published == dt.date(2018, 2, 4)
    trigger = next(t for t in doc if t.text == "destroyed")
    when = date_event(doc, doc[trigger.i:trigger.i + 1], trigger.sent)
    assert (when.begin, when.end_date, when.text) == (dt.date(2018, 1, 1), dt.date(2018, 1, 31),
                                                       "last month")


def test_time_future_clause_looks_ahead(pipeline):
    doc = parse(pipeline, "The council will vote on the budget on Friday.")
    assert [t.value for t in doc._.times] == ["2021-06-18"]
    doc = parse(pipeline, "The council voted on the budget on Friday.")
    assert [t.value for t in doc._.times] == ["2021-06-11"]


def test_time_entity_the_grammar_missed_gets_a_second_reading(pipeline):
    doc = parse(pipeline, "March was the wettest month on record.")
    assert [(t.text, t.value) for t in doc._.times] == [("March", "2021-03")]


def test_time_count_is_not_a_year(pipeline):
    doc = parse(pipeline, "The company employs 2000 people and opened in 1998.")
    assert [t.text for t in doc._.times] == ["1998"]


def test_time_event_takes_the_expression_of_its_own_clause(pipeline):
    doc = parse(pipeline, "Police arrested two men on Monday, a week after gunmen attacked "
                          "the bank in March.")
    when = date_event(doc, token_span(doc, "arrested"), doc[:])
    assert when.text == "Monday" and when.begin == dt.date(2021, 6, 14)
    when = date_event(doc, token_span(doc, "attacked"), doc[:])
    assert when.text == "March" and when.begin == dt.date(2021, 3, 1)


def test_time_event_without_expression_is_before_publication(pipeline):
    doc = parse(pipeline, "Rebels seized the town.")
    when = date_event(doc, token_span(doc, "seized"), doc[:])
    assert (when.begin, when.end_date, when.precision) == (None, PUBLISHED, "before_publication")


def test_time_event_without_anything_is_none(pipeline):
    doc = parse(pipeline, "Rebels seized the town.", None)
    assert date_event(doc, token_span(doc, "seized"), doc[:]) is None


def test_time_event_with_unanchored_expression(pipeline):
    doc = parse(pipeline, "Rebels seized the town last week.", None)
    when = date_event(doc, token_span(doc, "seized"), doc[:])
    assert (when.precision, when.text, when.begin) == ("unknown", "last week", None)


def test_time_participle_takes_the_tense_of_its_clause(pipeline):
    doc = parse(pipeline, "Jurors deliberated for hours before returning a verdict late Tuesday.")
    assert [t.value for t in doc._.times if t.type == "DATE"] == ["2021-06-15"]


def test_time_postponed_until_looks_ahead(pipeline):
    doc = parse(pipeline, "The match was postponed until Friday because of snow.")
    assert [t.value for t in doc._.times] == ["2021-06-18"]


def test_time_sentence_without_a_verb_reads_as_present(pipeline):
    doc = parse(pipeline, "The Winter Games open on Friday in the host city.")
    assert [t.value for t in doc._.times] == ["2021-06-18"]


def test_time_frequency_adjective_is_not_a_set(pipeline):
    doc = parse(pipeline, "The daily newspaper closed, and nurses now check patients daily.")
    assert [(t.text, t.value, t.type) for t in doc._.times if t.type == "SET"] == [
        ("daily", "P1D", "SET")]
    assert doc._.times[-1].start > len("The daily newspaper")


def test_time_fixtures_meet_floors(pipeline):
    report = evaluate(str(FIXTURES / "times.jsonl"), pipeline)
    assert report.scores["expected"] >= 150
    assert report.scores["value_accuracy"] >= 0.97, report.errors
    assert report.scores["value_f1"] >= 0.97, report.errors
    assert report.scores["span_overlap_f1"] >= 0.98, report.errors
    assert report.scores["span_exact_f1"] >= 0.97, report.errors


@pytest.mark.parametrize("text", [
    "Protesters marching in Paris on Tuesday.",  # the root is a participle with no auxiliary
    "Farmers blocking the main road since Monday.",
])
def test_time_sentence_rooted_in_a_bare_participle(pipeline, text):
    doc = parse(pipeline, text)
    [expression] = doc._.times
    assert expression.text == text.rstrip(".").split()[-1]  # the weekday
