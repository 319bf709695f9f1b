"""claimx/1 records as the rows of the archive tables (Parquet, SQLite, the corpus report), one list per table.

Every row is keyed by the article `id` plus its index in the record's list, so a row leads back to its record:
`entities` row (article_id, idx) is `record["entities"][idx]`. Rows are built from the claimx/1 JSON form of a
record (a dict, or a Record through to_dict), so fields other layers add (claims[].kind, entities[].salience,
dates[].calendar) are read when present and null when not. docs/tables.md documents every column.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from claimx.normalize.dates.interval import interval_of
from claimx.output.clusters import exact_cluster
from claimx.records import Record

TABLES = ("articles", "entities", "money", "dates", "claims", "claim_links")

# Column name → type, per table: "str", "int", "float", "bool", "date". The Parquet and SQLite schemas are made
# from these, so the three outputs cannot disagree.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": "str", "source": "str", "title": "str", "published": "date", "published_source": "str", "url": "str",
        "outlet": "str", "language": "str", "about": "str", "error_type": "str", "error_message": "str",
    },
    "entities": {
        "article_id": "str", "idx": "int", "text": "str", "label": "str", "start": "int", "end": "int",
        "canonical": "str", "entity_id": "str", "kind": "str", "country": "str", "salience": "float",
        "geonames_id": "int", "lat": "float", "lon": "float", "admin1": "str",
    },
    "money": {
        "article_id": "str", "idx": "int", "text": "str", "start": "int", "end": "int", "amount": "float",
        "amount_decimal": "str", "currency": "str", "approx": "bool", "min": "float", "max": "float",
    },
    "dates": {
        "article_id": "str", "idx": "int", "text": "str", "start": "int", "end": "int", "value": "str",
        "grain": "str", "relative": "bool", "mod": "str", "calendar": "str", "start_date": "date",
        "end_date": "date",
    },
    "claims": {
        "article_id": "str", "idx": "int", "text": "str", "start": "int", "end": "int", "speaker": "str",
        "speaker_label": "str", "speaker_canonical": "str", "cue": "str", "direct": "bool", "kind": "str",
        "date_value": "str", "date_source": "str", "date_start": "date", "date_end": "date", "score": "float",
        "rule": "str", "cluster": "str",
    },
    "claim_links": {
        "article_id": "str", "claim_idx": "int", "target": "str", "target_idx": "int",
    },
    "claim_clusters": {
        "cluster": "str", "speaker": "str", "text": "str", "first_article_id": "str", "first_claim_idx": "int",
        "articles": "int", "outlets": "int", "first_published": "date", "last_published": "date",
    },
}
# The key of each table's rows (claim_links: a claim links to each mention at most once)
KEYS = {
    "articles": ("id",), "entities": ("article_id", "idx"), "money": ("article_id", "idx"),
    "dates": ("article_id", "idx"), "claims": ("article_id", "idx"),
    "claim_links": ("article_id", "claim_idx", "target", "target_idx"), "claim_clusters": ("cluster",),
}
LINK_TARGETS = {"entities": "entity", "money": "money", "dates": "date"}  # claims[] list → claim_links.target


def empty_tables() -> dict[str, list[dict[str, Any]]]:
    return {table: [] for table in TABLES}


def add_record(tables: dict[str, list[dict[str, Any]]], record: Record | dict[str, Any]) -> None:
    """Append one record's rows to `tables` (see empty_tables)."""
    r = record.to_dict() if isinstance(record, Record) else record
    article_id = r["id"]
    error = r.get("error") or {}
    tables["articles"].append({
        "id": article_id, "source": r.get("source"), "title": r.get("title"), "published": _day(r.get("published")),
        "published_source": r.get("published_source"), "url": r.get("url"), "outlet": outlet_of(r),
        "language": r.get("language"), "about": ",".join(r.get("about") or ()) or None,
        "error_type": error.get("type"), "error_message": error.get("message"),
    })
    for idx, e in enumerate(r.get("entities") or ()):
        tables["entities"].append({
            "article_id": article_id, "idx": idx, "text": e.get("text"), "label": e.get("label"),
            "start": e.get("start"), "end": e.get("end"), "canonical": e.get("canonical"), "entity_id": e.get("id"),
            "kind": e.get("kind"), "country": e.get("country"), "salience": _float(e.get("salience")),
            "geonames_id": _int(e.get("geonames_id")), "lat": _float(e.get("lat")), "lon": _float(e.get("lon")),
            "admin1": e.get("admin1"),
        })
    for idx, m in enumerate(r.get("money") or ()):
        tables["money"].append({
            "article_id": article_id, "idx": idx, "text": m.get("text"), "start": m.get("start"), "end": m.get("end"),
            "amount": _float(m.get("amount")), "amount_decimal": decimal_text(m.get("amount")),
            "currency": m.get("currency"), "approx": bool(m.get("approx")), "min": _float(m.get("min")),
            "max": _float(m.get("max")),
        })
    for idx, d in enumerate(r.get("dates") or ()):
        covered = interval_of(d.get("value"), d.get("calendar"))
        tables["dates"].append({
            "article_id": article_id, "idx": idx, "text": d.get("text"), "start": d.get("start"), "end": d.get("end"),
            "value": d.get("value"), "grain": d.get("grain"), "relative": bool(d.get("relative")),
            "mod": d.get("mod"), "calendar": d.get("calendar"),
            "start_date": covered[0] if covered else None, "end_date": covered[1] if covered else None,
        })
    for idx, c in enumerate(r.get("claims") or ()):
        speaker = c.get("speaker") or {}
        date = c.get("date") or {}
        covered = interval_of(date.get("value"))
        tables["claims"].append({
            "article_id": article_id, "idx": idx, "text": c.get("text"), "start": c.get("start"), "end": c.get("end"),
            "speaker": speaker.get("text"), "speaker_label": speaker.get("label"),
            "speaker_canonical": speaker.get("canonical"), "cue": (c.get("cue") or {}).get("text"),
            "direct": bool(c.get("direct")), "kind": c.get("kind"), "date_value": date.get("value"),
            "date_source": date.get("source"), "date_start": covered[0] if covered else None,
            "date_end": covered[1] if covered else None, "score": _float(c.get("score")), "rule": c.get("rule"),
            "cluster": exact_cluster(speaker_of(speaker), c.get("text")),
        })
        for field, target in LINK_TARGETS.items():
            for target_idx in sorted(set(c.get(field) or ())):
                tables["claim_links"].append({"article_id": article_id, "claim_idx": idx, "target": target,
                                              "target_idx": target_idx})


def tables_of(records) -> dict[str, list[dict[str, Any]]]:
    tables = empty_tables()
    for record in records:
        add_record(tables, record)
    return tables


def speaker_of(speaker: dict[str, Any]) -> str | None:
    """Who said it, for clustering: the speaker's canonical name, else the words naming it."""
    return speaker.get("canonical") or speaker.get("text")


def outlet_of(r: dict[str, Any]) -> str | None:
    """Who published the article: its URL's host without `www.`; None without a URL."""
    url = r.get("url")
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def decimal_text(amount: Any) -> str | None:
    """The amount as a plain decimal string, exact where float64 is not (`4200000000`, `6.5`, `0.1`)."""
    if amount is None or isinstance(amount, bool):
        return None
    try:
        text = format(Decimal(str(amount)), "f")
    except (InvalidOperation, ValueError):
        return None
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None
