"""Wire datelines at the start of a paragraph: where the story was filed and by which agency.

    NAIROBI, Kenya (AP) _ President …          1990s AP: an underscore for the dash
    MIAMI (Reuters) - The …                     LONDON, March 3 (Reuters) - …
    WASHINGTON — The …                          PARIS, Jan 5 (AFP) -- …
    Tokyo, Aug. 6 (Jiji Press)--Toyota …        New Delhi, Feb 14 (PTI) - …   (in title case: date and agency)
    LONDON 1996-08-30                           a line of its own, as Reuters' 1996 corpus has it

A dateline is metadata, not prose: its place is a PLACE and its agency an ORG, and no speaker, claim or other
entity may include it. Pure functions: text in, character ranges out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:\s*,\s*(?:19|20)\d\d)?|\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d-\d\d-\d\d)"
_CAPS_WORD = r"[A-Z][A-Z'’.-]*[A-Z.]"
_REGION_WORD = r"[A-Z][A-Za-z'’.-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:[ -]{_CAPS_WORD}){{0,3}})"
    rf"(?:\s*,\s*(?P<region>(?!{_MONTH}\s+\d){_REGION_WORD}(?:\s{_REGION_WORD}){{0,2}}))?"
    rf"(?:\s*,?\s*(?P<date>{_DATE}))?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w&.-]*(?:[ -][A-Z][\w&.-]*){0,3})\))?"
    # "(Jiji Press)--Toyota", "(PPI): The budget", "KOBE, Japan—Sumitomo"
    r"(?P<dash>\s*(?:_{1,2}|-{1,2}|—|–)(?=\s)|(?<=\))\s*(?:-{1,2}|—|–|:)(?=\s|[A-Z])|—(?=[A-Z]))?"
)
# In title case a dateline needs both its date and its agency: "Tata Motors (TTM) - shares…" is no dateline.
_TITLE_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_TITLE_DATELINE = re.compile(
    rf"(?P<place>{_TITLE_WORD}(?: {_TITLE_WORD}){{0,2}})"
    rf"(?:\s*,\s*(?P<region>(?!{_MONTH}\s+\d){_TITLE_WORD}(?: {_TITLE_WORD}){{0,2}}))?"
    rf"\s*,?\s*(?P<date>{_DATE})"
    r"\s*\((?P<agency>[A-Za-z][\w&.-]*(?:[ -][A-Z][\w&.-]*){0,3})\)"
    r"(?P<dash>\s*(?:_{1,2}|-{1,2}|—|–|:)(?=\s|[A-Z]))"
)
_LETTERS = re.compile(r"[^\W\d_]")
_MAX_PLACE = 40
# Capitalized labels that open a paragraph with a dash like a dateline but name no place ("EDITOR’S NOTE —").
_NOT_PLACES = frozenset("NOTE EDITOR EDITORS UPDATE UPDATED CORRECTION CLARIFICATION BREAKING EXCLUSIVE ANALYSIS "
                        "OPINION COMMENT WATCH VIDEO PHOTOS PHOTO LIVE REVIEW INTERVIEW FACT CHECK Q&A".split())  # characters: "RIO DE JANEIRO, Brazil" fits, a shouted sentence does not


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # after the dash (or the date, for a line of its own)
    places: tuple[tuple[int, int], ...]  # "NAIROBI", "Kenya"
    agency: tuple[int, int] | None = None  # "AP"


def match_dateline(line: str) -> re.Match | None:
    """The dateline that opens `line` (stripped of its indentation), if it has one."""
    match = _DATELINE.match(line)
    if match is None or len(match["place"]) > _MAX_PLACE or not re.search(r"[A-Z]{2}", match["place"]) \
            or _NOT_PLACES.intersection(re.split(r"[ ’'-]+", match["place"])):
        return None
    rest = line[match.end():].strip()
    if match["dash"]:
        if not rest:
            return match if match["agency"] else None
        head = rest[:60]
        shouted = head.upper() == head and len(_LETTERS.findall(head)) >= 6  # "SOCCER - JAPAN WIN": a headline
        return None if shouted or rest[0].islower() else match
    if not rest and (match["date"] or match["agency"]):
        return match  # "LONDON 1996-08-30" on its own line
    return None


_PARAGRAPH_START = re.compile(r"(?:^|\n)[ \t]*(?=[A-Z])")
_TOP_LINES = 10  # a bare "PLACE —" is a dateline among the first lines (blank ones count), or under a headline


def find_datelines(text: str) -> list[Dateline]:
    """The datelines opening the paragraphs of `text` (a reading view: wrapped lines already joined, so a line
    start is a paragraph start). One with an agency or a date may open any paragraph (a digest of briefs has one
    per item); a bare "WASHINGTON —" only near the top or right under an all-caps headline ("NATO — The
    alliance …" deep in a story is a sentence)."""
    found = []
    for start in _PARAGRAPH_START.finditer(text):
        position = start.end()
        line_end = text.find("\n", position)
        line = text[position:line_end if line_end >= 0 else len(text)]
        match = match_dateline(line) if line[:2].isupper() else _TITLE_DATELINE.match(line)
        if match is None or not (match["agency"] or match["date"] or _near_top(text, position)
                                 or _under_headline(text, position)):
            continue
        places = [(position + match.start("place"), position + match.end("place"))]
        if match["region"]:
            places.append((position + match.start("region"), position + match.end("region")))
        agency = (position + match.start("agency"), position + match.end("agency")) if match["agency"] else None
        found.append(Dateline(position, position + match.end(), tuple(places), agency))
    return found


def _near_top(text: str, position: int) -> bool:
    return text.count("\n", 0, position) < _TOP_LINES


def _under_headline(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    previous = before[before.rfind("\n") + 1:].strip()
    return bool(previous) and previous.upper() == previous and any(c.isalpha() for c in previous)
