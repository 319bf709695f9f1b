"""How much an article is about each of its entities, read off the finished record (docs/salience.md).

Each entity (one canonical `id`) gets a `salience` in [0, 1], a weighted sum of what a reader sees:

    0.30 · mentions       log2(1 + n) / log2(1 + 8): one mention 0.32, three 0.63, eight or more 1
    0.20 · first mention  1 − (offset of the first mention in the story / the story's length): the lead weighs
                          most; the story starts at its first line of 60 characters or more after the
                          headline, so bylines and datelines count as no first mention
    0.20 · headline       1 when the headline (or title) names it
    0.15 · claims         1 as the speaker of a claim, 0.5 per claim it stands in (a claim's subject), at most 1
    0.15 · figures        money and dates attached: 0.25 per amount or date within 120 characters after one of
                          its mentions in the same paragraph, at most 1

times 0.7 for a place (a country the story happens in is rarely what it is about) and rounded to 3 decimals.
The record's `about` lists the ids scoring at least 0.25 and at least 70% of the best, most salient first, at
most three.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

WEIGHTS = {"mentions": 0.30, "first": 0.20, "headline": 0.30, "claims": 0.10, "figures": 0.10}
AGENCY_FACTOR = 0.3  # a news agency (models/salience/news_agencies.txt) is the source, not the subject
PLACE_FACTOR = 0.7
FULL_MENTIONS = 8
FIGURE_WINDOW = 120  # characters after a mention in which an amount or date belongs to it
ABOUT_MIN, ABOUT_SHARE, ABOUT_MAX = 0.25, 0.7, 3


def entity_key(entity: Any) -> str:
    return entity.id or f"{entity.label}:{entity.canonical or entity.text}"


def salience(text: str, entities: list, claims: list, figures: list, headlines: list[tuple[int, int]]
             ) -> dict[str, float]:
    """Entity key (the `id`) → salience. `figures`: money and date mentions (anything with start/end);
    `headlines`: character ranges of the headline(s)."""
    groups: dict[str, list] = {}
    same = _short_names(entities)
    for entity in entities:
        groups.setdefault(same.get(entity_key(entity), entity_key(entity)), []).append(entity)
    lead = _lead_start(text, headlines)
    length = max(len(text) - lead, 1)
    claim_parts = _claim_parts(claims, entities)
    headline_words = _headline_words(text, headlines)
    agencies = news_agencies()
    scores = {}
    for key, mentions in groups.items():
        first = min((m.start for m in mentions if m.start >= lead), default=None)
        parts = {
            "mentions": min(1.0, math.log2(1 + len(mentions)) / math.log2(1 + FULL_MENTIONS)),
            "first": 0.0 if first is None else 1.0 - (first - lead) / length,
            "headline": 1.0 if any(_inside(m, headlines) for m in mentions) or _named_in(
                mentions, headline_words) else 0.0,
            "claims": min(1.0, claim_parts.get(key, 0.0)),
            "figures": min(1.0, 0.25 * _attached_figures(text, mentions, figures)),
        }
        score = sum(WEIGHTS[name] * value for name, value in parts.items())
        if mentions[0].label == "PLACE":
            score *= PLACE_FACTOR
        if any(m.text in agencies or m.canonical in agencies for m in mentions):
            score *= AGENCY_FACTOR
        scores[key] = round(min(1.0, max(0.0, score)), 3)
    for short, full in same.items():  # "Tsang" weighs with "Donald Tsang", and says so
        scores[short] = scores[full]
    return scores


def _short_names(entities: list) -> dict[str, str]:
    """Key of a short name → key of the one longer name it stands for, when the entities layer gave them two
    ids: an organization's first words ("Nordvik" → "Nordvik Energy ASA") or acronym ("RDR" → "Rally for the
    Return of Refugees and Democracy"), a person's surname ("Tsang" → "Donald Tsang")."""
    names: dict[str, tuple[str, list[str]]] = {}
    for e in entities:
        if e.label in {"ORG", "PERSON"} and e.canonical:
            names.setdefault(entity_key(e), (e.label, e.canonical.split()))
    same = {}
    for key, (label, words) in names.items():
        longer = [k for k, (lab, w) in names.items() if lab == label and len(w) > len(words) and (
            _company_of(words, w) or _acronym_of(words, w) if label == "ORG" else set(words) < set(w))]
        if len(longer) == 1:
            same[key] = longer[0]
    return same


