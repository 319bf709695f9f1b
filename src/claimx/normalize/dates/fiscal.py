"""Fiscal calendars: which twelve months a fiscal year covers, and the TimeML fiscal values built on them. Pure functions.

A fiscal year is named by the calendar year it ends in (FY2024 under India's April–March calendar runs from
2023-04-01 to 2024-03-31); its quarters and halves count from its first month (FY2024-Q3 is October–December 2023).
The calendar in force comes from the article itself ("the fiscal year ending June 30", "the year to March 2015"), else
from the country whose calendar the company or government follows (models/dates/calendars.json), else there is none
and claimx gives no `calendar` rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimx.assets import load_json
from claimx.normalize.dates.calendar import fiscal_value_bounds


@dataclass(frozen=True)
class FiscalCalendar:
    first_month: int  # 4: April–March; 1: the calendar year
    named_by: str = "end"  # how the local press names "fiscal 2020": by the year it ends in, or ("start") begins in
    source: str = "article"  # article (a whole year stated) | article-part (a quarter, half or months) | company | country

    @property
    def is_calendar_year(self) -> bool:
        return self.first_month == 1


@dataclass(frozen=True)
class FiscalContext:
    """What the document says about fiscal periods: the calendar in force (or None), whether it is a results or
    budget story (its split years "2023-24" are fiscal years), and whether it says periods as fiscal ones ("FY24",
    "fiscal 2024") or states its calendar."""

    calendar: FiscalCalendar | None = None
    fiscal_story: bool = False
    fiscal_dates: bool = False

    @property
    def shifts_quarters(self) -> bool:
        """Whether 'the third quarter' said without 'fiscal' is a fiscal quarter here (India's October–December)."""
        return self.calendar is not None and not self.calendar.is_calendar_year and self.fiscal_dates


def fiscal_value(year: int, quarter: int | None = None, half: int | None = None) -> str:
    if quarter is not None:
        return f"FY{year:04d}-Q{quarter}"
    if half is not None:
        return f"FY{year:04d}-H{half}"
    return f"FY{year:04d}"


def calendar_period(value: str | None, calendar: FiscalCalendar | None) -> str | None:
    """The calendar period a fiscal value covers: '2023-Q4' when it is one calendar quarter (or '2023' one year), else
    an interval '2023-04-01/2024-03-31'. None without a known calendar or for a value that is not fiscal."""
    if value is None or calendar is None:
        return None
    bounds = fiscal_value_bounds(value, calendar.first_month)
    if bounds is None:
        return None
    start, end = bounds
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 3 and start.month % 3 == 1:
        return f"{start.year:04d}-Q{start.month // 3 + 1}"
    if months == 12 and start.month == 1:
        return f"{start.year:04d}"
    return f"{start.isoformat()}/{end.isoformat()}"


def month_interval(start_index: int, end_index: int) -> str:
    """Months counted as year * 12 + month - 1 → '2023-04/2023-12' (a quarter or half when it is one)."""
    start_year, start_month = divmod(start_index, 12)
    end_year, end_month = divmod(end_index, 12)
    length = end_index - start_index + 1
    if length == 3 and start_month % 3 == 0:
        return f"{start_year:04d}-Q{start_month // 3 + 1}"
    if length == 6 and start_month % 6 == 0:
        return f"{start_year:04d}-H{start_month // 6 + 1}"
    if length == 12 and start_month == 0:
        return f"{start_year:04d}"
    if length == 1:
        return f"{start_year:04d}-{start_month + 1:02d}"
    return f"{start_year:04d}-{start_month + 1:02d}/{end_year:04d}-{end_month + 1:02d}"


# --- the calendar the article states ------------------------------------------------------------------------------

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4,
             "six": 6, "6": 6, "nine": 9, "9": 9}
_END_DATE = (r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed|to|through)\s+(?:on\s+|in\s+)?"
             r"(?:(?P<day_before>\d{1,2})(?:st|nd|rd|th)?\s+)?"
             r"(?P<end>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
             r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])(?:\s+(?P<day_after>\d{1,2})(?!\d))?")
