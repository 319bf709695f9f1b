"""Read Microsoft Recognizers-Text spec files (currency, datetime) as claimx gold, so `claimx eval` scores them.

A spec line has `text`, `reference_datetime` and `spans[]`, each span with `start`, `end`, `type` and a
`resolution`. Each line becomes one gold document:

- `reference_datetime` → `published` (its date part); the line's `id` is kept.
- Currency spans → the `money` layer. `amount` is `resolution.value` as a number (null when the spec has none);
  `currency` is `resolution.isoCurrency` when given, else the unit name looked up in
  models/money/recognizers_text_units.json (e.g. Dollar → USD, Pound → GBP, Finnish markka → FIM), else
  pycountry's name of a current ISO 4217 currency ("Lao Kip"), else null. Minor units are
  converted to their currency: "50 cents" (value 50, unit Cent) → amount 0.5, USD. Units that name no single
  ISO 4217 currency (Franc, Sen) or none at all (Bitcoin, Satoshi) → currency null.
- Datetime spans → the `dates` layer, sorted by type:
  * `datetimeV2.date` and `datetimeV2.daterange` are gold dates. Their value is the TIMEX when it is already a
    claimx calendar value (`2019-01-04`, `2016-11`, `2018`, `2018-W11`, `2016-W45-WE`, `2016-SU`, ...), or the
    calendar unit a range covers exactly: `(2016-11-01,2016-12-01,P1M)` → `2016-11`, a whole year → `2016`,
    a quarter → `2016-Q2`, `(1990-01-01,2000-01-01,P10Y)` → `199`, a century → `14`. Every other TIMEX gets
    value null (the span is still scored, its value is not): unresolved years or weeks (`XXXX-01-04`,
    `XXXX-WXX-5`: the spec deliberately leaves the year open and lists a past and a future reading, so there
    is no one right value), seasons without a year (`SU`), school and fiscal years (`SY2019`, `FY2018`),
    arbitrary ranges (`(2016-11-08,2016-11-11,P3D)`), and spans whose readings disagree.
  * `datetimeV2.datetime` and `datetimeV2.datetimerange` contain a date and a clock time ("tomorrow 8:00am");
    they go to `dates_ignored`, so a date found inside them is neither required nor penalised. So do
    `PRESENT_REF`-style readings ("now"), as in the TempEval gold.
  * time, timerange, duration, set and timezone spans are not dates in claimx/1 ("3 minutes", "weekly",
    "5 to 6pm"): they are left out, so reporting one as a date counts as a false positive.
- Lines flagged `not_supported` (some Recognizers-Text ports fail them) are scored like any other line.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from claimx.assets import load_json

CURRENCY_TYPES = {"currency"}
DATE_TYPES = {"datetimeV2.date", "datetimeV2.daterange"}
DATETIME_TYPES = {"datetimeV2.datetime", "datetimeV2.datetimerange"}
IGNORED_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}

_CALENDAR_VALUE = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}(-WE)?|\d{4}-Q[1-4]|\d{4}-H[12]|\d{4}-(SP|SU|FA|WI)|\d{2,3})$")
_RANGE = re.compile(r"^\((\d{4})-(\d{2})-(\d{2}),(\d{4})-(\d{2})-(\d{2}),P[^)]*\)$")


def is_spec_record(record: dict[str, Any]) -> bool:
    """A Recognizers-Text spec line (rather than a claimx/1 record)."""
    return "spans" in record and "reference_datetime" in record and "schema" not in record


def to_gold(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold documents for a whole spec file: the file's span types say which layer it annotates."""
    types = {span.get("type", "") for record in records for span in record.get("spans") or []}
    layer = "money" if types & CURRENCY_TYPES else "dates"
    return [to_gold_doc(record, number, layer) for number, record in enumerate(records, start=1)]


