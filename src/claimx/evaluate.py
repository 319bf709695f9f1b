"""Score claimx/1 predictions against gold: the metrics of spec/eval.md, as pure functions over dicts.

Gold is claimx/1 JSON Lines with the analysed `text` in each record. A layer key that is present (`entities`,
`money`, `dates`, `claims`) means "annotated: these and no others"; a missing key means "not scored here".
Gold dates under `dates_ignored` (TimeML PRESENT_REF-style values) are neither required nor penalised.
Recognizers-Text spec files are read through `claimx.recognizers_text`.

Matching is one-to-one and greedy: gold items in order, each taking the unused prediction it overlaps most
(ties: the earliest prediction). Counts are summed over documents (micro-averaged):
precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = 2tp / (2tp + fp + fn); None where undefined.

| layer    | metric          | a prediction is a true positive when it ...                                   |
| -------- | --------------- | ----------------------------------------------------------------------------- |
| entities | overlap, exact  | overlaps (exact: same start and end) a gold entity with the same label        |
| money    | span overlap/exact | overlaps (exact: same start and end) a gold amount                         |
| money    | value           | overlaps a gold amount with the same currency and amount (rel. tol. 1e-6)     |
| dates    | span overlap/exact | overlaps (exact: same start and end) a gold date                           |
| dates    | value           | overlaps a gold date with a non-null value and has exactly that value         |
| claims   | content         | character IoU with a gold claim's content >= 0.5 (gold `fragments` if given)  |
| claims   | content+speaker | content, and its speaker overlaps the gold speaker (or both have none)        |

Which predictions count:
- entities: labels ORG and PLACE, plus any other label the gold set uses (PERSON); other labels are ignored.
- dates: an unmatched prediction overlapping a `dates_ignored` item is not a false positive. For `value`,
  gold with a null value is not required, a prediction overlapping one is not judged, and a prediction
  without a value makes no value claim (it can only cost recall).
- claims: only predictions with a speaker or a cue are scored (attribution gold has no unattributed claims).
  With `claim_kinds` (`claimx eval --claims statement,announcement`), only predicted claims whose `kind` is one
  of them are scored, as `claimx extract --claims` would keep them (a prediction without a kind is dropped);
  gold claims that carry a `kind` are filtered the same way, gold claims without one are all kept (a set
  annotated for statements only has no kinds and is scored with `--claims statement`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from claimx.ranges import merge_ranges

LAYERS = ("entities", "money", "dates", "claims")
BASE_LABELS = ("ORG", "PLACE")
CLAIM_IOU = 0.5
AMOUNT_TOLERANCE = 1e-6
CONTEXT_CHARS = 50

Item = dict[str, Any]
Doc = dict[str, Any]


class GoldError(Exception):
    """A gold or prediction file claimx cannot score: the message names the file and line."""


# ---------------------------------------------------------------- counts and results


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass
class Mismatch:
    """One error, for people: a gold item missed, a prediction with no gold, or a match with the wrong value."""

    layer: str
    kind: str  # missed | spurious | wrong label | wrong value | wrong speaker
    doc_id: str
    start: int
    end: int
    text: str
    left: str  # context before and after the span, newlines flattened
    right: str
    expected: str | None = None
    got: str | None = None


@dataclass
class Evaluation:
    documents: int
    layers: tuple[str, ...]  # the layers the gold annotates
    counts: dict[tuple[str, str, str], Counts]  # (layer, metric, label) -> counts; label "" when none
    mismatches: list[Mismatch] = field(default_factory=list)
    failed: int = 0  # prediction records that were error records (scored as empty)
    claim_kinds: frozenset[str] | None = None  # claims scored only of these kinds; None: all

    def rows(self) -> Iterator[tuple[str, str, str, Counts]]:
        for (layer, metric, label), counts in self.counts.items():
            yield layer, metric, label, counts


# ---------------------------------------------------------------- loading


def read_jsonl(path: str | Path) -> list[tuple[int, dict]]:
    """(line number, object) for every non-empty line; GoldError on anything that is not a JSON object."""
    rows = []
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GoldError(f"{path}: {exc.strerror or exc}") from None
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise GoldError(f"{path} line {number}: invalid JSON") from None
        if not isinstance(obj, dict):
            raise GoldError(f"{path} line {number}: not a JSON object")
        rows.append((number, obj))
    return rows


def load_gold(path: str | Path) -> list[Doc]:
    """Gold documents from a claimx/1 gold file or a Recognizers-Text spec file (detected by its shape)."""
    from claimx import recognizers_text

    rows = read_jsonl(path)
    if not rows:
        raise GoldError(f"{path}: no gold records")
    if recognizers_text.is_spec_record(rows[0][1]):
        return recognizers_text.to_gold([obj for _, obj in rows])
    return [gold_doc(obj, f"{path} line {number}", number) for number, obj in rows]


def gold_doc(obj: dict, where: str, number: int) -> Doc:
    """Check one claimx/1 gold record and keep what scoring reads."""
    text = obj.get("text")
    if not isinstance(text, str):
        raise GoldError(f"{where}: a gold record needs its analysed 'text'")
    doc: Doc = {"id": str(obj.get("id", f"line {number}")), "text": text, "published": obj.get("published")}
    for key in (*LAYERS, "dates_ignored"):
        if key in obj:
            items = obj[key]
            if not isinstance(items, list) or not all(_is_span(item, len(text)) for item in items):
                raise GoldError(f"{where}: '{key}' must be a list of spans with start/end inside the text")
            doc[key] = items
    return doc


def _is_span(item: Any, length: int) -> bool:
    return (isinstance(item, dict) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int)
            and 0 <= item["start"] <= item["end"] <= length)


def load_predictions(path: str | Path) -> list[Doc]:
    return [obj for _, obj in read_jsonl(path)]


def annotated_layers(gold: Iterable[Doc]) -> tuple[str, ...]:
    present = {layer for doc in gold for layer in LAYERS if layer in doc}
    return tuple(layer for layer in LAYERS if layer in present)


def align(gold: Sequence[Doc], predictions: Sequence[Doc]) -> list[Doc]:
    """The prediction record for each gold document: by id when every gold id has one, else by position."""
    by_id = {str(p.get("id")): p for p in predictions}
    ids = [doc["id"] for doc in gold]
    if len(set(ids)) == len(ids) and all(i in by_id for i in ids):
        return [by_id[i] for i in ids]
    if len(predictions) == len(gold):
        return list(predictions)
    missing = next(i for i in ids if i not in by_id)
    raise GoldError(f"the predictions have no record with id {missing!r} (and {len(predictions)} records for "
                    f"{len(gold)} gold documents, so they cannot be paired by position either)")


def predict(gold: Sequence[Doc], *, model: str | None = None) -> list[Doc]:
    """Run claimx on the gold texts (with their `published`), only for the layers the gold annotates."""
    from claimx.extract import extract_many

    articles = ({"id": doc["id"], "text": doc["text"], "published": doc.get("published")} for doc in gold)
    return [record.to_dict() for record in extract_many(articles, model=model, layers=annotated_layers(gold))]


# ---------------------------------------------------------------- scoring


def evaluate(gold: Sequence[Doc], predictions: Sequence[Doc], *,
             claim_kinds: frozenset[str] | None = None) -> Evaluation:
    """Score aligned predictions (one per gold document, same order) against gold; with `claim_kinds`, only
    claims of those kinds (see the module notes)."""
    layers = annotated_layers(gold)
    labels = entity_labels(gold)
    counts: dict[tuple[str, str, str], Counts] = {}
    for key in _row_keys(layers, labels):
        counts[key] = Counts()
    scorers: dict[str, Callable[[Doc, Doc], tuple[dict, list[Mismatch]]]] = {
        "entities": partial(score_entities, labels=labels), "money": score_money, "dates": score_dates,
        "claims": partial(score_claims, kinds=claim_kinds),
    }
    mismatches: list[Mismatch] = []
    failed = 0
    for doc, pred in zip(gold, predictions, strict=True):
        failed += "error" in pred
        for layer in layers:
            if layer not in doc:
                continue
            doc_counts, doc_mismatches = scorers[layer](doc, pred)
            for key, value in doc_counts.items():
                counts[key] += value
            mismatches += doc_mismatches
    for metric in ("overlap", "exact"):
        if "entities" in layers:
            micro = counts[("entities", metric, "micro")]
            for label in labels:
                micro += counts[("entities", metric, label)]
    return Evaluation(len(gold), layers, counts, mismatches, failed, claim_kinds)


def entity_labels(gold: Iterable[Doc]) -> tuple[str, ...]:
    extra = {e.get("label") for doc in gold for e in doc.get("entities", [])} - set(BASE_LABELS) - {None}
    return (*BASE_LABELS, *sorted(extra))


def _row_keys(layers: Sequence[str], labels: Sequence[str]) -> list[tuple[str, str, str]]:
    keys = []
    for layer in layers:
        if layer == "entities":
            keys += [("entities", metric, label) for metric in ("overlap", "exact") for label in (*labels, "micro")]
        elif layer in ("money", "dates"):
            keys += [(layer, metric, "") for metric in ("span overlap", "span exact", "value")]
        else:
            keys += [("claims", "content", ""), ("claims", "content+speaker", "")]
    return keys


def overlap(a: Item, b: Item) -> int:
    """Characters two spans share."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def exact(a: Item, b: Item) -> int:
    return max(1, a["end"] - a["start"]) if (a["start"], a["end"]) == (b["start"], b["end"]) else 0