# Periods whose end gives away the first month of the fiscal year: "fiscal year ending June 30", "the year to March
# 2015", "the second quarter ended Dec. 31" (a July year), "the nine months ended Sept. 30" (a calendar year),
# "half-year results to 31 December" (a July year). The number is how many months the period runs.
_PERIODS_ENDING = [
    (re.compile(r"\b(?:fiscal|financial|full|business|the)[\s-]+year,?" + _END_DATE, re.IGNORECASE), 12),
    (re.compile(r"\b(?:fiscal|financial)\s+year\s+(?:ends|ended|ending)" + _END_DATE.replace(
        r"(?:ended|ending|ends|closed|to|through)\s+", "", 1), re.IGNORECASE), 12),
    (re.compile(r"\b(?P<count>first|1st|second|2nd|third|3rd|fourth|4th|final)[\s-]+(?:fiscal\s+)?quarter,?"
                + _END_DATE, re.IGNORECASE), 3),
    (re.compile(r"\b(?P<count>six|6|nine|9)[\s-]+months?,?" + _END_DATE, re.IGNORECASE), 1),
    (re.compile(r"\bhalf[\s-]+year(?:\s+results)?,?" + _END_DATE, re.IGNORECASE), 6),
]
# "the October to September financial year", "an April-March fiscal year"
_YEAR_RUNNING = re.compile(
    r"\b(?P<first>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*(?:-|–|to|through)\s*"
    r"(?P<last>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:fiscal|financial|business)\s+year", re.IGNORECASE)


def _end_month(found: re.Match[str]) -> int:
    """The month a period ends in, from the words of its end date."""
    day = found.group("day_before") or found.group("day_after")
    return closing_month(_MONTHS[found.group("end").lower().rstrip(".")], int(day) if day else None)


def closing_month(month: int, day: int | None) -> int:
    """The month a period ending on `day` of `month` really closes: a 52-53-week period 'ended Oct. 1' is
    September's."""
    return (month - 2) % 12 + 1 if day is not None and day <= 7 else month


def stated_calendar(text: str) -> FiscalCalendar | None:
    """The fiscal calendar an article states, when it states one (different ones: none)."""
    first_months = set()
    whole_year = False
    for pattern, months in _PERIODS_ENDING:
        for found in pattern.finditer(text):
            count = _ORDINALS[found.group("count").lower()] if "count" in found.re.groupindex else 1
            length = months * count if months != 1 else count  # quarters × ordinal, or a count of months
            first_months.add((_end_month(found) - length) % 12 + 1)
            whole_year = whole_year or length == 12
    for found in _YEAR_RUNNING.finditer(text):
        first, last = _MONTHS[found.group("first").lower().rstrip(".")], _MONTHS[found.group("last").lower().rstrip(".")]
        if last % 12 + 1 == first:
            first_months.add(first)
            whole_year = True
    if len(first_months) != 1:
        return None
    # Only part of a year stated ("the half year to June 30"): the calendar of that company, perhaps not the story's.
    return FiscalCalendar(first_months.pop(), source="article" if whole_year else "article-part")


# --- the calendar of a country ------------------------------------------------------------------------------------

@cache
def calendars_data() -> dict[str, Any]:
    return load_json("dates", "calendars.json")


def country_calendar(country: str | None, government: bool) -> FiscalCalendar | None:
    """The calendar the companies (or, for a story about public finances, the government) of `country` follow."""
    entry = calendars_data()["countries"].get((country or "").upper())
    if entry is None:
        return None
    first_month = entry.get("government") if government else entry.get("companies")
    if first_month is None or first_month == 1:
        return None
    return FiscalCalendar(first_month, named_by=entry.get("named_by", "end"), source="country")


def company_calendar(company: str | None) -> FiscalCalendar | None:
    """The calendar of a company of models/dates/calendars.json that keeps its own ('Microsoft': July–June)."""
    first_month = calendars_data()["companies"].get(company or "")
    named_by = calendars_data()["company_named_by"].get(company or "", "end")  # Target's "fiscal 2024" ends in 2025
    return FiscalCalendar(first_month, named_by=named_by, source="company") if first_month else None


def currency_country(currency: str | None) -> str | None:
    return calendars_data()["currencies"].get(currency or "")
