"""Mentions: the candidate entities every step of claimx_entities reads and rewrites, and span hygiene."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimx.components.entities.cues import date_words, numbered_heads
from claimx.normalize.places import Place, place_key

LABELS = ("ORG", "PLACE", "PERSON")
_LEADING_WORDS = {"the", "a", "an"}
_TRAILING_WORDS = {"'s", "’s", "'", "’", "s"}
_POSSESSIVES = {"'s", "’s", "'", "’"}
NAME_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "bint", "ibn", "al", "el",
                  "la", "le", "du", "dos", "das", "ter", "y", "e", "zu", "af", "st."}
_KEPT_LOWER = {"plc", "p.l.c."}
_SCORE = re.compile(r"^\d+[-–]\d+$")
_NUMBER = re.compile(r"^\d+(?:[/.:-]\d+)*$")  # "296", "315/5", "46.2": a total or a score, not a name's part
_BRACKETS = {"(", ")", "[", "]"}
_EDGE_PUNCT = set("\"'“”‘’«»()[]{},;:!?-–—/|*•·")


@dataclass
class Mention:
    start: int  # token indices into the doc
    end: int
    label: str  # ORG | PLACE | PERSON
    source: str  # which step found it: ner | place | org-pattern | alias | propagated
    place: Place | None = None
    canonical: str | None = None
    id: str | None = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]

    def canonical_key(self, doc: Doc) -> str:
        return place_key(self.span(doc).text)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token bounds without leading determiners and punctuation, trailing possessives and punctuation
    ("the Irish Data Protection Commission" → "Irish Data Protection Commission", "TikTok’s" → "TikTok").
    A dot that belongs to a token ("U.S.", "Inc.") stays."""
    while start < end and (doc[start].lower_ in _LEADING_WORDS or _is_edge(doc[start]) or doc[start].is_lower):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING_WORDS or _is_edge(doc[end - 1])
                           or doc[end - 1].text == "." or _is_tail(doc[end - 1])
                           or _trailing_number(doc, start, end - 1)):
        end -= 1
    return (start, end) if end > start else None


def _trailing_number(doc: Doc, start: int, i: int) -> bool:
    """A score, a total or a date after a name ("Leicestershire 296", "Mexico 2-0", "Calif 1996-08-30") is not
    part of it; a number after a numbering word is ("Interstate 95", "Channel 4")."""
    if not _NUMBER.match(doc[i].text) or i == start:
        return False
    return doc[i - 1].lower_ not in numbered_heads()


def _is_tail(token) -> bool:
    """Words after a name that are not part of it: "Interfax news agency", "Mexico 2-0", "Holmenkollen Saturday"."""
    return ((token.is_lower and token.text not in _KEPT_LOWER) or _SCORE.match(token.text) is not None
            or token.text in date_words())


def _is_edge(token) -> bool:
    return token.is_space or token.text in _EDGE_PUNCT or (token.is_punct and token.text != ".")


def split_lines(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A span that runs over a line break or a spaced dash is two names glued by the layout
    ("…Marketing\\nTikTok", "GERMANY - Bunds")."""
    parts, part_start = [], start
    for i in range(start, end):
        spaced_dash = doc[i].text in {"-", "–", "—", "--"} and doc[i].whitespace_ and i > 0 and doc[i - 1].whitespace_
        if spaced_dash:
            parts.append((part_start, i))
            part_start = i + 1
        elif "\n" in doc[i].text or (i + 1 < end and "\n" in doc[i].whitespace_):
            if doc[i].is_space:
                parts.append((part_start, i))
            else:
                parts.append((part_start, i + 1))
            part_start = i + 1
    parts.append((part_start, end))
    return [p for p in parts if p[1] > p[0]]


def split_inner(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Brackets and bare numbers inside a span separate names: "Hizbollah (Party of God)", "Benetton (Italy)",
    "Haitai 2 Samsung 0" (but "Interstate 95 North" is one name)."""
    parts, part_start = [], start
    for i in range(start, end):
        token = doc[i]
        if token.text in _BRACKETS or (_NUMBER.match(token.text) and i > start
                                       and doc[i - 1].lower_ not in numbered_heads()):
            parts.append((part_start, i))
            part_start = i + 1
    parts.append((part_start, end))
    return [p for p in parts if p[1] > p[0]]


def split_person(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Yorkshire at Headingley", "Caeneus’ Mallina" are two names: a person's name has no lower-case words but
    particles, and no possessive."""
    parts, part_start = [], start
    for i in range(start, end):
        if (doc[i].is_lower and doc[i].is_alpha and doc[i].text not in NAME_PARTICLES) or doc[i].text in _POSSESSIVES:
            parts.append((part_start, i))
            part_start = i + 1
    parts.append((part_start, end))
    return [p for p in parts if p[1] > p[0]]


def split_commas(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Hamar, Norway" → "Hamar" and "Norway"."""
    parts, part_start = [], start
    for i in range(start, end):
        if doc[i].text == ",":
            parts.append((part_start, i))
            part_start = i + 1
    parts.append((part_start, end))
    return [p for p in parts if p[1] > p[0]]


def is_capitalized_text(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text))
