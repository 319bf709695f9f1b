"""The label check after the statistical NER: what the article shows about a name decides ORG, PLACE or PERSON.

Evidence, strongest first:
- the article writes the name as a person's — with a first name ("Nikki Haley"), a title ("Mr Haley", "Gov.
  Haley"), a role ("entrepreneur Vivek Ramaswamy") or as a president's ("the Trump administration"): PERSON, and
  PERSON stays whatever else says;
- the words around it (models/entities/label_cues.jsonl): "the northern town of Afula", "fled Knin" → PLACE,
  "shares of Netflix", "Moderna said in a statement", "Pfizer's vaccine" → ORG;
- the gazetteer: a country, region or well-known city the NER called a person ("Sri Lanka"), or an organization
  outside a sports report ("Copenhagen's metro"), is a place, and so is a town after a preposition of place or
  with its country named nearby; a known place in brackets after a name ("Benetton (Italy)") is one too;
- the name itself and how the text refers to it: a "person" whose name ends like a company's ("Caeneus Minerals")
  and its short forms, one the text calls "its", or an acronym ("IND") is an organization;
- its role in a claim: a "place" the gazetteer does not know that speaks ("Vandrel said") is an organization;
- a short list of web platforms the NER takes for people ("writing on Twitter"): always organizations;
- the company it keeps: a one-word "person" (or a "place" the gazetteer does not know) listed with organizations
  ("Google, Twitter and Netflix") is an organization;
- how the article labels the same name elsewhere: a label this evidence settled holds for every mention of it.
So a PERSON label is never left on a name the gazetteer, the organization patterns or the article show to be a
place, a company or a product. Some names are no entity at all: documents and laws ("Agriculture Bill", "Trust
Principles"), terms a text defines ('the "Service"'), storms ("Storm Ciarán"), date words ("May 13",
"Saturday") and identifiers in code ("Path(__file__)").

Seats of power and capitals ("the Vatican said", "in Washington") are settled afterwards, in metonymy.py.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from claimx.components.entities import lexicon
from claimx.components.entities.context import DocContext
from claimx.components.entities.cues import country_nearby, cue_before, date_words, label_cue, word_lists
from claimx.components.entities.mentions import Mention
from claimx.components.entities.metonymy import speaks
from claimx.components.entities.sports import is_sports_report
from claimx.normalize.places import lookup_place, name_like_places, place_candidates, place_key

_WELL_KNOWN_CITY = 100_000
_LIST_WORDS = {",", "and", "or", "&"}
_CODE_BEFORE = {"import", "def", "class", "new", "return"}
_POSSESSIVE = {"'s", "’s"}
_VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)*\+?$")
_IT_WINDOW = 6
_CODE_NOUNS = {"object", "objects", "class", "classes", "method", "methods", "namespace", "module", "modules",
               "function", "functions", "instance", "instances", "attribute", "attributes", "constructor"}
# A term the text defines: '"Content" shall refer to', '“This License” refers to', '(the "Service")'.
_DEFINED = re.compile(
    r"""[“"](?:[Tt]he |[Tt]his )?([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})[”"]\)?,?\s(?:means|refers|shall|is defined)"""
    r"""|\((?:together,\s)?(?:collectively,\s)?(?:the\s)?[“"]([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})[”"]\)""")


def check_labels(doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
    """Drop what is no entity, then correct labels from the article's own evidence (see the module doc)."""
    mentions = drop_non_entities(mentions, context)
    for m in mentions:  # company names and roles first: they decide what "personal" means below
        if m.source == "ner" and m.label == "PERSON" and _company_name(context, m):
            m.label = "ORG"  # "Caeneus Minerals", "Pirelli Cables"
        elif m.source == "ner" and m.label != "PERSON" and _person_cue(context, m):
            m.label, m.place = "PERSON", None
    personal = _personal_names(mentions, context)
    titled = _titled_names(mentions, context)
    _short_company_names(context, mentions, titled)
    countries = _article_countries(mentions)
    settled: dict[str, str] = {}  # name → the label the evidence settled
    for m in mentions:
        if m.source not in {"ner", "place"}:
            continue
        text = context.mention_text(m)
        label = _evidence(context, m, text, personal, titled, countries)
        if label is not None and label != m.label:
            m.label = label
            m.place = lookup_place(text) if label == "PLACE" else None
        if label is not None:
            settled.setdefault(text, label)
    for m in mentions:
        text = context.mention_text(m)
        if m.source == "ner" and m.label != settled.get(text, m.label) and (
                text not in personal or settled[text] == "PERSON"):
            m.label = settled[text]
            m.place = lookup_place(text) if m.label == "PLACE" else None
    _listed_with_orgs(context, mentions, personal)
    return sorted(mentions + _cued_places(context, mentions), key=lambda m: m.start)


