"""Ctrl-C and SIGTERM during a batch: finish the batch being written, then stop, so no line is ever torn.

The first signal only sets a flag that the batch loop reads between batches; a second Ctrl-C interrupts at once
(lines are still whole: a batch goes to the file in one write() call, which a signal does not split).
"""

from __future__ import annotations

import signal
import threading


class StopRequest:
    """A flag set by SIGINT/SIGTERM while installed (a context manager, main thread only)."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._previous: dict[int, object] = {}

    @property
    def requested(self) -> bool:
        return self.signal is not None

    def _handle(self, signum: int, frame: object) -> None:
        if self.signal is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt  # asked twice: stop now
        self.signal = signum

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

