"""The shared country list: the actors stage's names and the geo stage's demonyms agree."""

from __future__ import annotations

import pytest

from tidings import countries
from tidings.actors import load_dictionary
from tidings.datafiles import DataError


def test_countries_demonyms_are_the_actor_dictionarys():
    forms = load_dictionary().forms
    from_dictionary = {" ".join(form): m.target for form, meanings in forms.items()
                       for m in meanings if m.form == "demonym"}
    assert countries.demonyms() == from_dictionary
    assert countries.demonyms()["Egyptian"] == "EGY"


def test_countries_names_prefer_the_files_short_name():
    names = countries.country_names()
    assert names == load_dictionary().countries
    assert names["RUS"] == "Russia"


@pytest.mark.parametrize(("row", "reason"), [
    ("Egy\tEgypt\t\t\t", "bad country code"),
    ("EGY\t\t\tEgyptian\t", "country name missing"),
    ("EGY\tEgypt\t\tEgyptian", "expected 5 tab-separated columns"),
])
def test_countries_malformed_file_names_file_and_line(tmp_path, row, reason):
    path = tmp_path / "countries.tsv"
    path.write_text("# iso3\tname\taliases\tdemonyms\tcapitals\nISR\tIsrael\t\tIsraeli\t\n"
                    + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        countries.country_rows(path)
    assert f"{path}:3:" in str(error.value) and reason in str(error.value)
