"""What a date expression missing some of its parts is anchored to: the year a period named without one falls in (by
the tense of its verb), the latest date mentioned before it, the century of a two-digit year. Pure functions shared by
resolve.py and periods.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from claimx.normalize.dates.calendar import end_of
from claimx.normalize.dates.parts import DateParts, grain_of_value

Context = Sequence[tuple[str, int]]

# How far back (in sentences) a mention may anchor an expression that refers back to it.
ANAPHORA_REACH = 6
COMPARISON_REACH = 8  # "the year-ago quarter", "a year earlier": the quarter of an earnings report
NEARBY_REACH = 1  # "a year ago" read as the quarter just discussed, a year before
CONTEXT_REACH = max(ANAPHORA_REACH, COMPARISON_REACH, NEARBY_REACH)  # older mentions are never used

SUB_YEAR = ("half", "quarter", "season", "month")


def explicit_year(p: DateParts, ref: dt.date | None) -> int | None:
    if p.year is None:
        return None
    if p.year_digits == 4:
        return p.year
    return expand_two_digit_year(p.year, ref)


def expand_two_digit_year(yy: int, ref: dt.date | None) -> int:
    """'98 → 1998: the year within eighty years before and nineteen after the reference (1950-2049 without one)."""
    low = ref.year - 80 if ref else 1950
    year = (low // 100) * 100 + yy
    return year if year >= low else year + 100


# A period named without a year is the occurrence nearest the reference date, the past one when it is less than
# this many times farther than the next (news mostly reports what happened) ...
_PAST_BIAS = 2.0
# ... unless the tense says otherwise: spoken of in the past but more than this many days ahead ("payable Dec. 7"
# in "declared a dividend payable Dec. 7" is still ahead), it is last year's; ...
_PAST_TENSE_GRACE_DAYS = {"day": 60, "month": 30}
# ... spoken of in the future but over for more than this many days, next year's. Results for a quarter or a half
# are reported, and spoken of in the future tense, for months after it ends.
_FUTURE_TENSE_GRACE_DAYS = {"day": 30, "season": 30, "quarter": 120, "half": 120}


def year_by_tense(bounds: Callable[[int], tuple[dt.date, dt.date]], ref: dt.date, tense: str | None,
                  grain: str = "day", base: int | None = None) -> int:
    """The year of a period named without one (a month, a day, a quarter, a season, a holiday); `base` is the
    (fiscal) year holding `ref` when years are not calendar years."""
    base = ref.year if base is None else base

    def days_away(year: int) -> int:
        start, end = bounds(year)
        return (end - ref).days if end < ref else (start - ref).days if start > ref else 0

    if days_away(base) == 0:
        year = base
    else:
        past = max(y for y in (base - 1, base) if days_away(y) < 0)
        coming = min(y for y in (base, base + 1) if days_away(y) > 0)
        year = past if -days_away(past) <= _PAST_BIAS * days_away(coming) else coming
    if tense == "past" and days_away(year) > _PAST_TENSE_GRACE_DAYS.get(grain, 0):
        return year - 1
    if tense == "future" and days_away(year) < -_FUTURE_TENSE_GRACE_DAYS.get(grain, 0):
        return year + 1
    return year


def latest_mention(context: Context, grains: Sequence[str], reach: int, over_by: dt.date | None = None,
                   first_month: int = 1, fiscal_only: bool = False) -> str | None:
    """The most recent mention of one of `grains` within `reach` sentences (ended before `over_by`, if given)."""
    for value, sentences_back in reversed(context):
        if fiscal_only and not value.startswith("FY"):
            continue
        if sentences_back <= reach and grain_of_value(value) in grains:
            unplaced = value.startswith("FY") and first_month == 1  # a fiscal period of an unknown calendar
            if over_by is None or unplaced or end_of(value, first_month) < over_by:
                return value
    return None
