"""One run on a Dask cluster, start to finish: plan partitions, keep the workers busy, collect the records in input
order (or as they finish), write them, report, stop cleanly on Ctrl-C.

Memory on this side stays flat: partitions are planned lazily and submitted only while fewer than `window` are
held (finished ones waiting for an earlier one included). Faults are the engine's business: Dask reruns a task
whose worker died; a partition that keeps killing workers is retried one document at a time (like `--jobs`),
and a document that kills its worker again becomes a `worker_died` error record.
"""

from __future__ import annotations

import operator
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from claimx.batch import BatchSettings, NoProgress, Progress, Summary
from claimx.batch.run import UniqueIds, count_records, printable, supervised
from claimx.batch.stop import StopRequest
from claimx.batch.workers import PipelineSpec, WorkerStartError
from claimx.distributed.partition import (Job, PartitionResult, count_newlines, describe_partition,
                                          extract_partition)
from claimx.distributed.parts import PartFiles
from claimx.distributed.plan import (MAX_FILES, PARTITION_BYTES, FileUnit, LineBlock, Partition, group_partitions,
                                     iter_units)
from claimx.distributed.repeats import RepeatedIds
from claimx.records import Record

_MAX_DEATHS_BEFORE_WORK = 3  # partitions killed before any document was done: a broken worker setup


class WorkerTaskError(Exception):
    """A task failed on a worker for a reason that is not the document's (claimx missing there, a bug)."""


class ClusterLost(Exception):
    """The connection to the scheduler is gone mid-run (what was written stays: --resume finishes the run)."""


@dataclass(frozen=True)
class DaskSettings:
    partition_bytes: int = PARTITION_BYTES
    max_files: int = MAX_FILES
    partitions_per_thread: int = 2  # in flight per worker thread: one running, one ready to start


def run_on_dask(client, inputs: Sequence[str], sink, settings: BatchSettings = BatchSettings(), *,
                include: Sequence[str] = (), exclude: Sequence[str] = (),
                skip_ids: set[str] | frozenset[str] = frozenset(), progress: Progress | NoProgress | None = None,
                dask_settings: DaskSettings = DaskSettings()) -> Summary:
    """Analyse every document of `inputs` not in `skip_ids` on the cluster behind `client`; write the records to
    `sink` (a batch sink, or PartFiles). Settings and summary are those of `claimx.batch.run_batch` (`jobs` aside:
    the cluster's workers do the work)."""
    from claimx.pipeline import LAYERS

    progress = progress or NoProgress()
    summary = Summary()
    spec = PipelineSpec(model=settings.model, layers=settings.layers or LAYERS, include_text=settings.include_text,
                        loader=settings.pipeline_loader)
    job = Job(spec, settings.ingest, settings.batch_size, settings.max_batch_chars)
    units = iter_units(inputs, include=include, exclude=exclude, partition_bytes=dask_settings.partition_bytes)
    partitions = _not_done(group_partitions(units, partition_bytes=dask_settings.partition_bytes,
                                            max_files=dask_settings.max_files), skip_ids, summary)

    def start_engine() -> DaskEngine:
        return DaskEngine(client, job, ordered=settings.ordered, skip_ids=skip_ids,
                          partitions_per_thread=dask_settings.partitions_per_thread)

    def work(engine: DaskEngine, stop: StopRequest) -> None:
        counted = _counted(engine.results(partitions, stop), summary, settings.strict, progress,
                           UniqueIds(skip_ids), settings.claim_kinds)
        if isinstance(sink, PartFiles):
            sink.write_partitions(counted)
        else:
            sink.write_batches(records for _, records in counted)

    return supervised(summary, sink, progress, start_engine, work)


class _Slot:
    """One partition in flight: its records once known (a retried partition fills them one document at a time)."""

    def __init__(self, partition: Partition, lines_before):
        self.partition = partition
        self.lines_before = lines_before  # int, or the future of the count (line blocks)
        self.records: list[Record | None] | None = None
        self.documents: list[tuple[str, str]] = []  # (id, source) of each document, once retried one by one
        self.missing = 0
        self.words = 0
        self.skipped = 0
        self.lines: list[tuple[str | None, int, bool]] | None = None  # see PartitionResult.lines

    @property
    def complete(self) -> bool:
        return self.records is not None and not self.missing

    def fill(self, index: int, record: Record) -> None:
        assert self.records is not None
        self.missing -= self.records[index] is None
        self.records[index] = record

    def result(self) -> PartitionResult:
        return PartitionResult(self.records, self.words, self.skipped, self.lines)  # type: ignore[arg-type]


