"""The date a claim is anchored to: a date inside it, else the date of the saying, else the article's date.

A claim is dated by the period it asserts about, with that period's fiscal value and `calendar`. A claim that
compares periods ("up 8% in 2024 from 2023", "fourth-quarter net income dropped 67% from the previous year") is about
the newer one: dates introduced by a comparison word, or that are themselves comparisons ("the year-ago quarter"),
are passed over while another is there, and of the rest the newest period wins; the day of the saying inside it
("Microsoft today announced results for the quarter ended Dec. 31") gives way to the period reported. A claim whose
only date is a year-ago comparison ("a 5% increase over the year-ago quarter") is about the period a year later.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimx.components.claims.reading import Reading
from claimx.normalize.dates.calendar import end_of, start_of
from claimx.normalize.dates.parts import shift_value_years

_COMPARED = frozenset({"from", "than", "versus", "vs", "vs.", "against"})
# Dates that are a comparison in themselves: the period a year before the one the claim is about.
# ("since last year" is a date like any other: "last year" alone is no comparison.)
_COMPARISON_DATE = re.compile(r"\b(?:year[\s-]*(?:ago|earlier|before)|prior[\s-]*year|previous[\s-]*year|"
                              r"a year (?:ago|earlier|before)|same (?:period|quarter|time|month)|corresponding)\b",
                              re.IGNORECASE)
_COMPARISON_REACH = 4  # words back from a date to the comparison word of its phrase
_REACH_BEFORE = 20  # characters before the content a date overlapping its start may begin
_CUE_DATE_HOPS = 4  # how far up the parse a date may hang below its cue: said → in → statement → on → Tuesday


def claim_date(reading: Reading, content: Span, cue: Span | None) -> dict | None:
    # A date the content starts inside of counts ("fourth-[quarter net income dropped]"): look a little before it.
    inside = [d for d in reading.dates_within(max(0, content.start_char - _REACH_BEFORE), content.end_char)
              if _value(d) and d.end_char > content.start_char]
    if inside:
        asserted = [d for d in inside if not _compared(d)]
        year_ago = [d for d in inside if _COMPARISON_DATE.search(d.text)]
        if not asserted and (year_ago or _grain(inside[-1]) == "year"):
            # "flat on the prior corresponding period, up 3.5% on the second half": the period a year after the
            # year-ago one; "up 5% from fiscal 2024": fiscal 2025
            return _a_year_later(_dated((year_ago or inside)[-1], "explicit"))
        periods = [d for d in asserted if not _day_of_saying(d)]
        return _dated(_asserted_period(periods or asserted or inside), "explicit")
    if cue is not None:
        sentence = reading.sentence(cue.root)
        for date in reading.dates_within(sentence.start_char, sentence.end_char):
            if _value(date) and not _overlaps(date, content) and _hangs_from(date.root, cue.root):
                return _dated(date, "cue")
    published = reading.doc._.claimx_published
    return {"value": published, "source": "published"} if published else None


def _value(date: Span) -> str | None:
    return (date._.claimx_date or {}).get("value")


def _grain(date: Span) -> str | None:
    return (date._.claimx_date or {}).get("grain")


def _dated(date: Span, source: str) -> dict:
    dated = {"value": _value(date), "source": source}
    calendar = (date._.claimx_date or {}).get("calendar")
    if calendar:
        dated["calendar"] = calendar
    return dated


def _a_year_later(dated: dict) -> dict:
    later = {key: shift_value_years(dated[key], 1) for key in ("value", "calendar") if dated.get(key)}
    return {**dated, **later} if later.get("value") else dated


def _day_of_saying(date: Span) -> bool:
    """'today', 'on Tuesday': a day counted from the article's date, the time the claim was made."""
    resolved = date._.claimx_date or {}
    return resolved.get("grain") == "day" and bool(resolved.get("relative"))


def _newest(dates: list[Span]) -> Span:
    """The date whose period ends last (the first of equals); one that cannot be placed never wins."""
    def ends(date: Span) -> str:
        calendar = (date._.claimx_date or {}).get("calendar")
        try:
            return end_of((calendar or _value(date) or "").split("/")[-1]).isoformat() if not (
                calendar is None and (_value(date) or "").startswith("FY")) else ""
        except (ValueError, IndexError, KeyError):
            return ""
    return max(dates, key=lambda d: (ends(d), -d.start))


def _asserted_period(dates: list[Span]) -> Span:
    """The newest period, unless it is a fiscal year and another period lies inside it and ends before it: then that
    one. The fiscal year is the frame of a figure for the narrower period ("36.5 per cent of the full-year target at
    the end of the first half of FY26", "swelled in November, putting fiscal 2025 at a faster pace"); an end date
    ("the quarter ended Dec. 31") ends with its period, so it never takes the period's place. A calendar year is
    often what the claim is about ("demand for 2009 remains uncertain following a decline in the three months
    ending March"), so it stays."""
    newest = _newest(dates)
    outer = _bounds(newest) if (_value(newest) or "").startswith("FY") else None  # a calendar year stays
    inner = [d for d in dates if d is not newest and outer and _grain(d) not in ("day", "week")
             and not _COUNTED_FROM_ANOTHER.search(d.text) and (bounds := _bounds(d))
             and outer[0] <= bounds[0] and bounds[1] < outer[1]]
    closing = [d for d in dates if d is not newest and _grain(d) not in ("day", "week") and (bounds := _bounds(d))
               and outer and bounds[1] == outer[1]]  # "In fiscal 2009, … in the fourth quarter, and third quarter …"
    return _newest(inner) if inner and not closing else newest


# "projected three months earlier", "two years ago": counted from another date, a point of comparison, not a period
# a figure covers (nor is a day: "to be paid on 30 April 2025")
_COUNTED_FROM_ANOTHER = re.compile(r"\b(?:ago|earlier|before|later)\b", re.IGNORECASE)


def _bounds(date: Span) -> tuple[str, str] | None:
    """First and last day of a date's period (a fiscal one by its calendar); None when it cannot be placed."""
    calendar = (date._.claimx_date or {}).get("calendar")
    value = calendar or _value(date) or ""
    if value.startswith("FY"):
        return None
    try:
        return start_of(value.split("/")[0]).isoformat(), end_of(value.split("/")[-1]).isoformat()
    except (ValueError, IndexError, KeyError):
        return None


def _compared(date: Span) -> bool:
    """The date is what the claim compares with: a comparison in itself ("the year-ago quarter"), or introduced by a
    comparison word, perhaps across a few words of its phrase ("from the base fiscal 2024 earnings", "less than that
    in 2023-24", "up 3.5% on the second half of FY2019", "compared with 2023")."""
    if _COMPARISON_DATE.search(date.text):
        return True
    doc = date.doc
    for i in range(date.start - 1, max(-1, date.start - 1 - _COMPARISON_REACH), -1):
        word = doc[i].lower_
        if word in _COMPARED:
            return True
        if word in ("to", "with") and i > 0 and doc[i - 1].lower_ in ("compared", "relative"):
            return True
        if word in ("on", "over") and i > 0 and (doc[i - 1].like_num or doc[i - 1].text in ("%", "percent", "pct")):
            return True  # "up 3.5% on the second half", "a 5% increase over 2023"
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].is_punct:
            return False
    return False


def _overlaps(date: Span, content: Span) -> bool:
    return date.start_char < content.end_char and content.start_char < date.end_char


def _hangs_from(token: Token, cue: Token) -> bool:
    for _ in range(_CUE_DATE_HOPS):
        if token.head == token:
            return False
        token = token.head
        if token.i == cue.i:
            return True
    return False