def greedy_match(gold: Sequence[Item], pred: Sequence[Item], score: Callable[[Item, Item], float]) -> dict[int, int]:
    """Gold index -> prediction index. Gold in order; each takes the unused prediction with the highest
    positive score (ties: the earliest prediction)."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for g_index, g in enumerate(gold):
        best, best_score = None, 0.0
        for p_index, p in enumerate(pred):
            if p_index in used:
                continue
            s = score(g, p)
            if s > best_score:
                best, best_score = p_index, s
        if best is not None:
            used.add(best)
            pairs[g_index] = best
    return pairs


def _counts(pairs: dict[int, int], n_gold: int, pred: Sequence[Item], excused: Callable[[Item], bool]) -> Counts:
    """tp/fp/fn of a matching; unmatched predictions that are `excused` are not false positives."""
    matched = set(pairs.values())
    fp = sum(1 for i, p in enumerate(pred) if i not in matched and not excused(p))
    return Counts(tp=len(pairs), fp=fp, fn=n_gold - len(pairs))


def _never(_: Item) -> bool:
    return False


def _items(doc: Doc, key: str) -> list[Item]:
    return [item for item in doc.get(key) or [] if isinstance(item, dict) and "start" in item and "end" in item]


# --- entities


def score_entities(doc: Doc, pred: Doc, labels: Sequence[str]) -> tuple[dict, list[Mismatch]]:
    counts = {}
    missed: list[Item] = []
    spurious: list[Item] = []
    for label in labels:
        gold = [e for e in _items(doc, "entities") if e.get("label") == label]
        predicted = [e for e in _items(pred, "entities") if e.get("label") == label]
        for metric, score in (("overlap", overlap), ("exact", exact)):
            pairs = greedy_match(gold, predicted, score)
            counts[("entities", metric, label)] = _counts(pairs, len(gold), predicted, _never)
            if metric == "overlap":
                matched = set(pairs.values())
                missed += [g for i, g in enumerate(gold) if i not in pairs]
                spurious += [p for i, p in enumerate(predicted) if i not in matched]
    mismatches = []
    confused = greedy_match(missed, spurious, overlap)  # same span, other label: one error, not two
    for g_index, p_index in confused.items():
        g, p = missed[g_index], spurious[p_index]
        mismatches.append(_mismatch("entities", "wrong label", doc, p, expected=g["label"], got=p["label"]))
    mismatches += [_mismatch("entities", "missed", doc, g, expected=g["label"])
                   for i, g in enumerate(missed) if i not in confused]
    confused_predictions = set(confused.values())
    mismatches += [_mismatch("entities", "spurious", doc, p, got=p["label"])
                   for i, p in enumerate(spurious) if i not in confused_predictions]
    return counts, sorted(mismatches, key=lambda m: m.start)


# --- money


def same_money(gold: Item, pred: Item) -> bool:
    if gold.get("currency") != pred.get("currency"):
        return False
    a, b = gold.get("amount"), pred.get("amount")
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=AMOUNT_TOLERANCE)


def _money_text(item: Item) -> str:
    amount = item.get("amount")
    shown = f"{float(amount):,.12g}" if isinstance(amount, (int, float)) else "?"
    return f"{shown} {item.get('currency') or '?'}"


def score_money(doc: Doc, pred: Doc) -> tuple[dict, list[Mismatch]]:
    gold, predicted = _items(doc, "money"), _items(pred, "money")
    spans = greedy_match(gold, predicted, overlap)
    values = greedy_match(gold, predicted, lambda g, p: overlap(g, p) if same_money(g, p) else 0)
    counts = {
        ("money", "span overlap", ""): _counts(spans, len(gold), predicted, _never),
        ("money", "span exact", ""): _counts(greedy_match(gold, predicted, exact), len(gold), predicted, _never),
        ("money", "value", ""): _counts(values, len(gold), predicted, _never),
    }
    mismatches = _span_mismatches("money", doc, gold, predicted, spans, _never, _money_text)
    mismatches += [_mismatch("money", "wrong value", doc, predicted[p], expected=_money_text(gold[g]),
                             got=_money_text(predicted[p]))
                   for g, p in spans.items() if not same_money(gold[g], predicted[p])]
    return counts, sorted(mismatches, key=lambda m: m.start)


# --- dates


def _date_text(item: Item) -> str:
    return item.get("value") or "(no value)"


def score_dates(doc: Doc, pred: Doc) -> tuple[dict, list[Mismatch]]:
    gold, predicted = _items(doc, "dates"), _items(pred, "dates")
    ignored = _items(doc, "dates_ignored")

    def excused(p: Item) -> bool:
        return any(overlap(p, i) for i in ignored)

    valued = [g for g in gold if g.get("value") is not None]
    unvalued = [g for g in gold if g.get("value") is None]
    with_value = [p for p in predicted if p.get("value") is not None]

    def value_excused(p: Item) -> bool:
        return excused(p) or any(overlap(p, g) for g in unvalued)

    spans = greedy_match(gold, predicted, overlap)
    values = greedy_match(valued, with_value, lambda g, p: overlap(g, p) if g["value"] == p["value"] else 0)
    counts = {
        ("dates", "span overlap", ""): _counts(spans, len(gold), predicted, excused),
        ("dates", "span exact", ""): _counts(greedy_match(gold, predicted, exact), len(gold), predicted, excused),
        ("dates", "value", ""): _counts(values, len(valued), with_value, value_excused),
    }
    mismatches = _span_mismatches("dates", doc, gold, predicted, spans, excused, _date_text)
    mismatches += [_mismatch("dates", "wrong value", doc, predicted[p], expected=gold[g]["value"],
                             got=_date_text(predicted[p]))
                   for g, p in spans.items()
                   if gold[g].get("value") is not None and gold[g]["value"] != predicted[p].get("value")]
    return counts, sorted(mismatches, key=lambda m: m.start)


# --- claims


def char_ranges(claim: Item) -> list[tuple[int, int]]:
    """The claim's content as merged character ranges: its `fragments` when given, else start..end."""
    fragments = claim.get("fragments") or [claim]
    return merge_ranges((f["start"], f["end"]) for f in fragments if f["end"] > f["start"])


