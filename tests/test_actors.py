"""The actors stage: names, agent nouns with country modifiers, dated roles, pronouns."""

from __future__ import annotations

import datetime as dt

import pytest
from support import run_through

from conftest import read_seed
from tidings.actors import actor_for_span, actor_for_token, mentions_in



@pytest.fixture(scope="module")
def analyse(pipeline):
    """Run spaCy and the actors stage (not the later stages) on a text."""
    return run_through(pipeline, "tidings_actors", dt.date(2019, 6, 1))


def ids(doc) -> list[str]:
    return [m.id for m in doc._.actor_mentions]


def mention(doc, text: str):
    """The mentions whose text is exactly ``text``."""
    found = [m for m in doc._.actor_mentions if m.text == text]
    assert found, f"no mention {text!r} in {[(m.text, m.id) for m in doc._.actor_mentions]}"
    return found


# --- countries, demonyms, agents ---------------------------------------------------------------


def test_actors_demonym_with_agent_noun_is_country_sector(analyse):
    doc = analyse("Turkish police detained dozens of students near the university on Sunday.")
    [police] = mention(doc, "Turkish police")
    assert (police.id, police.country, police.sector) == ("TUR-COP", "TUR", ("COP",))
    assert "TUR" not in ids(doc)  # the demonym is part of the mention, not an actor of its own


def test_actors_coordinated_agent_nouns_share_the_country(analyse):
    doc = analyse("Jordanian army and police sealed the crossing after the clashes.")
    assert ids(doc)[:2] == ["JOR-MIL", "JOR-COP"]


def test_actors_coordinated_demonyms_give_one_actor_each(analyse):
    doc = analyse("Canadian and Australian diplomats met the delegation in Geneva.")
    phrase = doc[0:4]
    assert [r.id for r in actor_for_span(doc, phrase)] == ["CAN-GOV", "AUS-GOV"]


def test_actors_possessive_and_of_phrase_modifiers(analyse):
    doc = analyse("Lebanon's army deployed along the coast, and the navy of Greece sent two ships.")
    assert mention(doc, "Lebanon's army")[0].id == "LBN-MIL"
    assert mention(doc, "the navy of Greece")[0].id == "GRC-MIL"


def test_actors_weapon_platform_implies_military(analyse):
    doc = analyse("A Syrian helicopter dropped leaflets over the town.")
    assert mention(doc, "Syrian helicopter")[0].id == "SYR-MIL"


def test_actors_agent_noun_without_country_is_a_generic_sector(analyse):
    doc = analyse("Police fired tear gas at protesters outside the stadium.")
    assert ids(doc) == ["COP", "OPP"]
    assert doc._.actor_mentions[0].country is None


def test_actors_agent_noun_as_modifier_of_a_thing_is_no_actor(analyse):
    doc = analyse("Reporters waited outside the police station for the press conference.")
    assert [(m.text, m.id) for m in doc._.actor_mentions] == [("Reporters", "MED")]


def test_actors_member_noun_takes_the_sector_of_its_modifier(analyse):
    doc = analyse("Iraqi military officials said the convoy was ambushed.")
    assert mention(doc, "Iraqi military officials")[0].id == "IRQ-MIL"


def test_actors_capital_acting_is_the_government_but_not_as_a_place(analyse):
    acting = analyse("Tehran rejected the proposal on Tuesday.")
    assert mention(acting, "Tehran")[0].id == "IRN-GOV"
    place = analyse("Thousands of people gathered in Tehran on Tuesday.")
    assert "IRN-GOV" not in ids(place)


def test_actors_demonym_as_noun_or_modifier_is_the_country(analyse):
    doc = analyse("Two Kenyans were among the passengers on the Kenyan flight.")
    assert mention(doc, "Kenyans")[0].id == "KEN"
    assert [(m.text, m.id) for m in doc._.actor_mentions] == [("Kenyans", "KEN"), ("Kenyan", "KEN")]
    strikes = analyse("Turkish strikes hit the village.")
    assert mention(strikes, "Turkish")[0].id == "TUR"


def test_actors_country_name_plus_agent_as_organisation_name(analyse):
    doc = analyse("The Iraqi Air Force said its jets hit targets near the border.")
    assert doc._.actor_mentions[0].id == "IRQ-MIL"


# --- named actors and aliases ------------------------------------------------------------------