def to_gold_doc(record: dict[str, Any], number: int, layer: str) -> dict[str, Any]:
    reference = record.get("reference_datetime")
    doc: dict[str, Any] = {"id": str(record.get("id", f"line {number}")), "text": record["text"],
                           "published": reference[:10] if reference else None}
    spans = record.get("spans") or []
    if layer == "money":
        doc["money"] = [money_item(span) for span in spans if span.get("type") in CURRENCY_TYPES]
        return doc
    doc["dates"], doc["dates_ignored"] = [], []
    for span in spans:
        kind = span.get("type")
        value = date_value(_timexes(span))
        item = {"text": span["text"], "start": span["start"], "end": span["end"], "value": value}
        if kind in DATETIME_TYPES or set(_timexes(span)) & IGNORED_VALUES:
            doc["dates_ignored"].append(item)
        elif kind in DATE_TYPES:
            doc["dates"].append(item)
    return doc


# ---------------------------------------------------------------- money


def money_item(span: dict[str, Any]) -> dict[str, Any]:
    resolution = span.get("resolution") or {}
    currency, factor = currency_of(resolution)
    amount = _number(resolution.get("value"))
    if amount is not None and currency is not None:
        amount *= Decimal(str(factor))
    return {"text": span["text"], "start": span["start"], "end": span["end"], "amount": _plain(amount),
            "currency": currency}


def currency_of(resolution: dict[str, Any]) -> tuple[str | None, float]:
    """(ISO 4217 code or None, factor from the stated number to that currency's unit)."""
    unit = resolution.get("unit") or ""
    known = _unit_table().get(unit) or _unit_table().get(unit.capitalize())
    iso = resolution.get("isoCurrency")
    if iso:
        return iso, known["factor"] if known and known["currency"] == iso else 1
    if known is not None:
        return known["currency"], known["factor"] if known["currency"] else 1
    return _pycountry_code(unit), 1


@cache
def _unit_table() -> dict[str, dict[str, Any]]:
    return load_json("money", "recognizers_text_units.json")["units"]


def _pycountry_code(name: str) -> str | None:
    import pycountry  # a claimx dependency (places); imported only when a unit is not in the table

    try:
        return pycountry.currencies.lookup(name).alpha_3
    except LookupError:
        return None


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _plain(amount: Decimal | None) -> int | float | None:
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


# ---------------------------------------------------------------- dates


def _timexes(span: dict[str, Any]) -> list[str]:
    values = (span.get("resolution") or {}).get("values") or []
    return [v["timex"] for v in values if isinstance(v, dict) and v.get("timex")]


def date_value(timexes: list[str]) -> str | None:
    """The claimx/1 value of a date span's TIMEX readings, or None when there is no single clean one."""
    distinct = set(timexes)
    if len(distinct) != 1:
        return None
    timex = distinct.pop()
    if _CALENDAR_VALUE.match(timex):
        return timex
    match = _RANGE.match(timex)
    if match:
        start = dt.date(*map(int, match.group(1, 2, 3))) if _valid(match.group(1, 2, 3)) else None
        end = dt.date(*map(int, match.group(4, 5, 6))) if _valid(match.group(4, 5, 6)) else None
        if start and end:
            return calendar_unit(start, end)
    return None


def _valid(parts: tuple[str, ...]) -> bool:
    try:
        dt.date(*map(int, parts))
    except ValueError:
        return False
    return True


def calendar_unit(start: dt.date, end: dt.date) -> str | None:
    """The calendar value of the half-open range start..end when it is exactly one month, quarter, year,
    decade or century; else None."""
    if start.day != 1 or end.day != 1:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    if months == 3 and start.month in (1, 4, 7, 10):
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if start.month != 1 or end.month != 1:
        return None
    years = end.year - start.year
    if years == 1:
        return str(start.year)
    if years == 10 and start.year % 10 == 0:
        return str(start.year // 10)
    if years == 100 and start.year % 100 == 0:
        return str(start.year // 100)
    return None
