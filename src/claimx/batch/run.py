"""One batch run, start to finish: skip what is done, analyse the rest, write it, report, stop cleanly."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from claimx.batch.engine import Batch, InProcess, Parallel, chunked
from claimx.batch.progress import NoProgress, Progress, Summary
from claimx.batch.reading import ArticleItem
from claimx.batch.stop import StopRequest
from claimx.batch.workers import PipelineSpec
from claimx.ingest import IngestOptions, Input
from claimx.records import Record


@dataclass(frozen=True)
class BatchSettings:
    jobs: int = 1  # worker processes; 1 runs in this process, 0 means one per CPU core
    ordered: bool = True  # records in input order (else as they finish)
    strict: bool = False  # stop after the first error record
    batch_size: int = 32  # documents per nlp.pipe batch (and per task sent to a worker)
    max_batch_chars: int = 500_000  # ...or fewer, so a batch of long documents stays small in memory
    model: str | None = None
    layers: tuple[str, ...] | None = None  # None: every layer
    include_text: bool = False
    claim_kinds: frozenset[str] | None = None  # keep only claims of these kinds (records.CLAIM_KINDS); None: all
    ingest: IngestOptions = IngestOptions()  # how files handed over unread (see batch.reading) are read
    pipeline_loader: str = PipelineSpec.loader  # see PipelineSpec.loader
    doc_timeout: float | None = None  # seconds one document may take before it is a `timeout` record (None: no limit)

    @property
    def workers(self) -> int:
        if self.jobs > 0:
            return self.jobs
        if hasattr(os, "sched_getaffinity"):  # the cores this process may use (containers, taskset)
            return len(os.sched_getaffinity(0)) or 1
        return os.cpu_count() or 1


def run_batch(articles: Iterable[ArticleItem], sink, settings: BatchSettings = BatchSettings(), *,
              progress: Progress | NoProgress | None = None, skip_ids: set[str] | frozenset[str] = frozenset()
              ) -> Summary:
    """Analyse every article (or unread file: see batch.reading.plan) not in `skip_ids` and write its record to
    `sink`; return what happened.

    Ctrl-C or SIGTERM stops the run after the batch being written (see `Summary.stopped_by`)."""
    from claimx.pipeline import LAYERS

    summary = Summary()
    progress = progress or NoProgress()
    spec = PipelineSpec(settings.model, settings.layers or LAYERS, settings.include_text, settings.ingest,
                        settings.pipeline_loader, settings.doc_timeout)
    todo = _skipping(articles, skip_ids, summary)

    def start_engine():
        return Parallel(spec, settings.workers, ordered=settings.ordered) if settings.workers > 1 else InProcess(spec)

    def work(engine, stop: StopRequest) -> None:
        chunks = chunked(todo, settings.batch_size, settings.max_batch_chars, workers=settings.workers)
        batches = engine.batches(chunks, stop)
        sink.write_batches(_counted(stop.interrupting(batches), summary, settings.strict, progress,
                                    settings.claim_kinds))

    return supervised(summary, sink, progress, start_engine, work)


def supervised(summary: Summary, sink, progress: Progress | NoProgress, start_engine: Callable[[], Any],
               work: Callable[[Any, StopRequest], None]) -> Summary:
    """The life of a run around `work(engine, stop)`, shared by local and Dask runs: the engine starts (local
    workers fork) before the progress bar starts its thread (see batch.workers); however the run ends, the bar
    stops and the engine and the sink close; the summary gets the run's seconds and the signal that stopped it."""
    started = time.perf_counter()
    with StopRequest() as stop:
        engine = start_engine()
        try:
            progress.start()
            work(engine, stop)
        finally:
            progress.stop()
            engine.close()
            sink.close()
        summary.stopped_by = stop.signal
    summary.seconds = time.perf_counter() - started
    return summary


def _skipping(articles: Iterable[ArticleItem], done: set[str] | frozenset[str], summary: Summary
              ) -> Iterator[ArticleItem]:
    """The documents still to analyse: what the walk left out is counted, ids are made unique across inputs,
    and documents already in the output (--resume) are skipped."""
    ids = UniqueIds()
    for article in articles:
        if isinstance(article, Input) and article.kind == "skipped":
            reason = article.problem or "skipped"
            summary.not_read[reason] = summary.not_read.get(reason, 0) + 1
            continue
        source = article.location if isinstance(article, Input) else article.source
        unique = ids.id_for(article.id, source)
        if unique != article.id:
            article = replace(article, id=unique)
        if printable(article.id) in done:
            summary.skipped += 1
        else:
            yield article


class UniqueIds:
    """Two inputs may give the same id (dirA/story.txt and dirB/story.txt are both `story.txt` relative to their
    folders; two feeds both number their articles from 1): the later one is named by its path (a file) or by its
    feed and id (`feed2.jsonl#1`), so every document has its own record and --resume tells them apart. The same
    inputs get the same ids in every run. `taken`: ids that are already used (a Dask run's --resume: its records
    are renamed as they come back, in input order)."""

    def __init__(self, taken: Iterable[str] = ()):
        self.seen: set[str] = set(taken)

    def id_for(self, article_id: str, source: str) -> str:
        wanted = article_id
        if wanted in self.seen:
            feed = source == "-" or os.path.splitext(source)[1].lower() in (".jsonl", ".ndjson")
            base = f"{source}#{article_id}" if feed else source
            wanted, n = base, 1
            while wanted in self.seen:
                n += 1
                wanted = f"{base}#{n}"
        self.seen.add(wanted)
        return wanted


def _counted(batches: Iterable[Batch], summary: Summary, strict: bool, progress,
             claim_kinds: frozenset[str] | None = None) -> Iterator[list[Record]]:
    """Count each batch as it goes to the sink; with `strict`, end after the first error record."""
    for batch in batches:
        records = count_records(batch.records, batch.words, summary, strict, claim_kinds)
        yield records
        progress.advance(summary)
        if summary.stopped_at_error:
            return


def printable(text: str) -> str:
    """File names that are not UTF-8 reach Python as lone surrogates, which JSON cannot carry: their bytes are
    shown as \\xNN instead (the same way every time, so --resume recognises them)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def count_records(records: list[Record], words: int, summary: Summary, strict: bool,
                  claim_kinds: frozenset[str] | None = None) -> list[Record]:
    """The records of one batch as they go to the sink, counted in `summary`, their ids printable, only the claims
    of `claim_kinds` kept; with `strict`, cut after the first error record. Local and Dask runs share it, so both
    count, filter and stop alike."""
    kept = [printable_record(record).keeping_claims(claim_kinds) for record in records]
    if strict:
        first_error = next((i for i, r in enumerate(kept) if r.error is not None), None)
        if first_error is not None:
            kept = kept[:first_error + 1]
            summary.stopped_at_error = True
    summary.documents += len(kept)
    summary.failed += sum(r.error is not None for r in kept)
    summary.unsupported_language += sum(r.error is not None and r.error["type"] == "unsupported_language"
                                        for r in kept)
    summary.words += words if len(kept) == len(records) else 0
    return kept


def printable_record(record: Record) -> Record:
    record.id, record.source = printable(record.id), printable(record.source)
    if record.error is not None:
        record.error = {**record.error, "message": printable(record.error["message"])}
    return record
