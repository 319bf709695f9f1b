"""The days a date value covers: TIMEX3 value (or its `calendar` period) → (first day, last day), for archive
tables where a timeline is one GROUP BY on `start_date`. Pure; lenient: anything it cannot place gives None.

    interval_of("2025-Q3")                        → (2025-07-01, 2025-09-30)
    interval_of("199")                            → (1990-01-01, 1999-12-31)      the 1990s
    interval_of("2021-W33-WE")                    → (2021-08-21, 2021-08-22)      its weekend
    interval_of("2013/2014")                      → (2013-01-01, 2014-12-31)      a split year
    interval_of("FY2024-Q3")                      → None                          the fiscal calendar is unknown...
    interval_of("FY2024-Q3", calendar="2024-Q1")  → (2024-01-01, 2024-03-31)      ...unless `calendar` says it
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from claimx.normalize.dates.calendar import end_of, start_of
from claimx.normalize.dates.parts import grain_of_value

Interval = tuple[dt.date, dt.date]


@lru_cache(maxsize=65536)  # an archive repeats its values (2025, 2025-Q3) across thousands of articles
def interval_of(value: str | None, calendar: str | None = None) -> Interval | None:
    """The first and last day `value` covers. A `calendar` period (dates[].calendar: "2024-Q4" or
    "2024-04-01/2025-03-31") wins when it can be read: it is what a fiscal value means on the calendar."""
    for candidate in (calendar, value):
        if candidate:
            found = _interval(candidate.strip())
            if found is not None:
                return found
    return None


def _interval(value: str) -> Interval | None:
    if "/" in value:  # an interval of two values: from the start of the first to the end of the second
        first, _, last = value.partition("/")
        start, end = _interval(first), _interval(last)
        if start is None or end is None or end[1] < start[0]:
            return None
        return start[0], end[1]
    if value.startswith("FY"):  # a fiscal period: its days depend on a calendar the value alone does not name
        return None
    grain = grain_of_value(value)
    try:
        if grain == "decade":
            return dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
        if grain == "century":
            # TIMEX3 "19" is the 1900s: 1900-1999 (the way the date layer values "the 20th century")
            return dt.date(max(1, int(value) * 100), 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
        if grain == "week" and value.endswith("-WE"):
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        if grain is not None:
            return start_of(value), end_of(value)
    except ValueError:  # a value of the right shape naming no real day: 2025-02-30, week 54
        return None
    return None  # fiscal values without a calendar (FY2024, FY2024-Q3), open values (XXXX-01-04), clock times