def _company_of(short: list[str], words: list[str]) -> bool:
    """"Nordvik" of "Nordvik Energy ASA": the first words of a name that ends in a legal form (not "TikTok" of
    "TikTok Store", a product)."""
    return words[:len(short)] == short and words[-1].lower() in _legal_forms()


@cache
def _legal_forms() -> frozenset[str]:
    from claimx.assets import load_lines

    return frozenset(load_lines("entities", "org_suffixes.txt"))


def _acronym_of(short: list[str], words: list[str]) -> bool:
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return len(short) == 1 and short[0].isupper() and 2 <= len(short[0]) <= 6 and short[0] == initials


def about(scores: dict[str, float], entities: list) -> list[str]:
    """The few ids the article is about, most salient first (entities without an id, and short names of a
    longer one, are left out)."""
    ids = {e.id for e in entities if e.id} - set(_short_names(entities))
    ranked = sorted(((s, key) for key, s in scores.items() if key in ids), key=lambda x: (-x[0], x[1]))
    if not ranked:
        return []
    best = ranked[0][0]
    return [key for s, key in ranked if s >= ABOUT_MIN and s >= ABOUT_SHARE * best][:ABOUT_MAX]


def headline_ranges(text: str, title: str | None, headlines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the headline is: the ranges ingestion marked, else the title where the text repeats it, else a
    short first line (a plain-text article's headline)."""
    if headlines:
        return list(headlines)
    if title and title in text:
        start = text.index(title)
        return [(start, start + len(title))]
    first_line = text.split("\n", 1)[0]
    stripped = first_line.rstrip()
    if "\n" in text and 0 < len(stripped) <= 100 and not stripped.endswith(('”', '"')):
        return [(0, len(first_line))]
    return []


@cache
def news_agencies() -> frozenset[str]:
    from claimx.assets import load_lines

    return frozenset(load_lines("salience", "news_agencies.txt"))


def _headline_words(text: str, headlines: list[tuple[int, int]]) -> str:
    """The headline's words, case-folded, space-separated and padded: " austria dominate scotland "."""
    words = " ".join(re.findall(r"\w+", " ".join(text[start:end] for start, end in headlines)))
    return f" {words.casefold()} " if words else ""


def _named_in(mentions: list, headline_words: str) -> bool:
    """The headline names the entity even where the entities layer underlined nothing there (a capitals
    headline, "KLINSMANN TO RETIRE"): its name, or a person's surname, among the headline's words."""
    if not headline_words:
        return False
    names = {m.text for m in mentions} | {m.canonical for m in mentions if m.canonical}
    if mentions[0].label == "PERSON":
        names |= {name.split()[-1] for name in names if len(name.split()) > 1}
    for name in names:
        words = " ".join(re.findall(r"\w+", name)).casefold()
        if len(words) > 2 and f" {words} " in headline_words:
            return True
    return False


def _lead_start(text: str, headlines: list[tuple[int, int]]) -> int:
    """Where the story starts: the first line of some length after the headline. Bylines and datelines
    ("LONDON 1996-08-30") stand before it and say nothing about what the story is about."""
    offset = max((end for _, end in headlines), default=0)
    for line in text[offset:].split("\n"):
        if len(line.strip()) >= 60:
            return offset
        offset += len(line) + 1
    return 0


def _inside(m: Any, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= m.start and m.end <= end for start, end in ranges)


def _claim_parts(claims: list, entities: list) -> dict[str, float]:
    """Entity key → its part in the claims: 0.5 per claim as its speaker, 0.5 per claim it stands in."""
    parts: dict[str, float] = {}
    for claim in claims:
        speaker = claim.speaker
        if speaker is not None:
            for entity in entities:
                if (entity.start < speaker.end and speaker.start < entity.end) or (
                        speaker.canonical and speaker.canonical == entity.canonical):
                    parts[entity_key(entity)] = parts.get(entity_key(entity), 0.0) + 0.5
                    break
        for key in {entity_key(entities[i]) for i in claim.entities}:
            parts[key] = parts.get(key, 0.0) + 0.5
    return parts


def _attached_figures(text: str, mentions: list, figures: list) -> int:
    attached = set()
    for m in mentions:
        for index, figure in enumerate(figures):
            if m.end <= figure.start <= m.end + FIGURE_WINDOW and "\n\n" not in text[m.end:figure.start]:
                attached.add(index)
    return len(attached)
