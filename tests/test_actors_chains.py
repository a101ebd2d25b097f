"""The actors stage across an article: name chains, gender and quotations for pronouns, seats of
government acting, headlines, datelines, and the converted dictionaries."""

from __future__ import annotations

import datetime as dt

import pytest
from support import run_through

from tidings.actors import load_dictionary
from tidings.actors.dictionary import DATA_DIR


@pytest.fixture(scope="module")
def analyse(pipeline):
    """Run spaCy and the actors stage (not the later stages) on a text."""
    return run_through(pipeline, "tidings_actors", dt.date(2016, 6, 1))


def refs(doc, text: str):
    found = [m for m in doc._.actor_mentions if m.text == text]
    assert found, f"no mention {text!r} in {[(m.text, m.id) for m in doc._.actor_mentions]}"
    return found


def one_id(doc, text: str) -> str:
    ids = {m.id for m in refs(doc, text)}
    assert len(ids) == 1, ids
    return ids.pop()


def test_chains_surname_and_honorific_follow_the_full_name(analyse):
    doc = analyse("Marta Ilves, a local lawyer, filed the complaint on Monday. Ilves said the "
                  "court had ignored it. Ms. Ilves later withdrew.")
    first = one_id(doc, "Marta Ilves")
    assert first.startswith("unk:")
    assert one_id(doc, "Ilves") == first
    assert {m.id for m in doc._.actor_mentions if m.text.endswith("Ilves")} == {first}


def test_chains_two_people_sharing_a_surname_are_told_apart_by_honorific(analyse):
    doc = analyse("Michael Varga met Anna Varga at the hearing. Mr. Varga spoke first, "
                  "and then Ms. Varga answered him.")
    tomas, elena = one_id(doc, "Michael Varga"), one_id(doc, "Anna Varga")
    assert tomas != elena
    surnames = [m for m in doc._.actor_mentions if m.text == "Varga"]
    assert [m.id for m in surnames] == [tomas, elena]


def test_chains_title_and_party_tag_place_an_unknown_person(analyse):
    doc = analyse("Sen. Orrin Valdez (D-Ore.) criticized the plan on Tuesday. Valdez said "
                  "it would fail.")
    [actor] = [a for a in doc._.actors if a.name == "Orrin Valdez"]
    assert actor.country == "USA" and "LEG" in actor.sector
    assert actor.basis and "Ore" in actor.basis
    assert one_id(doc, "Valdez") == actor.id


def test_chains_apposition_places_an_unknown_person(analyse):
    doc = analyse("Karim Nadiri, Iran's deputy foreign minister, rejected the offer.")
    [actor] = [a for a in doc._.actors if a.name == "Karim Nadiri"]
    assert actor.country == "IRN"
    assert actor.basis and "Iran" in actor.basis


def test_chains_national_title_records_its_basis(analyse):
    doc = analyse("Egyptian Minister Samir Fawzy toured the port.")
    [actor] = [a for a in doc._.actors if a.name == "Samir Fawzy"]
    assert actor.country == "EGY" and "Egyptian" in actor.basis


def test_pronouns_agree_in_gender(analyse):
    doc = analyse("Nancy Orlov criticized Peter Lind on Monday. He had called for new taxes, "
                  "and she said the plan was reckless.")
    assert one_id(doc, "He") == one_id(doc, "Peter Lind")
    assert one_id(doc, "she") == one_id(doc, "Nancy Orlov")


def test_pronouns_gender_from_honorific(analyse):
    doc = analyse("Mrs. Kowal met Mr. Brandt in Vienna. She asked for a delay.")
    assert one_id(doc, "She") == one_id(doc, "Kowal")


def test_pronouns_do_not_take_an_antecedent_inside_another_quotation(analyse):
    doc = analyse('Paul Ferris spoke after Laura Hinds. "Anton Weller is wrong," Hinds said. '
                  "He stayed.")
    assert one_id(doc, "He") == one_id(doc, "Paul Ferris")


def test_first_person_in_a_quotation_is_its_speaker(analyse):
    doc = analyse('"I will not resign," Gustav Moreno said on Friday. "We have done nothing '
                  'wrong," he added.')
    moreno = one_id(doc, "Gustav Moreno")
    assert one_id(doc, "I") == moreno
    assert one_id(doc, "We") == moreno


def test_first_person_outside_quotations_is_no_actor(analyse):
    doc = analyse("I think Gustav Moreno will resign.")
    assert not [m for m in doc._.actor_mentions if m.text == "I"]


def test_the_former_title_refers_back_to_the_person(analyse):
    doc = analyse("Hillary Clinton spoke in Ohio on Monday. The former secretary of state "
                  "said the economy was improving.")
    assert one_id(doc, "The former secretary of state") == "hillary_clinton"