_MAX_TOWN_TOKENS = 3


def _cued_places(context: DocContext, mentions: list[Mention]) -> list[Mention]:
    """ "the mining town of Moengo": a capitalized name right after a settlement cue is a place, even one neither
    the NER nor the gazetteer knows."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for i, text in enumerate(context.texts):
        if i in covered or not text[:1].isupper() or not text.isalpha() or text in date_words():
            continue
        cue = cue_before(context, i)
        if cue is None or cue.id != "place-settlement-of" or context.in_headline(i, i + 1):
            continue
        end = i + 1
        while (end < len(context.texts) and end - i < _MAX_TOWN_TOKENS and end not in covered
               and context.texts[end][:1].isupper() and context.texts[end].isalpha()):
            end += 1
        added.append(Mention(i, end, "PLACE", "place", place=lookup_place(context.span_text(i, end))))
        covered.update(range(i, end))
    return added


def _not_an_entity(context: DocContext, m: Mention, defined: set[str]) -> bool:
    words = context.texts[m.start:m.end]
    text = context.mention_text(m)
    lists = word_lists()
    dates = date_words()
    if any(word in dates for word in words) and all(word in dates or not word.isalpha() for word in words):
        return m.label != "PERSON"  # "May 13", "Saturday"; but a person may be called May
    heads = lists["document_heads"]
    if len(words) > 1 and (words[-1] in heads or (words[0] in heads and words[1] == "of")):
        return True  # "Agriculture Bill", "Terms of Service"
    if text in defined or (len(words) > 1 and words[0] in lists["event_first_words"]):
        return True
    events = lists["event_last_words"]
    if m.label != "PERSON" and ((len(words) > 1 and words[-1] in events) or _before_event_word(context, m, events)):
        return True  # "Hong Kong Open", "Fed Cup"; "U.S." in "the U.S. Open"
    return _code_identifier(context, m)


def _before_event_word(context: DocContext, m: Mention, events: frozenset[str]) -> bool:
    following = context.texts[m.end:m.end + 2]
    return bool(following) and (following[0] in events or " ".join(following) in events)


def _code_identifier(context: DocContext, m: Mention) -> bool:
    """ "from pathlib import Path", "Path(__file__)", "pathlib.Path objects": a name in code is an identifier."""
    start_char, end_char = context.char_bounds(m.start, m.end)
    if context.text[end_char:end_char + 1] == "(" or context.text[max(0, start_char - 1):start_char] == ".":
        return True
    following = context.lowers[m.end:m.end + 1]
    if following and following[0] in _CODE_NOUNS:
        return True
    return _software(context, m) or (
        m.start > 0 and context.lowers[m.start - 1] in _CODE_BEFORE and context.texts[m.start - 1].islower())


def _software(context: DocContext, m: Mention) -> bool:
    """ "Python 3.6", "Python's pathlib module": software with its version or one of its modules."""
    following = context.lowers[m.end:m.end + 3]
    if len(following) == 3 and following[0] in _POSSESSIVE and following[2] in _CODE_NOUNS:
        return True
    return bool(following) and _VERSION.match(following[0]) is not None


def drop_non_entities(mentions: list[Mention], context: DocContext) -> list[Mention]:
    """Documents, defined terms, events, date words and code identifiers (see the module doc). Run again at the
    end: names propagated or aliased after the check ("the Service" after "Terms of Service") are no more entities
    than the ones it dropped. Software the article shows with a version or a module ("Python 3.6") is no entity
    anywhere in it ("the Python standard library")."""
    defined = {m.group(1) or m.group(2) for m in _DEFINED.finditer(context.text)}
    software = {context.mention_text(m) for m in mentions if _software(context, m)}
    return [m for m in mentions if context.mention_text(m) not in software and not _not_an_entity(context, m, defined)]


def _company_name(context: DocContext, m: Mention) -> bool:
    last = context.lowers[m.end - 1]
    return len(m) > 1 and (last in word_lists()["company_last_words"] or last in lexicon.org_heads()
                           or last in lexicon.org_suffixes())


def _short_company_names(context: DocContext, mentions: list[Mention], titled: set[str]) -> None:
    """ "Quellan" after "Quellan Minerals" is the company."""
    shorts = set()
    for m in mentions:
        if m.label == "ORG" and _company_name(context, m):
            words = context.texts[m.start:m.end - 1]
            shorts.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    for m in mentions:
        text = context.mention_text(m)
        if m.source == "ner" and m.label == "PERSON" and text in shorts and text not in titled:
            m.label = "ORG"


def _person_cue(context: DocContext, m: Mention) -> bool:
    cue = label_cue(context, m.start, m.end)
    if cue is None or cue.label != "PERSON":
        return False
    place = lookup_place(context.mention_text(m))
    return place is None or place.kind == "city"


def _personal_names(mentions: list[Mention], context: DocContext) -> set[str]:
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


def _titled_names(mentions: list[Mention], context: DocContext) -> set[str]:
    """Names the article gives a title or a role ("Gov. Nikki Haley", "entrepreneur Vivek Ramaswamy"), and their
    words: stronger evidence than the NER's own PERSON, which also falls on "Pirelli Cables"."""
    names = set()
    for m in mentions:
        before = context.lowers[m.start - 1] if m.start > 0 else ""
        if m.label == "PERSON" and (before in lexicon.honorifics() or _person_cue(context, m)):
            names.add(context.mention_text(m))
            if len(m) > 1:
                names.update(w for w in context.texts[m.start:m.end] if w[:1].isupper() and len(w) > 1)
    return names


