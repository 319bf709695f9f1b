"""The label check after the statistical NER: what the article shows about a name decides ORG, PLACE or PERSON.

Evidence, strongest first:
- the article writes the name as a person's (with a first name, "Nikki Haley", or a title, "Mr Haley"): PERSON
  stays, whatever else says otherwise;
- the words around it (models/entities/label_cues.jsonl): "the northern town of Afula", "fled Knin" → PLACE,
  "shares of Netflix", "Moderna said in a statement", "Pfizer's vaccine" → ORG;
- the gazetteer: a country, region or well-known city the NER called a person ("Sri Lanka") is a place, and so is a
  town with a cue or its country named nearby;
- the company it keeps: a one-word "person" listed with organizations ("Google, Twitter and Facebook") is one;
- how the article labels the same name elsewhere: a label a cue settled holds for every mention of the name.
A PERSON label is never left on a name the gazetteer, the organization patterns or the article show to be a place,
a company or a product. Names of documents ("Agriculture Bill", "Trust Principles") and date words ("May 13",
"Saturday") are not entities at all.

Metonymy (`metonymy`, after names are propagated): a seat of power ("the Vatican", "Downing Street", "the
Kremlin") or a capital ("Washington", "Moscow") is an ORG when it speaks or acts — a speech or decision verb
right after it ("the Vatican said", "Washington announced"), or a spokesperson before it ("a spokesman for
Downing Street") — and a PLACE otherwise ("in Washington", "at the Vatican"). A capital after a preposition of
place stays a place even before a verb ("an official in Baghdad said").
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities import lexicon
from claimx.components.entities.context import DocContext
from claimx.components.entities.cues import country_nearby, date_words, label_cue, word_lists
from claimx.components.entities.mentions import Mention
from claimx.normalize.places import lookup_place, name_like_places, place_candidates, place_key

_WELL_KNOWN_CITY = 100_000
_LIST_WORDS = {",", "and", "or", "&"}
_AUXILIARIES = {"has", "had", "have", "also", "again", "quickly", "later", "then", "will", "would", "had", "did"}


def check_labels(doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
    """Drop what is no entity, then correct labels from the article's own evidence (see the module doc)."""
    mentions = [m for m in mentions if not _not_an_entity(context, m)]
    personal = _personal_names(doc, mentions, context)
    countries = _article_countries(mentions)
    settled: dict[str, str] = {}  # name → label a cue or the gazetteer settled
    for m in mentions:
        if m.source not in {"ner", "place"}:
            continue
        text = context.mention_text(m)
        if text in personal and m.label == "PERSON":
            continue
        label = _evidence(context, m, text, personal, countries)
        if label is not None and label != m.label:
            m.label = label
            m.place = lookup_place(text) if label == "PLACE" else None
        if label is not None:
            settled.setdefault(text, label)
    for m in mentions:
        text = context.mention_text(m)
        if m.source == "ner" and text in settled and m.label != settled[text] and text not in personal:
            m.label = settled[text]
            m.place = lookup_place(text) if m.label == "PLACE" else None
    _listed_with_orgs(context, mentions, personal)
    return mentions


def _not_an_entity(context: DocContext, m: Mention) -> bool:
    words = context.texts[m.start:m.end]
    dates = date_words()
    if any(word in dates for word in words) and all(word in dates or not word.isalpha() for word in words):
        return m.label != "PERSON"  # "May 13", "Saturday"; but a person may be called May
    return len(words) > 1 and words[-1] in word_lists()["document_heads"]  # "Agriculture Bill"


def _personal_names(doc: Doc, mentions: list[Mention], context: DocContext) -> set[str]:
    """Names the article writes as a person's: the words of multi-word PERSON mentions ("Nikki Haley" → "Haley")
    and names after a title ("Mr Haley")."""
    names = set()
    for m in mentions:
        if m.label == "PERSON" and len(m) > 1:
            names.update(w for w in context.texts[m.start:m.end] if w[:1].isupper() and len(w) > 1)
            names.add(context.mention_text(m))
        if m.start > 0 and context.lowers[m.start - 1] in lexicon.honorifics():
            names.add(context.mention_text(m))
    return names


def _article_countries(mentions: list[Mention]) -> set[str]:
    return {m.place.country for m in mentions
            if m.label == "PLACE" and m.place is not None and m.place.kind == "country" and m.place.country}


