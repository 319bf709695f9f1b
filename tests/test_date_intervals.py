"""normalize/dates/interval.py: the days a TIMEX3 value (or its fiscal `calendar`) covers, for archive tables."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from claimx.normalize.dates.interval import interval_of

D = dt.date


@pytest.mark.parametrize("value, calendar, expected", [
    ("2025-02-12", None, (D(2025, 2, 12), D(2025, 2, 12))),
    ("2021-W33", None, (D(2021, 8, 16), D(2021, 8, 22))),
    ("2021-W33-WE", None, (D(2021, 8, 21), D(2021, 8, 22))),
    ("2024-02", None, (D(2024, 2, 1), D(2024, 2, 29))),
    ("2025-Q3", None, (D(2025, 7, 1), D(2025, 9, 30))),
    ("2025-H1", None, (D(2025, 1, 1), D(2025, 6, 30))),
    ("2024-SU", None, (D(2024, 6, 1), D(2024, 8, 31))),
    ("2023-WI", None, (D(2023, 12, 1), D(2024, 2, 29))),  # winter runs into the next year
    ("2025", None, (D(2025, 1, 1), D(2025, 12, 31))),
    ("199", None, (D(1990, 1, 1), D(1999, 12, 31))),
    ("19", None, (D(1900, 1, 1), D(1999, 12, 31))),
    ("2013/2014", None, (D(2013, 1, 1), D(2014, 12, 31))),
    ("FY2024-Q3", "2024-Q1", (D(2024, 1, 1), D(2024, 3, 31))),
    ("FY2025", "2024-04-01/2025-03-31", (D(2024, 4, 1), D(2025, 3, 31))),
    ("2025", "not a period", (D(2025, 1, 1), D(2025, 12, 31))),  # an unreadable calendar: the value decides
    # nothing computable: null, never a guess
    ("FY2024-Q3", None, None),
    ("FY2024", None, None),
    ("2025-02-30", None, None),
    ("2020-W54", None, None),
    ("2014/2013", None, None),
    ("XXXX-01-04", None, None),
    ("PRESENT_REF", None, None),
    ("", None, None),
    (None, None, None),
])
def test_interval_of(value, calendar, expected):
    assert interval_of(value, calendar) == expected


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9998, 12, 31)))
def test_every_value_of_a_day_covers_that_day(day):
    iso_year, week, _ = day.isocalendar()
    values = [day.isoformat(), f"{day.year:04d}-{day.month:02d}", f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
              f"{day.year:04d}-H{(day.month - 1) // 6 + 1}", f"{day.year:04d}", f"{day.year // 10:03d}",
              f"{day.year // 100:02d}", f"{iso_year:04d}-W{week:02d}"]
    for value in values:
        first, last = interval_of(value)
        assert first <= day <= last, value