class DaskEngine:
    """Partitions in, (seq, PartitionResult) out: in input order, or as they finish with ordered=False."""

    def __init__(self, client, job: Job, *, ordered: bool = True, skip_ids: set[str] | frozenset[str] = frozenset(),
                 partitions_per_thread: int = 2):
        self.client = client
        self.job = job
        self.ordered = ordered
        self.partitions_per_thread = partitions_per_thread
        # The ids to skip go to every worker once, not with each task.
        self.skip = client.scatter([frozenset(skip_ids)], broadcast=True, hash=False)[0] if skip_ids else None
        self._slots: dict[int, _Slot] = {}
        self._repeats = RepeatedIds(skip_ids)
        self._tasks: dict[object, tuple[str, int, int]] = {}  # future → (kind, partition seq, document index)
        self._newlines_before: dict[str, object] = {}  # JSONL file → future: newlines before its next block
        self._window = (0.0, 0)  # (when measured, partitions to hold)
        # Documents of a partition that killed its workers, retried one at a time: Dask blames every task a dead
        # worker held, so two retried documents on one worker would both be blamed for the guilty one.
        self._retry_lane: deque[tuple[int, int]] = deque()  # (partition seq, document index)
        self._retrying = False
        self._deaths_before_work = 0
        self._worked = False

    def results(self, partitions: Iterable[Partition], stop) -> Iterator[tuple[int, PartitionResult]]:
        partitions = iter(partitions)
        next_out = 0
        exhausted = False
        while True:
            while not exhausted and not stop.requested and len(self._slots) < self._window_size():
                partition = next(partitions, None)
                if partition is None:
                    exhausted = True
                else:
                    self._submit(partition)
            if stop.requested or (exhausted and not self._slots):
                return
            for future in self._finished():
                self._collect(future)
            self._retry_next_document()
            if self.ordered:
                while next_out in self._slots and self._slots[next_out].complete:
                    yield next_out, self._result(self._slots.pop(next_out))
                    next_out += 1
            else:  # ids repeated across a file's blocks are then judged in the order the blocks finish
                for seq in [seq for seq, slot in self._slots.items() if slot.complete]:
                    yield seq, self._result(self._slots.pop(seq))

    def _result(self, slot: _Slot) -> PartitionResult:
        block = slot.partition.block
        return slot.result() if block is None else self._repeats.check(block, slot.result())

    def close(self) -> None:
        pending = list(self._tasks) + list(self._newlines_before.values())
        if self.skip is not None:
            pending.append(self.skip)
        self._tasks.clear()
        self._newlines_before.clear()
        futures = [f for f in pending if hasattr(f, "key")]
        if futures:
            try:
                self.client.cancel(futures)
            except Exception:  # the cluster is already gone: nothing left to cancel
                pass

    # -- submitting

    def _submit(self, partition: Partition) -> None:
        lines_before = 0
        block = partition.block
        if block is not None:
            if block.offset > 0:
                lines_before = self._newlines_before.pop(block.location)
            # The next block's first line number needs the newlines before it: counted on a worker (the data
            # stays there) and summed by the scheduler, so no block waits for an earlier block's analysis.
            if not block.last:
                count = self.client.submit(count_newlines, block, pure=False)
                self._newlines_before[block.location] = self.client.submit(operator.add, lines_before, count,
                                                                           pure=False)
        slot = self._slots[partition.seq] = _Slot(partition, lines_before)
        if not partition.units:  # every file already done (--resume): nothing to send
            slot.records = []
            return
        self._task("partition", partition.seq, 0, extract_partition, partition, self.job, self.skip, lines_before)

    def _task(self, kind: str, seq: int, index: int, function, *args, **kwargs) -> None:
        future = self.client.submit(function, *args, pure=False, **kwargs)
        self._tasks[future] = (kind, seq, index)

    def _retry_next_document(self) -> None:
        if self._retry_lane and not self._retrying:
            seq, index = self._retry_lane.popleft()
            slot = self._slots[seq]
            self._task("document", seq, index, extract_partition, slot.partition, self.job, self.skip,
                       slot.lines_before, only=index)
            self._retrying = True

    def _window_size(self) -> int:
        """Partitions to hold: `partitions_per_thread` per worker thread (measured again every few seconds, as
        clusters grow and shrink)."""
        measured, size = self._window
        if time.monotonic() - measured > 5:
            threads = sum(self.client.nthreads().values())
            size = max(2, self.partitions_per_thread * threads)
            self._window = (time.monotonic(), size)
        return size

    # -- collecting

    def _finished(self) -> list:
        from distributed import CancelledError, TimeoutError as DaskTimeout, wait

        try:
            return list(wait(list(self._tasks), timeout=0.5, return_when="FIRST_COMPLETED").done)
        except (DaskTimeout, TimeoutError):
            return []
        except CancelledError:  # the client cancels everything when it loses the scheduler
            raise ClusterLost("lost the connection to the Dask scheduler; run again with --resume to finish") \
                from None

    def _collect(self, future) -> None:
        kind, seq, index = self._tasks.pop(future)
        slot = self._slots[seq]
        if kind == "document":
            self._retrying = False
        if future.status == "finished":
            self._collected(kind, slot, index, future.result())
            return
        exc = future.exception()
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            self._after_death(kind, slot, index, exc)
        elif isinstance(exc, OSError):  # a block's newline count could not be read: its file is unreadable
            message = f"cannot read {slot.partition.units[0].source}: {exc.strerror or exc}"
            if kind == "document":
                slot.fill(index, Record.failed(*slot.documents[index], "io_error", message))
            else:
                slot.records = [_failed(u, "io_error", message) for u in slot.partition.units]
                slot.missing = 0
        else:
            raise _worker_error(exc)

    def _collected(self, kind: str, slot: _Slot, index: int, result) -> None:
        if kind == "partition":
            slot.records, slot.missing = list(result.records), 0
            slot.words, slot.skipped, slot.lines = result.words, result.skipped, result.lines
            self._worked = True
        elif kind == "describe":  # the partition again, one task per document
            slot.documents, slot.skipped, slot.lines = result.documents, result.skipped, result.lines
            slot.records, slot.missing = [None] * len(slot.documents), len(slot.documents)
            self._retry_lane.extend((slot.partition.seq, i) for i in range(len(slot.documents)))
        else:
            slot.fill(index, result.records[0])
            slot.words += result.words
            self._worked = True

    def _after_death(self, kind: str, slot: _Slot, index: int, exc) -> None:
        if not self._worked:
            self._deaths_before_work += 1
            if self._deaths_before_work >= _MAX_DEATHS_BEFORE_WORK:
                raise WorkerStartError("Dask workers keep dying before finishing any document (out of memory? "
                                       "is the pipeline installed on every worker?)")
        times = getattr(exc, "allowed_failures", 0) + 1
        if kind == "partition":  # retry one document at a time, so only the guilty one is lost
            self._task("describe", slot.partition.seq, 0, describe_partition, slot.partition, self.job.options,
                       self.skip, slot.lines_before)
        elif kind == "document":
            doc_id, source = slot.documents[index]
            slot.fill(index, Record.failed(doc_id, source, "worker_died",
                                           f"the Dask worker analysing this document died, {times} times"))
        else:  # reading the partition alone killed its workers
            slot.records = [_failed(u, "worker_died", f"the Dask worker reading this file died, {times} times")
                            for u in slot.partition.units]
            slot.missing = 0


