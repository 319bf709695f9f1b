"""`--dask ADDRESS`: connect to a running Dask scheduler, or start a LocalCluster for `local` / `local:N`."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

CONNECT_TIMEOUT = 10  # seconds: a scheduler that does not answer by then is reported as unreachable
_LOCAL = re.compile(r"local(?::(\d+))?\Z")


class DaskUnavailable(Exception):
    """The claimx[dask] extra is not installed."""


class ClusterUnreachable(Exception):
    """No scheduler answers at the address given (or the address is not one)."""


def local_workers(address: str) -> int | None:
    """N for `local:N` (one per CPU core for `local`); None when `address` names a remote scheduler."""
    match = _LOCAL.match(address)
    if match is None:
        return None
    workers = int(match.group(1)) if match.group(1) else os.cpu_count() or 1
    if workers < 1:
        raise ClusterUnreachable("--dask local:N needs at least one worker")
    return workers


@contextmanager
def connect(address: str) -> Iterator[object]:
    """A distributed.Client for the scheduler at `address`, or for a LocalCluster of `local:N` worker processes
    with one thread each. A LocalCluster is shut down on exit; a remote cluster is left running."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("--dask needs Dask: pip install 'claimx[dask]'") from None
    workers = local_workers(address)
    if workers is not None:
        # allowed_failures=1: a partition whose worker dies is retried once, then one document at a time, as
        # `--jobs` does. Dask logs stay quiet so stderr looks like a local run's (deaths become records); the
        # scheduler's HTTP server takes any free port (8787 may be taken: Dask would warn on stderr).
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=logging.CRITICAL, scheduler_kwargs={"allowed_failures": 1}) as cluster, \
                Client(cluster) as client:
            client.register_plugin(_local_interrupts_plugin())
            yield client
        return
    _quiet_dask_logs()  # failures reach the user as one line each
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterUnreachable(f"cannot reach the Dask scheduler at {address}: {reason}") from None
    with client:
        yield client


def _quiet_dask_logs() -> None:
    """Dask configures some of its loggers one by one (distributed.client…): quiet them all."""
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name.startswith("distributed"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _local_interrupts_plugin():
    """Ctrl-C reaches the whole process group: this process stops the run and the cluster cleanly, so its local
    workers ignore it (else each prints a KeyboardInterrupt traceback). Workers restarted later get it too."""
    import signal

    from distributed import WorkerPlugin

    class IgnoreInterrupts(WorkerPlugin):
        name = "claimx-ignore-interrupts"

        def setup(self, worker) -> None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    return IgnoreInterrupts()
