"""Finding an article's publication date: normalising a feed's date field, a dateline at the top of the text,
a date in the file name, a web page's own signals, and the precedence between them.

All functions are pure: strings in, `YYYY-MM-DD` or None out.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

# A web page's own date signals, strongest first: its JSON-LD (datePublished), its <meta> tags (Open Graph
# article:published_time and kin), a date in its URL, a dateline or "Published:" line at the top of its text,
# the first date of its byline block, and htmldate's extensive search of the whole page (`html`).
PAGE_SOURCES = ("jsonld", "meta", "url", "dateline", "byline", "html")
# Where a publication date came from, strongest first (the order `choose_published` applies).
SOURCES = ("input", "cli", *PAGE_SOURCES, "filename")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# One full calendar date as news pages write it: "March 14, 1998", "14 March 1998", "Jun 06, 2014", "2025-05-02".
_DATE_FORMS = (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    r"(?P<iyear>(?:19|20)\d\d)[-/.](?P<imonth>[01]?\d)[-/.](?P<iday>[0-3]?\d)(?!\d)",
)
_FORMS = [re.compile(rf"(?<![\w-]){form}(?!\w)", re.IGNORECASE) for form in _DATE_FORMS]

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?"
# Words that may stand before the date in a metadata line: "Published: Friday, May 2, 2025".
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|[ecmp][sd]?t))?"
# ("on" only after such a word: "On July 6, 2015, she said" opens a sentence, it is not a dateline)
_LABEL = (rf"(?:(?:(?:published|updated|last\s+updated|posted|written|created|date|dated|first\s+published)(?:\s+(?:on|at))?"
          rf"|{_CLOCK}|[:|,\-–—]|\s)*(?:{_WEEKDAY}\s*)?)")
_LINE_START = re.compile(rf"^\W*{_LABEL}$", re.IGNORECASE)
# A wire-style dateline before the date: "NAIROBI, Kenya (AP) — ", "LONDON (Reuters) - ", "OSLO, ".
_DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]*)*(?:\s*\([\w .&'’-]+\))?\s*(?:[-–—_:,]+|\|)\s*"
    rf"(?:{_WEEKDAY}\s*)?$"
)
# What may surround a date on a line of its own: "LONDON 1996-08-30", "May 2, 2025 10:00 GMT | Reuters".
_PLACE_BEFORE_DATE = re.compile(r"[A-Z][A-Z .'’-]*(?:,\s*[A-Z][\w .'’-]*)?\s*")
_AFTER_DATE = re.compile(rf"\s*(?:[,|·•]?\s*(?:{_CLOCK}|\|.*))?\s*", re.IGNORECASE)
# What follows a dateline's date when the story runs on in the same line: "April 9, 2024 — Northwind said…"
_DATELINE_DASH = re.compile(r"\s*(?:[-–—_|(]|(?:\d{1,2}[:.]\d{2}|$))")
# A short metadata line may carry the date anywhere: "By Ann Lee | May 2, 2025 | 10:00".
_SHORT_META_LINE = 120
_TOP_LINES = 8  # datelines sit in the first few non-empty lines
_TOP_CHARS = 2000

# A timestamp in UTC: the calendar date it writes may not be the one the publisher printed.
_UTC_TIME = re.compile(r"T(?P<hour>\d\d):\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)$", re.IGNORECASE)
# Signals that show the date as the publisher's readers saw it, in local time.
_LOCAL_SOURCES = ("jsonld", "meta", "url", "dateline", "byline")
# A date in a file name or path: 2025-05-02-tiktok.txt, 20250502_story.html, news/2025/05/02/story.txt
_PATH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_./]?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
                        r"(?P<day>0[1-9]|[12]\d|3[01])(?!\d)")


def normalize_published(value: object) -> str | None:
    """A feed's date field → YYYY-MM-DD, or None when it holds no full calendar date.

    Accepts ISO 8601 ("2025-05-02", "2025-05-02T10:00:00Z"), RFC 2822 ("Fri, 02 May 2025 10:00:00 GMT"),
    written dates ("May 2, 2025", "2 May 2025") and Unix timestamps (seconds or milliseconds). The calendar
    date is the one written, in the writer's time zone.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{10}(?:\.\d+)?|\d{13}", text):
        return _from_timestamp(float(text))
    if re.fullmatch(r"\d{8}", text):
        return _valid(int(text[:4]), int(text[4:6]), int(text[6:]))
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?![\d])", text)
    if iso:
        return _valid(*map(int, iso.groups()))
    if re.search(r"\d{1,2}\s+[A-Za-z]{3}\w*\s+\d{4}\s+\d{1,2}:\d{2}", text):  # RFC 2822 has a clock time
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full calendar date written in `text`: (YYYY-MM-DD, start, end)."""
    best = None
    for form in _FORMS:
        for match in form.finditer(text):
            value = _match_value(match)
            if value:
                if best is None or match.start() < best[1]:
                    best = (value, match.start(), match.end())
                break
    return best


def find_dateline_date(text: str) -> str | None:
    """The publication date a text states at its top: a dateline ("NAIROBI, Kenya (AP) — March 14, 1998",
    "LONDON 1996-08-30"), a metadata line ("Friday, Jun 06, 2014 | Source: …", "Published: 2 May 2025"). Dates inside the body's
    sentences are not publication dates and are ignored."""
    for line in _top_lines(text):
        found = find_date(line)
        if found is None:
            if len(line) > _SHORT_META_LINE:
                break  # past the first paragraph: a date further down dates an event, not the story
            continue
        value, start, end = found
        before = line[:start]
        if not before.strip() and len(line) > _SHORT_META_LINE and not _DATELINE_DASH.match(line, end):
            continue  # "8 August 2009: the first post…" opens a paragraph about that day; it dates nothing
        if _LINE_START.match(before) or _DATELINE_PREFIX.match(before) or is_dateline_line(line) or (
                len(line) <= _SHORT_META_LINE
                and ("|" in line or re.match(r"\s*(?:by|posted by|written by)\s", line, re.IGNORECASE))):
            return value
    return None


def is_dateline_line(line: str) -> bool:
    """A line that is only a dateline or a date ("NAIROBI, Kenya (AP) _", "NICE, France 1996-08-30",
    "Published: 2 May 2025"): metadata, never a headline."""
    line = line.strip()
    if _DATELINE_PREFIX.fullmatch(line):
        return True
    found = find_date(line)
    if found is None or len(line) > _SHORT_META_LINE:
        return False
    before, after = line[:found[1]], line[found[2]:]
    return bool((_LINE_START.match(before) or _PLACE_BEFORE_DATE.fullmatch(before)) and _AFTER_DATE.fullmatch(after))


def date_from_path(path: str) -> str | None:
    """A date in the file name, else in the folders just above it ("news/2025/05/02/story.txt")."""
    parts = re.split(r"[\\/]", path)
    for candidate in (parts[-1], "/".join(parts[-4:])):
        for match in _PATH_DATE.finditer(candidate):
            value = _valid(int(match["year"]), int(match["month"]), int(match["day"]))
            if value:
                return value
    return None


def choose_page_published(signals: list[tuple[str, str, bool]]) -> tuple[str | None, str | None]:
    """A web page's publication date and the signal that gave it. `signals`: (source, raw value, updated) in
    any order, source one of PAGE_SOURCES, `updated` true for a modification date.

    The original date beats the updated one unless the page shows only the update. A machine date in UTC
    ("2023-11-09T02:11:03Z") may fall on the day after the date the publisher's own readers saw: when a later
    signal written in local time (a dateline, the byline, a timestamp with its offset) is one day away, it wins.
    """
    rank = {source: i for i, source in enumerate(PAGE_SOURCES)}
    found = sorted(((updated, rank[source], source, raw, value) for source, raw, updated in signals
                    if source in rank and (value := normalize_published(raw))), key=lambda item: item[:2])
    if not found:
        return None, None
    updated, _, source, raw, value = found[0]
    utc = _UTC_TIME.search(raw.strip())
    local = next((item for item in found[1:] if item[0] == updated and item[2] in _LOCAL_SOURCES
                  and not _UTC_TIME.search(item[3].strip())), None)
    if utc and local:
        shift, hour = (dt.date.fromisoformat(local[4]) - dt.date.fromisoformat(value)).days, int(utc["hour"])
        # only where a time zone puts that instant on the other day (UTC-12 to UTC+14; a URL, written by the
        # CMS rather than shown, only for the evening before in the Americas)
        if (shift == -1 and hour < (8 if local[2] == "url" else 12)) or (shift == 1 and hour >= 10):
            return local[4], local[2]
    return value, source


def is_utc_timestamp(raw: str) -> bool:
    return bool(_UTC_TIME.search(raw.strip()))


def date_from_url(url: str) -> str | None:
    """A full date in a URL's path: /2020/07/08/story, /20200708-story, /2020-07-08/."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).split("?")[0]
    for match in _PATH_DATE.finditer(path):
        value = _valid(int(match["year"]), int(match["month"]), int(match["day"]))
        if value:
            return value
    return None


def choose_published(candidates: dict[str, str | None]) -> tuple[str | None, str | None]:
    """The strongest known date and its source; `candidates` maps a SOURCES name to a date or None."""
    for source in SOURCES:
        value = candidates.get(source)
        if value:
            return value, source
    return None, None


def _top_lines(text: str):
    lines = (line for line in text[:_TOP_CHARS].splitlines() if line.strip())
    for _, line in zip(range(_TOP_LINES), lines):
        yield line


def _match_value(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("iyear"):
        return _valid(int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"]))
    month = _MONTHS[groups["month"][:3].lower()]
    return _valid(int(groups["year"]), month, int(groups["day"]))


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_timestamp(value: float) -> str | None:
    if value > 1e11:  # milliseconds
        value /= 1000
    try:
        return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None
