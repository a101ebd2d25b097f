"""Toponym resolution: ambiguous names settled by context, qualified forms, demonym places."""

from __future__ import annotations

import re


from tidings.geo import resolve_places


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for name in names for m in re.finditer(re.escape(name), text)]


def resolved(text: str, *names: str) -> dict[str, tuple]:
    places = resolve_places(text, spans_of(text, *names))
    return {p.text: (p.name, p.country, p.admin1, p.precision) for p in places if p}


def test_geo_paris_alone_is_the_french_capital():
    assert resolved("Crowds gathered in Paris.", "Paris")["Paris"][1] == "FRA"


def test_geo_paris_followed_by_its_state_is_in_texas():
    place = resolved("A storm hit Paris, Texas, on Friday.", "Paris")["Paris"]
    assert place[1:3] == ("USA", "Texas")


def test_geo_georgia_is_the_country_next_to_tbilisi_and_the_state_next_to_atlanta():
    abroad = resolved("Talks in Georgia moved to Tbilisi.", "Georgia", "Tbilisi")
    at_home = resolved("Polls closed in Georgia, and Atlanta counted late.", "Georgia", "Atlanta")
    assert abroad["Georgia"][1] == "GEO"
    assert at_home["Georgia"][1:] == ("USA", "Georgia", "admin1")


def test_geo_tripoli_follows_the_country_the_article_is_about():
    libya = resolved("Militias clashed in Tripoli and Misrata.", "Tripoli", "Misrata")
    lebanon = resolved("Protests spread from Beirut to Tripoli, Lebanon's second city.",
                       "Beirut", "Tripoli", "Lebanon")
    assert libya["Tripoli"][1] == "LBY"
    assert lebanon["Tripoli"][1] == "LBN"


def test_geo_qualified_name_prefers_the_named_division():
    place = resolved("Jets struck targets in northern Sinai.", "Sinai")["Sinai"]
    assert place == ("North Sinai", "EGY", "North Sinai", "admin1")


def test_geo_qualified_country_keeps_the_country_with_region_precision():
    place = resolved("Shelling hit villages in southern Lebanon.", "Lebanon")["Lebanon"]
    assert place[1] == "LBN" and place[3] == "region"


def test_geo_unknown_names_resolve_to_none():
    assert resolve_places("They met in Qwxzzy.", [(11, 17)]) == [None]


def test_geo_resolve_places_gives_one_result_per_span_in_the_given_order():
    text = "Talks moved from Nairobi to Qwxzzy, then to Kisumu and back to Nairobi."
    spans = spans_of(text, "Kisumu", "Qwxzzy", "Nairobi")  # not in text order
    places = resolve_places(text, spans)
    assert len(places) == len(spans)
    assert [p and (p.start, p.end) for p in places] == [
        None if text[s:e] == "Qwxzzy" else (s, e) for s, e in spans]
    assert [p.country for p in places if p] == ["KEN"] * 3
    assert resolve_places(text, []) == []


def test_geo_component_finds_places_the_small_model_mislabels(parse):
    doc = parse("Trucks waited at the Kerem Shalom crossing while shelling hit Kharkiv.")
    names = {p.name for p in doc._.places}
    assert "Kerem Shalom" in names
    assert any(p.country == "UKR" for p in doc._.places)


def test_geo_component_turns_demonym_territory_into_the_country(parse):
    doc = parse("The drone flew 20 kilometres into Syrian territory before it fell.")
    [place] = [p for p in doc._.places if p.text.startswith("Syrian")]
    assert place.country == "SYR" and place.precision == "country"
    assert place.text == "Syrian territory"


def test_geo_component_includes_the_direction_in_the_span(parse):
    text = "Fighting resumed in eastern Congo and in northern Ethiopia."
    doc = parse(text)
    ethiopia = [p for p in doc._.places if p.country == "ETH"]
    assert ethiopia and text[ethiopia[0].start:ethiopia[0].end] == "northern Ethiopia"
    assert ethiopia[0].precision == "region"


def test_geo_component_does_not_make_places_of_plain_nationalities(parse):
    doc = parse("Egyptian officials met Israeli diplomats.")
    assert doc._.places == []


def places_of(parse, text: str) -> dict[str, tuple]:
    return {p.text: (p.name, p.country, p.precision) for p in parse(text)._.places}


def test_geo_eastern_congo_is_the_democratic_republic(parse):
    found = places_of(parse, "Rebels seized more villages in eastern Congo this week.")
    assert found["eastern Congo"][1:] == ("COD", "region")


def test_geo_countries_are_shown_by_their_everyday_names(parse):
    found = places_of(parse, "Talks between Russia and Iran resumed in Syria.")
    assert {found[name][0] for name in ("Russia", "Iran", "Syria")} == {"Russia", "Iran", "Syria"}


def test_geo_small_town_named_by_its_place_noun_or_container(parse):
    found = places_of(parse, "Refugees arrived in the town of Adre, and shells fell on "
                             "Kiryat Shmona in northern Israel.")
    assert found["Adre"][1:] == ("TCD", "city")
    assert found["Kiryat Shmona"][1] == "ISR"


def test_geo_place_noun_after_a_name_picks_the_admin_unit(parse):
    found = places_of(parse, "Gunmen attacked a village in Kaduna state on Sunday.")
    assert found["Kaduna"][1:] == ("NGA", "admin1")


def test_geo_apposition_names_the_container(parse):
    found = places_of(parse, "Teachers marched in San Jose, the capital of Costa Rica, on Friday.")
    assert found["San Jose"][1] == "CRI"


def test_geo_the_before_a_name_prefers_a_region_or_sea(parse):
    found = places_of(parse, "Drought spread across the Sahel, and ships avoided the Red Sea.")
    assert found["Sahel"][1:] == (None, "region") and found["Red Sea"][1] is None


def test_geo_hyphenated_countries_are_two_places(parse):
    found = places_of(parse, "Refugees crossed the Sudan-Chad border overnight.")
    assert found["Sudan"][1] == "SDN" and found["Chad"][1] == "TCD"


def test_geo_a_name_gazetteer_widens_a_cut_entity(parse):
    found = places_of(parse, "Floods in the Brazilian state of Rio Grande do Sul left the "
                             "capital Porto Alegre under water.")
    assert found["Rio Grande do Sul"][1:] == ("BRA", "admin1")


def test_geo_people_named_after_places_stay_people(parse):
    doc = parse("Lawyers for Jordan Henderson met Georgia Harrison in London on Monday.")
    assert [p.text for p in doc._.places] == ["London"]


def test_geo_demonym_before_a_compound_noun_is_not_a_place(parse):
    doc = parse("Migrants waited in the Colombian border city of Cucuta.")
    assert [p.country for p in doc._.places] == ["COL"]
    assert doc._.places[0].text == "Cucuta"


def test_geo_a_state_listed_with_sibling_states_is_the_state():
    found = resolved("Storms hit Alabama, Georgia and Tennessee overnight.",
                     "Alabama", "Georgia", "Tennessee")
    assert found["Georgia"][1:3] == ("USA", "Georgia")
    found = resolved("Officials in Ohio, Oklahoma, Pennsylvania and California reported cases.",
                     "Ohio", "Oklahoma", "Pennsylvania", "California")
    assert found["California"][2] == "California"
    assert found["Oklahoma"][2] == "Oklahoma"


def test_geo_a_country_named_with_its_neighbours_stays_the_country():
    found = resolved("Talks between Georgia, Armenia and Azerbaijan resumed.",
                     "Georgia", "Armenia", "Azerbaijan")
    assert found["Georgia"][1] == "GEO"