def test_actors_aliases_resolve_to_one_actor(analyse):
    doc = analyse(
        "Daesh fighters attacked a checkpoint overnight. ISIL later claimed the attack, and the "
        "Islamic State news outlet published photographs."
    )
    assert {m.id for m in doc._.actor_mentions if m.text in ("Daesh fighters", "ISIL", "Islamic State")} == {"isis"}
    [isis] = [a for a in doc._.actors if a.id == "isis"]
    assert isis.kind == "armed_group" and len(isis.mentions) >= 3


def test_actors_state_organ_name_equals_composed_actor(analyse):
    doc = analyse("The IDF said Israeli soldiers returned fire.")
    assert mention(doc, "IDF")[0].id == mention(doc, "Israeli soldiers")[0].id == "ISR-MIL"


def test_actors_short_caps_alias_needs_mixed_case_text(analyse):
    assert "isis" in ids(analyse("IS fighters withdrew from the village."))
    assert "isis" not in ids(analyse("WHAT IS NEXT FOR THE OIL MARKET"))


def test_actors_news_outlet_is_media(analyse):
    doc = analyse("The Washington Post reported the talks had stalled.")
    [post] = mention(doc, "Washington Post")
    assert post.sector == ("MED",) and post.country == "USA"
    assert "USA-GOV" not in ids(doc)  # not the capital


# --- dated roles ------------------------------------------------------------------------------


def test_actors_leader_is_government_only_during_tenure(analyse):
    text = "Netanyahu met the envoy in the morning."
    [during] = mention(analyse(text, dt.date(2015, 5, 1)), "Netanyahu")
    [between] = mention(analyse(text, dt.date(2022, 1, 10)), "Netanyahu")
    assert (during.id, during.sector) == ("benjamin_netanyahu", ("GOV",))
    assert (between.id, between.sector, between.country) == ("benjamin_netanyahu", ("ELI",), "ISR")


def test_actors_shared_surname_resolves_by_date(analyse):
    text = "President Aoun received the delegation."
    assert ids(analyse(text, dt.date(2018, 3, 1))) == ["michel_aoun"]
    assert ids(analyse(text, dt.date(2025, 6, 1))) == ["joseph_aoun"]


def test_actors_role_with_country_is_the_office_holder(analyse):
    text = "The French president called for calm."
    assert ids(analyse(text, dt.date(2019, 3, 1))) == ["emmanuel_macron"]
    assert ids(analyse(text, dt.date(2010, 3, 1))) == ["nicolas_sarkozy"]


def test_actors_title_before_unknown_name_gives_country_and_sector(analyse):
    doc = analyse("Moroccan Interior Minister Karim Bennani said the border would reopen.")
    [minister] = doc._.actor_mentions
    assert minister.text == "Moroccan Interior Minister Karim Bennani"
    assert (minister.country, minister.sector) == ("MAR", ("GOV",))
    [actor] = doc._.actors
    assert actor.resolved is False and actor.kind == "person" and actor.name == "Karim Bennani"


# --- unresolved actors, pronouns, descriptions ------------------------------------------------


def test_actors_unknown_people_and_organisations_are_kept_unresolved(analyse):
    doc = analyse(
        "Talia Werner, a director at Norland Shipping, said the cargo was safe. "
        "Werner added that insurers had been told."
    )
    people = [a for a in doc._.actors if a.kind == "person"]
    assert [(p.name, p.resolved, len(p.mentions)) for p in people] == [("Talia Werner", False, 2)]
    assert any(a.name == "Norland Shipping" and not a.resolved for a in doc._.actors)


def test_actors_pronoun_refers_to_the_earlier_subject(analyse):
    doc = analyse("Erdogan arrived in Berlin on Monday. He said the visit was overdue.")
    [he] = mention(doc, "He")
    assert he.id == "recep_tayyip_erdogan" and he.start == doc.text.index("He said")


def test_actors_it_refers_to_an_organisation_not_a_person(analyse):
    doc = analyse("The Kuwaiti foreign ministry summoned the ambassador, Ahmed Saleh. It said "
                  "the remarks were unacceptable.", dt.date(2021, 1, 1))
    assert mention(doc, "It")[0].id == "KWT-GOV"


