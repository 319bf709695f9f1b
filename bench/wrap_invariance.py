"""Does claimx read hard-wrapped text as it reads the same text flowed? The share of identical records.

    python bench/wrap_invariance.py ../shared/data/polnear-dev.gold.jsonl ../shared/data/conll2003-dev.gold.jsonl
    python bench/wrap_invariance.py examples/ --widths 60 72 80

Each article (a JSON Lines file's "text" records, or the .txt files of a folder) is analysed flowed and re-wrapped
at each width (bench/rewrap.py: spaces become newlines, same length, same offsets). For every layer it reports how
many of the flowed run's records the re-wrapped run gives identically — all fields, except whitespace inside
`text` fields (a mention that spans a line break keeps the file's newline) — out of the larger of the two counts.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rewrap import rewrap  # noqa: E402

LAYERS = ("entities", "money", "dates", "claims")
_SPACE = re.compile(r"\s+")


def load(path: Path) -> list[dict]:
    if path.is_dir():
        return [{"id": p.name, "text": p.read_text(encoding="utf-8")} for p in sorted(path.glob("*.txt"))]
    docs = []
    for line in path.read_bytes().splitlines():
        if line.strip():
            record = orjson.loads(line)
            if isinstance(record.get("text"), str):
                docs.append({"id": str(record.get("id", len(docs))), "text": record["text"],
                             "published": record.get("published")})
    return docs


def comparable(value):
    """The value with whitespace runs inside every `text` field squashed to one space, hashable."""
    if isinstance(value, dict):
        return tuple(sorted((k, _SPACE.sub(" ", v) if k == "text" and isinstance(v, str) else comparable(v))
                            for k, v in value.items()))
    if isinstance(value, list):
        return tuple(comparable(v) for v in value)
    return value


def analyse(docs: list[dict], nlp) -> list[dict]:
    from claimx.extract import extract_many

    return [r.to_dict() for r in extract_many(({**d} for d in docs), nlp=nlp)]


def compare(flowed: list[dict], wrapped: list[dict]) -> dict[str, tuple[int, int]]:
    """Per layer: (identical records, the larger of the two counts), summed over the documents."""
    totals = {layer: [0, 0] for layer in LAYERS}
    for a, b in zip(flowed, wrapped):
        for layer in LAYERS:
            left = Counter(comparable(x) for x in a.get(layer, []))
            right = Counter(comparable(x) for x in b.get(layer, []))
            totals[layer][0] += sum((left & right).values())
            totals[layer][1] += max(sum(left.values()), sum(right.values()))
    return {layer: (same, total) for layer, (same, total) in totals.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="JSON Lines with 'text', or folders of .txt files")
    parser.add_argument("--widths", nargs="+", type=int, default=[60, 72, 80])
    args = parser.parse_args(argv)
    from claimx.pipeline import load_pipeline

    nlp = load_pipeline()
    print("| set | width | " + " | ".join(LAYERS) + " |")
    print("| --- | --- |" + " --- |" * len(LAYERS))
    for path in args.paths:
        docs = load(path)
        flowed = analyse(docs, nlp)
        for width in args.widths:
            wrapped = analyse([{**d, "text": rewrap(d["text"], width)} for d in docs], nlp)
            scores = compare(flowed, wrapped)
            cells = [f"{same / total:.1%} ({same}/{total})" if total else "n/a" for same, total in scores.values()]
            print(f"| {path.name} | {width} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