def iou(a: Item, b: Item) -> float:
    ra, rb = char_ranges(a), char_ranges(b)
    inter = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in ra for s2, e2 in rb)
    union = sum(e - s for s, e in ra) + sum(e - s for s, e in rb) - inter
    return inter / union if union else 0.0


def same_speaker(gold: Item, pred: Item) -> bool:
    g, p = gold.get("speaker"), pred.get("speaker")
    if g is None or p is None:
        return g is None and p is None
    return overlap(g, p) > 0


def _content_score(g: Item, p: Item) -> float:
    value = iou(g, p)
    return value if value >= CLAIM_IOU else 0.0


def _of_kinds(claims: Iterable[Item], kinds: frozenset[str] | None, *, keep_unknown: bool) -> list[Item]:
    """The claims whose `kind` is one of `kinds` (None: all); a claim without a kind is kept when `keep_unknown`."""
    if kinds is None:
        return list(claims)
    return [c for c in claims if c.get("kind") in kinds or (keep_unknown and c.get("kind") is None)]


def score_claims(doc: Doc, pred: Doc, kinds: frozenset[str] | None = None) -> tuple[dict, list[Mismatch]]:
    gold = _of_kinds(_items(doc, "claims"), kinds, keep_unknown=True)
    predicted = [c for c in _of_kinds(_items(pred, "claims"), kinds, keep_unknown=False)
                 if c.get("speaker") or c.get("cue")]
    content = greedy_match(gold, predicted, _content_score)
    with_speaker = greedy_match(gold, predicted, lambda g, p: _content_score(g, p) if same_speaker(g, p) else 0)
    counts = {
        ("claims", "content", ""): _counts(content, len(gold), predicted, _never),
        ("claims", "content+speaker", ""): _counts(with_speaker, len(gold), predicted, _never),
    }

    def speaker(c: Item) -> str:
        return c["speaker"]["text"] if c.get("speaker") else "(none)"

    mismatches = _span_mismatches("claims", doc, gold, predicted, content, _never, speaker)
    mismatches += [_mismatch("claims", "wrong speaker", doc, predicted[p], expected=speaker(gold[g]),
                             got=speaker(predicted[p]))
                   for g, p in content.items() if not same_speaker(gold[g], predicted[p])]
    return counts, sorted(mismatches, key=lambda m: m.start)


