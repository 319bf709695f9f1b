"""Geocoding: each place mention resolved to one GeoNames feature from what the article shows (docs/places.md).
Texts are written for these tests; expected ids are GeoNames feature ids."""

from __future__ import annotations

import pytest

from claimx.extensions import ENTITIES_KEY
from claimx.normalize.places import lookup_place, place_candidates
from claimx.normalize.places.geocode import Evidence, choose_place, qualify

PARIS_FR, PARIS_TX = 2988507, 4717560
PERTH_AU, PERTH_GB = 2063523, 2640358
GEORGIA_COUNTRY, GEORGIA_STATE = 614540, 4197000


def resolved(nlp, text: str, name: str, publisher: str | None = None) -> dict:
    doc = nlp.make_doc(text)
    doc._.claimx_country = publisher
    doc = nlp(doc)
    found = [s._.claimx_entity for s in doc.spans[ENTITIES_KEY] if s.text == name and s.label_ == "PLACE"]
    assert found, f"{name!r} not found as a place in {text!r}"
    return found[0]


# (sentence, place name, publisher's country, expected GeoNames id)
AMBIGUOUS = [
    ("The plant in Paris, Texas, will hire 200 workers.", "Paris", None, PARIS_TX),
    ("Tourists crowded the cafes of Paris after the museums reopened.", "Paris", None, PARIS_FR),
    ("The mayor of Paris met French ministers.", "Paris", "US", PARIS_FR),
    ("Officials in Perth, Scotland, closed the bridge.", "Perth", None, PERTH_GB),
    ("The mining company is based in Perth and ships iron ore from Port Hedland.", "Perth", None, PERTH_AU),
    ("Fans travelled from Perth to Dundee and Aberdeen for the match.", "Perth", "GB", PERTH_GB),
    ("Georgia's governor spoke in Atlanta on Tuesday.", "Georgia", None, GEORGIA_STATE),
    ("Georgia and Russia fought a war in 2008, and Tbilisi was bombed.", "Georgia", None, GEORGIA_COUNTRY),
    ("Voters in Georgia, Arizona and Pennsylvania decide the election.", "Georgia", None, GEORGIA_STATE),
    ("The talks in Georgia drew diplomats from Armenia and Azerbaijan.", "Georgia", None, GEORGIA_COUNTRY),
    ("The ferry left Victoria, British Columbia, for Vancouver.", "Victoria", None, 6174041),
    ("Researchers in Cambridge, Massachusetts, at Harvard and MIT published the study.", "Cambridge", None, 4931972),
    ("Scientists in Cambridge and Oxford led the trial.", "Cambridge", None, 2653941),
    ("The university in Cambridge, Ontario, opened a campus near Waterloo and Kitchener.", "Cambridge", None, 5913695),
    ("The factory in Birmingham, Alabama, makes steel.", "Birmingham", None, 4049979),
    ("Birmingham and Manchester voted to expand the tram network.", "Birmingham", None, 2655603),
    ("Protesters marched in Portland, Oregon, and Seattle.", "Portland", None, 5746545),
    ("The port of Portland, Maine, handles lobster exports.", "Portland", None, 4975802),
    ("Portland police said arrests were made near Salem and Eugene.", "Portland", None, 5746545),
    ("Tech firms in Hyderabad and Bengaluru hired more staff.", "Hyderabad", None, 1269843),
    ("Santiago, Chile, was shaken by an earthquake.", "Santiago", None, 3871336),
    ("Valencia, Spain, hosted the regatta.", "Valencia", None, 2509954),
    ("Valencia and Barcelona pushed for more trains.", "Valencia", None, 2509954),
    ("Oil workers in Valencia, Venezuela, went on strike near Maracay.", "Valencia", None, 3625549),
    ("Alexandria, Egypt, opened its new library wing.", "Alexandria", None, 361058),
    ("The court in Alexandria, Virginia, heard the case.", "Alexandria", None, 4744091),
    ("Ships sailed from Alexandria to Cairo along the Nile.", "Alexandria", None, 361058),
    ("Startups in San José, Costa Rica, raised money.", "San José", None, 3621849),
    ("Tech companies in San Jose and San Francisco laid off staff.", "San Jose", None, 5392171),
    ("The council in San Jose, California, voted.", "San Jose", None, 5392171),
    ("London, Ontario, saw its busiest summer.", "London", None, 6058560),
    ("London's mayor announced new rail lines.", "London", None, 2643743),
    ("Sydney, Nova Scotia, lost its steel plant decades ago.", "Sydney", None, 6354908),
    ("The Sydney Opera House is in Sydney, where the harbour is busy.", "Sydney", None, 2147714),
    ("Richmond, Virginia, passed a budget.", "Richmond", None, 4781708),
    ("Springfield, Illinois, is the state capital.", "Springfield", None, 4250542),
    ("Manchester, New Hampshire, hosted a rally.", "Manchester", None, 5089178),
    ("Hamilton, Ontario, steel mills are closing.", "Hamilton", None, 5969782),
    ("Hamilton, New Zealand, is near Auckland.", "Hamilton", None, 2190324),
    ("Córdoba, Argentina, exports soybeans.", "Córdoba", None, 3860259),
    ("Cordoba's mosque in Andalusia drew tourists to Spain.", "Cordoba", None, 2519240),
    ("Washington state and Oregon opened their borders.", "Washington", None, 5815135),
    ("Seattle, Washington, had rain.", "Washington", None, 5815135),
    ("Kingston, Jamaica, hosted the summit.", "Kingston", None, 3489854),
    ("Tripoli, Lebanon, saw clashes.", "Tripoli", None, 266826),
    ("The port of Tripoli in Libya was closed.", "Tripoli", None, 2210247),
    ("Dover, Delaware, is the state capital.", "Dover", None, 4142290),
    ("Pilgrims prayed in Jerusalem's Old City.", "Jerusalem", None, 281184),     # not the governorate
    ("Gas fields near Groningen caused small earthquakes.", "Groningen", None, 2755251),
    ("Quebec's premier called an election.", "Quebec", None, 6115047),             # the province, not the city
    ("Trucks queued at Dover to cross to Calais.", "Dover", None, 2651048),
]


