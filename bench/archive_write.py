"""What writing an archive costs, next to JSON Lines: seconds per 1,000 articles and bytes on disk.

    python bench/archive_write.py                        # records of bench/throughput.py's generated articles
    python bench/archive_write.py --records out.jsonl    # or claimx/1 records you have
    python bench/archive_write.py --articles 5000

The records are analysed once (or read from --records), then repeated with new ids until there are --articles of
them, and written by each sink the way `claimx extract -f FORMAT -o PATH` writes them (batches of 32): JSON Lines
(batch.sink.JsonlFile), Parquet and SQLite (output/archive.py: rows, files, indexes, full-text search and the
claim clusters at the end). Only the writing is timed, not the extraction.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
BATCH = 32


def records_to_write(path: Path | None, sample: int) -> list[dict]:
    if path is not None:
        return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
    sys.path.insert(0, str(ROOT / "bench"))
    from throughput import build_corpus

    from claimx.extract import extract_many
    from claimx.ingest import Article

    texts, _ = build_corpus(sample)
    articles = [Article(id=f"gen-{i:05d}", source="generated.jsonl", text=text, published="2025-05-02")
                for i, text in enumerate(texts)]
    return [record.to_dict() for record in extract_many(articles)]


def repeated(records: list[dict], count: int) -> list[dict]:
    return [{**records[i % len(records)], "id": f"{records[i % len(records)]['id']}-{i}"} for i in range(count)]


def timed_write(fmt: str, path: Path, records: list[dict]) -> float:
    from claimx.batch.sink import JsonlFile
    from claimx.output.archive import open_archive

    batches = [records[i:i + BATCH] for i in range(0, len(records), BATCH)]
    started = time.perf_counter()
    if fmt == "jsonl":
        sink = JsonlFile(path)
        for batch in batches:  # JsonlFile serialises Records; these are their dicts already
            sink.write([_AsRecord(r) for r in batch])  # type: ignore[list-item]
        sink.close()
    else:
        sink = open_archive(fmt, path)
        sink.write_batches(batches)
        sink.close()
    return time.perf_counter() - started


class _AsRecord:
    """A claimx/1 dict with the one method JsonlFile calls."""

    def __init__(self, d: dict):
        self.d = d

    def to_dict(self) -> dict:
        return self.d


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="records to write (default 2000)")
    parser.add_argument("--sample", type=int, default=50, help="generated articles to analyse (default 50)")
    parser.add_argument("--records", type=Path, help="claimx/1 JSON Lines to write instead of generated ones")
    args = parser.parse_args(argv)
    records = repeated(records_to_write(args.records, args.sample), args.articles)
    claims = sum(len(r.get("claims") or ()) for r in records)
    mentions = sum(len(r.get(k) or ()) for r in records for k in ("entities", "money", "dates"))
    print(f"{len(records):,} articles, {mentions:,} mentions, {claims:,} claims")
    print(f"{'format':10}{'seconds':>9}{'s per 1,000 articles':>22}{'MB':>8}{'x jsonl':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        base = None
        for fmt, name in (("jsonl", "out.jsonl"), ("parquet", "archive"), ("sqlite", "archive.db")):
            path = Path(tmp) / name
            seconds = timed_write(fmt, path, records)
            base = base or seconds
            print(f"{fmt:10}{seconds:9.2f}{seconds * 1000 / len(records):22.3f}{size_of(path) / 1e6:8.1f}"
                  f"{seconds / base:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
