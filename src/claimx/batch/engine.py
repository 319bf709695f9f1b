"""Turn a stream of articles into a stream of record batches: in this process (`--jobs 1`) or on worker processes.

Memory stays flat because work is pulled from the input only while fewer than `window` chunks are in flight
(ordered output also counts finished chunks still waiting for an earlier one).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claimx.batch.reading import ArticleItem, analyse, item_size
from claimx.batch.workers import Died, Done, PipelineSpec, Task, WorkerPool
from claimx.records import Record


@dataclass
class Batch:
    """Records of consecutive input documents (in input order within the batch), and how many words they had."""

    records: list[Record]
    words: int


def chunked(articles: Iterable[ArticleItem], max_docs: int, max_chars: int, *, workers: int = 1
            ) -> Iterator[list[ArticleItem]]:
    """Consecutive articles, at most `max_docs` or about `max_chars` characters a chunk (a long one goes alone).

    With several `workers`, the end of the input is cut finer: full chunks would leave one worker busy with the
    last one while the others wait (100 articles in chunks of 32 on 2 workers: 64 against 36). So the last
    `workers` chunks' worth of articles is held back until the input ends, then split into 2 x `workers`
    pieces of about equal size, which go to whichever worker is free first."""
    if workers <= 1:
        yield from _chunks(articles, max_docs, max_chars)
        return
    tail: deque[tuple[ArticleItem, int]] = deque()
    tail_chars = 0
    for article in articles:
        size = item_size(article)
        tail.append((article, size))
        tail_chars += size
        # more than `workers` full chunks held: the oldest chunk cannot be part of the end, send it
        while len(tail) > workers * max_docs or (tail_chars > workers * max_chars and len(tail) > 1):
            chunk, chars = _take_chunk(tail, max_docs, max_chars)
            tail_chars -= chars
            yield chunk
    yield from split_evenly(tail, 2 * workers, max_docs, max_chars)


def _chunks(articles: Iterable[ArticleItem], max_docs: int, max_chars: int) -> Iterator[list[ArticleItem]]:
    chunk: list[ArticleItem] = []
    chars = 0
    for article in articles:
        size = item_size(article)
        if chunk and (len(chunk) >= max_docs or chars + size > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(article)
        chars += size
    if chunk:
        yield chunk


def _take_chunk(held: deque[tuple[ArticleItem, int]], max_docs: int, max_chars: int
                ) -> tuple[list[ArticleItem], int]:
    """The first chunk of `held` by the same rule as `_chunks`, removed from it."""
    chunk: list[ArticleItem] = []
    chars = 0
    while held and not (chunk and (len(chunk) >= max_docs or chars + held[0][1] > max_chars)):
        article, size = held.popleft()
        chunk.append(article)
        chars += size
    return chunk, chars


def split_evenly(held: Iterable[tuple[ArticleItem, int]], pieces: int, max_docs: int, max_chars: int
                 ) -> Iterator[list[ArticleItem]]:
    """Consecutive (article, size) pairs in `pieces` chunks of about equal total size, in order (more when a
    piece would break the chunk bounds)."""
    held = list(held)
    total = sum(max(1, size) for _, size in held)  # an unread or empty item still costs something
    chunk: list[ArticleItem] = []
    chars = done = 0
    cut = 1
    for article, size in held:
        if chunk and (len(chunk) >= max_docs or chars + size > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(article)
        chars += size
        done += max(1, size)
        if done * pieces >= total * cut:  # past the cut-th share of the total
            yield chunk
            chunk, chars = [], 0
            while done * pieces >= total * cut:
                cut += 1
    if chunk:
        yield chunk


class InProcess:
    """`--jobs 1`: the pipeline runs here; no processes, no copies."""

    def __init__(self, spec: PipelineSpec):
        self.spec = spec
        self.nlp = spec.load()

    def batches(self, chunks: Iterable[list[ArticleItem]], stop) -> Iterator[Batch]:
        for chunk in chunks:
            if stop.requested:
                return
            yield Batch(*analyse(self.nlp, chunk, self.spec.ingest, self.spec.include_text, self.spec.doc_timeout))

    def close(self) -> None:
        pass


class _Slot:
    """One chunk's records as its tasks come back (a chunk whose worker died comes back one document at a time)."""

    def __init__(self, size: int):
        self.records: list[Record | None] = [None] * size
        self.missing = size
        self.words = 0

    def fill(self, offset: int, records: list[Record], words: int = 0) -> None:
        for index, record in enumerate(records, start=offset):
            self.missing -= self.records[index] is None
            self.records[index] = record
        self.words += words

    def batch(self) -> Batch:
        return Batch(self.records, self.words)  # type: ignore[arg-type]


class Parallel:
    """`--jobs N`: chunks go to N worker processes; a chunk whose worker died is retried one document at a time,
    and a document whose worker dies again becomes a `worker_died` error record."""

    def __init__(self, spec: PipelineSpec, jobs: int, *, ordered: bool = True, prefetch: int = 2):
        self.pool = WorkerPool(jobs, spec, prefetch=prefetch)
        self.ordered = ordered
        self.window = jobs * prefetch * 2  # chunks held at once: bounds memory

    def batches(self, chunks: Iterable[list[ArticleItem]], stop) -> Iterator[Batch]:
        chunks = iter(chunks)
        slots: dict[int, _Slot] = {}
        retry: deque[Task] = deque()
        task_ids = itertools.count()
        next_seq = next_out = 0
        exhausted = False
        while True:
            while self.pool.has_room() and not stop.requested:
                if retry:
                    self.pool.submit(retry.popleft())
                    continue
                if exhausted or len(slots) >= self.window:
                    break
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                slots[next_seq] = _Slot(len(chunk))
                self.pool.submit(Task(next(task_ids), next_seq, 0, chunk))
                next_seq += 1
            if stop.requested or (exhausted and not slots):
                return
            for event in self.pool.wait(timeout=0.2):
                if isinstance(event, Done):
                    slots[event.task.seq].fill(event.task.offset, event.records, event.words)
                else:
                    self._after_death(event, slots, retry, task_ids)
            if self.ordered:
                while next_out in slots and not slots[next_out].missing:
                    yield slots.pop(next_out).batch()
                    next_out += 1
            else:
                for seq in [seq for seq, slot in slots.items() if not slot.missing]:
                    yield slots.pop(seq).batch()

    @staticmethod
    def _after_death(event: Died, slots: dict[int, _Slot], retry: deque[Task], task_ids) -> None:
        if not event.tasks:
            return
        suspect, *innocent = event.tasks
        retry.extend(innocent)  # queued behind the dying task, never started: they go again unchanged
        if suspect.attempt == 1:  # retry each document alone, so only the guilty one can die again
            retry.extend(Task(next(task_ids), suspect.seq, suspect.offset + i, [article], attempt=2)
                         for i, article in enumerate(suspect.articles))
            return
        if event.overdue:
            records = [Record.failed(a.id, a.source, "timeout", "analysis ran past the time limit twice "
                                     "(--doc-timeout); its worker was stopped and the run went on")
                       for a in suspect.articles]
        else:
            records = [Record.failed(a.id, a.source, "worker_died", "the worker process died twice while analysing "
                                     f"this document (last {event.reason})") for a in suspect.articles]
        slots[suspect.seq].fill(suspect.offset, records)

    def close(self) -> None:
        self.pool.close()