def _article_countries(mentions: list[Mention]) -> set[str]:
    return {m.place.country for m in mentions
            if m.label == "PLACE" and m.place is not None and m.place.kind == "country" and m.place.country}


def _evidence(context: DocContext, m: Mention, text: str, personal: set[str], titled: set[str],
              countries: set[str]) -> str | None:
    """The label the article's evidence gives this mention, or None when it says nothing new."""
    place = lookup_place(text)
    if text in word_lists()["platforms"] and text not in titled:
        return "ORG"  # "writing on Twitter", "follow us on Instagram"
    if text in titled and m.label != "PERSON" and (place is None or not _well_known(place)):
        return "PERSON"  # "Haley" after "Gov. Nikki Haley"
    if text in personal and (len(m) == 1 or text in titled):  # a full name is no evidence for itself
        return None
    cue = label_cue(context, m.start, m.end)
    if cue is not None and cue.label == "PLACE" and (
            place is not None or m.label == "PLACE" or cue.id == "place-settlement-of"
            or country_nearby(context, m.start, m.end)):  # "fled Knin ... Croatia said"
        return "PLACE"
    if cue is not None and cue.label == "ORG":
        if m.label == "PERSON" or (m.label == "PLACE" and place is None):  # "the Milan stock market" stays
            return "ORG"
    if (m.label == "ORG" and m.source == "ner" and place is not None and _well_known(place) and cue is None
            and not is_sports_report(context.doc, context) and text not in word_lists()["metonymy_seats"]):
        return "PLACE"  # "Copenhagen's metro": outside sports pages a known city is a place, not a team
    if m.label == "PLACE" and place is None and speaks(context, m, word_lists()):
        return "ORG"  # a claim's speaker the gazetteer does not know as a place: "Vandrel said"
    if m.label != "PLACE" and place is not None and _bracketed(context, m) and _well_known(place):
        return "PLACE"  # "Benetton (Italy)", "Headingley (Leeds)": a place in brackets after a name
    if m.label == "PERSON" and _acronym(context, m):
        return "ORG"  # "IND 315/5": people are not written as acronyms
    if m.label == "PERSON" and len(m) == 1 and _referred_to_as_it(context, m):
        return "ORG"  # "Caeneus also topped up its coffers": a company
    if m.label == "PERSON" and place is not None and place_key(text) not in name_like_places():
        if _well_known(place):
            return "PLACE"
        towns = {p.country for p in place_candidates(text) if p.kind == "city"}
        if context.after_place_preposition(m.start) or country_nearby(context, m.start, m.end, towns & countries):
            return "PLACE"
    return None


def _referred_to_as_it(context: DocContext, m: Mention) -> bool:
    """ "its" in the clause right after a one-word name, before any personal pronoun."""
    for word in context.lowers[m.end:m.end + _IT_WINDOW]:
        if word in {"its", "itself"}:
            return True
        if word in {"he", "she", "his", "her", "him", "they", "their", ".", ";", "and", "but", "who"}:
            return False
    return False


def _well_known(place) -> bool:
    return place.kind in {"country", "continent", "region"} or place.population >= _WELL_KNOWN_CITY


def _bracketed(context: DocContext, m: Mention) -> bool:
    return (m.start > 0 and m.end < len(context.texts) and context.texts[m.start - 1] == "("
            and context.texts[m.end] == ")")


def _acronym(context: DocContext, m: Mention) -> bool:
    text = context.mention_text(m)
    return len(m) == 1 and text.isupper() and 2 <= len(text) <= 5 and context.line_of(m.start) not in context.caps_lines


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
