"""What the words around a name say it is: the cue rules of models/entities/label_cues.jsonl ("the town of",
"shares of", "said in a statement") and the word lists of models/entities/label_words.json, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.assets import load_json, load_jsonl
from claimx.components.entities.context import DocContext

MAX_CUE_WORDS = 4


@dataclass(frozen=True)
class Cue:
    id: str
    label: str


@dataclass(frozen=True)
class CueTable:
    before: dict[tuple[str, ...], Cue]  # lower-cased words right before a name → cue
    after: dict[tuple[str, ...], Cue]  # lower-cased words right after it → cue


@cache
def cue_table() -> CueTable:
    before: dict[tuple[str, ...], Cue] = {}
    after: dict[tuple[str, ...], Cue] = {}
    for rule in load_jsonl("entities", "label_cues.jsonl"):
        cue = Cue(rule["id"], rule["label"])
        for phrase in rule.get("before", ()):
            before[_words(phrase)] = cue
        for phrase in rule.get("after", ()):
            after[_words(phrase)] = cue
    return CueTable(before, after)


def _words(phrase: str) -> tuple[str, ...]:
    """ "'s shares" and "’s shares" are two tokens, as spaCy splits them."""
    return tuple(phrase.lower().split())


@cache
def word_lists() -> dict[str, frozenset[str]]:
    data = load_json("entities", "label_words.json")
    return {key: frozenset(values) for key, values in data.items() if not key.startswith("_")}


def date_words() -> frozenset[str]:
    return word_lists()["date_words"]


def numbered_heads() -> frozenset[str]:
    return word_lists()["numbered_heads"]


def cue_before(context: DocContext, start: int) -> Cue | None:
    """The cue whose words end right before token `start` ("the northern town of | Afula")."""
    table = cue_table().before
    for n in range(min(MAX_CUE_WORDS, start), 0, -1):
        cue = table.get(tuple(context.lowers[start - n:start]))
        if cue is not None:
            return cue
    return None


def cue_after(context: DocContext, end: int) -> Cue | None:
    """The cue whose words start right after token `end - 1` ("Pfizer | said in a statement")."""
    table = cue_table().after
    for n in range(min(MAX_CUE_WORDS, len(context.lowers) - end), 0, -1):
        cue = table.get(tuple(context.lowers[end:end + n]))
        if cue is not None:
            return cue
    return None


def label_cue(context: DocContext, start: int, end: int) -> Cue | None:
    return cue_before(context, start) or cue_after(context, end)


COUNTRY_WINDOW = 30  # tokens either side in which a named country vouches for one of its towns


def country_nearby(context: DocContext, start: int, end: int, countries: set[str] | None = None) -> bool:
    """A country (ISO alpha-2, one of `countries`; any when None) named by the NER within COUNTRY_WINDOW tokens:
    "refugees fled Knin ... Croatia" makes the Croatian town of Knin a place."""
    from claimx.normalize.places import lookup_place

    if countries is not None and not countries:
        return False
    for ent in context.doc.ents:
        if ent.end < start - COUNTRY_WINDOW:
            continue
        if ent.start > end + COUNTRY_WINDOW:
            break
        if ent.label_ in {"GPE", "LOC", "ORG"} and not (ent.start < end and start < ent.end):
            place = lookup_place(ent.text)
            if place is not None and place.kind == "country" and (countries is None or place.country in countries):
                return True
    return False
