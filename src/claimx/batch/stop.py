"""Ctrl-C and SIGTERM during a batch: stop within a second, never leaving a torn line.

While the run is analysing or reading (anything but writing), the first signal interrupts that work at once:
the batch in progress is dropped, unwritten (`--resume` analyses it again). While a batch is being written, the
signal only sets a flag, read once the write is done. A second Ctrl-C interrupts at once, writing or not (lines
are still whole: a batch goes to the file in one write() call, which a signal does not split).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Interrupted(BaseException):
    """A signal arrived while the run was analysing (a BaseException: no `except Exception` may swallow it)."""


class StopRequest:
    """A flag set by SIGINT/SIGTERM while installed (a context manager, main thread only)."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._previous: dict[int, object] = {}
        self._interruptible = False

    @property
    def requested(self) -> bool:
        return self.signal is not None

    def _handle(self, signum: int, frame: object) -> None:
        if self.signal is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt  # asked twice: stop now
        self.signal = signum
        if self._interruptible:
            self._interruptible = False
            raise Interrupted

    def interrupting(self, items: Iterable[T]) -> Iterator[T]:
        """`items` (batches being analysed), ending early when a signal arrives while the next one is being made;
        while the caller handles an item (writes it), a signal only sets the flag."""
        items = iter(items)
        while not self.requested:
            try:
                self._interruptible = True
                item = next(items)
            except StopIteration:
                return
            except Interrupted:
                return
            finally:
                self._interruptible = False
            yield item

    def __enter__(self) -> StopRequest:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    @property
    def exit_status(self) -> int:
        """The shell's convention for death by a signal: 128 + its number (130 for Ctrl-C)."""
        return 128 + (self.signal or 0)
