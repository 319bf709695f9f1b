"""Each place mention resolved to one GeoNames feature, from what the article shows: the qualifier written next
to it ("Paris, Texas"), the article's other places and dateline, the publisher's country. The choice itself is
claimx.normalize.places.geocode (pure); this step only reads the evidence off the doc."""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities.context import DocContext
from claimx.components.entities.mentions import Mention
from claimx.normalize.names import entity_id
from claimx.normalize.places import Place, place_candidates, place_key
from claimx.normalize.places.geocode import Evidence, choose_place, qualify

_KIND_WORDS = {"state": {"region"}, "province": {"region"}, "city": {"city"}}


def geocode_places(doc: Doc, mentions: list[Mention], context: DocContext) -> None:
    """Set each PLACE mention's `place` to the feature the article means; its canonical name and id follow
    (the id of a place with a GeoNames feature is made from the feature: Paris, Texas is not Paris)."""
    places = [m for m in mentions if m.label == "PLACE"]
    if not places:
        return
    names = [context.mention_text(m) for m in places]
    candidates = [_kind_named(place_candidates(name) or ((m.place,) if m.place else ()), m, context)
                  for m, name in zip(places, names)]
    chosen, by_qualified_name = _qualified(places, names, candidates, context)
    for i in range(len(places)):  # names that are one place wherever they stand
        if i not in chosen and len(candidates[i]) == 1:
            chosen[i] = candidates[i][0]
    publisher = doc._.claimx_country
    dateline = _dateline_country(places, names, candidates, chosen, publisher, context)
    settled = set(chosen)
    lists = _lists(places, context)
    for _ in range(2):  # twice: "Valencia and Barcelona" are both ambiguous, and each tells where the other is
        guesses = dict(chosen)
        for i in range(len(places)):
            if i not in settled:
                key = place_key(names[i])
                evidence = _evidence(chosen, names, key, publisher, dateline)
                evidence.listed = tuple(chosen[j] for j in lists.get(i, ()) if chosen.get(j) is not None
                                        and place_key(names[j]) != key)
                guesses[i] = by_qualified_name.get(key) or choose_place(names[i], candidates[i], evidence)
        chosen = guesses
    for i, m in enumerate(places):
        _set_place(m, chosen[i])


def _qualified(places: list[Mention], names: list[str], candidates: list[tuple[Place, ...]], context: DocContext
               ) -> tuple[dict[int, Place | None], dict[str, Place]]:
    """"Paris, Texas": the name and its qualifier decide each other. The places chosen so, by mention index,
    and by name (a later bare "Paris" is the same Paris)."""
    chosen: dict[int, Place | None] = {}
    by_name: dict[str, Place] = {}
    for i, m in enumerate(places[:-1]):
        following = places[i + 1]
        if following.start == m.end + 1 and context.texts[m.end] == ",":
            qualified = qualify(candidates[i], candidates[i + 1])
            if qualified is not None:
                chosen[i] = choose_place(names[i], qualified[0], Evidence())
                chosen[i + 1] = qualified[1]
                by_name.setdefault(place_key(names[i]), chosen[i])
    return chosen, by_name


def _dateline_country(places: list[Mention], names: list[str], candidates: list[tuple[Place, ...]],
                      chosen: dict[int, Place | None], publisher: str | None, context: DocContext) -> str | None:
    """The country of the place the dateline names ("PERTH, May 2 -"), which the rest of the article weighs."""
    for i, m in enumerate(places):
        if context.is_dateline(m.start, m.end):
            place = chosen.get(i) or choose_place(names[i], candidates[i], _evidence(chosen, names, "", publisher))
            return place.country if place else None
    return None


def _set_place(m: Mention, place: Place | None) -> None:
    """The mention's place, its name (a place is called what the gazetteer calls it, whatever longer name
    the article used nearby: "Arizona" after "Arizona Republic") and its id."""
    m.place = place or m.place
    if m.place is not None:
        m.canonical = m.place.canonical
        feature = m.place.geonames_id
        m.id = entity_id("PLACE", f"geonames:{feature}" if feature is not None else m.canonical)


def _evidence(chosen: dict[int, Place | None], names: list[str], key: str, publisher: str | None,
              dateline: str | None = None) -> Evidence:
    """What the article's other names (not `key`) say: each distinct place once."""
    evidence = Evidence(dateline_country=dateline, publisher_country=publisher)
    for place in {p for i, p in chosen.items() if p is not None and place_key(names[i]) != key}:
        evidence.add(place)
    return evidence


_LIST_WORDS = {",", "and", "or", "&"}


def _lists(places: list[Mention], context: DocContext) -> dict[int, list[int]]:
    """Place index → the other places written in one list with it: "Georgia, Arizona and Ohio"."""
    groups: list[list[int]] = []
    for i, m in enumerate(places):
        gap = context.lowers[places[i - 1].end:m.start] if i else None
        if gap and all(word in _LIST_WORDS for word in gap) and len(gap) <= 2:
            groups[-1].append(i)
        else:
            groups.append([i])
    return {i: [j for j in group if j != i] for group in groups if len(group) > 1 for i in group}


def _kind_named(candidates: tuple[Place, ...], m: Mention, context: DocContext) -> tuple[Place, ...]:
    """"Washington state", "New York City": a word after the name that says which kind of place it is. A
    dateline names a city ("WASHINGTON, May 2 -"), or a city-state's country ("SINGAPORE")."""
    kinds = _KIND_WORDS.get(context.lowers[m.end] if m.end < len(context.lowers) else "")
    if kinds is None and context.is_dateline(m.start, m.end):
        kinds = {"city", "country"}
    return tuple(c for c in candidates if c.kind in kinds) or candidates if kinds else candidates
