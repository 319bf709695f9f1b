"""How `claimx eval` shows its results: a rich table of P/R/F per layer and metric, the errors with their
context, or one JSON object. Reads claimx.evaluate results only."""

from __future__ import annotations

from typing import IO, Any

import orjson
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimx.evaluate import Evaluation, Mismatch, first_mismatches
from claimx.output.terminal import clean, safe

SPAN_CHARS = 120  # long claims are shortened in the middle


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def scores_table(evaluation: Evaluation) -> Table:
    table = Table()
    for column in ("layer", "metric", "label"):
        table.add_column(column)
    for column in ("P", "R", "F", "tp", "fp", "fn"):
        table.add_column(column, justify="right")
    previous = None
    for layer, metric, label, counts in evaluation.rows():
        if previous is not None and layer != previous:
            table.add_section()
        previous = layer
        style = "bold" if label == "micro" or metric in ("span overlap", "content") else None
        table.add_row(layer, metric, label, _ratio(counts.precision), _ratio(counts.recall), _ratio(counts.f1),
                      str(counts.tp), str(counts.fp), str(counts.fn), style=style)
    return table


def mismatch_text(m: Mismatch) -> Text:
    """Two lines: what went wrong and where, then the span (highlighted) in its context."""
    span = m.text if len(m.text) <= SPAN_CHARS else f"{m.text[:SPAN_CHARS // 2]} … {m.text[-SPAN_CHARS // 2:]}"
    head = Text.assemble((f"{m.kind:<13}", "bold red" if m.kind in ("missed", "spurious") else "bold magenta"),
                         (clean(f" {m.doc_id}:{m.start}"), "dim"))
    if m.expected is not None:
        head.append(clean(f"  expected {m.expected}"))
    if m.got is not None:
        head.append(clean(f"  got {m.got}"))
    context = Text.assemble("    …", (clean(m.left), "dim"), (clean(" ".join(span.split())), "bold yellow"),
                            (clean(m.right), "dim"), "…")
    return Text.assemble(head, "\n", context)


def print_evaluation(evaluation: Evaluation, *, title: str, errors: int = 0, stream: IO[str] | None = None) -> None:
    console = Console(file=stream)
    console.print(safe(title, "bold"), soft_wrap=True)
    console.print(scores_table(evaluation))
    if evaluation.failed:
        console.print(f"[red]{evaluation.failed} prediction record(s) were errors, scored as empty[/red]")
    if errors > 0:
        shown = first_mismatches(evaluation, errors)
        for layer in evaluation.layers:
            rows = [m for m in shown if m.layer == layer]
            if rows:
                console.rule(f"{layer}: first {errors} errors of each kind", align="left")
                for m in rows:
                    console.print(mismatch_text(m), soft_wrap=True)


def evaluation_dict(evaluation: Evaluation, *, gold: str, predictions: str, errors: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = {
        "gold": gold,
        "predictions": predictions,
        "documents": evaluation.documents,
        "failed": evaluation.failed,
        "layers": list(evaluation.layers),
        "claim_kinds": sorted(evaluation.claim_kinds) if evaluation.claim_kinds is not None else None,
        "scores": [
            {"layer": layer, "metric": metric, "label": label or None, "precision": counts.precision,
             "recall": counts.recall, "f1": counts.f1, "tp": counts.tp, "fp": counts.fp, "fn": counts.fn}
            for layer, metric, label, counts in evaluation.rows()
        ],
    }
    if errors > 0:
        result["errors"] = [
            {"layer": m.layer, "kind": m.kind, "id": m.doc_id, "start": m.start, "end": m.end, "text": m.text,
             "left": m.left, "right": m.right, "expected": m.expected, "got": m.got}
            for m in first_mismatches(evaluation, errors)
        ]
    return result


def evaluation_json(evaluation: Evaluation, **kwargs: Any) -> bytes:
    return orjson.dumps(evaluation_dict(evaluation, **kwargs), option=orjson.OPT_INDENT_2) + b"\n"
