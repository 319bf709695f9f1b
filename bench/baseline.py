"""Score bare en_core_web_sm on claimx gold sets, for comparison with claimx itself.

    python bench/baseline.py GOLD...                       # bare spaCy: a table per gold set
    python bench/baseline.py GOLD... --compare -f markdown # claimx and bare spaCy side by side (bench/README.md)
    python bench/baseline.py GOLD... -f json

The baseline is the statistical pipeline alone (tok2vec + ner), its entity labels mapped to claimx's:
ORG → ORG, GPE and LOC → PLACE, PERSON → PERSON, MONEY → money, DATE → dates. It is scored by the same
functions as `claimx eval` (claimx.evaluate), on spans only: bare spaCy reads no amounts, currencies or date
values, so its value metrics are n/a (not computed with claimx's normalizers, so the comparison shows what
claimx adds), and it finds no claims (n/a). Gold files are anything `claimx eval` reads, Recognizers-Text
spec files included.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from claimx import evaluate as ev

LABELS = {"ORG": ("entities", "ORG"), "GPE": ("entities", "PLACE"), "LOC": ("entities", "PLACE"),
          "PERSON": ("entities", "PERSON"), "MONEY": ("money", None), "DATE": ("dates", None)}
NOT_APPLICABLE = {("money", "value"), ("dates", "value"), ("claims", "content"), ("claims", "content+speaker")}


def bare_predictions(gold: list[ev.Doc], model: str | None = None) -> list[ev.Doc]:
    """claimx/1-shaped predictions of the bare statistical NER, for the layers the gold annotates."""
    import spacy

    from claimx.pipeline import default_model

    nlp = spacy.load(model or default_model(), disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    layers = ev.annotated_layers(gold)
    predictions = []
    for doc_gold, doc in zip(gold, nlp.pipe(d["text"] for d in gold), strict=True):
        record: dict[str, Any] = {"id": doc_gold["id"], **{layer: [] for layer in layers}}
        for ent in doc.ents:
            layer, label = LABELS.get(ent.label_, (None, None))
            if layer not in layers:
                continue
            item = {"text": ent.text, "start": ent.start_char, "end": ent.end_char}
            if layer == "entities":
                item["label"] = label
            elif layer == "money":
                item.update(amount=None, currency=None)
            else:
                item["value"] = None
            record[layer].append(item)
        predictions.append(record)
    return predictions


def score_rows(evaluation: ev.Evaluation, *, bare: bool) -> dict[tuple[str, str, str], ev.Counts | None]:
    return {key: (None if bare and key[:2] in NOT_APPLICABLE else counts) for key, counts in evaluation.counts.items()}


def _prf(counts: ev.Counts | None) -> str:
    if counts is None:
        return "n/a"
    return " / ".join("–" if v is None else f"{v:.3f}" for v in (counts.precision, counts.recall, counts.f1))


def markdown(results: list[tuple[str, dict, dict | None]]) -> str:
    """One markdown table: set, layer, metric, label, claimx P / R / F, bare en_core_web_sm P / R / F."""
    compare = any(claimx is not None for _, _, claimx in results)
    head = "| set | layer | metric | label |" + (" claimx P / R / F |" if compare else "") + \
        " bare en_core_web_sm P / R / F |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for name, bare, claimx in results:
        for key, counts in bare.items():
            layer, metric, label = key
            cells = [name, layer, metric, label]
            if compare:
                cells.append(_prf(claimx.get(key)) if claimx else "")
            cells.append(_prf(counts))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="gold files (claimx/1 JSONL with text, or Recognizers-Text specs)")
    parser.add_argument("--format", "-f", choices=("table", "json", "markdown"), default="table")
    parser.add_argument("--compare", action="store_true", help="also run and score claimx on the same gold")
    parser.add_argument("--model", help="spaCy pipeline for both (default: en_core_web_sm)")
    args = parser.parse_args(argv)

    results = []
    as_json = []
    for path in args.gold:
        try:
            gold = ev.load_gold(path)
        except ev.GoldError as exc:
            print(f"baseline: error: {exc}", file=sys.stderr)
            return 2
        bare = ev.evaluate(gold, bare_predictions(gold, args.model))
        claimx = ev.evaluate(gold, ev.predict(gold, model=args.model)) if args.compare else None
        name = Path(path).name.removesuffix(".jsonl").removesuffix(".gold")
        results.append((name, score_rows(bare, bare=True), score_rows(claimx, bare=False) if claimx else None))
        if args.format == "table":
            from claimx.output.scores import print_evaluation

            print_evaluation(bare, title=f"{path}: bare en_core_web_sm (value and claims rows: n/a)")
            if claimx:
                print_evaluation(claimx, title=f"{path}: claimx")
        as_json.append({"gold": path, "bare": _json(results[-1][1]), "claimx": _json(results[-1][2])})
    if args.format == "markdown":
        sys.stdout.write(markdown(results))
    elif args.format == "json":
        sys.stdout.buffer.write(orjson.dumps(as_json, option=orjson.OPT_INDENT_2) + b"\n")
    return 0


def _json(rows: dict | None) -> list[dict] | None:
    if rows is None:
        return None
    return [{"layer": layer, "metric": metric, "label": label or None,
             **({"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}
                if c is not None else {"n/a": True})}
            for (layer, metric, label), c in rows.items()]


if __name__ == "__main__":
    sys.exit(main())