def _evidence(context: DocContext, m: Mention, text: str, personal: set[str], countries: set[str]) -> str | None:
    """The label the article's evidence gives this mention, or None when it says nothing new."""
    cue = label_cue(context, m.start, m.end)
    place = lookup_place(text)
    if cue is not None and cue.label == "PLACE":
        if place is not None or m.label == "PLACE":
            return "PLACE"
    if cue is not None and cue.label == "ORG" and text not in personal:
        if m.label == "PERSON" or (m.label == "PLACE" and place is None):  # "the Milan stock market" stays
            return "ORG"
    if m.label != "PLACE" and place is not None and _bracketed(context, m) and _well_known(place):
        return "PLACE"  # "Benetton (Italy)", "Headingley (Leeds)": a place in brackets after a name
    if m.label == "PERSON" and text not in personal and place is not None and place_key(text) not in name_like_places():
        if _well_known(place):
            return "PLACE"
        towns = {p.country for p in place_candidates(text) if p.kind == "city"}
        if context.after_place_preposition(m.start) or country_nearby(context, m.start, m.end, towns & countries):
            return "PLACE"
    return None


def _well_known(place) -> bool:
    return place.kind in {"country", "continent", "region"} or place.population >= _WELL_KNOWN_CITY


def _bracketed(context: DocContext, m: Mention) -> bool:
    return (m.start > 0 and m.end < len(context.texts) and context.texts[m.start - 1] == "("
            and context.texts[m.end] == ")")


def _listed_with_orgs(context: DocContext, mentions: list[Mention], personal: set[str]) -> None:
    """ "companies like Google, Twitter and Netflix": a one-word "person", or a "place" the gazetteer does not know,
    listed with organizations is one."""
    for i, m in enumerate(mentions):
        text = context.mention_text(m)
        unknown_place = m.label == "PLACE" and lookup_place(text) is None
        if not (m.label == "PERSON" or unknown_place) or len(m) != 1 or text in personal:
            continue
        neighbours = [mentions[j] for j in (i - 1, i + 1) if 0 <= j < len(mentions)]
        if any(n.label == "ORG" and _listed(context, n, m) for n in neighbours):
            m.label, m.place = "ORG", None


def _listed(context: DocContext, a: Mention, b: Mention) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = context.lowers[first.end:second.start]
    return 1 <= len(gap) <= 2 and all(word in _LIST_WORDS for word in gap)


def metonymy(doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
    """Seats of power and capitals: ORG when they speak or act, PLACE otherwise (see the module doc)."""
    lists = word_lists()
    seats, capitals = lists["metonymy_seats"], lists["metonymy_capitals"]
    mentions = mentions + _missing_seats(doc, mentions, context, seats)
    for m in mentions:
        text = context.mention_text(m)
        if text not in seats and text not in capitals:
            continue
        acts = _acts(context, m, lists, seat=text in seats) and not context.after_place_preposition(m.start)
        if acts and m.label != "ORG":
            m.label, m.place = "ORG", None
        elif not acts and (text in seats or m.label == "ORG") and m.label != "PLACE":
            m.label, m.place = "PLACE", lookup_place(text)
    return sorted(mentions, key=lambda m: m.start)


def _acts(context: DocContext, m: Mention, lists: dict[str, frozenset[str]], *, seat: bool) -> bool:
    following = context.lowers[m.end:m.end + 3]
    if seat and following and following[0] in lists["metonymy_nouns"]:  # "Pentagon spokesman"
        return True
    while following and following[0] in _AUXILIARIES:
        following = following[1:]
    verbs = lists["metonymy_verbs"] if seat else lists["metonymy_capital_verbs"]
    if following and following[0] in verbs:
        return True
    before = " ".join(context.lowers[max(0, m.start - 3):m.start])
    return any(before.endswith(phrase) for phrase in lists["metonymy_speakers"] if phrase)


def _missing_seats(doc: Doc, mentions: list[Mention], context: DocContext, seats: frozenset[str]) -> list[Mention]:
    """Seats the NER left out or called a building ("the Kremlin" as FAC): found by name."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    first_words = {seat.split()[0] for seat in seats}
    added = []
    for i, word in enumerate(context.texts):
        if word not in first_words or i in covered:
            continue
        for n in (3, 2, 1):
            if i + n <= len(doc) and context.span_text(i, i + n) in seats and not covered & set(range(i, i + n)):
                added.append(Mention(i, i + n, "PLACE", "place"))
                covered.update(range(i, i + n))
                break
    return added
