"""How many place mentions get coordinates, and a random sample of them to check by hand.

    python bench/place_coverage.py [PATH ...] [--sample 50] [--seed 2020]

PATHs are anything `claimx extract` reads (default: ../shared/data/pages/cache, examples/ and
../shared/data/articles). Prints the share of PLACE mentions with `lat`/`lon`, the mentions without, and
`--sample` mentions with coordinates, each with the words around it, for a reader to mark right or wrong.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import claimx
from claimx.ingest import Article, iter_articles

HERE = Path(__file__).parent
# The shared dev data sits beside the checkout (../shared) or further up (a worktree's ../../shared).
SHARED = next((p / "shared" for p in HERE.parents if (p / "shared" / "data").is_dir()), HERE.parent / "shared")
DEFAULT = [SHARED / "data" / "pages" / "cache", HERE.parent / "examples", SHARED / "data" / "articles"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    places = []
    articles = (a for a in iter_articles(str(p) for p in args.paths) if isinstance(a, Article))
    for record in claimx.extract_many(articles, include_text=True):
        places += [(record, e) for e in record.entities if e.label == "PLACE"]
    placed = [(r, e) for r, e in places if e.lat is not None]
    print(f"PLACE mentions: {len(places)}, with coordinates: {len(placed)} "
          f"({len(placed) / max(len(places), 1):.3f})")
    print("without:", ", ".join(e.text for _, e in places if e.lat is None))
    for record, e in random.Random(args.seed).sample(placed, min(args.sample, len(placed))):
        around = record.text[max(0, e.start - 40):e.end + 30].replace("\n", " ")
        print(f"{e.text!r:16} {e.canonical} · {e.kind} {e.admin1 or e.country or ''} · {e.geonames_id} | {around}")


if __name__ == "__main__":
    main()
