"""CSV for spreadsheets: one row per mention, RFC 4180 (comma, double-quote escaping, CRLF, one header row)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from claimx.records import Record

COLUMNS = ("id", "layer", "label", "text", "start", "end", "value", "currency", "speaker", "claim_date")


def rows(record: Record) -> Iterator[dict[str, Any]]:
    """The record's mentions as flat rows, in the order of the claimx/1 lists. A failed document is one `error` row
    (label = error type, text = message), so a spreadsheet shows what was lost."""
    if record.error:
        yield {"id": record.id, "layer": "error", "label": record.error.get("type"),
               "text": record.error.get("message")}
        return
    for e in record.entities:
        yield {"id": record.id, "layer": "entities", "label": e.label, "text": e.text, "start": e.start,
               "end": e.end, "value": e.canonical}
    for m in record.money:
        yield {"id": record.id, "layer": "money", "label": "MONEY", "text": m.text, "start": m.start, "end": m.end,
               "value": m.amount, "currency": m.currency}
    for d in record.dates:
        yield {"id": record.id, "layer": "dates", "label": "DATE", "text": d.text, "start": d.start, "end": d.end,
               "value": d.value}
    for c in record.claims:
        yield {"id": record.id, "layer": "claims", "label": "QUOTE" if c.direct else "CLAIM", "text": c.text,
               "start": c.start, "end": c.end, "speaker": c.speaker.text if c.speaker else None,
               "claim_date": (c.date or {}).get("value")}


# A text cell starting with one of these is run as a formula by spreadsheets ("CSV injection"): an article can say
# anything, so such cells get a leading apostrophe, which spreadsheets read as "this is text" and do not show.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """Spreadsheet-friendly cells: empty for None, whole floats without a trailing `.0`, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(records: Iterable[Record], stream: IO[bytes]) -> Iterator[Record]:
    """Stream UTF-8 CSV to a binary stream: the header first (even for no records), then each record's rows."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n", restval="")
        writer.writeheader()
        for record in records:
            writer.writerows({k: cell(v) for k, v in row.items()} for row in rows(record))
            yield record
    finally:
        text.flush()
        text.detach()  # the caller owns the binary stream: leave it open
