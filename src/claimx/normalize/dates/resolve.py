"""DateParts + reference date (+ tense, + dates mentioned before) → TIMEX3 value. Pure functions.

`context` is what the text said before the expression: (value, sentences back) pairs, most recent last. It anchors
"that year", "a year earlier", "the year-ago quarter" and "the quarter". `tense` ("past", "present", "future" or None)
is the tense of the verb governing the expression; it picks the year of a month or quarter named without one and
the week of a bare weekday. `fiscal` is the document's fiscal calendar: fiscal and reporting periods are valued by
periods.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from claimx.normalize.dates.calendar import (
    end_of,
    fiscal_year_of,
    half_bounds,
    holiday_date,
    month_bounds,
    quarter_bounds,
    safe_date,
    season_bounds,
    start_of,
)
from claimx.normalize.dates.parts import (
    GRAIN_RANK,
    DateParts,
    day_value,
    expression_grain,
    grain_of_value,
    half_value,
    month_index_value,
    month_value,
    quarter_value,
    shift_value_years,
    value_year,
    week_value,
)
from claimx.normalize.dates.anchors import (
    ANAPHORA_REACH,
    COMPARISON_REACH,
    CONTEXT_REACH,
    NEARBY_REACH,
    SUB_YEAR,
    Context,
    expand_two_digit_year,
    explicit_year,
    latest_mention,
    year_by_tense,
)
from claimx.normalize.dates.fiscal import FiscalContext, calendar_period, fiscal_value, month_interval
from claimx.normalize.dates.periods import fiscal_period_value, month_range_value, numbered_period_ending

__all__ = ["CONTEXT_REACH", "Context", "expand_two_digit_year", "is_relative", "resolve", "shift_unit", "weekday_date"]


def resolve(parts: DateParts, ref: dt.date | None, tense: str | None = None, context: Context = (),
            period_end: str | None = None, fiscal: FiscalContext | None = None) -> dict[str, Any]:
    """{"value", "grain", "relative", "mod"} for one expression, and "calendar" for a fiscal value whose calendar is
    known. value is None when it cannot be resolved.

    `period_end` is the value of a date the text says the period ends on ("the quarter ended Sept. 30"): it names
    the period when the expression itself does not. `fiscal` is what the document says about fiscal calendars.
    """
    fiscal = fiscal or FiscalContext()
    calendar_in_force = fiscal.calendar
    numbered = numbered_period_ending(parts, period_end) if period_end else None
    if numbered is not None:  # "the fourth quarter ended June 30": its own calendar, whatever the story's
        value, calendar_in_force = numbered
    else:
        try:
            value = _period_ending(parts, period_end) if period_end else None
            value = value or fiscal_period_value(parts, ref, tense, context, fiscal) or _value(
                parts, ref, tense, context, fiscal)
        except (OverflowError, ValueError):  # "1000000 days ago", a reference date at the calendar's edge
            value = None
    if value is not None and grain_of_value(value) is None:  # "99999 years ago": no four-digit year
        value = None
    grain = grain_of_value(value) if value else _nominal_grain(parts)
    resolved = {"value": value, "grain": grain, "relative": is_relative(parts), "mod": parts.mod}
    calendar = calendar_period(value, calendar_in_force)
    if calendar:
        resolved["calendar"] = calendar
    return resolved


def is_relative(parts: DateParts) -> bool:
    """True when the value depends on the reference date or on an earlier mention."""
    if parts.compare or parts.latest or parts.anchor == "context":
        return True
    return parts.year is None and parts.decade is None and parts.decade_yy is None and parts.century is None


def _nominal_grain(parts: DateParts) -> str | None:
    if parts.compare or parts.latest:
        return parts.period if parts.period in GRAIN_RANK else None
    return expression_grain(parts)


def _period_ending(p: DateParts, period_end: str) -> str | None:
    """'the quarter ended July 31' → the quarter holding most of the three months up to July 31 (Q2); 'the year
    ended Sept. 30' → the year it ends in, as fiscal years are named."""
    if p.quarter is not None or p.half is not None or p.year is not None or p.shift not in (0, None):
        return None
    if p.months and grain_of_value(period_end) in ("day", "month"):  # "the nine months ended Sept. 30"
        end = end_of(period_end)
        if p.months == 12 and end.month != 12:  # "the 12 months ended 30 June" is "the year ended 30 June"
            return fiscal_value(end.year)
        last = end.year * 12 + end.month - 1
        return month_interval(last - p.months + 1, last)
    unit = p.unit or (p.period if p.period in ("quarter", "half", "month", "year") else "quarter")
    named = p.latest or p.compare or p.anchor == "context" or p.period or p.unit in ("quarter", "half", "year")
    if not named or grain_of_value(period_end) not in ("day", "week", "month"):
        return None
    end = end_of(period_end)
    if unit == "year" and end.month != 12 and (p.period == "year" or p.fiscal):
        # "the year to March 2015": a fiscal year, named by the year it ends in ("this year through August" is not)
        return fiscal_value(end.year)
    middle = {"quarter": 45, "half": 91, "month": 0}.get(unit, 0)
    return shift_unit(unit, end - dt.timedelta(days=middle), 0)


