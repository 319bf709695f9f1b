"""Every output format in one place: records in, bytes or terminal output out. Never touches spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

import orjson

from claimx.records import Record

FORMATS = ("table", "jsonl", "json", "csv", "parquet", "sqlite")
ARCHIVE_FORMATS = ("parquet", "sqlite")  # written by the sinks of output/archive.py, not streamed by write()


def jsonl_line(record: Record) -> bytes:
    """One claimx/1 record as one JSON line (with its newline)."""
    return orjson.dumps(record.to_dict()) + b"\n"


def write_jsonl(records: Iterable[Record], stream: IO[bytes]) -> Iterator[Record]:
    for record in records:
        stream.write(jsonl_line(record))
        yield record


def write_json(records: Iterable[Record], stream: IO[bytes]) -> Iterator[Record]:
    """A JSON array, streamed: the opening bracket first, each record as it comes."""
    stream.write(b"[")
    for index, record in enumerate(records):
        stream.write((b",\n" if index else b"\n") + orjson.dumps(record.to_dict(), option=orjson.OPT_INDENT_2))
        yield record
    stream.write(b"\n]\n")


def write_table(records: Iterable[Record], stream: IO[str] | None = None) -> Iterator[Record]:
    from claimx.output.table import print_tables

    yield from print_tables(records, stream)


def write_csv(records: Iterable[Record], stream: IO[bytes]) -> Iterator[Record]:
    from claimx.output.csv import write_csv as _write_csv

    yield from _write_csv(records, stream)


def write(records: Iterable[Record], fmt: str, binary: IO[bytes], text: IO[str] | None = None) -> Iterator[Record]:
    """Write records in `fmt`, yielding each one after it is written (so callers can count and flush)."""
    if fmt == "jsonl":
        return write_jsonl(records, binary)
    if fmt == "json":
        return write_json(records, binary)
    if fmt == "table":
        return write_table(records, text)
    if fmt == "csv":
        return write_csv(records, binary)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
