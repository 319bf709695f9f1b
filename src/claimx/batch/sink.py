"""Where a batch run's records go. JSON Lines files get the durability `--resume` relies on:
each batch is one write() of whole lines, then fsync; a failed write is cut back, so the file never ends mid-line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from claimx import output
from claimx.records import Record


class JsonlFile:
    """`-o FILE` in JSON Lines: whole lines only, synced to disk batch by batch."""

    def __init__(self, path: Path, *, append: bool = False):
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        self._fd = os.open(path, flags, 0o666)

    def write_batches(self, batches: Iterable[list[Record]]) -> None:
        for records in batches:
            self.write(records)

    def write(self, records: list[Record]) -> None:
        data = b"".join(output.jsonl_line(record) for record in records)
        if not data:
            return
        start = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:  # one write() for a regular file; the loop only matters on a short write
                view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
        except OSError as exc:
            try:
                os.ftruncate(self._fd, start)  # a full disk must not leave half a line behind
            except OSError:
                pass
            raise OSError(exc.errno, exc.strerror, str(self.path)) from None

    def close(self) -> None:
        os.close(self._fd)


class JsonlStream:
    """JSON Lines on stdout (or any binary stream): flushed batch by batch so a reader sees whole lines."""

    def __init__(self, stream: IO[bytes]):
        self.stream = stream

    def write_batches(self, batches: Iterable[list[Record]]) -> None:
        for records in batches:
            self.stream.write(b"".join(output.jsonl_line(record) for record in records))
            self.stream.flush()

    def close(self) -> None:
        pass


class Formatted:
    """Any other format (table, json, csv): the output module renders the record stream."""

    def __init__(self, fmt: str, path: Path | None):
        self.fmt = fmt
        self.path = path

    def write_batches(self, batches: Iterable[list[Record]]) -> None:
        records = _flatten(batches)
        if self.path is None:
            for _ in output.write(records, self.fmt, sys.stdout.buffer, sys.stdout):
                sys.stdout.flush()
            return
        if self.fmt == "table":
            with open(self.path, "w", encoding="utf-8") as text:
                for _ in output.write(records, self.fmt, sys.stdout.buffer, text):
                    pass
            return
        with open(self.path, "wb") as binary:
            for _ in output.write(records, self.fmt, binary, None):
                pass

    def close(self) -> None:
        pass


def open_sink(fmt: str, path: Path | None, *, append: bool = False):
    """The sink for `fmt`: JSON Lines to a file or stdout, an archive (parquet, sqlite: output/archive.py, where
    `append` resumes it), or any other format rendered by the output module."""
    if fmt in output.ARCHIVE_FORMATS:
        from claimx.output.archive import open_archive

        if path is None:
            raise ValueError(f"-f {fmt} writes an archive: it needs a path")
        return open_archive(fmt, path, resume=append)
    if fmt == "jsonl":
        return JsonlFile(path, append=append) if path is not None else JsonlStream(sys.stdout.buffer)
    return Formatted(fmt, path)


def _flatten(batches: Iterable[list[Record]]) -> Iterator[Record]:
    for records in batches:
        yield from records
