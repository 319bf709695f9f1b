"""`-f sqlite -o archive.db`: the archive tables in one SQLite file, made with sqlite-utils for Datasette
(`datasette archive.db`): foreign keys to `articles` (and from claims to their cluster), indexes on ids, canonical
names, currencies and dates, and full-text search on claims (text, speaker) and article titles.

Each batch of records goes in one transaction, so the file holds whole articles only: `--resume` skips the ids in
`articles` and adds the rest. When the run ends the claim clusters are merged over every claim and
`claim_clusters` is filled anew (output/clusters.py).
"""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from contextlib import closing, contextmanager
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from claimx.output.archive import ArchiveError, BufferedRows
from claimx.output.clusters import cluster_claims
from claimx.output.rows import COLUMNS, KEYS, TABLES
from claimx.records import Record

_TYPES = {"str": str, "int": int, "float": float, "bool": int, "date": str}
INDEXES = {
    "articles": (["published"], ["outlet"]),
    "entities": (["canonical"], ["entity_id"], ["label"]),
    "money": (["currency"],),
    "dates": (["start_date"], ["value"]),
    "claims": (["speaker_canonical"], ["cluster"], ["date_start"]),
    "claim_clusters": (["speaker"], ["first_published"]),
}
FULL_TEXT = {"claims": ["text", "speaker"], "articles": ["title"]}


class SqliteSink:
    def __init__(self, path: Path, *, resume: bool = False):
        self.path = path
        if path.is_dir():
            raise ArchiveError(f"{path} is a directory; -f sqlite writes one file (-o archive.db)")
        if path.exists() and path.stat().st_size and not _is_archive(path):
            raise ArchiveError(f"{path} exists and is not a claimx SQLite archive; refusing to write to it")
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")  # a reader (Datasette) may browse while a run writes
        # WAL with synchronous=NORMAL: a batch survives a killed process; only a power cut can lose the last ones,
        # which --resume then redoes (the file itself stays consistent either way)
        self.db.execute("PRAGMA synchronous=NORMAL")
        _create_tables(self.db)
        if not resume and self.db["articles"].count:
            self.db.close()
            raise ArchiveError(f"{path} already holds an archive: add --resume to finish that run, "
                               "or write to another file")
        self._rows = BufferedRows(1, self.completed_ids())

    def completed_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def write_batches(self, batches: Iterable[list[Record]]) -> None:
        for records in batches:
            self._rows.add(records)
            with self._reported():
                self._insert(self._rows.take())

    def close(self) -> None:
        try:
            with self._reported():
                self._cluster()
                _index(self.db)
            try:
                self.db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file again
            except sqlite3.OperationalError:  # a reader (Datasette) has it open: it stays in WAL mode, still whole
                pass
        finally:
            self.db.close()

    @contextmanager
    def _reported(self):
        """SQLite's errors (a full disk, a locked file) as the OSError the CLI reports in one line."""
        try:
            yield
        except sqlite3.Error as exc:
            raise OSError(errno.EIO, f"cannot write the SQLite archive ({exc})", str(self.path)) from None

    def _insert(self, tables: dict[str, list[dict[str, Any]]] | None) -> None:
        if tables is None:
            return
        with self.db.conn:  # one transaction: a batch is all in, or not at all
            for table in TABLES:
                _insert_rows(self.db.conn, table, tables[table])

    def _cluster(self) -> None:
        claims = [dict(zip(("article_id", "idx", "text", "speaker", "speaker_canonical", "cluster"), row))
                  for row in self.db.execute(
                      "SELECT article_id, idx, text, speaker, speaker_canonical, cluster FROM claims")]
        articles = [{"id": id, "published": published, "outlet": outlet}
                    for id, published, outlet in self.db.execute("SELECT id, published, outlet FROM articles")]
        before = [claim["cluster"] for claim in claims]
        clusters = cluster_claims(claims, articles)
        with self.db.conn:
            self.db.conn.executemany(
                "UPDATE claims SET cluster = ? WHERE article_id = ? AND idx = ?",
                [(c["cluster"], c["article_id"], c["idx"]) for c, old in zip(claims, before) if c["cluster"] != old])
            self.db.execute("DELETE FROM claim_clusters")
            _insert_rows(self.db.conn, "claim_clusters", clusters)


def _is_archive(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            return connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone() is not None
    except sqlite3.DatabaseError:
        return False


def _create_tables(db: sqlite_utils.Database) -> None:
    for table in ("claim_clusters", *TABLES):  # a table before the tables whose keys point at it
        if db[table].exists():
            continue
        columns = {name: _TYPES[kind] for name, kind in COLUMNS[table].items()}
        keys = KEYS[table]
        foreign = [("article_id", "articles", "id")] if "article_id" in columns else []
        if table == "claims":
            foreign.append(("cluster", "claim_clusters", "cluster"))
        db[table].create(columns, pk=keys[0] if len(keys) == 1 else keys, foreign_keys=foreign)


def _index(db: sqlite_utils.Database) -> None:
    """Indexes and full-text search, made once the rows are in (building them at the end is several times
    faster than keeping them up to date row by row); a resumed run finds them and keeps them up to date."""
    for table, indexes in INDEXES.items():
        for index in indexes:
            db[table].create_index(index, if_not_exists=True)
    for table, columns in FULL_TEXT.items():
        if db[table].detect_fts() is None:
            db[table].enable_fts(columns, create_triggers=True)
            db[table].populate_fts(columns)


def _insert_rows(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Plain executemany with the columns of rows.py: sqlite-utils' insert_all inspects every value of every row,
    which costs more than SQLite's own work here."""
    if not rows:
        return
    names = list(COLUMNS[table])
    dates = [i for i, name in enumerate(names) if COLUMNS[table][name] == "date"]
    values = []
    for row in rows:
        value = [row[name] for name in names]
        for i in dates:
            if isinstance(value[i], dt.date):
                value[i] = value[i].isoformat()
        values.append(value)  # bools go in as 0/1 by themselves
    columns = ", ".join(f"[{name}]" for name in names)
    connection.executemany(f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(names))})", values)


def read_tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of an SQLite archive as lists of row dicts, typed as the rows of output/rows.py."""
    if not _is_archive(path):
        raise ArchiveError(f"{path} is not a claimx SQLite archive (no articles table)")
    tables = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        for table in (*TABLES, "claim_clusters"):
            kinds = COLUMNS[table]
            cursor = connection.execute(f'SELECT {", ".join(f"[{c}]" for c in kinds)} FROM {table} ORDER BY rowid')
            tables[table] = [{name: _typed(value, kinds[name]) for name, value in zip(kinds, row)} for row in cursor]
    return tables


def _typed(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "bool":
        return bool(value)
    return value
