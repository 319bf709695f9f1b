"""How does `claimx extract --dask` scale from one local worker to two? The same corpus, the same records.

    python bench/dask_scaling.py                      # 160 generated news-length articles; 1, then 2 workers
    python bench/dask_scaling.py --docs 400 --workers 1 2 4 --end-to-end

For each worker count N a LocalCluster of N processes (one thread each, as `--dask local:N` starts) is started,
every worker loads its pipeline (a warm-up, not timed), then the corpus — one JSONL file, split into line blocks
as `--dask` splits it — is extracted and timed until the last record is written. Reported: seconds, docs/s,
words/s, the speed-up over the first worker count, and whether the records equal those of the first run.

First, the ceiling: N processes of a pure-Python loop against one, on this machine at this moment (on a shared
machine the cores other jobs use are not there to be had, and no worker count beats that figure).

With --end-to-end, also the wall time of `claimx extract CORPUS --dask local:N -o OUT` from process start (cluster
start and pipeline loads included): what a user waits for on a small corpus.

The corpus is bench/throughput.py's (paragraphs of examples/*.txt, shuffled, numbers varied). Timings on a shared
machine are noisy: compare runs made at the same time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build_corpus, claimx_command, write_jsonl  # noqa: E402


def steady_state(corpus: Path, workers: int, out: Path, partition_bytes: int) -> float:
    """Seconds to extract `corpus` on a warm LocalCluster of `workers` processes."""
    from claimx.batch import BatchSettings, open_sink
    from claimx.batch.workers import PipelineSpec
    from claimx.distributed import DaskSettings, connect, run_on_dask
    from claimx.distributed.partition import Job, extract_partition
    from claimx.distributed.plan import Partition
    from claimx.pipeline import LAYERS

    settings = BatchSettings()
    job = Job(PipelineSpec(model=None, layers=LAYERS), settings.ingest)
    with connect(f"local:{workers}") as client:
        client.wait_for_workers(workers)
        warm_ups = [client.submit(extract_partition, Partition(0), job, workers=[address], pure=False)
                    for address in client.nthreads()]  # an empty partition: the worker only loads its pipeline
        client.gather(warm_ups)
        started = time.perf_counter()
        summary = run_on_dask(client, [str(corpus)], open_sink("jsonl", out), settings,
                              dask_settings=DaskSettings(partition_bytes=partition_bytes))
        seconds = time.perf_counter() - started
    if summary.failed:
        raise SystemExit(f"dask_scaling: {summary.failed} documents failed")
    return seconds


def _spin(iterations: int) -> int:
    total = 0
    for i in range(iterations):
        total += i * i
    return total


def parallel_ceiling(processes: int, iterations: int = 20_000_000) -> float:
    """How much more work `processes` CPU-bound processes get done than one, right now."""
    import multiprocessing

    def timed(count: int) -> float:
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(count) as pool:
            pool.map(_spin, [iterations] * count)
        return time.perf_counter() - started

    one = timed(1)
    return processes * one / timed(processes)


def end_to_end(corpus: Path, workers: int, out: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run([*claimx_command(), "extract", str(corpus), "--dask", f"local:{workers}", "-o", str(out),
                           "-q"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"dask_scaling: claimx extract --dask failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    from claimx.distributed import DaskUnavailable
    from claimx.distributed.plan import PARTITION_BYTES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=160, help="articles to generate (default 160)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    parser.add_argument("--partition-bytes", type=int, default=PARTITION_BYTES,
                        help=f"bytes of JSONL per partition (default {PARTITION_BYTES}, as --dask)")
    parser.add_argument("--end-to-end", action="store_true", help="also time `claimx extract --dask local:N`")
    args = parser.parse_args(argv)
    try:
        import distributed  # noqa: F401
    except ImportError:
        print(f"dask_scaling: error: {DaskUnavailable.__doc__}", file=sys.stderr)
        return 2

    ceiling = parallel_ceiling(max(args.workers)) if max(args.workers) > 1 else 1.0
    texts, source = build_corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(texts, corpus)
        partitions = -(-corpus.stat().st_size // args.partition_bytes)
        first_records = None
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}.jsonl"
            seconds = steady_state(corpus, workers, out, args.partition_bytes)
            records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
            first_records = first_records or records
            wall = end_to_end(corpus, workers, Path(tmp) / f"e2e-{workers}.jsonl") if args.end_to_end else None
            rows.append((workers, seconds, records == first_records, wall))

    print(f"corpus: {len(texts)} articles, {words:,} words ({words // max(1, len(texts))} per article), from {source}; "
          f"{partitions} partitions of {args.partition_bytes:,} bytes")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; Python "
          f"{sys.version.split()[0]}")
    print(f"ceiling now: {max(args.workers)} busy-loop processes do {ceiling:.2f}x the work of one")
    print()
    header = f"{'workers':>8}{'seconds':>10}{'docs/s':>9}{'words/s':>10}{'speed-up':>10}{'same records':>14}"
    print(header + (f"{'end to end s':>14}" if args.end_to_end else ""))
    base = rows[0][1]
    for workers, seconds, same, wall in rows:
        line = (f"{workers:>8}{seconds:10.2f}{len(texts) / seconds:9.2f}{words / seconds:10,.0f}"
                f"{base / seconds:9.2f}x{'yes' if same else 'NO':>14}")
        print(line + (f"{wall:14.2f}" if wall is not None else ""))
    return 0 if all(same for _, _, same, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
