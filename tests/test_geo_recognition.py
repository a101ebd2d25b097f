"""Toponym recognition on real-news forms: abbreviations, places inside the names of public
bodies, datelines and headings, eponyms and acronyms that are no places."""

from __future__ import annotations


def places_of(parse, text: str) -> dict[str, tuple]:
    return {p.text: (p.name, p.country, p.admin1) for p in parse(text)._.places}


def test_state_and_province_abbreviations_are_places(parse):
    found = places_of(parse, "Flooding closed roads near Paducah, Ky., and in Asheville, N.C., "
                             "while crews from Kamloops, B.C., flew south.")
    assert found["Paducah"][1:] == ("USA", "Kentucky")
    assert found["Asheville"][1:] == ("USA", "North Carolina")
    assert found["Kamloops"][1:] == ("CAN", "British Columbia")


def test_australian_state_abbreviation_in_running_text(parse):
    found = places_of(parse, "Horse movements were banned across NSW after the outbreak.")
    assert found.get("NSW", (None, None, None))[2] == "New South Wales"


def test_place_leading_a_public_body_name_is_a_toponym(parse):
    found = places_of(parse, "The California Department of Public Health issued a warning, and "
                             "the U.S. Army sent tents.")
    assert found.get("California", (None, None, None))[1:] == ("USA", "California")
    assert found.get("U.S.", (None, None))[1] == "USA"


def test_newspaper_named_after_a_place_is_no_toponym(parse):
    found = places_of(parse, "The Denver Post reported the fire first.")
    assert "Denver" not in found


def test_possessive_place_leading_an_entity_is_a_toponym(parse):
    found = places_of(parse, "He told Chile's Radio Cooperativa that he would appeal.")
    assert found.get("Chile", (None, None))[1] == "CHL"


def test_eponyms_are_no_toponyms_anywhere_in_the_text(parse):
    found = places_of(parse, "Cases of West Nile virus rose in Ohio. West Nile spreads through "
                             "mosquito bites, officials in Columbus said.")
    assert "West Nile" not in found and "Ohio" in found and "Columbus" in found


def test_acronyms_do_not_resolve_to_small_towns(parse):
    found = places_of(parse, "The FAO and the UN sent experts, the E.U. said.")
    assert not any(country in ("IRQ", "IND", "FRA") for _, country, _ in found.values())


def test_capitalised_dateline_and_heading_lines_are_places(parse):
    found = places_of(parse, "WASHINGTON (AP) - Senators from Ohio, Iowa and Texas met.")
    assert found.get("WASHINGTON", (None, None, None))[2] == "District of Columbia"
    found = places_of(parse, "NAIROBI (Reuters) - Police dispersed a crowd on Monday.")
    assert found.get("NAIROBI", (None, None))[1] == "KEN"
    found = places_of(parse, "Where to go next\n\nBruges\n\nCanals and old houses fill the "
                             "centre.\n\nGhent\n\nA livelier town.")
    assert found.get("Bruges", (None, None))[1] == "BEL"
    assert found.get("Ghent", (None, None))[1] == "BEL"


def test_places_in_a_headline_in_capitals(parse):
    found = places_of(parse, "FLOODS FORCE THOUSANDS FROM HOMES IN KENYA AND SOMALIA\n\n"
                             "Heavy rain fell for a week.")
    assert {found[name][1] for name in ("KENYA", "SOMALIA") if name in found} == {"KEN", "SOM"}
    found = places_of(parse, "PRICES RISE IN US AS OIL JUMPS\n\nMarkets fell.")
    assert [v[1] for v in found.values()] == ["USA"]


def test_a_word_leading_a_force_name_is_no_town_known_by_a_longer_name(parse):
    found = places_of(parse, "The army and the Rapid Support Forces agreed to a truce.")
    assert "Rapid" not in found
