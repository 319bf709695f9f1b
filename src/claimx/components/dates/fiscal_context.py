"""The fiscal calendar a document follows, read off the finished entity and money layers.

The article may state it ("the fiscal year ending June 30"); else it is the calendar of the company the story is
about, for the few large ones that keep their own (models/dates/calendars.json: Microsoft July–June); else that of
the country the story is about, as far as the article shows it: the currency of its amounts, the countries of its places, the publisher's
country (`doc._.claimx_country`). A story about public finances (budget, deficit, borrowing) takes the government's
calendar, which differs from the companies' in the US and the UK. No country with a calendar of its own: none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from claimx.extensions import ENTITIES_KEY, MONEY_KEY, doc_text
from claimx.normalize.dates.fiscal import (
    FiscalContext,
    calendars_data,
    company_calendar,
    country_calendar,
    currency_country,
    stated_calendar,
)

# How much each kind of evidence counts towards the story's country.
_CURRENCY_WEIGHT, _PLACE_WEIGHT, _PUBLISHER_WEIGHT, _CUE_WEIGHT = 2, 1, 3, 1


def fiscal_context(doc: Doc, text: str, fiscal_dates: bool) -> FiscalContext:
    """`fiscal_dates`: whether the grammar found a date said as a fiscal one ("FY24", "fiscal 2024", "this fiscal")."""
    stated = stated_calendar(text)
    government = len({word.group().lower() for word in _government_words().finditer(text)}) >= 2
    country = company_calendar(story_company(text)) or country_calendar(story_country(doc), government=government)
    calendar = stated or country
    if stated and country and stated.first_month == country.first_month:
        calendar = replace(stated, named_by=country.named_by)  # Japan's press names "fiscal 2014" as it begins
    elif stated and country and stated.source == "article-part" and stated.is_calendar_year:
        calendar = country  # "TPG's half year to June 30" in a wrap of Australian results: TPG's year, not FY24's
    said = fiscal_dates or (calendar is not None and calendar.source.startswith("article"))
    # Unmarked quarters become fiscal ones only where the story itself says periods as fiscal ones.
    return FiscalContext(calendar=calendar, fiscal_story=said, fiscal_dates=said)


def fiscal_near(fiscal: FiscalContext, text: str, start: int, end: int) -> FiscalContext:
    """The context of a split year: a fiscal story when the document says fiscal periods, or when money words stand
    near it ("borrowing in 2023-24"), not when a long page mentions a budget somewhere ("the crisis in 2015/16")."""
    if _season_words().match(text, end):
        return replace(fiscal, fiscal_story=False, fiscal_dates=False)  # "the 2013/14 season" of a club's accounts
    if fiscal.fiscal_story or not _fiscal_words().search(text, max(0, start - _NEAR), min(len(text), end + _NEAR)):
        return fiscal
    return replace(fiscal, fiscal_story=True)


_NEAR = 100  # characters around a split year where money words make it a fiscal year


def story_country(doc: Doc) -> str | None:
    votes: Counter[str] = Counter()
    for span in doc.spans.get(MONEY_KEY, []):
        country = currency_country((span._.claimx_money or {}).get("currency"))
        if country:
            votes[country] += _CURRENCY_WEIGHT
    for span in doc.spans.get(ENTITIES_KEY, []):
        entity = span._.claimx_entity or {}
        if span.label_ == "PLACE" and entity.get("country"):
            votes[entity["country"]] += _PLACE_WEIGHT
    if doc._.claimx_country:
        votes[doc._.claimx_country.upper()] += _PUBLISHER_WEIGHT
    for cue in _country_cues().finditer(doc_text(doc)):  # also where the entity and money layers did not run
        votes[_cue_countries()[cue.group()]] += _CUE_WEIGHT
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2) + [("", 0)]
    return best if count > rest[0][1] else None  # a tie names no country


def story_company(text: str) -> str | None:
    """The company of calendars.json the story is about: named at least twice (under any of its names: "Procter &
    Gamble … P&G"), or in the lede when no other is named, and more often than any other."""
    aliases = calendars_data()["company_aliases"]
    found = [aliases.get(name.group(), name.group()) for name in _companies().finditer(text)]
    counts = Counter(found).most_common(2) + [("", 0), ("", 0)]
    (best, count), (_, runner_up) = counts[0], counts[1]
    in_lede = count == 1 and runner_up == 0 and any(
        aliases.get(name.group(), name.group()) == best for name in _companies().finditer(text, 0, _LEDE))
    return best if (count >= 2 or in_lede) and count > runner_up else None


_LEDE = 400  # characters: where a company named once is what the story is about


def _word_regex(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


@cache
def _government_words() -> re.Pattern[str]:
    return _word_regex(calendars_data()["government_words"])


@cache
def _fiscal_words() -> re.Pattern[str]:
    return _word_regex(calendars_data()["fiscal_words"])


@cache
def _season_words() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(calendars_data()["season_words"], key=len, reverse=True))
    return re.compile(rf"\s+(?:[A-Z][\w.&'-]*\s+){{0,3}}(?i:{words})\b")  # names capitalised, the word in any case


@cache
def _cue_countries() -> dict[str, str]:
    """Cue → country, each cue also in capitals as a dateline writes it ("ISLAMABAD")."""
    cues = {cue: country for country, cues in calendars_data()["country_cues"].items() for cue in cues}
    return cues | {cue.upper(): country for cue, country in cues.items() if len(cue) > 3 and cue.upper() not in cues}


@cache
def _country_cues() -> re.Pattern[str]:
    cues = sorted(_cue_countries(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)")


@cache
def _companies() -> re.Pattern[str]:
    names = sorted(calendars_data()["companies"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