def _value(p: DateParts, ref: dt.date | None, tense: str | None, context: Context, fiscal: FiscalContext) -> str | None:
    if p.vague:
        return None
    if p.century is not None:
        return f"{p.century:02d}"
    if p.decade is not None:
        return f"{p.decade:03d}"
    if p.decade_yy is not None:
        return f"{_decade_century(p.decade_yy, ref)}{p.decade_yy // 10}"
    first_month = fiscal.calendar.first_month if fiscal.calendar else 1
    if p.compare:
        return _compared(p, ref, context, first_month)
    if p.latest:
        return _latest(p, ref, context, fiscal)
    if p.split_from is not None:  # "the 2013/14 season" outside a fiscal story: both years
        return f"{p.split_from:04d}/{p.year:04d}" if p.year_digits == 4 else None
    if p.month_end is not None:
        return month_range_value(p, ref, tense)
    year = explicit_year(p, ref)
    if year is not None:
        return _in_year(p, year, context)
    if p.anchor == "context":
        anchored = _from_context(p, context)
        if anchored is not None or p.fallback != "ref" or ref is None:
            return anchored
    if p.period == "year" and p.unit == "year" and p.shift == 0:
        # "fourth-quarter profit rose … its full-year revenue": the year of the quarter just reported
        mentioned = latest_mention(context, ("quarter", "half"), NEARBY_REACH)
        if mentioned is not None and not mentioned.startswith("FY") and "/" not in mentioned:
            return mentioned[:4]
    if ref is None:
        return None
    return _from_reference(p, ref, tense)


# --- explicit years ------------------------------------------------------------------------------------------------

