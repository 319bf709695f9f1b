"""`-o 'DIR/part-*.jsonl'`: one JSON Lines file per partition, `*` replaced by the partition's number
(part-000000.jsonl, part-000001.jsonl…), so the files in name order hold the records in input order.

Each partition's records go to its file in one write of whole lines, then fsync (the batch sink's JsonlFile), so
`--resume` reads every part like a single output file: it skips the ids already in any part and appends the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from claimx.batch import completed_ids
from claimx.batch.sink import JsonlFile
from claimx.records import Record

WILDCARD = "*"


class PartFilesError(Exception):
    """Part files that would mix with an earlier run's."""


def is_parts_pattern(path: Path | None) -> bool:
    return path is not None and WILDCARD in path.name


class PartFiles:
    def __init__(self, pattern: Path, *, resume: bool = False):
        if pattern.name.count(WILDCARD) != 1 or WILDCARD in str(pattern.parent):
            raise PartFilesError(f"{pattern}: a part-file pattern has one '*', in the file name "
                                 "(e.g. out/part-*.jsonl)")
        self.pattern = pattern
        self.resume = resume
        if self.existing() and not resume:
            raise PartFilesError(f"{pattern.parent} already holds {pattern.name} files: add --resume to finish that "
                                 "run, or write to another directory")
        pattern.parent.mkdir(parents=True, exist_ok=True)

    def existing(self) -> list[Path]:
        return sorted(self.pattern.parent.glob(self.pattern.name)) if self.pattern.parent.is_dir() else []

    def completed_ids(self) -> set[str]:
        """Ids already written to any part (cuts a torn last line, like --resume on one file)."""
        done: set[str] = set()
        for path in self.existing():
            done |= completed_ids(path)
        return done

    def path(self, seq: int) -> Path:
        return self.pattern.with_name(self.pattern.name.replace(WILDCARD, f"{seq:06d}"))

    def write_partitions(self, partitions: Iterable[tuple[int, list[Record]]]) -> None:
        for seq, records in partitions:
            if not records:
                continue
            sink = JsonlFile(self.path(seq), append=True)  # resumed: after the records a killed run wrote
            try:
                sink.write(records)
            finally:
                sink.close()

    def close(self) -> None:
        pass
