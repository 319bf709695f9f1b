"""Metonymy, as news uses it: a place named for who governs there. Run after names are propagated.

- a seat of power ("the Vatican", "the Kremlin", "Downing Street", "the White House") is an ORG — it speaks, acts,
  decides — unless the text uses it as a location: after a preposition of place ("at the Vatican", "outside
  Downing Street") or before a location noun ("the White House lawn"), then it is a PLACE;
- a capital ("Washington", "Moscow") is a PLACE unless it speaks or acts: a speech or decision verb right after it
  ("Washington announced", "unless Washington intervenes"; not a copula: "Paris is beautiful") or a spokesperson
  before it ("a spokesman for Washington"), and never after a preposition of place ("an official in Baghdad said").
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities.context import DocContext
from claimx.components.entities.cues import word_lists
from claimx.components.entities.mentions import Mention
from claimx.normalize.places import lookup_place

_AUXILIARIES = {"has", "had", "have", "also", "again", "quickly", "later", "then", "did"}


def resolve_metonymy(doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
    """Seats of power and capitals: ORG when they speak or act, PLACE as locations (see the module doc)."""
    lists = word_lists()
    seats, capitals = lists["metonymy_seats"], lists["metonymy_capitals"]
    mentions = mentions + _missing_seats(doc, mentions, context, seats)
    for m in mentions:
        text = context.mention_text(m)
        if text in seats:
            located = _after_place_preposition(context, m) or _before_location_noun(context, m, lists)
            label = "PLACE" if located else "ORG"
        elif text in capitals and m.label in {"PLACE", "ORG"}:
            acts = speaks(context, m, lists) and not _after_place_preposition(context, m)
            label = "ORG" if acts else m.label
        else:
            continue
        if label != m.label:
            m.label, m.place = label, lookup_place(text) if label == "PLACE" else None
    return sorted(mentions, key=lambda m: m.start)


def _after_place_preposition(context: DocContext, m: Mention) -> bool:
    """ "in the White House", "at the Vatican", "in Washington"."""
    start = m.start - 1 if m.start > 0 and context.lowers[m.start - 1] == "the" else m.start
    return context.after_place_preposition(start)


def _before_location_noun(context: DocContext, m: Mention, lists: dict[str, frozenset[str]]) -> bool:
    following = context.lowers[m.end:m.end + 2]
    return bool(following) and (following[0] in lists["seat_location_words"]
                                or " ".join(following) in lists["seat_location_words"])


def speaks(context: DocContext, m: Mention, lists: dict[str, frozenset[str]]) -> bool:
    """A speech or decision verb right after the name (past an auxiliary), or a spokesperson before it."""
    following = context.lowers[m.end:m.end + 3]
    while following and following[0] in _AUXILIARIES:
        following = following[1:]
    if following and following[0] in lists["metonymy_capital_verbs"]:
        return True
    before = " ".join(context.lowers[max(0, m.start - 3):m.start])
    return any(before.endswith(phrase) for phrase in lists["metonymy_speakers"])


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
