"""The shared parse helpers (tidings.syntax) on the project's own sentences."""

from __future__ import annotations

import pytest

from tidings import syntax


@pytest.fixture(scope="module")
def word(parse):
    """The token of a sentence with a given text (the first one)."""
    def find(text: str, form: str):
        return next(t for t in parse(text) if t.text == form)
    return find


def text(token) -> str | None:
    return None if token is None else token.text


def test_subject_of_an_active_and_a_passive_verb(word):
    assert text(syntax.subject(word("The rebels attacked the convoy.", "attacked"))) == "rebels"
    passive = word("The convoy was attacked by rebels near the border.", "attacked")
    assert text(syntax.subject(passive)) == "convoy"
    assert syntax.subject(passive, deps={"nsubj"}) is None  # only active subjects asked for


def test_subject_of_a_participle_is_the_noun_it_modifies(word):
    backed = word("Troops backed by Iran shelled the town.", "backed")
    assert text(syntax.subject(backed)) == "Troops"
    assert syntax.subject(backed, participle=False) is None


def test_direct_object_and_agent(word):
    assert text(syntax.direct_object(word("The rebels attacked the convoy.", "attacked"))) == "convoy"
    passive = word("The convoy was attacked by rebels near the border.", "attacked")
    assert syntax.direct_object(passive) is None
    assert text(syntax.agent(passive)) == "rebels"
    assert syntax.agent(word("The rebels attacked the convoy.", "attacked")) is None


def test_passive_with_and_without_participles(word):
    assert syntax.is_passive(word("The convoy was attacked by rebels near the border.", "attacked"))
    assert not syntax.is_passive(word("The rebels attacked the convoy.", "attacked"))
    backed = word("Troops backed by Iran shelled the town.", "backed")
    assert syntax.is_passive(backed) and not syntax.is_passive(backed, participle=False)


def test_negation_by_not_and_by_no(word):
    assert syntax.negated(word("The ministry did not confirm the report.", "confirm"))
    assert syntax.negated(word("No talks were held.", "talks"))
    assert not syntax.negated(word("The rebels attacked the convoy.", "attacked"))
    assert syntax.is_negation(word("The ministry did not confirm the report.", "not"))
    assert not syntax.is_negation(word("The rebels attacked the convoy.", "The"))


def test_clause_head_climbs_complements_and_conjuncts(word):
    sentence = "Egypt wanted to mediate and offered to host the talks."
    assert syntax.clause_head(word(sentence, "host")).text == "wanted"
    assert syntax.clause_head(word(sentence, "host"), through={"xcomp"}).text == "offered"
    assert syntax.clause_head(word(sentence, "host"), limit=1).text == "offered"
    assert syntax.clause_head(word(sentence, "wanted")).text == "wanted"


def test_conjuncts_and_the_words_coordinated_above(word):
    sentence = "Israel, Egypt and Jordan met in Cairo."
    assert [t.text for t in syntax.conjuncts(word(sentence, "Israel"))] == ["Israel", "Egypt", "Jordan"]
    assert [t.text for t in syntax.conjuncts(word(sentence, "Egypt"))] == ["Egypt", "Jordan"]
    assert [t.text for t in syntax.conjuncts(word(sentence, "Israel"), pos={"NOUN"})] == ["Israel"]
    assert [t.text for t in syntax.coordinated_under(word(sentence, "Jordan"))] == [
        "Jordan", "Egypt", "Israel"]


def test_prep_objects_follow_coordination(word):
    officials = word("The minister met with officials from Chad and Niger.", "officials")
    assert [t.text for t in syntax.prep_objects(officials, {"from"})] == ["Chad", "Niger"]
    assert syntax.prep_objects(officials, {"in"}) == []


def test_subject_may_skip_words(word):
    attacked = word("The rebels attacked the convoy.", "attacked")
    assert syntax.subject(attacked, skip=lambda t: t.lower_ == "rebels") is None
    assert text(syntax.subject(attacked, skip=lambda t: t.lower_ == "there")) == "rebels"


def test_relation_reads_through_coordination(word):
    sentence = "Israel, Egypt and Jordan met in Cairo."
    assert syntax.relation(word(sentence, "Jordan")) == "nsubj"
    assert syntax.relation(word(sentence, "Cairo")) == "pobj"


def test_relative_antecedent(word):
    sentence = "The group that claimed the attack was banned."
    assert text(syntax.relative_antecedent(word(sentence, "that"), {"that", "who"})) == "group"
    assert syntax.relative_antecedent(word(sentence, "that"), {"who"}) is None
    assert syntax.relative_antecedent(word(sentence, "attack"), {"that"}) is None
