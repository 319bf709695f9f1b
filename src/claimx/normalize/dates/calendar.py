"""Calendar arithmetic for the date resolver: bounds of months, quarters, halves and seasons, holidays, Easter, and
the first and last day of a TIMEX3 value. Pure functions."""

from __future__ import annotations

import datetime as dt
from functools import cache

from claimx.assets import load_json
from claimx.normalize.dates.parts import grain_of_value, parse_fiscal_value, phrase_key

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _bound_of_interval_or_fiscal(value: str, first_month: int, last: bool) -> dt.date | None:
    """The first (or last) day of an interval ("2023-04/2023-12") or a fiscal value; None for any other value."""
    if "/" in value:
        part = value.split("/")[last]
        return end_of(part, first_month) if last else start_of(part, first_month)
    fiscal = fiscal_value_bounds(value, first_month)
    return fiscal[last] if fiscal is not None else None


def start_of(value: str, first_month: int = 1) -> dt.date:
    """The first day of a TIMEX3 value (year or finer; a fiscal value under the calendar starting in `first_month`)."""
    bound = _bound_of_interval_or_fiscal(value, first_month, last=False)
    if bound is not None:
        return bound
    grain = grain_of_value(value)
    year = int(value[:4])
    if grain == "day":
        return dt.date.fromisoformat(value)
    if grain == "week":
        return dt.date.fromisocalendar(year, int(value[6:8]), 1)
    if grain == "month":
        return dt.date(year, int(value[5:7]), 1)
    if grain == "quarter":
        return dt.date(year, 3 * int(value[6]) - 2, 1)
    if grain == "half":
        return dt.date(year, 6 * int(value[6]) - 5, 1)
    if grain == "season":
        return dt.date(year, SEASON_MONTHS[value[5:7]][0], 1)
    return dt.date(year, 1, 1)


def end_of(value: str, first_month: int = 1) -> dt.date:
    """The last day of a TIMEX3 value (year or finer; a fiscal value under the calendar starting in `first_month`)."""
    bound = _bound_of_interval_or_fiscal(value, first_month, last=True)
    if bound is not None:
        return bound
    grain = grain_of_value(value)
    start = start_of(value)
    if grain == "day":
        return start
    if grain == "week":
        return start + dt.timedelta(days=6)
    if grain == "month":
        return month_bounds(start.year, start.month)[1]
    if grain == "quarter":
        return month_bounds(start.year, start.month + 2)[1]
    if grain == "half":
        return month_bounds(start.year, start.month + 5)[1]
    if grain == "season":
        return season_bounds(start.year, value[5:7])[1]
    return dt.date(start.year, 12, 31)


def fiscal_year_of(day: dt.date, first_month: int) -> int:
    """The fiscal year (named by the year it ends in) holding `day`."""
    if first_month == 1:
        return day.year
    return day.year + 1 if day.month >= first_month else day.year


def fiscal_bounds(year: int, first_month: int, quarter: int | None = None, half: int | None = None,
                  months: int | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal year `year`, of one of its quarters or halves, or of its first `months` months."""
    start_index = (year - (first_month != 1)) * 12 + first_month - 1  # months counted as year * 12 + month - 1
    length = 12
    if quarter is not None:
        start_index, length = start_index + 3 * (quarter - 1), 3
    elif half is not None:
        start_index, length = start_index + 6 * (half - 1), 6
    elif months is not None:
        length = months
    end_index = start_index + length - 1
    start = dt.date(start_index // 12, start_index % 12 + 1, 1)
    return start, month_bounds(end_index // 12, end_index % 12 + 1)[1]


def fiscal_value_bounds(value: str, first_month: int) -> tuple[dt.date, dt.date] | None:
    parsed = parse_fiscal_value(value)
    if parsed is None:
        return None
    year, kind, number = parsed
    return fiscal_bounds(year, first_month, number if kind == "Q" else None, number if kind == "H" else None)


def safe_date(year: int, month: int, day: int) -> dt.date:
    """A calendar date; 29 February of a common year becomes the 28th."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return month_bounds(year, 3 * quarter - 2)[0], month_bounds(year, 3 * quarter)[1]


def half_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    return month_bounds(year, 6 * half - 5)[0], month_bounds(year, 6 * half)[1]


def season_bounds(year: int, season: str) -> tuple[dt.date, dt.date]:
    """A season of `year`; winter YEAR runs from December YEAR into the next February."""
    first, last = SEASON_MONTHS[season]
    return month_bounds(year, first)[0], month_bounds(year + (last < first), last)[1]


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a holiday of models/dates/vocab.json (by its lower-case name) in `year`."""
    rule = _holidays().get(name)
    if rule is None:
        return None
    if "easter" in rule:
        return easter_sunday(year) + dt.timedelta(days=rule["easter"])
    if "day" in rule:
        return dt.date(year, rule["month"], rule["day"])
    first = dt.date(year, rule["month"], 1)
    if rule["nth"] > 0:
        day = first + dt.timedelta(days=(rule["weekday"] - first.weekday()) % 7 + 7 * (rule["nth"] - 1))
    else:
        last = month_bounds(year, rule["month"])[1]
        day = last - dt.timedelta(days=(last.weekday() - rule["weekday"]) % 7)
    return day + dt.timedelta(days=rule.get("plus_days", 0))


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@cache
def _holidays() -> dict[str, dict[str, int]]:
    return {phrase_key(k): v for k, v in load_json("dates", "vocab.json")["holidays"].items()}
