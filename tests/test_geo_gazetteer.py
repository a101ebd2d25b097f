"""The gazetteer: compiled from packages, cached, curated rows merged, upgraded from GeoNames."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.geo import gazetteer as gz
from tidings.geo import import_geonames, load_gazetteer
from tidings.geo.geonames_dump import build_from_geonames


@pytest.fixture(scope="module")
def gazetteer() -> gz.Gazetteer:
    return load_gazetteer()


def test_geo_gazetteer_is_cached_on_disk(gazetteer):
    assert gz.packages_cache_path().exists() or (gz.cache_dir() / gz.IMPORTED_NAME).exists()
    assert len(gazetteer) > 200_000


def test_geo_gazetteer_reads_back_what_it_saved(tmp_path):
    small = gz.Gazetteer()
    index = small.add("Testville", "city", gid=42, country="ZZZ", lat=1.5, lon=2.5,
                      population=1234, aliases=["Test Town"])
    small.add("Testville", "admin1", country="ZZZ", lat=1.0, lon=2.0)
    small.save(tmp_path / "g.pkl")
    again = gz.Gazetteer.read(tmp_path / "g.pkl")
    assert again.lookup("test town") == [index]
    assert len(again.lookup("TESTVILLE")) == 2
    assert again.gid[index] == 42 and again.population[index] == 1234


def test_geo_gazetteer_has_countries_admin_units_and_cities(gazetteer):
    kinds = {gazetteer.kind[i] for i in gazetteer.lookup("Georgia")}
    assert {"country", "admin1"} <= kinds
    [north_sinai] = [i for i in gazetteer.lookup("North Sinai") if gazetteer.kind[i] == "admin1"]
    assert gazetteer.country[north_sinai] == "EGY"
    # the admin1 centroid comes from its cities, so it lies in the north of the peninsula
    assert 30.5 < gazetteer.lat[north_sinai] < 31.5
    tripolis = {gazetteer.country[i] for i in gazetteer.lookup("Tripoli")
                if gazetteer.kind[i] == "city"}
    assert {"LBY", "LBN"} <= tripolis


def test_geo_gazetteer_merges_curated_places_and_aliases(gazetteer):
    [strip] = [i for i in gazetteer.lookup("the Gaza Strip") if gazetteer.kind[i] == "region"]
    assert gazetteer.country[strip] == "PSE"
    assert gazetteer.kind[gazetteer.lookup("Kerem Shalom")[0]] == "point"
    assert any(gazetteer.country[i] == "USA" and gazetteer.kind[i] == "country"
               for i in gazetteer.lookup("U.S."))
    texas = [i for i in gazetteer.lookup("TX") if gazetteer.kind[i] == "admin1"]
    assert texas and gazetteer.name[texas[0]] == "Texas"


def test_geo_gazetteer_names_lose_arabic_article(gazetteer):
    assert any(gazetteer.country[i] == "EGY" for i in gazetteer.lookup("Arish"))
    assert gazetteer.lookup("el-Arish") and gazetteer.lookup("Al Arish")


def test_geo_supplement_rows_all_have_sources_and_valid_coordinates():
    rows = gz.supplement_rows()
    assert len(rows) >= 50
    assert all(row["source"] and -90 <= float(row["lat"]) <= 90 for row in rows)


def _dump_row(gid: int, name: str, alternates: str, lat: float, lon: float, cls: str, code: str,
              country: str, admin1: str, population: int) -> str:
    columns = [str(gid), name, name, alternates, str(lat), str(lon), cls, code, country, "",
               admin1, "", "", "", str(population), "", "0", "Etc/UTC", "2024-01-01"]
    return "\t".join(columns)


DUMP = "\n".join([
    _dump_row(1, "Freedonia", "Republic of Freedonia", 10.0, 20.0, "A", "PCLI", "FR", "00", 5_000),
    _dump_row(2, "Upper March", "", 11.0, 21.0, "A", "ADM1", "FR", "01", 0),
    _dump_row(3, "Lower March", "", 9.0, 19.0, "A", "ADM1", "FR", "02", 0),
    _dump_row(4, "Millbrook", "Mill Brook,MILLB", 11.1, 21.1, "P", "PPL", "FR", "01", 900),
    _dump_row(5, "Millbrook", "", 9.1, 19.1, "P", "PPL", "FR", "02", 40),
    _dump_row(6, "Ghost Hamlet", "", 9.5, 19.5, "P", "PPL", "FR", "02", 0),
    _dump_row(7, "Eastern Reach", "", 10.5, 22.0, "L", "RGN", "FR", "00", 0),
]) + "\n"


def test_geo_build_from_geonames_keeps_hierarchy_and_skips_empty_places(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(DUMP, encoding="utf-8")
    built = build_from_geonames(path)
    names = {built.name[i] for i in range(len(built))}
    assert "Ghost Hamlet" not in names  # uninhabited populated place
    mills = built.lookup("Mill Brook") + [i for i in built.lookup("Millbrook")]
    assert {built.admin1_name(i) for i in mills} == {"Upper March", "Lower March"}
    assert built.lookup("MILLB") == []  # codes are not names
    [country] = built.lookup("Republic of Freedonia")
    assert built.kind[country] == "country" and built.country[country] == "FRA"
    [region] = built.lookup("Eastern Reach")
    assert built.kind[region] == "region"


def test_geo_import_geonames_from_zip_replaces_the_package_index(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path / "cache"))
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("allCountries.txt", DUMP)
    try:
        assert import_geonames(str(archive)) == 6
        loaded = load_gazetteer()
        assert loaded.source.startswith("geonames")
        assert loaded.lookup("Millbrook") and loaded.lookup("Kerem Shalom")  # curated merged
    finally:
        monkeypatch.undo()
        load_gazetteer.cache_clear()
    assert not load_gazetteer().source.startswith("geonames")


def test_geo_import_geonames_names_the_file_on_bad_input(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_text("1\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.txt"):
        build_from_geonames(path)