@pytest.mark.parametrize("text, seat, actor", [
    ("Moscow said the talks had failed.", "Moscow", "RUS-GOV"),
    ("The ministry accused Washington of meddling.", "Washington", "USA-GOV"),
    ("Langley warned the senators about the leak.", "Langley", "USA-SPY"),
    ("Zhongnanhai rejected the demand.", "Zhongnanhai", "CHN-GOV"),
])
def test_metonymy_acting_seat_is_an_actor_not_a_place(parse, text, seat, actor):
    doc = parse(text)
    assert one_id(doc, seat) == actor
    start = text.index(seat)
    assert (start, start + len(seat)) in [tuple(m) for m in doc._.metonyms]
    assert not [p for p in doc._.places if p.start == start]


def test_metonymy_capital_as_a_place_stays_a_place(parse):
    doc = parse("Protesters gathered in Moscow on Sunday.")
    assert not doc._.metonyms
    assert [p.text for p in doc._.places] == ["Moscow"]


def test_metonymy_seats_are_place_names_of_their_country():
    """Every seat names a state organ of a known country and a known sector."""
    dictionary = load_dictionary()
    seats = [(key, m.target) for key, meanings in dictionary.forms.items() for m in meanings
             if m.form == "seat"]
    assert len(seats) >= 10
    for _, target in seats:
        country, _, sector = target.partition("-")
        assert country in dictionary.countries and sector in dictionary.codes


def test_headline_names_do_not_seed_the_body(analyse):
    text = ("Brandt Warns Kowal on Budget\n\nLena Kowal, the finance minister, presented the "
            "budget. Kowal said it was balanced. Mr. Brandt disagreed.")
    doc = analyse(text)
    minister = one_id(doc, "Lena Kowal")
    headline = [m for m in doc._.actor_mentions if m.start < text.index("\n")]
    assert minister in {m.id for m in headline}  # the headline's surname joins the body's chain
    assert one_id(doc, "Kowal") == minister


def test_headline_is_no_antecedent_of_a_body_pronoun(analyse):
    text = "Ivo Petran Resigns\n\nThe committee met on Friday. He was not there."
    doc = analyse(text)
    assert not [m for m in doc._.actor_mentions if m.text == "He"]


def test_dateline_country_is_the_fallback_for_a_bare_state_organ(analyse):
    doc = analyse("TRENTON, N.J. (AP) — The ministry denied the report on Monday.")
    assert one_id(doc, "The ministry") == "USA-GOV"
    doc = analyse("The ministry denied the report on Monday.")
    assert one_id(doc, "The ministry") == "GOV"


def test_converted_dictionary_loads_after_the_curated_one():
    dictionary = load_dictionary()
    curated = {line.split("\t")[0] for line in (DATA_DIR / "people.tsv").read_text().splitlines()
               if line and not line.startswith("#")}
    assert len(dictionary.named) > 5 * len(curated)
    assert dictionary.curated_forms < set(dictionary.forms)
    for actor_id in curated:  # a converted row never adds a tenure to a curated person
        rows = [line for line in (DATA_DIR / "people.tsv").read_text().splitlines()
                if line.startswith(actor_id + "\t")]
        assert len(dictionary.named[actor_id].tenures) == len(rows)


def test_chains_a_two_word_surname_continues_the_full_name(analyse):
    doc = analyse("Economy Secretary Joaquin Ferrer Soto arrived on Monday. Ferrer Soto said "
                  "the talks would resume.")
    assert one_id(doc, "Ferrer Soto") == one_id(doc, "Economy Secretary Joaquin Ferrer Soto")


def test_converted_names_of_one_word_are_left_out():
    dictionary = load_dictionary()
    assert all(len(key) > 1 for key in set(dictionary.forms) - dictionary.curated_forms)


def test_metonymy_a_visited_capital_stays_a_place(parse):
    doc = parse("The envoy visited Ankara on Monday.")
    assert not doc._.metonyms
    assert [p.text for p in doc._.places] == ["Ankara"]


def test_converted_titles_are_no_organisations():
    """An office of the converted dictionary ("Secretary of State") stays an agent noun."""
    dictionary = load_dictionary()
    converted = set(dictionary.forms) - dictionary.curated_forms
    for title in (("Secretary", "of", "State"), ("United", "States", "Secretary", "of", "State")):
        assert title not in converted


_AMERICAN = ("President Barack Obama spoke in Ohio on Monday. The White House said the plan "
             "would pass, and American officials agreed. ")


