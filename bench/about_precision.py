"""Precision@3 of `about` against hand judgements (bench/about_judgements.json): of the (at most three)
entities claimx says an article is about, the share a reader also named, per judged data set.

    python bench/about_precision.py [--data ../shared/data] [--show]

A name matches a judged name when one's words contain the other's ("Yeltsin" and "Boris Yeltsin"), or it is
the judged name's acronym ("RDR").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import claimx

HERE = Path(__file__).parent
# The shared dev data sits beside the checkout (../shared) or further up (a worktree's ../../shared).
SHARED = next((p / "shared" for p in HERE.parents if (p / "shared" / "data").is_dir()), HERE.parent / "shared")


def _same(name: str, judged: str) -> bool:
    a, b = set(name.casefold().split()), set(judged.casefold().split())
    initials = "".join(w[0] for w in judged.split() if w[:1].isupper())
    return bool(a) and bool(b) and (a <= b or b <= a) or name.replace(".", "") == initials


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(SHARED / "data"))
    parser.add_argument("--show", action="store_true", help="print each article's about and judgement")
    args = parser.parse_args()
    judgements = json.loads((HERE / "about_judgements.json").read_text())
    for source, judged_set in judgements["sets"].items():
        score(Path(args.data) / source, judged_set, args.show)


def score(path: Path, judged_set: dict[str, list[str]], show: bool) -> None:
    texts = {}
    for line in path.read_text().splitlines():
        doc = json.loads(line)
        if doc["id"] in judged_set:
            texts[doc["id"]] = doc["text"]
    precisions, hits_at_1 = [], 0
    for doc_id, judged in judged_set.items():
        record = claimx.extract(texts[doc_id]).to_dict()
        if "error" in record:
            raise SystemExit(f"{doc_id}: {record['error']['type']}: {record['error']['message']}")
        names = {e["id"]: e.get("canonical") or e["text"] for e in record["entities"] if e.get("id")}
        about = [names[i] for i in record.get("about", [])][:3]
        hits = [any(_same(name, j) for j in judged) for name in about]
        precisions.append(sum(hits) / len(about) if about else 0.0)
        hits_at_1 += bool(hits and hits[0])
        if show:
            print(f"{doc_id}: about={about} judged={judged} p={precisions[-1]:.2f}")
    print(f"{path.name}: articles {len(precisions)}  precision@3 {sum(precisions) / len(precisions):.3f}  "
          f"top-1 right {hits_at_1}/{len(precisions)}")


if __name__ == "__main__":
    main()
