"""Archive outputs, the tables of output/rows.py written where they can be queried: a Parquet dataset (parquet.py)
or an SQLite database for Datasette (sqlite.py). What both sinks share: buffering records into rows, the claim
clusters computed when the run ends, the one-line errors, and reading an archive back (for `claimx report`).

An archive sink is a batch sink (write_batches, close) plus completed_ids() for --resume.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimx.output.rows import add_record, empty_tables
from claimx.records import Record

ARCHIVE_FORMATS = ("parquet", "sqlite")
# The packages each format needs: the claimx[archive] extra
_NEEDS = {"parquet": ("pyarrow",), "sqlite": ("sqlite_utils",)}
_PIP_NAMES = {"pyarrow": "pyarrow", "sqlite_utils": "sqlite-utils"}


class ArchiveError(Exception):
    """An archive that cannot be written or read as asked (a missing extra, a path holding something else)."""


def require(fmt: str) -> None:
    """A one-line error naming the install command when the format's packages are missing."""
    for module in _NEEDS.get(fmt, ()):
        try:
            importlib.import_module(module)
        except ImportError:
            raise ArchiveError(f"-f {fmt} needs {_PIP_NAMES[module]}: pip install 'claimx[archive]'") from None


def open_archive(fmt: str, path: Path, *, resume: bool = False):
    """The sink writing records to the archive at `path` (a directory for parquet, a file for sqlite)."""
    require(fmt)
    if fmt == "parquet":
        from claimx.output.parquet import ParquetSink

        return ParquetSink(path, resume=resume)
    if fmt == "sqlite":
        from claimx.output.sqlite import SqliteSink

        return SqliteSink(path, resume=resume)
    raise ValueError(f"not an archive format: {fmt!r}")


class UniqueIds:
    """Article ids are the archive's keys, but two inputs can use the same id (two feeds both numbering from 1).
    The first keeps it; a later one becomes `SOURCE#ID` (then `SOURCE#ID#2`…), so no record is lost. --resume
    skips every document whose input id is already done, so a resumed run renames nothing twice."""

    def __init__(self, taken: Iterable[str] = ()):
        self.taken = set(taken)

    def rows_of(self, record: Record | dict[str, Any]) -> dict[str, Any]:
        """The record's claimx/1 dict, its id made unique in the archive."""
        r = record.to_dict() if isinstance(record, Record) else record
        unique, n = r["id"], 1
        while unique in self.taken:
            n += 1
            unique = f"{r.get('source')}#{r['id']}" + (f"#{n - 1}" if n > 2 else "")
        self.taken.add(unique)
        return r if unique == r["id"] else {**r, "id": unique}


class BufferedRows:
    """Records turned into rows as they come, taken every `every` articles (and at close) by the sink."""

    def __init__(self, every: int, taken: Iterable[str] = ()):
        self.every = every
        self.tables = empty_tables()
        self.ids = UniqueIds(taken)

    def add(self, records: Iterable[Record]) -> bool:
        """Add records; True when the buffer is due to be taken."""
        for record in records:
            add_record(self.tables, self.ids.rows_of(record))
        return len(self.tables["articles"]) >= self.every

    def take(self) -> dict[str, list[dict[str, Any]]] | None:
        if not self.tables["articles"]:
            return None
        tables, self.tables = self.tables, empty_tables()
        return tables


def read_tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of an archive, whichever form it has: claimx/1 JSON Lines (the tables and clusters are made
    from the records here), a Parquet directory, or an SQLite file."""
    if path.is_dir():
        require("parquet")
        from claimx.output.parquet import read_tables as read_parquet

        return read_parquet(path)
    with open(path, "rb") as handle:
        magic = handle.read(16)
    if magic.startswith(b"SQLite format 3"):
        from claimx.output.sqlite import read_tables as read_sqlite

        return read_sqlite(path)
    return _tables_from_jsonl(path)


def _tables_from_jsonl(path: Path) -> dict[str, list[dict[str, Any]]]:
    import orjson

    from claimx.output.clusters import cluster_claims

    tables = empty_tables()
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                raise ArchiveError(f"{path}:{number}: not JSON; expected claimx/1 JSON Lines, a Parquet "
                                   "directory or an SQLite file") from None
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise ArchiveError(f"{path}:{number}: not a claimx/1 record (no id)")
            add_record(tables, record)
    tables["claim_clusters"] = cluster_claims(tables["claims"], tables["articles"])
    return tables
