"""What runs on a Dask worker: read one partition's files (through fsspec) and analyse them with `nlp.pipe`.

Each worker process loads the pipeline once, on its first partition, and keeps it for every later one. A worker
with several threads runs one partition's pipeline at a time (spaCy pipelines are not made to be shared between
threads); the reading overlaps.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

from claimx.batch.engine import chunked
from claimx.batch.workers import PipelineSpec
from claimx.distributed.plan import FileUnit, LineBlock, Partition
from claimx.ingest import Article, ArticleError, IngestOptions, read_bytes
from claimx.records import Record

_READ_SIZE = 1 << 20

_pipelines: dict[tuple, object] = {}
_pipeline_lock = threading.Lock()


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the partition: how to build the pipeline, read inputs, batch documents."""

    spec: PipelineSpec
    options: IngestOptions
    batch_size: int = 32
    max_batch_chars: int = 500_000


@dataclass
class PartitionResult:
    records: list[Record]  # one per analysed article, in input order
    words: int
    skipped: int  # articles whose ids were already done (--resume)
    # A line block: (article id, or None for an error item; line number; analysed, i.e. not skipped) of each line
    # read, so ids repeated across blocks can be found (run.py). None for whole files.
    lines: list[tuple[str | None, int, bool]] | None = None


@dataclass
class Description:
    documents: list[tuple[str, str]]  # (id, source) of each article to analyse
    skipped: int
    lines: list[tuple[str | None, int, bool]] | None  # as in PartitionResult


def extract_partition(partition: Partition, job: Job, skip_ids: frozenset[str] | None = None,
                      lines_before: int = 0, only: int | None = None) -> PartitionResult:
    """Records of the partition's articles not in `skip_ids`; with `only`, of the only-th of them alone
    (a partition whose worker died is retried one document at a time)."""
    from claimx.extract import extract_many

    articles, skipped, lines = _todo(partition, job.options, skip_ids, lines_before)
    if only is not None:
        articles, skipped, lines = articles[only:only + 1], 0, None
    records: list[Record] = []
    with _pipeline_lock:
        nlp = _pipeline(job.spec)
        for chunk in chunked(articles, job.batch_size, job.max_batch_chars):
            records.extend(extract_many(chunk, nlp=nlp, batch_size=len(chunk), include_text=job.spec.include_text))
    words = sum(len(a.text.split()) for a in articles if isinstance(a, Article))
    return PartitionResult(records, words, skipped, lines)


def describe_partition(partition: Partition, options: IngestOptions, skip_ids: frozenset[str] | None = None,
                       lines_before: int = 0) -> Description:
    """The articles `extract_partition` would analyse, without analysing them (no spaCy): where the retry of a
    partition that killed its workers starts."""
    articles, skipped, lines = _todo(partition, options, skip_ids, lines_before)
    return Description([(a.id, a.source) for a in articles], skipped, lines)


def count_newlines(block: LineBlock) -> int:
    """Newlines in the block's byte range (not aligned to lines): what the next block's line numbers start after."""
    import fsspec

    count = 0
    with fsspec.open(block.location, "rb") as handle:
        handle.seek(block.offset)
        left = block.length
        while left > 0 and (data := handle.read(min(_READ_SIZE, left))):
            count += data.count(b"\n")
            left -= len(data)
    return count


def read_partition(partition: Partition, options: IngestOptions,
                   lines_before: int = 0) -> list[Article | ArticleError]:
    """The partition's articles, in order, as a local run reads them (unreadable files become error items)."""
    return _read(partition, options, lines_before)[0]


def _read(partition: Partition, options: IngestOptions,
          lines_before: int) -> tuple[list[Article | ArticleError], list[int] | None]:
    """The articles, and for a line block the line number of each."""
    if partition.block is not None:
        return _read_block(partition.block, options, lines_before)
    articles: list[Article | ArticleError] = []
    for unit in partition.files:
        articles.extend(_read_file(unit, options))
    return articles, None


def _todo(partition: Partition, options: IngestOptions, skip_ids: frozenset[str] | None, lines_before: int
          ) -> tuple[list[Article | ArticleError], int, list[tuple[str | None, int, bool]] | None]:
    from claimx.batch.run import printable

    articles, numbers = _read(partition, options, lines_before)
    analysed = [not skip_ids or printable(a.id) not in skip_ids for a in articles]
    lines = None if numbers is None else [(a.id if isinstance(a, Article) else None, number, todo)
                                          for a, number, todo in zip(articles, numbers, analysed)]
    todo = [a for a, keep in zip(articles, analysed) if keep]
    return todo, len(articles) - len(todo), lines


def _read_file(unit: FileUnit, options: IngestOptions) -> list[Article | ArticleError]:
    if unit.fetch:
        from claimx.ingest.sources import read_url

        return [read_url(unit.location, options)]
    if not unit.is_jsonl and unit.size > options.max_bytes:  # too large: the size alone makes the error record
        return list(read_bytes(b"", unit.source, id_=unit.id, source=unit.source, options=options, size=unit.size))
    import fsspec

    try:
        with fsspec.open(unit.location, "rb") as handle:
            data = handle.read() if unit.is_jsonl else handle.read(options.max_bytes + 1)
    except OSError as exc:
        return [_io_error(unit.id, unit.source, exc)]
    try:
        return list(read_bytes(data, unit.source, id_=unit.id, source=unit.source, options=options,
                               size=max(unit.size, len(data))))
    except Exception as exc:  # a reader bug costs one file, not the partition (as in batch.reading.read_one)
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [ArticleError(unit.id, unit.source, "io_error", f"cannot read {unit.source}: {message}"[:500])]


def _read_block(block: LineBlock, options: IngestOptions,
                lines_before: int) -> tuple[list[Article | ArticleError], list[int]]:
    """The block's articles and their line numbers: ingest.jsonl's reading of a feed, line by line, without its
    check for repeated ids: a worker sees one block, so that check is made where blocks meet (repeats.py)."""
    import fsspec
    from fsspec.utils import read_block

    from claimx.ingest.jsonl import read_line

    try:
        with fsspec.open(block.location, "rb") as handle:
            data = read_block(handle, block.offset, block.length, delimiter=b"\n")
    except OSError as exc:
        return [_io_error(block.id, block.source, exc)], [0]
    articles: list[Article | ArticleError] = []
    numbers: list[int] = []
    first_line = 1 if block.offset == 0 else lines_before + 2  # see LineBlock
    for number, line in enumerate(io.BytesIO(data), start=first_line):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM is not JSON
        if line.strip():
            articles.append(read_line(line, number, source=block.source, options=options))
            numbers.append(number)
    return articles, numbers


def _io_error(id_: str, source: str, exc: OSError) -> ArticleError:
    return ArticleError(id_, source, "io_error", f"cannot read {source}: {exc.strerror or exc}")


def _pipeline(spec: PipelineSpec):
    """This process's pipeline for `spec`, loaded on first use (call with _pipeline_lock held)."""
    key = (spec.loader, spec.model, spec.layers)
    if key not in _pipelines:
        _pipelines[key] = spec.load()
    return _pipelines[key]
