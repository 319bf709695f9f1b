"""Fiscal and reporting periods: DateParts + reference date + the document's fiscal context → FY2024, FY2024-Q3,
FY2024-H1, or a run of months ("2023-04/2023-12"); ranges of months ("October-December 2017") → a calendar quarter,
half or month interval. Pure functions; the conventions are in normalize/dates/__init__.py."""

from __future__ import annotations

import datetime as dt

from claimx.normalize.dates.anchors import (
    COMPARISON_REACH,
    NEARBY_REACH,
    SUB_YEAR,
    Context,
    explicit_year,
    latest_mention,
    year_by_tense,
)
from claimx.normalize.dates.calendar import end_of, fiscal_bounds, fiscal_year_of, month_bounds
from claimx.normalize.dates.fiscal import FiscalCalendar, FiscalContext, closing_month, fiscal_value, month_interval
from claimx.normalize.dates.parts import DateParts, grain_of_value, value_year


def fiscal_period_value(p: DateParts, ref: dt.date | None, tense: str | None, context: Context,
                        fiscal: FiscalContext) -> str | None:
    """FY2024, FY2024-Q3, FY2024-H1 (or the months of a fiscal year) when the expression names a fiscal period:
    said as one ("fiscal 2024", "Q3 FY24", "this fiscal"), a split year in a fiscal story ("2023-24"), or, under a
    fiscal calendar the story follows, a quarter or half named without a year ("the third quarter")."""
    if p.compare or p.latest or p.vague or p.month is not None or p.month_end is not None:
        return None
    calendar = fiscal.calendar
    quarter_or_half = p.quarter is not None or p.half is not None
    # "the third quarter", or an analyst's code with a two-digit year ("1H23", "3Q24"): fiscal under the calendar in force
    unmarked_period = quarter_or_half and not p.by_month and (
        (p.year is None and p.year_shift is None) or p.year_digits == 2)
    if not (p.fiscal or (p.split_from is not None and fiscal.fiscal_story)
            or (unmarked_period and fiscal.shifts_quarters) or _the_year_of_a_report(p, fiscal, context)):
        return None
    year = _fiscal_year(p, ref, tense, context, calendar)
    if year is None:
        return None
    if p.months:  # "9M FY24", "the first nine months of fiscal year 2024": the months, as a calendar interval
        if calendar is None:
            return None
        start, end = fiscal_bounds(year, calendar.first_month, months=p.months)
        return month_interval(start.year * 12 + start.month - 1, end.year * 12 + end.month - 1)
    if p.period in ("quarter", "half", "period") and not quarter_or_half:
        # "the corresponding quarter of FY24": the quarter under discussion, in that fiscal year
        mentioned = latest_mention(context, ("quarter", "half"), COMPARISON_REACH, fiscal_only=True)
        if mentioned is not None:
            return f"FY{year:04d}{mentioned[6:]}"
    quarter = p.quarter
    if p.quarter_month is not None and not p.by_month and calendar is not None:
        quarter = (p.quarter_month - calendar.first_month) % 12 // 3 + 1  # India's December quarter of FY24 is Q3
    return fiscal_value(year, quarter, p.half)


def numbered_period_ending(p: DateParts, period_end: str) -> tuple[str, FiscalCalendar | None] | None:
    """'the fourth quarter ended June 30' → FY2024-Q4 under a July–June calendar; 'the third quarter ended Sept. 30'
    → 2024-Q3. A numbered quarter or half with an end date of its own gives away its own calendar, whatever calendar
    the rest of the story follows (a results wrap names several companies)."""
    if (p.quarter is None and p.half is None) or p.year is not None or p.by_month or p.compare:
        return None
    if grain_of_value(period_end) not in ("day", "month"):
        return None
    end = end_of(period_end)
    month = closing_month(end.month, end.day)
    year = end.year - 1 if month > end.month else end.year  # "ended Jan. 2" closes the December before
    months = 3 * p.quarter if p.quarter is not None else 6 * (p.half or 1)
    first_month = (month - months) % 12 + 1
    if first_month == 1:
        calendar_value = f"{year:04d}-Q{p.quarter}" if p.quarter is not None else f"{year:04d}-H{p.half}"
        return calendar_value, None
    calendar = FiscalCalendar(first_month, source="article-part")
    return fiscal_value(fiscal_year_of(dt.date(year, month, 1), first_month), p.quarter, p.half), calendar


