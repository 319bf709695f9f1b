"""dateparser as a last resort: it values a span spaCy tagged DATE that no rule of ours reads.

Only spans that name their year are accepted (dateparser's `parts` must include the year), so dateparser never
guesses a relative date, a duration ("two weeks") or a weekday for us. One parser, built on first use; results cached.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from typing import Any

_YEAR_LIKE = re.compile(r"\b(1[0-9]\d\d|20\d\d|21\d\d)\b")
_DURATION_WORDS = re.compile(r"\b(?:for|during|past|last|next|over|within|ago|later|earlier|years|months|weeks|days)\b",
                             re.IGNORECASE)


@cache
def _parser() -> Any:
    from dateparser.date import DateDataParser  # slow to import: only when a span needs it

    return DateDataParser(languages=["en"], settings={"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first",
                                                       "RETURN_TIME_AS_PERIOD": False})


def value_with_dateparser(text: str, ref: dt.date | None = None) -> dict[str, Any] | None:
    """{"value", "grain", "relative", "mod"} when dateparser reads `text` as a date naming its year, else None.

    `ref` is accepted for symmetry with `resolve` and unused: only absolute dates are taken from dateparser.
    """
    if not _YEAR_LIKE.search(text) or _DURATION_WORDS.search(text) or len(text) > 60:
        return None
    if not re.search(r"[A-Za-z]", text):
        return None  # a bare number the rules turned down ("room 1204") stays turned down
    return _absolute(text.strip())


@lru_cache(maxsize=4096)
def _absolute(text: str) -> dict[str, Any] | None:
    try:
        data = _parser().get_date_data(text)
    except Exception:  # dateparser raises on odd input; a span it cannot read is simply not valued
        return None
    if data.date_obj is None or "year" not in data.parts:
        return None
    day = data.date_obj.date()
    if "day" in data.parts and "month" in data.parts:
        value, grain = day.isoformat(), "day"
    elif "month" in data.parts:
        value, grain = f"{day.year:04d}-{day.month:02d}", "month"
    else:
        value, grain = f"{day.year:04d}", "year"
    return {"value": value, "grain": grain, "relative": False, "mod": None}
