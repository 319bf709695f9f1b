"""Places the statistical NER missed, found in the gazetteer of claimx.normalize.places, with the context an
ambiguous name needs ("Nice", "Reading", "Jordan")."""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities.context import DocContext
from claimx.components.entities.cues import cue_before
from claimx.components.entities.lexicon import function_words
from claimx.components.entities.mentions import Mention, is_capitalized_text
from claimx.normalize.places import Place, common_word_places, lookup_place, name_like_places, place_key

MAX_PLACE_TOKENS = 5
_NOT_PLACE = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}  # "in March", "in May"
# A gazetteer city with no other support must be this big: smaller towns share names with too much else.
CITY_MIN_POPULATION = 100_000
_CONNECTORS = {"of", "the", "de", "del", "la", "le", "du", "and", "-", ".", "'", "am", "upon", "on", "es", "al", "el"}


def find_places(doc: Doc, context: DocContext) -> list[Mention]:
    """Gazetteer matches, longest first, left to right, kept when the context supports a place."""
    texts, lowers = context.texts, context.lowers
    capitalized = [is_capitalized_text(text) for text in texts]
    breaks = [context.is_space[i] or not (capitalized[i] or lowers[i] in _CONNECTORS) for i in range(len(texts))]
    mentions: list[Mention] = []
    i = 0
    while i < len(texts):
        found = None
        if capitalized[i] and lowers[i] not in function_words() and context.ent_types[i] not in _NOT_PLACE:
            for n in range(min(MAX_PLACE_TOKENS, len(texts) - i), 0, -1):
                end = i + n
                if not capitalized[end - 1] or any(breaks[i:end]):
                    continue
                place = lookup_place(context.span_text(i, end))
                if place is not None and _supported(doc, context, i, end, place):
                    found = Mention(i, end, "PLACE", "place", place=place)
                    break
        if found:
            mentions.append(found)
            i = found.end
        else:
            i += 1
    return mentions


def _supported(doc: Doc, context: DocContext, start: int, end: int, place: Place) -> bool:
    """Whether a gazetteer hit that the NER did not tag is a place here."""
    key = place_key(context.span_text(start, end))
    in_caps = context.line_of(start) in context.caps_lines
    strong_context = (context.after_place_preposition(start) or context.is_dateline(start, end)
                      or before_place(doc, end) or _place_cue(context, start, end))
    if key in common_word_places() or key in name_like_places():
        return strong_context
    if _inside_longer_name(doc, start, end, in_caps):
        return False
    if place.kind == "city" and place.population < CITY_MIN_POPULATION and end - start == 1:
        return strong_context
    return True


def _place_cue(context: DocContext, start: int, end: int) -> bool:
    """ "the northern town of Afula", "fled Knin" (models/entities/label_cues.jsonl)."""
    cue = cue_before(context, start)
    return cue is not None and cue.label == "PLACE"


def before_place(doc: Doc, end: int) -> bool:
    """"Hamar, Norway": a name followed by a comma and a country or region."""
    if end + 1 < len(doc) and doc[end].text == ",":
        for n in (3, 2, 1):
            if end + 1 + n <= len(doc):
                place = lookup_place(doc[end + 1:end + 1 + n].text)
                if place is not None and place.kind in {"country", "region"}:
                    return True
    return False


def _inside_longer_name(doc: Doc, start: int, end: int, in_caps: bool) -> bool:
    """"Boston Globe", "Bank of China", "Paris Saint-Germain": a place word inside some other name."""
    if in_caps:
        return False  # in a capitals line every word looks like a name
    after = doc[end] if end < len(doc) else None
    if after is not None and not after.is_space and after.text[:1].isupper() and after.is_alpha:
        return True
    if start >= 2 and doc[start - 1].lower_ in {"of", "for", "de"} and doc[start - 2].text[:1].isupper():
        return True
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.is_alpha and before.text[:1].isupper() and before.lower_ not in function_words():
        return not _sentence_start(doc, start - 1)
    return False


def _sentence_start(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    before = doc[i - 1]
    return before.is_space or "\n" in before.whitespace_ or before.text in {".", "!", "?", '"', "“", ":", "-", "—"}