def test_context_places_an_unknown_person_in_the_article_country(analyse):
    doc = analyse(_AMERICAN + "Karen Whitfield, a pollster, said voters were tired.")
    [actor] = [a for a in doc._.actors if a.name == "Karen Whitfield"]
    assert actor.country == "USA" and actor.basis == "article country"


def test_context_places_bare_organs_officials_and_named_agencies(analyse):
    doc = analyse(_AMERICAN + "Police arrested two men, officials said. The Fisheries "
                  "Department opened an inquiry.")
    assert one_id(doc, "Police") == "USA-COP"
    assert one_id(doc, "officials") == "USA-GOV"
    assert [m.country for m in refs(doc, "The Fisheries Department")] == ["USA"]


def test_context_needs_a_dominant_country(analyse):
    doc = analyse("Russian President Vladimir Putin met President Barack Obama. Moscow and "
                  "Washington disagreed, and Russia warned the United States. Karen Whitfield, "
                  "a pollster, said voters were tired.")
    [actor] = [a for a in doc._.actors if a.name == "Karen Whitfield"]
    assert actor.country is None


def test_chains_a_national_title_places_an_unknown_person(analyse):
    doc = analyse("Rep. Ann Whitlow criticized the plan. Sen. Bob Carrick, R-Tenn., agreed.")
    [whitlow] = [a for a in doc._.actors if a.name == "Ann Whitlow"]
    assert whitlow.country == "USA" and whitlow.basis == "Rep."
    [carrick] = [a for a in doc._.actors if a.name == "Bob Carrick"]
    assert carrick.country == "USA" and "R-Tenn." in carrick.basis


def test_a_title_in_apposition_to_a_name_is_no_actor_of_its_own(analyse):
    doc = analyse("French President Francois Hollande spoke first. South Korea accused the "
                  "North's leader, Kim Jong Un, of recklessness.")
    assert not [m for m in doc._.actor_mentions if m.text == "leader"]
    assert one_id(doc, "Kim Jong Un") == "kim_jong_un"


def test_federal_agencies_are_their_state_organs(analyse):
    doc = analyse("The EPA fined the refinery, and the I.R.S. audited its owner. The Secret "
                  "Service closed the street.")
    assert one_id(doc, "EPA") == "USA-GOV" and one_id(doc, "I.R.S.") == "USA-GOV"
    assert one_id(doc, "Secret Service") == "USA-COP"


def test_pronouns_learn_the_gender_of_a_person_from_the_first_one(analyse):
    doc = analyse("Ngozi Adebayo spoke after Karl Obst left. She said the talks went well, and "
                  "he said nothing.")
    assert one_id(doc, "She") == one_id(doc, "Ngozi Adebayo")
    assert one_id(doc, "he") == one_id(doc, "Karl Obst")


def test_a_description_in_apposition_is_the_person(analyse):
    doc = analyse("Ngozi Adebayo, the opposition leader, arrived in Geneva on Monday.")
    assert one_id(doc, "the opposition leader") == one_id(doc, "Ngozi Adebayo")


def test_a_government_body_refers_back_to_the_leader_s_government(analyse):
    doc = analyse("Congress sanctioned the Russian government in June. President Obama declined "
                  "to threaten Moscow. He did not suggest retaliation. Ann Whitlow urged the "
                  "administration to act.")
    assert one_id(doc, "the administration") == "USA-GOV"


def test_a_name_ending_in_an_outlet_word_is_a_news_outlet(analyse):
    doc = analyse("Protesters gathered outside the Tulsa Herald after it endorsed the mayor.")
    [outlet] = [a for a in doc._.actors if a.name == "Tulsa Herald"]
    assert outlet.kind == "media" and "MED" in outlet.sector
    assert one_id(doc, "it") == outlet.id


def test_an_object_pronoun_is_not_the_subject_of_its_clause(analyse):
    doc = analyse("Marta Ilves met Anna Varga on Monday. Later Ms. Ilves praised her, and "
                  "Ms. Varga praised herself.")
    assert one_id(doc, "her") == one_id(doc, "Anna Varga")
    assert one_id(doc, "herself") == one_id(doc, "Anna Varga")


def test_a_title_apposed_to_another_name_is_not_the_office_holder(analyse):
    doc = analyse("Karim Nadiri, Iran's deputy foreign minister, rejected the offer.")
    assert one_id(doc, "Iran's deputy foreign minister") == "IRN-GOV"
    assert one_id(doc, "Karim Nadiri").startswith("unk:")


def test_a_party_word_apposed_to_a_named_person_is_no_actor(analyse):
    doc = analyse("Rep. Ann Whitlow, the top Democrat on the committee, called on President "
                  "Obama to act.")
    assert not [m for m in doc._.actor_mentions if m.text == "Democrat"]