def _fiscal_year(p: DateParts, ref: dt.date | None, tense: str | None, context: Context,
                 calendar: FiscalCalendar | None) -> int | None:
    """The fiscal year (named by the year it ends in) the expression names."""
    first_month = calendar.first_month if calendar else 1
    if p.year is not None:
        year = explicit_year(p, ref)
        if year is not None and calendar is not None and calendar.named_by == "start" and p.split_from is None:
            year += 1  # Japan's press names "fiscal 2020" by the year it begins in: April 2020 – March 2021
        return year
    if ref is None:
        return None
    current = fiscal_year_of(ref, first_month)
    if p.year_shift is not None:
        return current + p.year_shift
    if p.quarter is not None or p.half is not None:
        if calendar is None:
            return None  # "the fiscal second quarter" of a calendar nobody names: read as a calendar quarter
        named = latest_mention(context, ("year",), 0, fiscal_only=True)
        if named is not None:  # "In fiscal 2009, … in the fourth quarter": that year's quarter
            return value_year(named)
        quarter, half = p.quarter, p.half
        return year_by_tense(lambda y: fiscal_bounds(y, first_month, quarter, half), ref, tense, "quarter",
                             base=current)
    if p.unit == "year" and p.anchor == "ref":
        if p.period == "year" and tense != "future":  # "the fiscal year", "the full year": the one under discussion
            # (but "expects full-year earnings of …" looks ahead: the year in progress)
            mentioned = latest_mention(context, SUB_YEAR + ("year",), COMPARISON_REACH, fiscal_only=True) \
                or latest_mention(context, SUB_YEAR + ("year",), COMPARISON_REACH)
            if mentioned is not None and (mentioned.startswith("FY") or grain_of_value(mentioned) != "year"):
                return value_year(mentioned) if mentioned.startswith("FY") else fiscal_year_of(
                    end_of(mentioned), first_month)
        return current + (p.shift or 0)
    return None


def _the_year_of_a_report(p: DateParts, fiscal: FiscalContext, context: Context) -> bool:
    """'for the year, down 1% on FY23': in a story under a fiscal calendar, 'the year' right after a fiscal period
    is that fiscal year."""
    if not (fiscal.shifts_quarters and p.period == "year" and p.anchor == "ref" and p.year is None):
        return False
    if p.unit == "year" and p.shift == 0 and not p.fiscal:  # "the full year", "full-year net profit"
        return True
    mentioned = latest_mention(context, ("year", "quarter", "half"), NEARBY_REACH)
    return mentioned is not None and mentioned.startswith("FY")


def month_range_value(p: DateParts, ref: dt.date | None, tense: str | None) -> str | None:
    """'October-December 2017' → 2017-Q4; 'the April to June period' → this year's (or last year's) 2nd quarter."""
    first, last = p.month, p.month_end
    assert first is not None and last is not None
    length = (last - first) % 12 + 1
    if p.year is not None:
        year = explicit_year(p, ref)
        assert year is not None
        end_index = year * 12 + last - 1  # the year written is the year of the last month
    elif ref is not None:
        def bounds(y: int) -> tuple[dt.date, dt.date]:
            start_index = y * 12 + first - 1
            return (dt.date(start_index // 12, start_index % 12 + 1, 1),
                    month_bounds((start_index + length - 1) // 12, (start_index + length - 1) % 12 + 1)[1])
        start_year = year_by_tense(bounds, ref, tense, "quarter")
        end_index = start_year * 12 + first - 1 + length - 1
    else:
        return None
    return month_interval(end_index - length + 1, end_index)
