"""How well `--jobs N` shares the work out, measured so that a busy shared machine does not hide it.

    python bench/job_balance.py                       # stand-in pipeline: 100 documents, 40 ms each, --jobs 1 and 2
    python bench/job_balance.py --docs 1000 --jobs 4 --sleep 0.01
    python bench/job_balance.py --claimx              # the real `claimx extract` on 100 generated articles

Two ways, both start-up included:
- the default runs the batch engine with a stand-in pipeline that sleeps a fixed time per document instead of
  analysing it: sleeping workers do not compete for cores, so the wall time shows what scheduling alone costs
  (with perfect sharing `--jobs N` takes 1/N of the sleeping time of `--jobs 1`);
- `--claimx` runs `claimx extract CORPUS --jobs 1` and `--jobs N` on bench/throughput.py's generated articles and
  reads each process's CPU time from /proc while it runs: the critical path of the N-worker run is the main
  process's CPU until the workers start (loading the pipeline) plus the busiest worker's CPU, and `--jobs 1` CPU
  divided by it is the speed-up a machine with N free cores would give. CPU time hardly moves when other jobs
  share the cores; wall time does. Linux only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.language import Language

import claimx.extensions  # noqa: F401  (the Doc._ extensions extract_many sets)

SLEEP = 0.04  # seconds per document; read by the workers (forked from this process)
LOADER = "job_balance:load"


@Language.component("claimx_bench_sleep")
def _sleep(doc):
    time.sleep(SLEEP)
    return doc


def load(model=None, layers=()):
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_bench_sleep")
    return nlp


def run(docs: int, jobs: int, out: Path) -> float:
    from claimx.batch import BatchSettings, open_sink, run_batch
    from claimx.ingest import Article

    articles = [Article(id=f"doc-{i}", source="generated", text="word " * 680) for i in range(docs)]
    started = time.perf_counter()
    run_batch(iter(articles), open_sink("jsonl", out), BatchSettings(jobs=jobs, pipeline_loader=LOADER))
    return time.perf_counter() - started


# -- the real command, by CPU time

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []


def claimx_cpu(command: list[str]) -> tuple[float, float, list[float]]:
    """(main process CPU, its CPU when the first worker appeared, each worker's CPU) of one run, polled."""
    process = subprocess.Popen(command)
    main, at_start, workers = 0.0, None, {}
    while process.poll() is None:
        main = _cpu_seconds(process.pid) or main
        for child in _children(process.pid):
            seconds = _cpu_seconds(child)
            if seconds is not None:
                at_start = main if at_start is None else at_start
                workers[child] = seconds
        time.sleep(0.05)
    # the resource tracker and other helpers use next to no CPU: only processes that did work are workers
    return main, at_start or 0.0, sorted((s for s in workers.values() if s > 0.5), reverse=True)


def claimx_balance(docs: int, jobs: int) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throughput import build_corpus, claimx_command, write_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(build_corpus(docs)[0], corpus)
        base = [*claimx_command(), "extract", str(corpus), "-f", "jsonl", "-q", "-o", str(Path(tmp) / "out.jsonl")]
        one, _, _ = claimx_cpu([*base, "--jobs", "1"])
        main, at_start, workers = claimx_cpu([*base, "--jobs", str(jobs)])
    path = at_start + (workers[0] if workers else 0.0)
    return (f"claimx extract, {docs} articles: --jobs 1 CPU {one:.1f} s; --jobs {jobs}: main {main:.1f} s "
            f"({at_start:.1f} s before the workers started), workers {', '.join(f'{w:.1f}' for w in workers)} s; "
            f"critical path {path:.1f} s, speed-up on {jobs} free cores {one / path:.2f}x" if path else
            "no worker was seen doing work")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2, help="compared with --jobs 1 (default 2)")
    parser.add_argument("--sleep", type=float, default=SLEEP, help="seconds per document (default 0.04)")
    parser.add_argument("--claimx", action="store_true", help="the real command, by CPU time (see above)")
    args = parser.parse_args(argv)
    if args.claimx:
        print(claimx_balance(args.docs, args.jobs))
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # workers import the loader by its module name
    import job_balance  # that module, not __main__, is the one the workers' pipelines read SLEEP from

    job_balance.SLEEP = args.sleep
    with tempfile.TemporaryDirectory() as tmp:
        one = run(args.docs, 1, Path(tmp) / "one.jsonl")
        many = run(args.docs, args.jobs, Path(tmp) / "many.jsonl")
    sleeping = args.docs * args.sleep
    print(f"{args.docs} documents x {args.sleep * 1000:.0f} ms: --jobs 1 {one:.2f} s, --jobs {args.jobs} {many:.2f} s, "
          f"speed-up {one / many:.2f}x (sleeping alone: {sleeping:.2f} s against {sleeping / args.jobs:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
