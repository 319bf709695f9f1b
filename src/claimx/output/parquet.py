"""`-f parquet -o OUT/`: the archive tables as a Parquet dataset, one directory per table, read by pyarrow, pandas,
DuckDB (`read_parquet('OUT/claims/*.parquet')`), Polars or Spark.

    OUT/articles/part-000000.parquet  OUT/entities/part-000000.parquet  …  OUT/claim_clusters/part-000000.parquet

Every FLUSH_EVERY articles (and when the run ends or is interrupted) each table gets its next part file, the same
number in every table; a part is written to a temporary name and renamed, and `articles` goes last, so an article
listed there has all its rows. `--resume` skips the ids in articles/ and numbers its parts after the last one; parts
an earlier run left without their `articles` part (it was killed while writing them) are removed first.
When the run ends the claim clusters are merged over every claim (output/clusters.py): claims parts whose ids
changed are rewritten, and claim_clusters/ is written anew.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimx.output.archive import ArchiveError, BufferedRows
from claimx.output.clusters import cluster_claims
from claimx.output.rows import COLUMNS, TABLES
from claimx.records import Record

FLUSH_EVERY = 500  # articles per part file: bounded memory, and at most this many redone after a kill
_TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
_PART = re.compile(r"^part-(\d{6})\.parquet$")


def schema(table: str) -> pa.Schema:
    return pa.schema([(name, _TYPES[kind]) for name, kind in COLUMNS[table].items()])


class ParquetSink:
    def __init__(self, out: Path, *, resume: bool = False, flush_every: int = FLUSH_EVERY):
        self.out = out
        if out.exists() and not out.is_dir():
            raise ArchiveError(f"{out} is a file; -f parquet writes a directory (-o OUT/)")
        if out.is_dir() and any(out.iterdir()):
            if not (out / "articles").is_dir():
                raise ArchiveError(f"{out} is not empty and holds no claimx Parquet archive; "
                                   "write to a new directory")
            if not resume and any((out / "articles").glob("part-*.parquet")):
                raise ArchiveError(f"{out} already holds a Parquet archive: add --resume to finish that run, "
                                   "or write to another directory")
        for table in (*TABLES, "claim_clusters"):
            (out / table).mkdir(parents=True, exist_ok=True)
        self._remove_unfinished_parts()
        self._next = max(self._numbers("articles"), default=-1) + 1
        self._rows = BufferedRows(flush_every, self.completed_ids())

    def completed_ids(self) -> set[str]:
        return {value for value in _column(self.out / "articles", "id") if value is not None}

    def write_batches(self, batches: Iterable[list[Record]]) -> None:
        for records in batches:
            if self._rows.add(records):
                self._flush()

    def close(self) -> None:
        self._flush()
        self._cluster()

    # -- parts

    def _numbers(self, table: str) -> list[int]:
        return sorted(int(m.group(1)) for p in (self.out / table).iterdir() if (m := _PART.match(p.name)))

    def _part(self, table: str, number: int) -> Path:
        return self.out / table / f"part-{number:06d}.parquet"

    def _remove_unfinished_parts(self) -> None:
        finished = set(self._numbers("articles"))
        for table in TABLES:
            for path in (self.out / table).iterdir():
                match = _PART.match(path.name)
                if path.name.startswith(".") or (match and int(match.group(1)) not in finished):
                    path.unlink()

    def _flush(self) -> None:
        tables = self._rows.take()
        if tables is None:
            return
        for table in (*TABLES[1:], TABLES[0]):  # articles last: see the module's docstring
            _write(pa.Table.from_pylist(tables[table], schema=schema(table)), self._part(table, self._next))
        self._next += 1

    def _cluster(self) -> None:
        """Merge near-equal claims over the whole archive, rewrite the claims parts that changed, and write the
        claim_clusters table."""
        needed = ["article_id", "idx", "text", "speaker", "speaker_canonical", "cluster"]
        parts = [self._part("claims", n) for n in self._numbers("claims")]
        claims_by_part = [pq.read_table(p, columns=needed).to_pylist() for p in parts]
        claims = [claim for part in claims_by_part for claim in part]
        before = [claim["cluster"] for claim in claims]
        articles = _rows(self.out / "articles", ["id", "published", "outlet"])
        clusters = cluster_claims(claims, articles)
        at = 0
        for path, part in zip(parts, claims_by_part):
            changed = any(before[at + i] != claim["cluster"] for i, claim in enumerate(part))
            at += len(part)
            if changed:
                table = pq.read_table(path)
                ids = pa.array([claim["cluster"] for claim in part], pa.string())
                _write(table.set_column(table.schema.get_field_index("cluster"), "cluster", ids), path)
        target = self.out / "claim_clusters"
        for old in target.glob("part-*.parquet"):
            old.unlink()
        _write(pa.Table.from_pylist(clusters, schema=schema("claim_clusters")), self._part("claim_clusters", 0))


def _write(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def _column(directory: Path, column: str) -> list[Any]:
    return [v for p in sorted(directory.glob("part-*.parquet"))
            for v in pq.read_table(p, columns=[column]).column(column).to_pylist()]


def _rows(directory: Path, columns: list[str] | None = None) -> list[dict[str, Any]]:
    return [row for p in sorted(directory.glob("part-*.parquet"))
            for row in pq.read_table(p, columns=columns).to_pylist()]


def read_tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of a Parquet archive, parts in order, as lists of row dicts."""
    if not (out / "articles").is_dir():
        raise ArchiveError(f"{out} holds no claimx Parquet archive (no articles/ directory)")
    return {table: _rows(out / table) if (out / table).is_dir() else [] for table in (*TABLES, "claim_clusters")}
