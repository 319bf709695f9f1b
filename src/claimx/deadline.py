"""A time limit on one piece of work in this thread: `--doc-timeout` turns a runaway document into a `timeout`
error record instead of a run that never ends.

    with time_limit(120):
        doc = nlp(doc)          # raises DocTimeout after 120 s

The limit is a SIGALRM timer, so it interrupts Python code wherever it is (a layer stuck in a quadratic loop),
but only in a process's main thread (a local run, or a worker process): elsewhere (a Dask worker thread) there is
no limit. DocTimeout is a BaseException so that the `except Exception` a layer or a batch uses to survive one bad
document does not swallow it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DocTimeout(BaseException):
    """The time limit ran out."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocTimeout in the block after `seconds` (None or 0: no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