def _failed(unit: FileUnit | LineBlock, type_: str, message: str) -> Record:
    return Record.failed(unit.id, unit.source, type_, message)


def _worker_error(exc: BaseException) -> Exception:
    from claimx.pipeline import ModelNotFound

    if isinstance(exc, (ModelNotFound, WorkerStartError)):
        return exc
    hint = " (is claimx[dask] installed on every worker?)" if isinstance(exc, ImportError) else ""
    first_line = str(exc).splitlines()[0] if str(exc) else ""
    return WorkerTaskError(f"a Dask worker failed: {type(exc).__name__}: {first_line}{hint}")


def _not_done(partitions: Iterable[Partition], done: set[str] | frozenset[str],
              summary: Summary) -> Iterator[Partition]:
    """Files whose one record is already written are not sent at all (JSONL lines are skipped by the workers).
    Partitions are grouped before this, so a resumed run numbers them as the first run did (part files)."""
    for partition in partitions:
        if done and partition.files:
            todo = tuple(u for u in partition.files if u.is_jsonl or printable(u.id) not in done)
            summary.skipped += len(partition.files) - len(todo)
            partition = replace(partition, files=todo)
        yield partition


def _counted(results: Iterable[tuple[int, PartitionResult]], summary: Summary, strict: bool,
             progress, ids: UniqueIds, claim_kinds: frozenset[str] | None = None,
             ) -> Iterator[tuple[int, list[Record]]]:
    """Count each partition as it goes to the sink; with `strict`, end after the first error record. Ids are
    made unique across inputs here, where records meet in input order (a local run does it as it reads)."""
    for seq, result in results:
        for record in result.records:
            record.id = ids.id_for(record.id, record.source)
        summary.skipped += result.skipped
        records = count_records(result.records, result.words, summary, strict, claim_kinds)
        yield seq, records
        progress.advance(summary)
        if summary.stopped_at_error:
            return
