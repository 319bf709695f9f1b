"""Plan a distributed run: the inputs a user names → partitions of work. Work, not data: a partition names what
to read (paths, URLs, byte ranges) and each worker reads it itself.

A partition is a group of whole files (about `partition_bytes`, at most `max_files`), or one line range of a
JSON Lines file too large to go whole. Ids and sources are the ones a local run gives: paths relative to the
directory given, or as given; JSONL lines keep their ids (see LineBlock for how line numbers are kept).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimx.ingest import is_url, iter_inputs
from claimx.ingest.select import is_selected
from claimx.ingest.sources import JSONL_SUFFIXES

PARTITION_BYTES = 64 * 1024  # ~15 news articles: seconds of work for a worker, a cheap retry when one dies
MAX_FILES = 64

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")


class PlanError(Exception):
    """An input that cannot be listed: a missing fsspec backend, a bucket without access."""


def is_fsspec_url(value: str) -> bool:
    """s3://, gs://, file://, memory://… (http(s) pages are fetched as in a local run, not through fsspec)."""
    return bool(_SCHEME.match(value)) and not is_url(value)


@dataclass(frozen=True)
class FileUnit:
    """One whole file or page."""

    location: str  # what a worker opens: an absolute path or an fsspec URL (or the http(s) URL it fetches)
    source: str  # the name its records carry, as in a local run
    id: str
    size: int = 0  # bytes; 0 when unknown
    fetch: bool = False  # an http(s) page, fetched by ingest.read_url as a local run does

    @property
    def is_jsonl(self) -> bool:
        return not self.fetch and os.path.splitext(self.source)[1].lower() in JSONL_SUFFIXES


@dataclass(frozen=True)
class LineBlock:
    """The lines of a JSON Lines file whose preceding newline lies in [offset, offset + length) — line 1 belongs to
    the block at offset 0. This is fsspec.utils.read_block's rule, so consecutive blocks neither overlap nor miss a
    line. A block's first line number is 2 + the newlines before `offset`, which the workers count (run.py)."""

    location: str
    source: str
    id: str  # the file's id, for an io_error record
    offset: int
    length: int
    last: bool  # the file's last block


@dataclass(frozen=True)
class Partition:
    seq: int  # its place in input order
    files: tuple[FileUnit, ...] = ()
    block: LineBlock | None = None

    @property
    def units(self) -> tuple[FileUnit | LineBlock, ...]:
        return self.files if self.block is None else (self.block,)


def check_inputs(paths: Iterable[str]) -> None:
    """Fail early (before a cluster is started) on inputs a distributed run cannot read."""
    for raw in paths:
        if raw == "-":
            raise PlanError("a distributed run reads files, directories and URLs, not stdin ('-')")
        if is_fsspec_url(raw):
            _filesystem(raw)


def iter_units(paths: Iterable[str], *, include: Sequence[str] = (), exclude: Sequence[str] = (),
               partition_bytes: int = PARTITION_BYTES) -> Iterator[FileUnit | LineBlock]:
    """Every file the inputs name, in the order a local run reads them; large JSONL files as line blocks."""
    for raw in paths:
        if raw == "-":
            raise PlanError("a distributed run reads files, directories and URLs, not stdin ('-')")
        files = _fsspec_files(raw, include, exclude) if is_fsspec_url(raw) else _local_files(raw, include, exclude)
        for unit in files:
            if unit.is_jsonl and unit.size > partition_bytes:
                yield from _blocks(unit, partition_bytes)
            else:
                yield unit


def group_partitions(units: Iterable[FileUnit | LineBlock], *, partition_bytes: int = PARTITION_BYTES,
                     max_files: int = MAX_FILES) -> Iterator[Partition]:
    """Consecutive files grouped up to about `partition_bytes` (or `max_files`); each line block alone."""
    seq = itertools.count()
    files: list[FileUnit] = []
    size = 0
    for unit in units:
        if isinstance(unit, LineBlock):
            if files:
                yield Partition(next(seq), tuple(files))
                files, size = [], 0
            yield Partition(next(seq), block=unit)
            continue
        files.append(unit)
        size += unit.size
        if size >= partition_bytes or len(files) >= max_files:
            yield Partition(next(seq), tuple(files))
            files, size = [], 0
    if files:
        yield Partition(next(seq), tuple(files))


def _blocks(unit: FileUnit, partition_bytes: int) -> Iterator[LineBlock]:
    for offset in range(0, unit.size, partition_bytes):
        length = min(partition_bytes, unit.size - offset)
        yield LineBlock(unit.location, unit.source, unit.id, offset, length, last=offset + length >= unit.size)


def _local_files(raw: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[FileUnit]:
    for item in iter_inputs([raw], include=include, exclude=exclude):
        if item.kind == "skipped":  # a symlink out of the folder: left out, as a local run leaves it out
            continue
        if item.kind == "url":
            yield FileUnit(item.location, item.location, item.id, fetch=True)
            continue
        source = str(Path(item.location))  # what ingest.read_file names it
        try:
            size = os.stat(source).st_size
        except OSError:
            size = 0  # the worker reports it as an io_error record, as a local run does
        # Workers may not share our working directory: they open absolute paths (a shared file system is needed).
        yield FileUnit(os.path.abspath(source), source, item.id, size)


def _fsspec_files(url: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[FileUnit]:
    fs, root = _filesystem(url)
    try:
        is_dir = fs.isdir(root)
        found = fs.find(root, detail=True) if is_dir else {}
        size = 0 if is_dir else _size(fs, root)
    except OSError as exc:
        raise PlanError(f"cannot list {url}: {exc}") from None
    if not is_dir:
        yield FileUnit(url, url, url, size)
        return
    base, prefix = url.rstrip("/"), root.rstrip("/") + "/"
    children = []
    for path, info in found.items():
        if info.get("type", "file") != "file" or not path.startswith(prefix):
            continue
        relative = path[len(prefix):]
        if is_selected(relative, include, exclude):
            children.append((relative.split("/"), relative, int(info.get("size") or 0)))
    for _, relative, child_size in sorted(children):  # by path parts, as a local walk sorts Paths
        source = f"{base}/{relative}"
        yield FileUnit(source, source, relative, child_size)


def _filesystem(url: str):
    try:
        import fsspec

        return fsspec.core.url_to_fs(url)
    except ImportError as exc:  # fsspec itself, or the backend of this scheme (s3fs, gcsfs…)
        raise PlanError(f"{url}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise PlanError(f"{url}: {exc}") from None


def _size(fs, path: str) -> int:
    try:
        return int(fs.size(path) or 0)
    except FileNotFoundError:
        return 0  # a missing file becomes an io_error record on the worker