@pytest.mark.parametrize("text, name, publisher, geonames_id", AMBIGUOUS)
def test_ambiguous_place_names_resolve_from_the_article(nlp, text, name, publisher, geonames_id):
    assert resolved(nlp, text, name, publisher).get("geonames_id") == geonames_id


def test_a_state_abbreviation_qualifies_a_city(nlp):
    text = "The company is based in Irvine, Calif., and sells phones."
    assert resolved(nlp, text, "Irvine")["admin1"] == "US-CA"
    assert resolved(nlp, text, "Calif.")["canonical"] == "California"


def test_a_later_bare_mention_follows_the_qualified_one(nlp):
    text = "The plant in Paris, Texas, will hire 200 workers. Paris has 25,000 residents."
    doc = nlp(text)
    ids = {s._.claimx_entity["geonames_id"] for s in doc.spans[ENTITIES_KEY] if s.text == "Paris"}
    assert ids == {PARIS_TX}


def test_the_dateline_places_the_article(nlp):
    text = "PERTH, May 2 (Reuters) - Ore exports rose, the port authority said."
    assert resolved(nlp, text, "PERTH")["geonames_id"] == PERTH_AU


def test_a_dateline_names_a_city(nlp):
    text = "WASHINGTON, May 2 (Reuters) - Lawmakers from Florida and Ohio voted on the budget."
    assert resolved(nlp, text, "WASHINGTON")["geonames_id"] == 4140963


def test_a_city_state_is_its_country_whatever_it_is_listed_with(nlp):
    for text in ("Our customers in Singapore and Seoul signed.", "Trade with Singapore and Japan grew."):
        entity = resolved(nlp, text, "Singapore")
        assert (entity["kind"], entity["geonames_id"]) == ("country", 1880251)


def test_publisher_country_breaks_a_close_tie(nlp):
    text = "Researchers in Cambridge published the study on Monday."
    assert resolved(nlp, text, "Cambridge", "US")["geonames_id"] == 4931972
    assert resolved(nlp, text, "Cambridge", "GB")["geonames_id"] == 2653941


@pytest.mark.parametrize("name, point, admin1, country", [
    ("Texas", "capital", "US-TX", "US"),       # a US state: its GeoNames id, its capital's point
    ("France", "capital", None, "FR"),         # a country: at its capital
    ("Europe", "feature", None, None),         # a continent has its own point
    ("Scotland", "capital", "GB-SCT", "GB"),   # GeoNames id from admin1_geonames.json
    ("Ontario", "capital", "CA-ON", "CA"),
    ("Bavaria", "capital", "DE-BY", "DE"),
    ("Mumbai", "feature", "IN-MH", "IN"),
    ("Catalonia", "capital", "ES-CT", "ES"),   # an English name of a division (division_names.json)
    ("Chechnya", "capital", "RU-CE", "RU"),
    ("Barcelona", "feature", "ES-CT", "ES"),   # admin1 read off where Catalonia's capital lies
    ("Gaza", "capital", None, "PS"),           # features.json with the city that stands for it
])
def test_countries_divisions_and_continents_get_a_representative_point(name, point, admin1, country):
    place = lookup_place(name)
    assert (place.point, place.admin1, place.country) == (point, admin1, country)
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_a_place_the_data_has_no_point_for_keeps_kind_and_country(nlp):
    entity = resolved(nlp, "Tankers crossed the Middle East before reaching port.", "Middle East")
    assert entity["kind"] == "region" and "lat" not in entity and "geonames_id" not in entity


def test_france_and_paris_have_different_ids_and_paris_texas_another(nlp):
    fr = resolved(nlp, "Tourists crowded the cafes of Paris.", "Paris")["id"]
    tx = resolved(nlp, "The plant in Paris, Texas, will hire.", "Paris")["id"]
    assert fr != tx


# --- the pure choice ---------------------------------------------------------------------------------------

def test_choose_place_prefers_the_big_city_without_evidence():
    assert choose_place("Paris", place_candidates("Paris"), Evidence()).geonames_id == PARIS_FR


def test_choose_place_weighs_the_article():
    evidence = Evidence()
    evidence.add(lookup_place("Dallas"))
    evidence.add(lookup_place("Houston"))
    assert choose_place("Paris", place_candidates("Paris"), evidence).geonames_id == PARIS_TX


def test_qualify_needs_a_candidate_inside_the_qualifier():
    assert qualify(place_candidates("Georgia"), place_candidates("Arizona")) is None
    inside, qualifier = qualify(place_candidates("Perth"), place_candidates("Scotland"))
    assert [p.geonames_id for p in inside] == [PERTH_GB] and qualifier.admin1 == "GB-SCT"


def test_choose_place_of_nothing_is_nothing():
    assert choose_place("Nowhere", (), Evidence()) is None