def test_actors_it_is_left_alone_when_a_thing_is_the_likelier_antecedent(analyse):
    doc = analyse("Hezbollah blamed the blast on a gas leak. The bridge collapsed soon after. "
                  "It was built in 1950.")
    assert [m for m in doc._.actor_mentions if m.text == "It"] == []


def test_actors_they_refers_to_coordinated_countries(analyse):
    doc = analyse("Kenya and Uganda signed the accord. They will share the pipeline costs.")
    assert [m.id for m in mention(doc, "They")] == ["KEN", "UGA"]


def test_actors_definite_description_refers_back_by_kind(analyse):
    doc = analyse(
        "Boko Haram fighters raided a market. Reuters reported that the group had also "
        "burned a school, the news agency said, citing local officials."
    )
    assert mention(doc, "the group")[0].id == "boko_haram"
    assert mention(doc, "the news agency")[0].id == "reuters"


def test_actors_description_without_antecedent_is_generic(analyse):
    doc = analyse("The ministry declined to comment.")
    assert ids(doc) == ["GOV"]


# --- functions for the events stage -----------------------------------------------------------


def test_actors_actor_for_token_and_mentions_in(analyse):
    doc = analyse("Saudi warplanes struck a depot as Houthi rebels fired missiles.")
    by_token = {t.text: actor_for_token(doc, t) for t in doc}
    assert by_token["warplanes"].id == "SAU-MIL"
    assert by_token["rebels"].id == "houthis"
    assert by_token["depot"] is None
    assert [m.id for m in mentions_in(doc, 0, doc.text.index(" as"))] == ["SAU-MIL"]


def test_actors_actor_for_span_leaves_out_prepositional_actors(analyse):
    doc = analyse("Talks between Qatar and Egypt resumed.")
    talks = doc[0:5]
    assert actor_for_span(doc, talks) == []
    assert [r.id for r in actor_for_span(doc, doc[2:5])] == ["QAT", "EGY"]


def test_actors_component_declares_what_it_needs(pipeline):
    assert pipeline.nlp.analyze_pipes()["problems"]["tidings_actors"] == []


# --- the seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(analyse):
    return analyse(read_seed(), dt.date(2018, 2, 4))


def test_actors_seed_leader_media_and_armed_groups(seed):
    assert {m.id for m in mention(seed, "Prime Minister Netanyahu")} == {"benjamin_netanyahu"}
    assert mention(seed, "Prime Minister Netanyahu")[0].sector == ("GOV",)
    assert mention(seed, "New York Times")[0].sector == ("MED",)
    assert mention(seed, "the newspaper")[0].id == "nyt"
    assert {m.id for m in mention(seed, "Islamic State")} == {m.id for m in mention(seed, "ISIS")} == {"isis"}


def test_actors_seed_state_forces(seed):
    assert {m.id for m in mention(seed, "IDF")} == {"ISR-MIL"}
    assert {m.id for m in mention(seed, "Egyptian military")} == {"EGY-MIL"}
    assert {m.id for m in mention(seed, "police")} == {"EGY-COP"}
    assert mention(seed, "Israeli drone")[0].id == "ISR-MIL"
    assert [m.id for m in mention(seed, "British")] == ["GBR-GOV"]
    assert [m.id for m in mention(seed, "American officials")] == ["USA-GOV"]


def test_actors_seed_pronouns(seed):
    assert mention(seed, "He")[0].id == "benjamin_netanyahu"
    assert mention(seed, "his")[0].id == "abdel_fattah_el_sisi"


def test_actors_possessive_pronoun_gives_the_owner(analyse):
    doc = analyse("Turkey said its troops had entered the enclave.")
    assert mention(doc, "troops")[0].id == "TUR-MIL"
    doc = analyse("Al-Shabaab said its fighters had seized the port, and they later withdrew.")
    assert mention(doc, "fighters")[0].id == mention(doc, "they")[0].id == "al_shabaab"


def test_actors_member_noun_owned_through_a_preposition(analyse):
    doc = analyse("A spokesman for the Kenyan army declined to comment.")
    assert mention(doc, "spokesman")[0].id == "KEN-MIL"


def test_actors_title_with_organisation_keeps_the_organisation(analyse):
    doc = analyse("Hezbollah leader Hassan Nasrallah said the group would respond.", dt.date(2020, 1, 1))
    assert [m.id for m in doc._.actor_mentions] == ["hezbollah", "hassan_nasrallah", "hezbollah"]
