"""Date text + reference date → TIMEX3-style value. A first cut over years, months, weekdays and last/this/next."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DURATION = re.compile(r"^(for |the past |the last |the next )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|"
                       r"ten|several|few|many)\s+(days?|weeks?|months?|years?|decades?)$", re.I)


def resolve_date(text: str, published: str | None) -> dict[str, Any] | None:
    """{"value", "grain", "relative"} for a calendar expression; None when it is not a date (a duration)."""
    t = text.lower().strip()
    if _DURATION.match(t):
        return None
    ref = dt.date.fromisoformat(published) if published else None
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        return _absolute("-".join(m.groups()), "day")
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", t)
    month = next((n for name, n in _MONTHS.items() if re.search(rf"\b{name[:3]}\w*\b", t)), None)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", t))
    if year and month and day:
        return _absolute(f"{year.group(1)}-{month:02d}-{int(day.group(1)):02d}", "day")
    if year and month:
        return _absolute(f"{year.group(1)}-{month:02d}", "month")
    if year:
        return _absolute(year.group(1), "year")
    relative = _relative(t, ref)
    if relative is not None:
        return relative
    if month and ref:
        return {"value": f"{ref.year}-{month:02d}" + (f"-{int(day.group(1)):02d}" if day else ""),
                "grain": "day" if day else "month", "relative": True}
    return None


def _absolute(value: str, grain: str) -> dict[str, Any]:
    return {"value": value, "grain": grain, "relative": False}


def _relative(t: str, ref: dt.date | None) -> dict[str, Any] | None:
    value: str | None = None
    grain: str | None = None
    shift = -1 if "last" in t or "yesterday" in t else 1 if "next" in t or "tomorrow" in t else 0
    if t in ("today", "yesterday", "tomorrow"):
        grain = "day"
        value = ref and (ref + dt.timedelta(days=shift)).isoformat()
    elif re.search(r"\b(year)\b", t) and re.search(r"\b(last|this|next)\b", t):
        grain = "year"
        value = ref and str(ref.year + shift)
    elif re.search(r"\b(month)\b", t) and re.search(r"\b(last|this|next)\b", t):
        grain = "month"
        if ref:
            index = ref.year * 12 + ref.month - 1 + shift
            value = f"{index // 12}-{index % 12 + 1:02d}"
    else:
        weekday = next((i for i, name in enumerate(_WEEKDAYS) if name in t), None)
        if weekday is None:
            return None
        grain = "day"
        if ref:  # news reports the past: the latest such weekday on or before the article's date
            value = (ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)).isoformat()
    return {"value": value or None, "grain": grain, "relative": True}
