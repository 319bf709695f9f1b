"""Which of the places one name may be the article means: "Paris" is Paris, France, unless the article says
"Paris, Texas" or is about Texas. Pure functions of the candidates (best first, from the gazetteer) and what
the article shows; docs/places.md explains the weights.

The order of evidence: a qualifier written next to the name ("Paris, Texas", "Perth, Scotland") decides; else
the other places of the article (their countries and first-level divisions), its dateline and the publisher's
country add to a prior that favours countries, divisions and big cities.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from claimx.normalize.places import Place

# Priors: a name that is a country or a division is that first; a city weighs log10 of its population
# (15,000 → 4.2, 1 million → 6, 10 million → 7).
_KIND_PRIOR = {"country": 8.0, "continent": 8.0, "region": 6.0, "feature": 6.0}
_FIRST_CHOICE = 1.0  # the gazetteer's own first choice (aliases news uses, then kind, then population)
_ALTERNATE_NAME = -3.0  # the name is another's alternate name ("Victoria" for Hong Kong)
_NATIONAL_CAPITAL = 1.5  # "Washington", "Tripoli", "Kingston": capitals are named far more than their size says
_CITY_OVER_DIVISION = 100_000  # "Valencia", "Jerusalem": the city, not a province named after it
# Evidence from the article, per distinct other place (capped): a place in the same division counts most,
# any place in the same country less (at most 2: a US story's twenty states must not make "Moscow" Idaho),
# a country named in the article least.
_SAME_ADMIN1, _ADMIN1_CAP = 2.5, 4.0
_SAME_COUNTRY, _COUNTRY_CAP = 1.5, 2.0
_COUNTRY_NAMED = 0.75
_OTHER_DIVISIONS, _DIVISIONS_CAP = 0.5, 1.5  # a division, per other division of its country in the article
# The places listed with it ("Georgia, Arizona and Ohio", "Georgia and Ukraine", "Valencia and Barcelona"):
# per listed place of the same kind, and per listed place in the same country.
_LISTED_KIND, _LISTED_COUNTRY, _LISTED_CAP = 1.5, 1.0, 3.0
_DATELINE, _PUBLISHER = 2.0, 1.5


@dataclass
class Evidence:
    """What the article says about where it is: the places it resolved without doubt, its dateline, the
    publisher's country."""
    countries: Counter = field(default_factory=Counter)  # alpha-2 → distinct cities/divisions there
    named_countries: set[str] = field(default_factory=set)  # countries the article names as countries
    admin1: Counter = field(default_factory=Counter)  # ISO 3166-2 → distinct places there
    divisions: Counter = field(default_factory=Counter)  # alpha-2 → distinct first-level divisions named
    dateline_country: str | None = None
    publisher_country: str | None = None
    listed: tuple[Place, ...] = ()  # the places written in one list with the name being resolved

    def add(self, place: Place) -> None:
        if place.kind in {"country", "continent"} and not place.admin1:
            if place.country:
                self.named_countries.add(place.country)
            return
        if place.country:
            self.countries[place.country] += 1
        if place.admin1:
            self.admin1[place.admin1] += 1
        if place.kind == "region" and place.country:
            self.divisions[place.country] += 1


def matches_qualifier(place: Place, qualifier: Place) -> bool:
    """"Paris, Texas": the place lies in the qualifying division or country."""
    if qualifier.kind == "region" or (qualifier.kind == "country" and qualifier.admin1):  # Texas; Scotland
        return place.admin1 == qualifier.admin1 if place.admin1 else place.country == qualifier.country
    if qualifier.kind == "country":
        return place.country == qualifier.country
    return False


def qualify(candidates: tuple[Place, ...], qualifiers: tuple[Place, ...]) -> tuple[tuple[Place, ...], Place] | None:
    """"Paris, Texas": the candidates that lie in the first place the qualifier may be, and that place; None
    when the name after the comma qualifies none of them ("Georgia, Arizona and Ohio" is a list)."""
    for qualifier in qualifiers:
        if qualifier.kind not in {"country", "region"}:
            continue
        qualified = tuple(c for c in candidates if c != qualifier and matches_qualifier(c, qualifier))
        if qualified:
            return qualified, qualifier
    return None


def choose_place(name: str, candidates: tuple[Place, ...], evidence: Evidence) -> Place | None:
    """The candidate the article means (`name`: as written, to tell a place's own name from an alternate
    name)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    candidates = _city_states_as_countries(_without_divisions_named_after_cities(candidates))
    first = candidates[0]
    return max(candidates, key=lambda c: (score(c, name, evidence, c is first), -candidates.index(c)))


def _city_states_as_countries(candidates: tuple[Place, ...]) -> tuple[Place, ...]:
    """Singapore, Monaco, Djibouti City's namesake: a city and its country of one name are the country, in
    every article, so that the entity keeps one id."""
    countries = {(c.canonical, c.country) for c in candidates if c.kind == "country"}
    return tuple(c for c in candidates if not (c.kind == "city" and (c.canonical, c.country) in countries))


def _without_divisions_named_after_cities(candidates: tuple[Place, ...]) -> tuple[Place, ...]:
    """A province named after its city, which news rarely means and the data has no point for (Valencia,
    Groningen, Jerusalem governorate), gives way to the city; a division with a point stays (Quebec)."""
    if not any(c.kind == "city" and c.population >= _CITY_OVER_DIVISION for c in candidates):
        return candidates
    return tuple(c for c in candidates if not (c.kind == "region" and c.lat is None))


def score(place: Place, name: str, evidence: Evidence, first_choice: bool = False) -> float:
    if place.kind == "city":
        prior = math.log10(max(place.population, 10))
    else:
        prior = _KIND_PRIOR.get(place.kind, 5.0)
    if first_choice:
        prior += _FIRST_CHOICE
    if place.kind == "city" and not _named_by(name, place.canonical):
        prior += _ALTERNATE_NAME
    elif place.capital:
        prior += _NATIONAL_CAPITAL
    support = 0.0
    if place.admin1 and place.kind != "country":
        support += min(_ADMIN1_CAP, _SAME_ADMIN1 * evidence.admin1[place.admin1])
    if place.kind == "region" and place.country:
        support += min(_DIVISIONS_CAP, _OTHER_DIVISIONS * evidence.divisions[place.country])
    if place.country:  # a country: its own cities and divisions in the article
        support += min(_COUNTRY_CAP, _SAME_COUNTRY * evidence.countries[place.country])
        if place.kind not in {"country", "continent"} and place.country in evidence.named_countries:
            support += _COUNTRY_NAMED
    if evidence.listed:
        same_kind = sum(_LISTED_KIND for p in evidence.listed if _kind_class(p) == _kind_class(place))
        same_country = sum(_LISTED_COUNTRY for p in evidence.listed if place.country and p.country == place.country)
        support += min(_LISTED_CAP, same_kind + same_country)
    if place.country and place.country == evidence.dateline_country:
        support += _DATELINE
    if place.country and place.country == evidence.publisher_country:
        support += _PUBLISHER
    return prior + support


def _kind_class(place: Place) -> str:
    """England and Scotland are countries in pycountry but sit in lists of divisions and countries alike."""
    return "country" if place.kind in {"country", "continent"} and not place.admin1 else place.kind


def _named_by(name: str, canonical: str) -> bool:
    """The name is the place's own name or its start ("New York" for New York City), not another name
    ("Victoria" for Hong Kong)."""
    from claimx.normalize.places import place_key

    name, canonical = place_key(name), place_key(canonical)
    return canonical == name or canonical.startswith(name + " ")
