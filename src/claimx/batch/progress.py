"""What a batch run tells the person watching it, on stderr: a live progress bar when stderr is a terminal,
and one summary line at the end (both silenced by --quiet)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Summary:
    documents: int = 0  # records written in this run (error records included)
    failed: int = 0
    unsupported_language: int = 0  # of the failed: articles not in English, not analysed (--any-language)
    words: int = 0
    seconds: float = 0.0
    skipped: int = 0  # already in the output (--resume)
    stopped_by: int | None = None  # the signal that interrupted the run
    stopped_at_error: bool = False  # --strict
    not_read: dict[str, int] = field(default_factory=dict)  # what the walk left out, by reason (ingest.sources)

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds > 0 else 0.0
        text = (f"claimx: {self.documents:,} document{'s' if self.documents != 1 else ''}, {self.failed:,} failed, "
                f"{self.seconds:.1f} s, {rate:,.0f} words/s")
        if self.skipped:
            text += f" ({self.skipped:,} already done, skipped)"
        if self.not_read:
            text += "; not read: " + ", ".join(f"{n:,} {reason}" for reason, n in self.not_read.items())
        if self.unsupported_language:
            text += (f"; warning: {self.unsupported_language:,} not in English, not analysed "
                     "(error unsupported_language; --any-language analyses them)")
        if self.stopped_by is not None:
            text += "; interrupted: run again with --resume to finish"
        elif self.stopped_at_error:
            text += "; stopped at the first error (--strict)"
        return text


class Progress:
    """A rich progress bar on stderr: documents, documents/s, failures and, once the input is counted, the ETA."""

    def __init__(self, inputs: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = (),
                 *, skipped: int = 0):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._bar = Bar(
            SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"), TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        self._task = self._bar.add_task("extract", total=None, rate="0.0", failed=0)
        self._count_args = (inputs, include, exclude, skipped)

    def start(self) -> None:
        self._bar.start()
        threading.Thread(target=self._count, daemon=True).start()

    def advance(self, summary: Summary) -> None:
        elapsed = self._bar.tasks[0].elapsed or 0.0
        rate = f"{summary.documents / elapsed:.1f}" if elapsed > 0 else "0.0"
        self._bar.update(self._task, completed=summary.documents, rate=rate, failed=summary.failed)

    def stop(self) -> None:
        self._bar.stop()

    def _count(self) -> None:
        inputs, include, exclude, skipped = self._count_args
        total = count_documents(inputs, include, exclude)
        if total is not None:
            self._bar.update(self._task, total=max(0, total - skipped))


class NoProgress:
    def start(self) -> None:
        pass

    def advance(self, summary: Summary) -> None:
        pass

    def stop(self) -> None:
        pass


def count_documents(inputs: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> int | None:
    """How many documents the inputs hold (one per file or URL, one per non-empty feed line), for the ETA only;
    None when it cannot be known ahead (stdin) or the count fails."""
    from claimx.ingest import iter_inputs

    total = 0
    try:
        for item in iter_inputs(inputs, include=include, exclude=exclude):
            if item.kind == "stdin":
                return None
            if item.kind == "skipped":
                continue
            total += _documents_in(Path(item.location)) if item.kind == "file" else 1
    except OSError:
        return None
    return total


def _documents_in(path: Path) -> int:
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        return 1
    count, filled = 0, False  # filled: the line being read has more than whitespace
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):  # never a whole line at once: one may be 400 MB
            *ended, rest = chunk.split(b"\n")
            for part in ended:
                count += filled or bool(part.strip())
                filled = False
            filled = filled or bool(rest.strip())
    return count + filled
