"""How well `--jobs N` shares the work out, measured without CPU contention: the same batch run, start-up
included, with a stand-in pipeline that sleeps a fixed time per document instead of analysing it. Sleeping
workers do not compete for cores, so on a busy shared machine this still shows what scheduling alone costs: with
perfect sharing `--jobs N` takes 1/N of the sleeping time of `--jobs 1`.

    python bench/job_balance.py                       # 100 documents, 40 ms each, --jobs 1 and 2
    python bench/job_balance.py --docs 1000 --jobs 4 --sleep 0.01

The CPU work that remains (building records, the main process's reading and writing) still shares the machine,
so read the figures next to the ideal the script prints.
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2, help="compared with --jobs 1 (default 2)")
    parser.add_argument("--sleep", type=float, default=SLEEP, help="seconds per document (default 0.04)")
    args = parser.parse_args(argv)
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