# ---------------------------------------------------------------- mismatches


def _span_mismatches(layer: str, doc: Doc, gold: Sequence[Item], pred: Sequence[Item], pairs: dict[int, int],
                     excused: Callable[[Item], bool], describe: Callable[[Item], str]) -> list[Mismatch]:
    matched = set(pairs.values())
    out = [_mismatch(layer, "missed", doc, g, expected=describe(g)) for i, g in enumerate(gold) if i not in pairs]
    out += [_mismatch(layer, "spurious", doc, p, got=describe(p))
            for i, p in enumerate(pred) if i not in matched and not excused(p)]
    return out


def _mismatch(layer: str, kind: str, doc: Doc, item: Item, *, expected: str | None = None,
              got: str | None = None) -> Mismatch:
    text = doc["text"]
    start, end = item["start"], item["end"]

    def flat(s: str) -> str:
        return re.sub(r"\s+", " ", s)

    return Mismatch(layer, kind, doc["id"], start, end, text[start:end],
                    flat(text[max(0, start - CONTEXT_CHARS):start]), flat(text[end:end + CONTEXT_CHARS]),
                    expected, got)


def first_mismatches(evaluation: Evaluation, n: int) -> list[Mismatch]:
    """The first n mismatches of each kind in each layer, in document order."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for m in evaluation.mismatches:
        key = (m.layer, m.kind)
        if seen.get(key, 0) < n:
            seen[key] = seen.get(key, 0) + 1
            out.append(m)
    return out
