"""How fast is claimx, next to the bare spaCy pipeline it builds on? One run, the same texts for both.

    python bench/throughput.py                       # 200 generated news-length articles
    python bench/throughput.py --docs 1000 --jobs 2
    python bench/throughput.py --corpus my_articles/ # .txt files, or a .jsonl with a "text" field

Reports words/s and docs/s of
- `claimx extract CORPUS.jsonl -f jsonl` end to end, in a subprocess: from process start to the last JSON line
  read (`--jobs` is passed through when the CLI has it);
- the bare base pipeline in a subprocess: `spacy.load(...)` + `nlp.pipe` with the same statistical components
  enabled that claimx's pipeline keeps, also timed from process start to the last document;
and the ratio between them, with the peak RSS of each process (the largest single process when there are
workers; from os.wait4, so no extra dependency). Then a cold start: one article through `claimx extract`
against `python -c "import spacy; spacy.load(...)(text)"`.

The generated corpus is built from the repository's own examples/*.txt (paragraphs shuffled and numbers varied,
never third-party text), or from built-in templates when there are no examples. Timings on a shared machine
are noisy: compare runs made on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_WORDS = (450, 900)  # a news-length article

TEMPLATE_PARAGRAPHS = [
    "{org} said on {weekday} that it had agreed to buy {org2} for {money}, a deal that would make it the "
    "largest operator of its kind in {place}.",
    "\"We have been looking at this market for years,\" said {person}, the chief executive of {org}. "
    "\"The price reflects how much we expect to grow.\"",
    "Shares in {org2} rose {pct} percent in {place} after the announcement, while analysts at {org} "
    "warned that regulators could take until {month} {year} to approve the purchase.",
    "The company reported revenue of {money} for the quarter ended {month} {day}, up from {money2} a year "
    "earlier, and said it expected to hire {count} people in {place} next year.",
    "{person}, a spokesperson for the {place} competition authority, said the agency had not yet received "
    "a filing but would review any deal \"with the usual care\".",
    "Last {month}, {org} paid {money2} to settle a dispute with {org2} over a supply contract signed in "
    "{year}, according to documents seen by reporters.",
]
NAMES = {
    "org": ["Nordvik Energy", "Brightwave Bank", "Harbor Rail", "Lumen Foods", "Kestrel Systems"],
    "org2": ["Tamsin Logistics", "Ostara Media", "Greyfield Steel", "Vanta Health", "Pillar Insurance"],
    "place": ["Oslo", "Lisbon", "Ontario", "Bavaria", "Melbourne", "Kenya", "Chile"],
    "person": ["Ingrid Solberg", "Marco Teles", "Priya Raman", "Tom Okafor", "Helen Marsh"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "month": ["January", "March", "May", "July", "September", "November"],
}


@dataclass
class Run:
    seconds: float
    docs: int
    peak_rss_mb: float


# ---------------------------------------------------------------- corpus


def build_corpus(docs: int, seed: int = 7) -> tuple[list[str], str]:
    """`docs` news-length articles from examples/*.txt (else the templates above) and where they came from."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for path in sorted((ROOT / "examples").glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
    source = "paragraphs of examples/*.txt" if paragraphs else "built-in templates"
    articles = []
    for _ in range(docs):
        target = rng.randint(*ARTICLE_WORDS)
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < target:
            paragraph = rng.choice(paragraphs) if paragraphs else _from_template(rng)
            parts.append(_vary_numbers(paragraph, rng))
        articles.append("\n\n".join(parts) + "\n")
    return articles, source


def _from_template(rng: random.Random) -> str:
    values = {key: rng.choice(options) for key, options in NAMES.items()}
    values.update(money=f"${rng.randint(2, 900)} million", money2=f"€{rng.randint(10, 99)}.{rng.randint(1, 9)} "
                  "billion", pct=str(rng.randint(2, 30)), year=str(rng.randint(2015, 2025)),
                  day=str(rng.randint(1, 28)), count=str(rng.randint(50, 900)))
    return rng.choice(TEMPLATE_PARAGRAPHS).format(**values)


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Change small numbers so the articles are not copies of one another (years are left alone)."""
    return re.sub(r"\b\d{1,3}\b", lambda m: str(rng.randint(1, 99)), text)


def read_corpus(path: Path) -> list[str]:
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*.txt"))]
    if path.suffix == ".jsonl":
        return [orjson.loads(line)["text"] for line in path.read_bytes().splitlines() if line.strip()]
    return [path.read_text(encoding="utf-8")]


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("wb") as out:
        for index, text in enumerate(texts):
            out.write(orjson.dumps({"id": f"a{index:05d}", "text": text, "published": "2025-05-02"}) + b"\n")


# ---------------------------------------------------------------- measuring


def timed(command: list[str], expect_lines: int | None = None) -> Run:
    """Run a command, read its stdout line by line; seconds from start to the last line, peak RSS from wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = 0
    last = start
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip():
            lines += 1
            last = time.perf_counter()
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1) or (expect_lines is not None and lines != expect_lines):
        raise SystemExit(f"throughput: {' '.join(command[:3])} … failed ({process.returncode}, {lines} lines):\n"
                         f"{stderr[-2000:]}")
    return Run(last - start, lines, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def claimx_command() -> list[str]:
    script = shutil.which("claimx", path=str(Path(sys.executable).parent)) or shutil.which("claimx")
    return [script] if script else [sys.executable, "-m", "claimx.cli"]


def cli_has_jobs() -> bool:
    help_text = subprocess.run([*claimx_command(), "extract", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in help_text


def base_components(model: str | None) -> tuple[str, list[str]]:
    """The base model claimx loads and the statistical components it keeps enabled (claimx_* excluded)."""
    from claimx.pipeline import default_model, load_pipeline

    nlp = load_pipeline(model)
    return model or default_model(), [name for name in nlp.pipe_names if not name.startswith("claimx_")]


def bare_worker(corpus: str, model: str, enable: str, jobs: int) -> None:
    """The bare pipeline, run as its own process: one line per document, like claimx's JSONL."""
    import spacy

    nlp = spacy.load(model)
    keep = set(enable.split(","))
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.disable_pipe(name)
    texts = (orjson.loads(line)["text"] for line in Path(corpus).read_bytes().splitlines() if line.strip())
    out = sys.stdout
    for doc in nlp.pipe(texts, batch_size=32, n_process=jobs):
        out.write(f"{len(doc.ents)}\n")
        out.flush()


# ---------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="articles to generate (default 200)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for both (default 1)")
    parser.add_argument("--corpus", type=Path, help="use these articles instead: a directory of .txt or a .jsonl")
    parser.add_argument("--model", help="spaCy pipeline (default: the one claimx loads)")
    parser.add_argument("--no-cold-start", action="store_true", help="skip the one-article cold-start figure")
    parser.add_argument("--scaling", action="store_true",
                        help="with --jobs J > 1: also run claimx with --jobs 1 and report the speed-up, next to what "
                             "J busy loops get done against one on this machine right now (its parallel ceiling)")
    parser.add_argument("--bare-worker", nargs=3, metavar=("CORPUS", "MODEL", "COMPONENTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_worker:
        bare_worker(*args.bare_worker, jobs=args.jobs)
        return 0
    if args.corpus is not None and not args.corpus.exists():
        print(f"throughput: error: {args.corpus}: no such file or directory", file=sys.stderr)
        return 2

    if args.corpus is not None:
        texts, source = read_corpus(args.corpus), str(args.corpus)
    else:
        texts, source = build_corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    model, components = base_components(args.model)
    jobs_flag = ["--jobs", str(args.jobs)] if cli_has_jobs() else []
    if args.jobs > 1 and not jobs_flag:
        print("note: `claimx extract` has no --jobs option yet; claimx runs in one process", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(texts, corpus)
        claimx = timed([*claimx_command(), "extract", str(corpus), "-f", "jsonl", *jobs_flag], len(texts))
        scaling = None
        if args.scaling and args.jobs > 1 and jobs_flag:
            from dask_scaling import parallel_ceiling

            ceiling = parallel_ceiling(args.jobs)
            one = timed([*claimx_command(), "extract", str(corpus), "-f", "jsonl", "--jobs", "1"], len(texts))
            scaling = (one, ceiling)
        bare = timed([sys.executable, __file__, "--jobs", str(args.jobs), "--bare-worker", str(corpus), model,
                      ",".join(components)], len(texts))
        cold = None if args.no_cold_start else cold_start(texts[0], model, Path(tmp))

    print(f"corpus: {len(texts)} articles, {words:,} words ({words // max(1, len(texts))} per article), "
          f"from {source}")
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; base {model} with "
          f"{', '.join(components)}; jobs {args.jobs}{'' if jobs_flag or args.jobs == 1 else ' (bare only)'}")
    print()
    print(f"{'':44}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'peak RSS MB':>13}")
    for name, run in (("claimx extract (end to end)", claimx), (f"bare {model} (nlp.pipe)", bare)):
        print(f"{name:44}{run.seconds:9.2f}{run.docs / run.seconds:9.2f}{words / run.seconds:10,.0f}"
              f"{run.peak_rss_mb:13.0f}")
    print(f"{'claimx / bare':44}{claimx.seconds / bare.seconds:8.2f}x{'':18}"
          f"{claimx.peak_rss_mb / bare.peak_rss_mb:12.2f}x")
    if scaling:
        one, ceiling = scaling
        print(f"{'claimx extract --jobs 1':34}{one.seconds:9.2f}{one.docs / one.seconds:9.2f}"
              f"{words / one.seconds:10,.0f}{one.peak_rss_mb:13.0f}")
        print(f"--jobs {args.jobs} speed-up over --jobs 1: {one.seconds / claimx.seconds:.2f}x "
              f"(parallel ceiling now: {args.jobs} busy loops do {ceiling:.2f}x the work of one)")
    if cold:
        print()
        print(f"cold start, one article ({len(texts[0].split())} words):")
        for name, run in cold:
            print(f"  {name:52}{run.seconds:7.2f} s{run.peak_rss_mb:8.0f} MB")
    return 0


def cold_start(text: str, model: str, tmp: Path) -> list[tuple[str, Run]]:
    article = tmp / "article.txt"
    article.write_text(text, encoding="utf-8")
    code = (f"import spacy, sys; doc = spacy.load({model!r})(open({str(article)!r}, encoding='utf-8').read()); "
            "print(len(doc.ents))")
    return [
        ("claimx extract article.txt -f jsonl", timed([*claimx_command(), "extract", str(article), "-f", "jsonl"], 1)),
        (f"python -c \"import spacy; spacy.load('{model}')(text)\"", timed([sys.executable, "-c", code], 1)),
    ]


if __name__ == "__main__":
    sys.exit(main())