def _decade_century(yy: int, ref: dt.date | None) -> int:
    """'the '90s' → 19; 'the '20s' in 2025 → 20: the decade between 95 years before and 4 after the reference."""
    if ref is None:
        return 19
    low = ref.year - 95
    start = (low // 100) * 100 + yy
    return (start if start >= low else start + 100) // 100


def _in_year(p: DateParts, year: int, context: Context) -> str | None:
    if p.holiday is not None:
        day = holiday_date(p.holiday, year)
        return (week_value(day) if p.week else day_value(day)) if day else None
    if p.month is not None and p.day is not None:
        day = dt.date(year, p.month, p.day)
        return week_value(day) if p.week else day_value(day)
    if p.month is not None:
        return month_value(year, p.month)
    if p.quarter is not None:
        return quarter_value(year * 4 + p.quarter - 1)
    if p.half is not None:
        return half_value(year * 2 + p.half - 1)
    if p.season is not None:
        return f"{year:04d}-{p.season}"
    if p.period is not None:  # "the 1988 quarter": the quarter under discussion, in 1988
        mentioned = latest_mention(context, _period_grains(p.period), COMPARISON_REACH)
        if mentioned is not None and mentioned.startswith("FY"):  # the fiscal quarter discussed, in fiscal 1988
            return f"FY{year:04d}{mentioned[6:]}"
        if mentioned is not None and "/" not in mentioned:
            return f"{year:04d}{mentioned[4:]}"
    return f"{year:04d}"


# --- relative to the reference date ------------------------------------------------------------------------------

def _from_reference(p: DateParts, ref: dt.date, tense: str | None) -> str | None:
    if p.holiday is not None:
        return _holiday(p, ref, tense)
    if p.month is not None:
        return _month_or_day(p, ref, tense)
    if p.weekday is not None:
        return day_value(weekday_date(p.weekday, ref, p.shift, tense, p.week_shift))
    if p.weekend:
        return _weekend(p, ref, tense)
    if p.season is not None:
        return _season(p, ref, tense)
    if p.quarter is not None:
        year = ref.year + p.year_shift if p.year_shift is not None else year_by_tense(
            lambda y: quarter_bounds(y, p.quarter), ref, tense, "quarter")
        return quarter_value(year * 4 + p.quarter - 1)
    if p.half is not None:
        year = ref.year + p.year_shift if p.year_shift is not None else year_by_tense(
            lambda y: half_bounds(y, p.half), ref, tense, "half")
        return half_value(year * 2 + p.half - 1)
    if p.unit is not None:
        return shift_unit(p.unit, ref, p.shift or 0)
    return None


def shift_unit(unit: str, day: dt.date, shift: int) -> str | None:
    """The `unit` that is `shift` units from the one holding `day`: (year, 1989-10-26, -1) → 1988."""
    if unit == "day":
        return day_value(day + dt.timedelta(days=shift))
    if unit == "week":
        return week_value(day + dt.timedelta(weeks=shift))
    if unit == "month":
        return month_index_value(day.year * 12 + day.month - 1 + shift)
    if unit == "quarter":
        return quarter_value(day.year * 4 + (day.month - 1) // 3 + shift)
    if unit == "half":
        return half_value(day.year * 2 + (day.month - 1) // 6 + shift)
    if unit == "year":
        return f"{day.year + shift:04d}"
    if unit == "decade":
        return f"{day.year // 10 + shift:03d}"
    if unit == "century":
        return f"{day.year // 100 + shift:02d}"
    return None  # fortnights and other spans that are no calendar unit


def _month_or_day(p: DateParts, ref: dt.date, tense: str | None) -> str | None:
    month, day = p.month, p.day
    assert month is not None

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        if day is not None:
            return safe_date(year, month, day), safe_date(year, month, day)
        return month_bounds(year, month)

    if p.year_shift is not None:
        year = ref.year + p.year_shift
    elif p.shift == -1:  # "last April": the latest April before this month
        year = ref.year if bounds(ref.year)[1] < ref.replace(day=1) else ref.year - 1
    elif p.shift == 1:  # "next April"
        year = ref.year if bounds(ref.year)[0] > month_bounds(ref.year, ref.month)[1] else ref.year + 1
    elif p.shift == 0:
        year = ref.year
    else:
        year = year_by_tense(bounds, ref, tense, "day" if day is not None else "month")
        if day is not None and p.weekday is not None:  # "Friday, Oct. 23": the year whose Oct. 23 is a Friday
            year = next((y for y in (year, year - 1, year + 1) if safe_date(y, month, day).weekday() == p.weekday),
                        year)
    if day is None:
        return month_value(year, month)
    date = safe_date(year, month, day)
    return week_value(date) if p.week else day_value(date)


def weekday_date(weekday: int, ref: dt.date, shift: int | None = None, tense: str | None = None,
                 week_shift: int | None = None) -> dt.date:
    """The date of a weekday named relative to `ref`.

    "last Friday" is the Friday before ref, "next Friday" the one after, "this Friday" the coming one (in ref's week
    when said in the past tense);
    "Tuesday of next week" the Tuesday in the week after ref's. A bare weekday follows the tense: said in the future
    it is ref or the next one, otherwise (news reports what happened) ref or the one before.
    """
    if week_shift is not None:
        return ref + dt.timedelta(days=weekday - ref.weekday() + 7 * week_shift)
    if shift == -1:
        return ref - dt.timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)
    if shift == 1:
        return ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    if shift == 0 and tense == "past":  # "said this Monday": in this week
        return ref + dt.timedelta(days=weekday - ref.weekday())
    if shift == 0:  # "this Friday" said on a Saturday is the coming one
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    if tense == "future":
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _weekend(p: DateParts, ref: dt.date, tense: str | None) -> str:
    if p.shift is not None:
        return week_value(ref + dt.timedelta(weeks=p.shift), weekend=True)
    on_weekend = ref.weekday() >= 5
    if tense == "future" or on_weekend:
        return week_value(ref, weekend=True)
    return week_value(ref - dt.timedelta(weeks=1), weekend=True)


def _season(p: DateParts, ref: dt.date, tense: str | None) -> str:
    season = p.season
    assert season is not None
    if p.year_shift is not None:
        year = ref.year + p.year_shift
    elif p.shift == -1:  # "last summer": the latest summer already over
        year = ref.year if season_bounds(ref.year, season)[1] < ref else ref.year - 1
    elif p.shift == 1:
        year = ref.year if season_bounds(ref.year, season)[0] > ref else ref.year + 1
    elif p.shift == 0:
        year = ref.year - 1 if season == "WI" and ref.month <= 2 else ref.year  # this winter began last December
    else:
        year = year_by_tense(lambda y: season_bounds(y, season), ref, tense, "season")
    return f"{year:04d}-{season}"


def _holiday(p: DateParts, ref: dt.date, tense: str | None) -> str | None:
    name = p.holiday
    assert name is not None

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        day = holiday_date(name, year) or dt.date(year, 1, 1)
        return day, day

    if p.year_shift is not None:
        year = ref.year + p.year_shift
    elif p.shift == -1:
        year = ref.year if bounds(ref.year)[0] < ref else ref.year - 1
    elif p.shift == 1:
        year = ref.year if bounds(ref.year)[0] > ref else ref.year + 1
    elif p.shift == 0:
        year = ref.year
    else:
        year = year_by_tense(bounds, ref, tense)
    day = holiday_date(name, year)
    return (week_value(day) if p.week else day_value(day)) if day else None


# --- relative to an earlier mention ----------------------------------------------------------------------------

def _from_context(p: DateParts, context: Context) -> str | None:
    """'that year', 'the following day', 'two days later': counted from the date last mentioned."""
    unit = p.unit or expression_grain(p)
    if unit in ("quarter", "half") and not p.shift:
        # "the quarter" is the quarter under discussion ("Q3FY18 ... during the quarter": FY2018-Q3), not the one
        # holding the day or month mentioned last ("first fiscal quarter ended June ... a record for the quarter")
        discussed = latest_mention(context, (unit,), ANAPHORA_REACH)
        if discussed is not None:
            return discussed
    finer = tuple(g for g in GRAIN_RANK if GRAIN_RANK[g] >= GRAIN_RANK.get(unit, GRAIN_RANK["day"]))
    mentioned = latest_mention(context, finer, ANAPHORA_REACH)
    if unit == "year" and mentioned is not None and not mentioned.startswith("FY"):
        # "In fiscal year 2024, which ended on September 30, ... the previous year": the fiscal year just named
        mentioned = latest_mention(context, ("year",), NEARBY_REACH, fiscal_only=True) or mentioned
    if mentioned is None:
        return None
    if p.weekday is not None:  # "the previous Friday": the Friday before the day just mentioned
        return day_value(weekday_date(p.weekday, start_of(mentioned), p.shift))
    if unit in ("decade", "century") and grain_of_value(mentioned) == "year" and not mentioned.startswith("FY"):
        # "a decade earlier" than 2050 is 2040: the year it compares, counted in decades
        return f"{int(mentioned) + (p.shift or 0) * (10 if unit == 'decade' else 100):04d}"
    if mentioned.startswith("FY") and unit == "year":  # "fiscal 2024 ... the previous year": FY2023
        return fiscal_value(value_year(mentioned) + (p.shift or 0))
    if mentioned.startswith("FY") and unit in ("quarter", "half") and grain_of_value(mentioned) == unit:
        # "the fourth quarter of fiscal 2024 … the preceding quarter": FY2024-Q3, counted in the fiscal year
        per_year = 4 if unit == "quarter" else 2
        index = value_year(mentioned) * per_year + int(mentioned[-1]) - 1 + (p.shift or 0)
        return fiscal_value(index // per_year, *((index % per_year + 1, None) if unit == "quarter"
                                                 else (None, index % per_year + 1)))
    if "/" in mentioned:  # "the nine months to December ... that year"
        mentioned = mentioned.split("/")[1]
    return shift_unit(unit, start_of(mentioned), p.shift or 0)


def _compared(p: DateParts, ref: dt.date | None, context: Context, first_month: int = 1) -> str | None:
    """The period a year before the one just discussed: 'the year-ago quarter', 'a year earlier', 'a year ago'.

    The period is the latest quarter or half mentioned (one already over when the reference date is known), else a
    month or season just mentioned; "a year earlier" may also compare a day just mentioned; failing all, last year.
    """
    if p.quarter is not None or p.half is not None:  # "the year-earlier third quarter"
        bounds = ((lambda y: quarter_bounds(y, p.quarter)) if p.quarter is not None
                  else (lambda y: half_bounds(y, p.half)))
        named = _in_year(p, _year_of_period(bounds, ref, context), context)
        return shift_value_years(named, -1) if named else None
    if p.period == "discussed":  # "up 2% from the prior year": whatever period was just reported, a year earlier
        periods = ("quarter", "half", "year")  # a fiscal one first: "FY25 was strong … this year … the prior year"
        mentioned = latest_mention(context, periods, COMPARISON_REACH, fiscal_only=True) \
            or latest_mention(context, periods, COMPARISON_REACH)
        if mentioned is not None:
            return shift_value_years(mentioned, -1)
        return f"{ref.year - 1:04d}" if ref is not None else None
    if p.period is not None and p.period != "period":
        searches: list[tuple[tuple[str, ...], int]] = [((p.period,), COMPARISON_REACH)]
    else:  # a reported quarter, half or run of months first; a month or a day only when just mentioned
        searches = [(("quarter", "half"), COMPARISON_REACH), (("months",), COMPARISON_REACH),
                    (("month", "season"), NEARBY_REACH)]
        if p.anchor == "context":  # "a year earlier" right after a day
            searches.append((("day", "week"), NEARBY_REACH))
        if p.period == "period":  # "FY25 was a strong year … compared to the prior period": the fiscal year reported
            searches.append((("fiscal year",), COMPARISON_REACH))
        searches.append((("year",), NEARBY_REACH))  # "up 3.7% in the 2024 fiscal year from the same time last year"
    for grains, reach in searches:
        if grains == ("fiscal year",):
            mentioned = latest_mention(context, ("year",), reach, fiscal_only=True)
        elif grains == ("months",):  # "April-October ... the corresponding period of last fiscal": those months
            mentioned = next((value for value, back in reversed(context) if back <= reach and "/" in value
                              and grain_of_value(value) == "month" and (ref is None or end_of(value) < ref)), None)
        else:
            mentioned = latest_mention(context, grains, reach, over_by=ref, first_month=first_month)
        if mentioned is not None:
            return shift_value_years(mentioned, -1)
    if ref is None:
        return None
    if p.period in ("quarter", "half", "month"):  # none mentioned: the last one completed, a year before
        return shift_value_years(shift_unit(p.period, ref, -1) or "", -1)
    return f"{ref.year - 1:04d}"


def _year_of_period(bounds: Callable[[int], tuple[dt.date, dt.date]], ref: dt.date | None, context: Context) -> int:
    """The year a quarter or half named without one belongs to: the year under discussion, else the nearest."""
    for value, sentences_back in reversed(context):
        if sentences_back <= COMPARISON_REACH and grain_of_value(value) in (*SUB_YEAR, "day", "week", "year"):
            return value_year(value)
    if ref is None:
        return 0
    return year_by_tense(bounds, ref, None, "quarter")


def _latest(p: DateParts, ref: dt.date | None, context: Context, fiscal: FiscalContext) -> str | None:
    """'the latest quarter': the one under discussion, else the last one completed."""
    unit = p.unit or "quarter"
    first_month = fiscal.calendar.first_month if fiscal.calendar else 1
    if unit == "year" and p.fiscal and ref is not None and fiscal.calendar and fiscal.calendar.source in (
            "article", "company"):
        # "the just completed fiscal year" of a year the article states or the company keeps: the fiscal year said
        # that is over, else the last one over. A calendar guessed from the country or from part of a year is too
        # weak to move it off the year TimeML writes (TimeBank: "the latest fiscal year" of Provigo is 1988)
        said = latest_mention(context, ("year",), COMPARISON_REACH, over_by=ref, first_month=first_month,
                              fiscal_only=True)
        return said or fiscal_value(fiscal_year_of(ref, first_month) - 1)
    mentioned = latest_mention(context, _period_grains(p.period or unit), COMPARISON_REACH, over_by=ref,
                               first_month=first_month)
    if mentioned is not None:
        return mentioned
    if p.period == "period" and p.anchor == "context":  # "during the period" with none before it: nothing to point at
        return None
    # the last one completed; "for the month" with none before it is this month ("I'm away for the month")
    return shift_unit(unit, ref, -1 if p.shift is None else p.shift) if ref else None


def _period_grains(period: str) -> tuple[str, ...]:
    return SUB_YEAR if period == "period" else (period,)


