"""Ids repeated across the line blocks of one JSON Lines file.

A local run gives a line that repeats an earlier line's id a `duplicate_id` error record (ingest.jsonl). A worker
sees one block, so the check is made here instead, where the blocks meet in input order: the records of repeated
lines become the error records a local run writes.
"""

from __future__ import annotations

from claimx.batch.run import printable
from claimx.distributed.partition import PartitionResult
from claimx.distributed.plan import LineBlock
from claimx.ingest.jsonl import repeated_id
from claimx.records import Record


class RepeatedIds:
    def __init__(self, done: set[str] | frozenset[str] = frozenset()):
        self.done = done  # ids already written (--resume)
        self._first_line: dict[str, dict[str, int]] = {}  # file → id → the line that used it first

    def check(self, block: LineBlock, result: PartitionResult) -> PartitionResult:
        """The block's records (read in input order after every earlier block of its file), repeats replaced."""
        if result.lines is None:  # the block could not be read: its records say so
            return result
        if block.offset == 0:
            self._first_line[block.location] = {}
        first_line = self._first_line.get(block.location, {})
        records = iter(result.records)
        kept: list[Record] = []
        skipped = result.skipped
        for article_id, number, analysed in result.lines:
            record = next(records) if analysed else None
            if article_id is None or article_id not in first_line:
                if article_id is not None:
                    first_line[article_id] = number
                if record is not None:
                    kept.append(record)
                continue
            error = repeated_id(block.source, number, article_id, first_line[article_id])
            if printable(error.id) in self.done:  # written by the run being resumed
                skipped += record is not None
                continue
            skipped -= record is None  # skipped by its id, which is not the id a local run gives this line
            kept.append(Record.failed(error.id, error.source, error.type, error.message))
        if block.last:
            self._first_line.pop(block.location, None)
        return PartitionResult(kept, result.words, skipped, result.lines)
