"""Does a worker's memory stay flat over a long run? Peak RSS of each `claimx extract --jobs N` worker after 1,000
and after 10,000 articles (Linux: read from /proc while the run goes).

    python bench/worker_memory.py                      # 1,000 and 10,000 articles, --jobs 2
    python bench/worker_memory.py --docs 200 2000 --jobs 1

Articles come from bench/throughput.py's generator, each with a few made-up names of its own, so the vocabulary
keeps growing as a real archive's does (spaCy's string store grows with every new word unless the memory zone
frees it). With `--jobs 1` the one process is both main process and worker.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from throughput import build_corpus, claimx_command, write_jsonl  # noqa: E402

SYLLABLES = ["ka", "lo", "mer", "vin", "tas", "dre", "ul", "zo", "bri", "nek", "sa", "tor", "qui", "el", "rha"]


def made_up_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def corpus(docs: int, seed: int = 11) -> list[str]:
    """`docs` articles; every one names three people and a company nobody else does."""
    rng = random.Random(seed)
    base, _ = build_corpus(min(docs, 500), seed=seed)
    texts = []
    for i in range(docs):
        names = [made_up_name(rng) for _ in range(4)]
        texts.append(f"{names[0]} {names[1]}, the head of {names[2]} Holdings, met {names[3]} on Monday.\n\n"
                     + base[i % len(base)])
    return texts


def peak_rss(pid: int) -> dict[int, int]:
    """VmHWM (KiB) of `pid` and of each of its children now alive."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            if int(entry) != pid and ppid != pid:
                continue
            with open(f"/proc/{entry}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        found[int(entry)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return found


def measure(docs: int, jobs: int, tmp: Path) -> tuple[float, int, int]:
    """Seconds, the main process's peak RSS and the largest worker peak RSS (MiB)."""
    path = tmp / f"corpus-{docs}.jsonl"
    write_jsonl(corpus(docs), path)
    command = [*claimx_command(), "extract", str(path), "-o", str(tmp / "out.jsonl"), "--jobs", str(jobs), "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(command)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid, kib in peak_rss(process.pid).items():
            peaks[pid] = max(kib, peaks.get(pid, 0))
        time.sleep(0.5)
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"worker_memory: claimx failed with status {process.returncode}")
    main_peak = peaks.pop(process.pid, 0)
    worker_peak = max(peaks.values(), default=main_peak)
    return seconds, main_peak // 1024, worker_peak // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="run sizes (default 1000 10000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args(argv)
    if not Path("/proc/self/status").exists():
        print("worker_memory: needs Linux /proc", file=sys.stderr)
        return 2
    print(f"machine: {os.cpu_count()} cores; claimx extract --jobs {args.jobs}")
    print(f"{'articles':>9}{'seconds':>10}{'docs/s':>9}{'main peak MB':>14}{'worker peak MB':>16}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for docs in args.docs:
            seconds, main_mb, worker_mb = measure(docs, args.jobs, Path(tmp))
            rows.append(worker_mb)
            print(f"{docs:>9,}{seconds:>10.1f}{docs / seconds:>9.2f}{main_mb:>14,}{worker_mb:>16,}", flush=True)
    if len(rows) > 1:
        print(f"worker peak RSS, largest run / smallest: {rows[-1] / rows[0]:.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
