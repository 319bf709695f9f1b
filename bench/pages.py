"""How claimx reads real web pages: publication-date accuracy, titles and a sample of the extracted text.

    python bench/pages.py [--pages DIR] [--titles] [--text N] [--misses] [--end-to-end]

DIR holds HTML pages and an `expected.jsonl` (`path`, `url`, `published`: the date the page's own test suite
expects); by default shared/data/pages/ beside the repository (htmldate's test pages). Each page is read as
`claimx extract DIR` reads it (the URL in expected.jsonl is not handed over: a page names its own, or not).
It prints:
- the date accuracy, with each miss (`--misses`) and how often each `published_source` won;
- every page's title (`--titles`), for a hand check;
- the first N characters of each page's analysed text with masked chrome shown in [[…]] (`--text N`);
- milliseconds per page for ingestion, and with `--end-to-end` for the whole `claimx extract` path (ingest,
  pipeline, record), wall clock and CPU time. Timings on a shared machine are noisy (CPU time less so): compare
  runs made back to back.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimx.ingest import Article, IngestOptions  # noqa: E402
from claimx.ingest.sources import read_bytes  # noqa: E402


def default_pages() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):  # /work/main/.. or /work/wt/issueN/../..
        candidate = base / "shared" / "data" / "pages"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "data" / "pages"


def load_expected(pages: Path) -> list[dict]:
    return [orjson.loads(line) for line in (pages / "expected.jsonl").read_bytes().splitlines() if line.strip()]


def read_page(pages: Path, row: dict):
    path = pages / row["path"]
    return next(read_bytes(path.read_bytes(), path.name, id_=row["path"], source=str(path),
                           options=IngestOptions()))


def shown(article: Article, limit: int) -> str:
    """The analysed text's first `limit` characters, masked ranges in [[…]]."""
    text, out, position = article.text[:limit], [], 0
    for start, end in sorted(article.masked):
        if start >= limit:
            break
        out += [text[position:start], "[[", text[start:min(end, limit)], "]]"]
        position = min(end, limit)
    out.append(text[position:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=default_pages())
    parser.add_argument("--titles", action="store_true", help="print every page's title")
    parser.add_argument("--text", type=int, default=0, metavar="N", help="print each page's first N characters")
    parser.add_argument("--misses", action="store_true", help="print every wrong or missing date")
    parser.add_argument("--end-to-end", action="store_true", help="also time the whole extract path")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args(argv)

    rows = load_expected(args.pages)[: args.limit or None]
    read_page(args.pages, rows[0])  # warm up: imports and lazily loaded rules are not a page's cost
    right, sources, articles = 0, collections.Counter(), []
    started, cpu_started = time.perf_counter(), time.process_time()
    for row in rows:
        article = read_page(args.pages, row)
        articles.append(article)
        found = getattr(article, "published", None)
        ok = found == row["published"]
        right += ok
        sources[(getattr(article, "published_source", None) or getattr(article, "type", "none"), ok)] += 1
        if args.misses and not ok:
            print(f"MISS {row['path']}: got {found} ({getattr(article, 'published_source', None)}), "
                  f"expected {row['published']}  {row.get('url', '')}")
    ingest_seconds, ingest_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if args.titles:
        for row, article in zip(rows, articles):
            print(f"TITLE {row['path']}: {getattr(article, 'title', None)!r}")
    if args.text:
        for row, article in zip(rows, articles):
            if isinstance(article, Article):
                print(f"===== {row['path']}  [{article.title}]\n{shown(article, args.text)}\n")
    print(f"date accuracy: {right}/{len(rows)} = {right / len(rows):.1%}")
    for (source, ok), count in sorted(sources.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        print(f"  {source:>12} {'right' if ok else 'wrong'}: {count}")
    print(f"ingest: {ingest_seconds / len(rows) * 1000:.1f} ms/page ({ingest_cpu / len(rows) * 1000:.1f} ms CPU)")
    if args.end_to_end:
        import claimx

        good = [a for a in articles if isinstance(a, Article)]
        list(claimx.extract_many(good[:2]))  # load the pipeline outside the timing
        started, cpu_started = time.perf_counter(), time.process_time()
        for row in rows:  # read again: the end-to-end path includes ingestion
            list(claimx.extract_many([read_page(args.pages, row)]))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        print(f"end to end: {wall / len(rows) * 1000:.1f} ms/page ({cpu / len(rows) * 1000:.1f} ms CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
