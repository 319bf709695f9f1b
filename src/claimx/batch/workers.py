"""Worker processes for `--jobs N`: one spaCy pipeline each, fed chunks of articles, watched for deaths.

Why fork, then spawn: on Linux the pipeline is loaded once in the main process and the first workers are forked
from it, so they start in milliseconds and share the model's pages copy-on-write (spaCy's own
`nlp.pipe(n_process=...)` does the same). The main process has no threads at that moment, so fork is safe. A worker
that has to be replaced later (it died) is spawned fresh instead: by then the main process runs threads (progress
bar, pipe feeders), and forking a threaded process can inherit a held lock. Where fork is not the platform's
default (macOS, Windows) every worker is spawned and loads the pipeline itself.

Each worker owns two pipes, so the main process always knows which tasks a worker holds: when it dies, exactly
those are handed back to the caller (`Died`), and nothing it half-wrote can corrupt another worker's results.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import multiprocessing.connection
import queue
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from claimx.ingest import Article, ArticleError, IngestOptions, Input


_MAX_FAILED_STARTS = 3
TASK_GRACE = 30.0  # seconds a task may run past twice --doc-timeout before its worker is killed (see task_limit)
_READY = None  # the task id of the message a worker sends once its pipeline is loaded


class WorkerStartError(Exception):
    """Workers die before doing any work (a broken install, no memory at all): retrying would loop forever."""


@dataclass(frozen=True)
class PipelineSpec:
    """What every worker needs to build the same pipeline and records."""

    model: str | None
    layers: tuple[str, ...]
    include_text: bool = False
    ingest: IngestOptions = IngestOptions()  # how workers read the files they are handed unread
    # "module:function" called as function(model, layers) in each worker: the claimx pipeline unless a caller
    # (a test, a benchmark of the bare base pipeline) plugs in another. A name, not a function, so spawned
    # workers can import it.
    loader: str = "claimx.pipeline:load_pipeline"
    doc_timeout: float | None = None  # seconds one document may take (see claimx.deadline); None: no limit

    def load(self):
        """The pipeline, loaded with the garbage collector off, and then kept out of its passes (gc.freeze): a
        few hundred thousand long-lived objects (weights, vocab, the gazetteer) that a collection can never free
        would cost a fifth of a second at start, and forked workers would copy the pages the collector touches."""
        module, _, name = self.loader.partition(":")
        collecting = gc.isenabled()
        gc.disable()
        try:
            return getattr(importlib.import_module(module), name)(self.model, self.layers)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()


@dataclass
class Task:
    """Consecutive articles of one chunk (`seq`), starting at `offset` within it."""

    id: int
    seq: int
    offset: int
    articles: list[Article | ArticleError | Input]
    attempt: int = 1


@dataclass
class Done:
    task: Task
    records: list[Any]  # claimx.records.Record, one per article, in order
    words: int


@dataclass
class Died:
    """A worker died. `tasks[0]` was running (or about to); the others were queued behind it, never started."""

    tasks: list[Task]
    reason: str  # e.g. "killed by SIGKILL (out of memory?)"
    overdue: bool = False  # killed by the pool: its task ran past the time limit (see WorkerPool.task_limit)


@dataclass
class _Worker:
    process: Any
    tasks_out: multiprocessing.connection.Connection  # main → worker
    results_in: multiprocessing.connection.Connection  # worker → main
    assigned: deque[Task] = field(default_factory=deque)
    ready: bool = False  # has loaded its pipeline
    busy_since: float | None = None  # when its current task started (as far as the pool knows)
    overdue: bool = False  # killed for running past the time limit


class WorkerPool:
    """`size` worker processes, each holding at most `prefetch` tasks (one running, the rest queued)."""

    def __init__(self, size: int, spec: PipelineSpec, *, prefetch: int = 2):
        self.spec = spec
        self.prefetch = prefetch
        self._fork = _can_fork()
        self._nlp = None
        self._failed_starts = 0  # consecutive workers that died before loading their pipeline: a broken setup
        if self._fork:
            self._nlp = spec.load()  # loaded once, inherited by forked workers
            _warm_up(self._nlp)
        self._workers: list[_Worker] = []
        for _ in range(size):
            self._workers.append(self._start(multiprocessing.get_context("fork" if self._fork else "spawn")))

    # -- feeding

    def has_room(self) -> bool:
        return any(len(w.assigned) < self.prefetch for w in self._workers)

    def submit(self, task: Task) -> None:
        """Give the task to the least busy worker. A send to a dead worker is fine: `wait` reports its death."""
        worker = min(self._workers, key=lambda w: len(w.assigned))
        if not worker.assigned:
            worker.busy_since = time.monotonic()
        worker.assigned.append(task)
        try:
            worker.tasks_out.send(task)
        except OSError:
            pass

    @property
    def busy(self) -> int:
        return sum(len(w.assigned) for w in self._workers)

    # -- collecting

    def wait(self, timeout: float) -> list[Done | Died]:
        """Results and deaths since the last call (blocks at most `timeout` seconds)."""
        self._kill_overdue()
        watched: dict[Any, _Worker] = {}
        for worker in self._workers:
            watched[worker.results_in] = worker
            watched[worker.process.sentinel] = worker
        events: list[Done | Died] = []
        dead: list[_Worker] = []
        for ready in multiprocessing.connection.wait(list(watched), timeout):
            worker = watched[ready]
            if ready is worker.results_in:
                if not self._receive(worker, events) and worker not in dead:
                    dead.append(worker)
            elif worker not in dead:
                dead.append(worker)
        for worker in dead:
            while worker.results_in.poll() and self._receive(worker, events):
                pass  # results it finished before dying still count
            events.append(self._replace(worker))
        return events

    def _receive(self, worker: _Worker, events: list) -> bool:
        try:
            task_id, records, words = worker.results_in.recv()
        except (EOFError, OSError):
            return False
        if task_id is _READY:
            worker.ready = True
            if worker.assigned:  # the clock starts when the pipeline is loaded (a spawned worker takes seconds)
                worker.busy_since = time.monotonic()
            return True
        task = worker.assigned.popleft()
        worker.busy_since = time.monotonic() if worker.assigned else None
        assert task.id == task_id, "worker results arrive in the order tasks were sent"
        events.append(Done(task, records, words))
        return True

    def _replace(self, worker: _Worker) -> Died:
        worker.process.join(timeout=5)
        reason = "ran past the time limit" if worker.overdue else _death_reason(worker.process.exitcode)
        tasks = list(worker.assigned)
        _close(worker)
        self._failed_starts = 0 if worker.ready else self._failed_starts + 1
        if self._failed_starts >= _MAX_FAILED_STARTS:
            raise WorkerStartError(f"worker processes keep dying before they are ready (the last one {reason})")
        index = self._workers.index(worker)
        self._workers[index] = self._start(multiprocessing.get_context("spawn"))
        return Died(tasks, reason, worker.overdue)

    def task_limit(self) -> float | None:
        """How long a worker may spend on one task before it is killed: the backstop for a document stuck where
        the per-document timer cannot interrupt it (inside C code). Twice --doc-timeout and half a minute, so a
        chunk of ordinary documents never comes near it."""
        return 2 * self.spec.doc_timeout + TASK_GRACE if self.spec.doc_timeout else None

    def _kill_overdue(self) -> None:
        limit = self.task_limit()
        if limit is None:
            return
        now = time.monotonic()
        for worker in self._workers:
            if worker.ready and worker.assigned and worker.busy_since is not None and now - worker.busy_since > limit:
                worker.overdue = True
                worker.process.kill()  # its sentinel fires: `wait` reports the death and its tasks

    # -- lifecycle

    def _start(self, context) -> _Worker:
        tasks_in, tasks_out = multiprocessing.Pipe(duplex=False)
        results_in, results_out = multiprocessing.Pipe(duplex=False)
        forked = context.get_start_method() == "fork"
        nlp = self._nlp if forked else None
        # A fork inherits the main process's ends of every pipe; the worker closes them, or it would never see
        # end-of-input on its own pipe (nor notice that the main process died).
        inherited = [end for w in self._workers for end in (w.tasks_out, w.results_in)] + [tasks_out, results_in]
        process = context.Process(target=_worker_main,
                                  args=(tasks_in, results_out, self.spec, nlp, inherited if forked else []),
                                  name="claimx-worker", daemon=True)
        process.start()
        tasks_in.close()  # the worker's ends live in the worker now
        results_out.close()
        return _Worker(process, tasks_out, results_in)

    def close(self) -> None:
        """Stop the workers: idle ones exit at end of input, busy ones (an interrupted run) are terminated."""
        for worker in self._workers:
            if worker.assigned:
                worker.process.terminate()
            try:
                worker.tasks_out.send(None)  # end of input: the worker's loop ends
                worker.tasks_out.close()
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            _close(worker)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _worker_main(tasks_in, results_out, spec: PipelineSpec, nlp, inherited: list) -> None:
    """A worker: read tasks, analyse each with `nlp.pipe`, send one Record per article back, in order."""
    for end in inherited:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops us cleanly
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a fork inherits the main process's graceful-stop handler
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    # Read tasks on a thread so the main process's sends never block while we load or run spaCy.
    threading.Thread(target=_read_tasks, args=(tasks_in, inbox), daemon=True).start()
    from claimx.batch.reading import analyse

    if nlp is None:
        nlp = spec.load()
    try:
        results_out.send((_READY, None, 0))
        while (task := inbox.get()) is not None:
            records, words = analyse(nlp, task.articles, spec.ingest, spec.include_text, spec.doc_timeout)
            results_out.send((task.id, records, words))
    except OSError:  # the main process is gone
        return


_WARM_UP_TEXT = ("Northwind Traders said on Tuesday that it paid $2.5 million for a plant in Ohio last March, "
                 "its chief executive told reporters in Paris.")


def _warm_up(nlp) -> None:
    """Run one short article through the pipeline before forking: the tables layers build on first use
    (gazetteers, grammars) are then built once and shared by every worker, instead of built again in each."""
    try:
        nlp(_WARM_UP_TEXT)
    except Exception:  # a layer that cannot warm up here will fail, and be reported, on real documents
        pass


def _read_tasks(tasks_in, inbox: queue.SimpleQueue) -> None:
    try:
        while True:
            inbox.put(tasks_in.recv())
    except (EOFError, OSError):
        inbox.put(None)


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _death_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "stopped responding"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"killed by {name}{hint}"
    return f"exited with status {exitcode}"


def _close(worker: _Worker) -> None:
    for connection in (worker.tasks_out, worker.results_in):
        try:
            connection.close()
        except OSError:
            pass
