"""What a date expression says before any reference date is applied, and the TIMEX3 value strings it becomes.

`DateParts` is the interface between the grammar (text → parts) and the resolver (parts + reference date → value).
The value helpers here read and write TIMEX3 calendar values: 2021-08-17, 2021-W33, 2021-08, 2021-Q3, 2021-H1,
2021-SU, 2021, 199 (a decade), 19 (a century).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Coarse to fine. A resolved value may be as coarse as its expression, never finer.
GRAINS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
GRAIN_RANK = {grain: rank for rank, grain in enumerate(GRAINS)}


@dataclass(frozen=True)
class DateParts:
    """The parts of one date expression. Unset fields are None; see normalize/dates/__init__.py for the conventions."""

    year: int | None = None  # explicit year; with year_digits == 2 only its last two digits ('98, FY24, 8/17/21)
    year_digits: int = 4
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    week: bool = False  # "the week of March 6": the ISO week holding the date
    weekend: bool = False
    quarter: int | None = None
    half: int | None = None
    season: str | None = None  # SP SU FA WI
    decade: int | None = None  # the TIMEX digits: 199 for the 1990s
    decade_yy: int | None = None  # "the '90s": the century comes from the reference date
    century: int | None = None  # the TIMEX digits: 19 for the 20th century
    holiday: str | None = None
    unit: str | None = None  # a counted or named calendar unit: day week month quarter half year decade century
    shift: int | None = None  # units from the anchor (last year -1, this week 0, in two days +2); on a named
    #                           month, weekday, season or holiday: the previous (-1) / this (0) / next (+1) one
    year_shift: int | None = None  # "July last year", "next year's first quarter"
    week_shift: int | None = None  # "Tuesday of next week"
    anchor: str = "ref"  # ref: the reference date; context: the date last mentioned ("a year earlier", "that year")
    fallback: str | None = None  # "ref": with no date mentioned before, count from the reference date instead
    compare: bool = False  # the period a year before the one just discussed ("the year-ago quarter", "a year earlier")
    period: str | None = None  # the kind of period compared or named ("quarter", "period" = whatever was discussed)
    latest: bool = False  # "the latest quarter": the last one completed
    fiscal: bool = False  # said as a fiscal period ("fiscal 2024", "FY24", "Q3 FY24", "this fiscal")
    split_from: int | None = None  # a split year's first year: 2013 in "2013/14" (year holds the second)
    month_end: int | None = None  # the last month of a range of months: "October-December 2017", "April to June"
    by_month: bool = False  # a quarter named by its last month ("the March quarter"): a calendar quarter
    quarter_month: int | None = None  # the month that names a quarter ("the December quarter"): its last month
    months: int | None = None  # a run of months: "the nine months ended Sept. 30", "9M FY24"
    vague: bool = False  # "a few years ago", "recent years": a date, but no value can be given
    mod: str | None = None  # TIMEX3 mod: START MID END APPROX BEFORE AFTER


def phrase_key(text: str) -> str:
    """A vocabulary lookup key: lower case, spaces and hyphens as one space, straight apostrophes."""
    return re.sub(r"[\s-]+", " ", text.lower().replace("\u2019", "'")).strip()


def expression_grain(parts: DateParts) -> str:
    """The finest grain the expression itself names."""
    if parts.day is not None or parts.holiday is not None:
        return "week" if parts.week else "day"
    if parts.weekday is not None:
        return "day"
    if parts.weekend:
        return "week"
    if parts.month is not None:
        return "month"
    if parts.season is not None:
        return "season"
    if parts.quarter is not None:
        return "quarter"
    if parts.half is not None:
        return "half"
    if parts.compare or parts.period or parts.latest:
        return "day"  # "the year-ago period" takes the grain of the period just discussed
    if parts.unit is not None:
        return "week" if parts.unit == "fortnight" else parts.unit
    if parts.year is not None:
        return "year"
    if parts.decade is not None or parts.decade_yy is not None:
        return "decade"
    if parts.century is not None:
        return "century"
    return "day"


_VALUE_FORMS = (
    ("day", re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")),
    ("week", re.compile(r"^(\d{4})-W(\d\d)(?:-WE)?$")),
    ("month", re.compile(r"^(\d{4})-(\d\d)$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
    ("century", re.compile(r"^(\d{2})$")),
    # Fiscal periods (TimeML: the fiscal year named by the year it ends in) and intervals of years or months.
    ("year", re.compile(r"^FY(\d{4})$")),
    ("quarter", re.compile(r"^FY(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^FY(\d{4})-H([12])$")),
    ("year", re.compile(r"^(\d{4})/(\d{4})$")),
    ("month", re.compile(r"^(\d{4})-(\d\d)/(\d{4})-(\d\d)$")),
)


_FISCAL_VALUE = re.compile(r"^FY(\d{4})(?:-([QH])([1-4]))?$")


def parse_fiscal_value(value: str) -> tuple[int, str | None, int | None] | None:
    """'FY2024-Q3' → (2024, 'Q', 3); 'FY2024' → (2024, None, None); anything else → None."""
    found = _FISCAL_VALUE.match(value)
    if not found:
        return None
    return int(found.group(1)), found.group(2), int(found.group(3)) if found.group(3) else None


def grain_of_value(value: str) -> str | None:
    """The grain of a TIMEX3 calendar value, or None when the string is not one."""
    for grain, form in _VALUE_FORMS:
        if form.match(value):
            return grain
    return None


def day_value(day: dt.date) -> str:
    return day.isoformat()


def week_value(day: dt.date, weekend: bool = False) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_index_value(index: int) -> str:
    """A month counted as year * 12 + month - 1, so that shifting months is plain arithmetic."""
    return month_value(index // 12, index % 12 + 1)


def quarter_value(index: int) -> str:
    """A quarter counted as year * 4 + quarter - 1."""
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def half_value(index: int) -> str:
    """A half counted as year * 2 + half - 1."""
    return f"{index // 2:04d}-H{index % 2 + 1}"


def value_year(value: str) -> int:
    """The (first) year a value names: 2024 for 2024-Q3, FY2024-Q3 and 2024/2025."""
    return int(value[2:6]) if value.startswith("FY") else int(value[:4])


def shift_value_years(value: str, years: int) -> str | None:
    """The same period `years` years away: 1989-Q3 → 1988-Q3, 1989-08-12 → 1988-08-12 (29 February → 28),
    FY2024-Q3 → FY2023-Q3, 2023-04/2023-12 → 2022-04/2022-12."""
    if value.startswith("FY"):
        shifted = shift_value_years(value[2:], years)
        return "FY" + shifted if shifted else None
    if "/" in value:
        first, last = (shift_value_years(part, years) for part in value.split("/"))
        return f"{first}/{last}" if first and last else None
    grain = grain_of_value(value)
    if grain in (None, "decade", "century"):
        return None
    year = int(value[:4]) + years
    if year < 1 or year > 9999:
        return None
    rest = value[4:]
    if grain == "day" and rest == "-02-29":
        rest = "-02-28"
    if grain == "week" and rest[2:4] == "53":
        rest = rest[:2] + "52" + rest[4:]
    return f"{year:04d}{rest}"
