"""Date text + reference date → TIMEX3-style value: the public face of the date normalizers.

The work is split in three pure steps:
  grammar.py        text → DateMatch(start, end, rule, DateParts): the rules and vocabularies of models/dates/
  resolve.py        DateParts + reference date (+ tense, + earlier mentions) → {"value", "grain", "relative", "mod"}
                    (and "calendar"), with periods.py for fiscal and reporting periods, anchors.py for what an
                    incomplete expression is anchored to, fiscal.py for fiscal calendars
  fallback.py       dateparser, only to value a span spaCy found that no rule reads

Values (TIMEX3 calendar values, see ../shared/spec/output.md; fiscal.py for fiscal calendars):
  day 2021-08-17 · week 2021-W33 (ISO week; a weekend is 2021-W33-WE) · month 2021-08 · season 2021-SU (SP SU FA WI;
  winter YEAR runs from December YEAR into the next year) · quarter 2021-Q3 · half 2021-H1 · year 2021 ·
  decade 199 (the 1990s) · century 19 (the 20th century).
  `mod` carries what the value cannot: START / MID / END for early / mid / late and the beginning / middle / end of,
  APPROX for about / around / nearly, BEFORE / AFTER for more than / less than ... ago and pre- / post-.

Conventions worth knowing:
  * Fiscal periods are written in TimeML notation, the fiscal year named by the calendar year it ends in: "fiscal
    2024", "FY24", "FY-24", "the 2024 fiscal year" → "FY2024"; "Q3 FY24", "the third quarter of fiscal 2024" →
    "FY2024-Q3"; halves "FY2024-H1"; "this fiscal", "the previous fiscal", "next fiscal year" count from the fiscal
    year holding the reference date. Where the fiscal calendar is known (fiscal.py: stated in the article, else the
    country's, models/dates/calendars.json) the value carries `calendar`, the calendar period it covers ("2023-Q4",
    "2023-04-01/2024-03-31"), and under that calendar an ordinal quarter said alone in a story that says fiscal
    periods is a fiscal quarter (India's "third quarter" is October–December). Japan's press names "fiscal 2020" by
    the year it begins in: claimx still writes FY2021. With no calendar known, "the fiscal second quarter" stays a
    calendar quarter: nobody can say which fiscal year's.
  * Split years ("2023-24", "2023/24", "FY2023-24") are fiscal years in a results or budget story ("FY2024") and an
    interval of two years elsewhere, and always before a season word ("the 2023-24 Premier League season", "the
    2023-24 school year": "2023/2024"; models/dates/calendars.json `season_words`). A range of two full years
    ("2020-2022") is read as two years, one span each. "2021-08" (second part not the next year, 01-12) is a month.
  * Reporting periods: "the quarter ended Sept. 30" and "the March quarter" are calendar quarters; "the year to March
    2015" is FY2015; runs of months ("the nine months ended Sept. 30", "9M FY24") are month intervals
    ("2014-01/2014-09"), a calendar quarter or half when they are one; "the year-ago quarter", "the same period last
    year" are the period compared, a year earlier, in its own notation (FY2024-Q3 → FY2023-Q3); so is Australia's
    "(the) prior period". "During the period", "for the month" are the period (month) under discussion.
    A numbered quarter or half with an end date of its own is valued by that date, whatever calendar the rest of
    the story follows: "the fourth quarter ended June 30" → FY2024-Q4 (calendar 2024-Q2), "the third quarter ended
    Sept. 30" → 2024-Q3. "The 1800s" is the century ("18"); other round decades ("the 2000s") are decades.
  * All-number dates: a part above 12 decides the order (17/08/2021 is day-first, 08/17/2021 month-first). When both
    parts are 12 or less (08/07/2021) the document decides: an unambiguous all-number date in the same document sets
    the order; failing that, written dates ("17 August" vs "August 17") vote; failing that, day-first, the order of
    most of the world (`prefers_day_first`). Years written with two digits ('98, 8/17/21, FY24) are placed within
    eighty years before and nineteen after the reference date (1950-2049 without one).
  * Relative dates need the reference date (the article's publication date). Without one their value is null —
    never today's date. Expressions that refer back ("that year", "a year earlier", "the year-ago quarter") are
    valued from the dates mentioned before them.
  * A month, quarter, half, season or holiday named without a year is this year's, unless the governing verb's tense
    points past it: an already-finished one in the future tense is next year's, one not begun yet in the past tense
    last year's. A bare weekday is the reference day or the one before it, or the one after in the future tense.
  * Vague expressions ("a few years ago", "recent years") are dates with a null value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from claimx.normalize.dates.grammar import DateMatch, date_grammar
from claimx.normalize.dates.parts import DateParts, expression_grain, grain_of_value
from claimx.normalize.dates.resolve import Context, resolve

__all__ = [
    "DateMatch", "DateParts", "Context", "expression_grain", "find_dates", "grain_of_value", "parse_date",
    "prefers_day_first", "reference_date", "resolve", "resolve_date",
]


def find_dates(text: str, *, day_first: bool | None = None) -> list[DateMatch]:
    """Every date expression in `text` with its parts (no spaCy: see components/dates.py for the full layer)."""
    return date_grammar().find(text, day_first=prefers_day_first(text) if day_first is None else day_first)


def parse_date(text: str, *, day_first: bool = True) -> DateParts | None:
    """The parts of a text that is one date expression as a whole, else None."""
    return date_grammar().parse(text, day_first=day_first)


def resolve_date(text: str, published: str | None, tense: str | None = None, *,
                 day_first: bool = True) -> dict[str, Any] | None:
    """{"value", "grain", "relative", "mod"} for a text that is one date expression; None when it is not a date."""
    parts = parse_date(text, day_first=day_first)
    if parts is None:
        return None
    return resolve(parts, reference_date(published), tense)


def reference_date(published: str | None) -> dt.date | None:
    """The reference date from a YYYY-MM-DD… string (a timestamp is cut to its date); None when unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


# The look-behinds sit after the first digit, not before it: a pattern that starts with a digit lets re skip ahead to
# the next digit, three times faster over a whole article.
_NUMERIC_DATE = re.compile(r"(\d(?<![\d/.]\d)\d?)([/.])(\d\d?)\2(?:\d\d\d\d|\d\d)(?![\d/.]\d|\d)")
_MONTH_PREFIX = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DAY_MONTH = re.compile(rf"\d(?<!\w\d)\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_PREFIX}\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH_PREFIX}\.?\s+\d\d?(?:st|nd|rd|th)?\b", re.IGNORECASE)


def prefers_day_first(text: str) -> bool:
    """Whether the document writes all-number dates day first (see the module docstring for the rule)."""
    day_first = month_first = 0
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        day_first += first > 12 >= second
        month_first += second > 12 >= first
    if day_first != month_first:
        return day_first > month_first
    written_day_first, written_month_first = len(_DAY_MONTH.findall(text)), len(_MONTH_DAY.findall(text))
    if written_day_first != written_month_first:
        return written_day_first > written_month_first
    return True
