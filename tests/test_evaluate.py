"""Scoring against gold (claimx.evaluate), the Recognizers-Text adapter, and `claimx eval`.

Scoring is tested on small hand-made gold/prediction pairs whose answers are known by hand; no spaCy needed
except in the one CLI run that extracts.
"""

from __future__ import annotations

import datetime as dt

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimx import evaluate as ev
from claimx import recognizers_text as rt
from claimx.cli import UsageError, app

TEXT = "Brightwave Bank said on 3 March 2024 that its Oslo office paid $4.5 million to Harbor Rail in Bergen."
#       0         1         2         3         4         5         6         7         8         9
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789


def span(text: str, **fields) -> dict:
    start = TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text), **fields}


def shifted(item: dict, by: int) -> dict:
    return {**item, "start": item["start"] + by, "end": item["end"] + by}


ENTITIES = [span("Brightwave Bank", label="ORG"), span("Oslo", label="PLACE"), span("Harbor Rail", label="ORG"),
            span("Bergen", label="PLACE")]


def score(gold_layers: dict, pred_layers: dict) -> ev.Evaluation:
    gold = [{"id": "d1", "text": TEXT, "published": "2024-03-05", **gold_layers}]
    return ev.evaluate(gold, [{"id": "d1", **pred_layers}])


def f(evaluation: ev.Evaluation, layer: str, metric: str, label: str = "") -> ev.Counts:
    return evaluation.counts[(layer, metric, label)]


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize(
    "tp, fp, fn, precision, recall, f1",
    [
        (3, 0, 0, 1.0, 1.0, 1.0),
        (0, 0, 4, None, 0.0, 0.0),  # nothing predicted: precision undefined, recall 0
        (0, 2, 0, 0.0, None, 0.0),
        (1, 1, 2, 0.5, 1 / 3, 0.4),
        (0, 0, 0, None, None, None),
    ],
)
def test_counts(tp, fp, fn, precision, recall, f1):
    counts = ev.Counts(tp, fp, fn)
    assert counts.precision == (pytest.approx(precision) if precision is not None else None)
    assert counts.recall == (pytest.approx(recall) if recall is not None else None)
    assert counts.f1 == (pytest.approx(f1) if f1 is not None else None)


# ---------------------------------------------------------------- matching


def test_greedy_matching_is_one_to_one_and_takes_the_largest_overlap():
    gold = [{"start": 0, "end": 10}, {"start": 12, "end": 20}]
    pred = [{"start": 0, "end": 3}, {"start": 2, "end": 11}, {"start": 9, "end": 14}]
    # gold 0 overlaps all three; takes pred 1 (9 chars); gold 1 then takes pred 2, the only one left overlapping
    assert ev.greedy_match(gold, pred, ev.overlap) == {0: 1, 1: 2}


def test_gold_in_order_wins_a_contested_prediction():
    gold = [{"start": 0, "end": 5}, {"start": 4, "end": 10}]
    pred = [{"start": 3, "end": 9}]
    assert ev.greedy_match(gold, pred, ev.overlap) == {0: 0}


# ---------------------------------------------------------------- entities


def test_perfect_entities_score_one():
    result = score({"entities": ENTITIES}, {"entities": ENTITIES})
    for metric in ("overlap", "exact"):
        for label in ("ORG", "PLACE", "micro"):
            counts = f(result, "entities", metric, label)
            assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert f(result, "entities", "exact", "micro").tp == 4
    assert result.mismatches == []


def test_empty_prediction_scores_zero_recall():
    result = score({"entities": ENTITIES}, {"entities": []})
    micro = f(result, "entities", "overlap", "micro")
    assert (micro.tp, micro.fp, micro.fn) == (0, 0, 4)
    assert micro.recall == 0.0 and micro.f1 == 0.0 and micro.precision is None
    assert {m.kind for m in result.mismatches} == {"missed"}


def test_one_off_offsets_count_as_overlap_but_not_exact():
    pred = [shifted(ENTITIES[0], 1), ENTITIES[1], {**ENTITIES[2], "end": ENTITIES[2]["end"] - 1}, ENTITIES[3]]
    result = score({"entities": ENTITIES}, {"entities": pred})
    assert f(result, "entities", "overlap", "micro").f1 == 1.0
    exact = f(result, "entities", "exact", "micro")
    assert (exact.tp, exact.fp, exact.fn) == (2, 2, 2)
    assert f(result, "entities", "exact", "ORG").tp == 0 and f(result, "entities", "exact", "PLACE").tp == 2


def test_a_wrong_label_is_a_miss_and_a_false_positive():
    pred = [{**ENTITIES[1], "label": "ORG"}]
    result = score({"entities": [ENTITIES[1]]}, {"entities": pred})
    assert (f(result, "entities", "overlap", "PLACE").fn, f(result, "entities", "overlap", "ORG").fp) == (1, 1)
    [mismatch] = result.mismatches
    assert (mismatch.kind, mismatch.expected, mismatch.got) == ("wrong label", "PLACE", "ORG")


def test_person_is_scored_only_when_the_gold_set_uses_it():
    person = {"text": "Harbor", "start": 82, "end": 88, "label": "PERSON"}
    without = score({"entities": ENTITIES}, {"entities": [*ENTITIES, person]})
    assert ("entities", "overlap", "PERSON") not in without.counts
    assert f(without, "entities", "overlap", "micro").fp == 0
    with_person = score({"entities": [*ENTITIES[:2], person]}, {"entities": [*ENTITIES, person]})
    assert f(with_person, "entities", "overlap", "PERSON").tp == 1
    assert f(with_person, "entities", "overlap", "micro").fp == 2  # Harbor Rail and Bergen: not in this gold


def test_unscored_layers_are_absent():
    money = [span("$4.5 million", amount=4500000, currency="USD")]
    result = score({"money": money}, {"money": money, "entities": ENTITIES, "dates": [span("3 March 2024")]})
    assert result.layers == ("money",)
    assert {layer for layer, _, _ in result.counts} == {"money"}


# ---------------------------------------------------------------- money

GOLD_MONEY = [span("$4.5 million", amount=4500000, currency="USD")]


@pytest.mark.parametrize(
    "pred, span_exact, value",
    [
        ({"amount": 4500000, "currency": "USD"}, 1, 1),
        ({"amount": 4500000.000001, "currency": "USD"}, 1, 1),  # within relative tolerance 1e-6
        ({"amount": 4500100, "currency": "USD"}, 1, 0),
        ({"amount": 4500000, "currency": "CAD"}, 1, 0),
        ({"amount": None, "currency": "USD"}, 1, 0),
    ],
)
def test_money_value_needs_currency_and_amount(pred, span_exact, value):
    result = score({"money": GOLD_MONEY}, {"money": [{**GOLD_MONEY[0], **pred}]})
    assert f(result, "money", "span overlap").tp == 1
    assert f(result, "money", "span exact").tp == span_exact
    assert f(result, "money", "value").tp == value
    assert [m.kind for m in result.mismatches] == ([] if value else ["wrong value"])


def test_money_span_without_the_symbol_overlaps_only():
    pred = [{**GOLD_MONEY[0], "text": "4.5 million", "start": GOLD_MONEY[0]["start"] + 1}]
    result = score({"money": GOLD_MONEY}, {"money": pred})
    assert (f(result, "money", "span overlap").tp, f(result, "money", "span exact").tp) == (1, 0)
    assert f(result, "money", "value").tp == 1


# ---------------------------------------------------------------- dates

MARCH = span("3 March 2024", value="2024-03-03")


def test_dates_perfect_and_wrong_value():
    perfect = score({"dates": [MARCH]}, {"dates": [MARCH]})
    assert all(f(perfect, "dates", m).f1 == 1.0 for m in ("span overlap", "span exact", "value"))
    wrong = score({"dates": [MARCH]}, {"dates": [{**MARCH, "value": "2024-03"}]})
    assert f(wrong, "dates", "span exact").tp == 1
    value = f(wrong, "dates", "value")
    assert (value.tp, value.fp, value.fn) == (0, 1, 1)


def test_dates_ignored_are_neither_required_nor_penalised():
    said = span("said", value="PRESENT_REF")
    gold = {"dates": [], "dates_ignored": [said]}
    result = score(gold, {"dates": [{**said, "value": "2024-03-05"}]})
    for metric in ("span overlap", "span exact", "value"):
        assert f(result, "dates", metric) == ev.Counts(0, 0, 0)
    assert result.mismatches == []
    assert f(score(gold, {"dates": []}), "dates", "span overlap") == ev.Counts(0, 0, 0)


def test_date_value_is_scored_over_gold_with_a_value():
    unresolved = {**MARCH, "value": None}
    result = score({"dates": [unresolved]}, {"dates": [MARCH]})
    assert f(result, "dates", "span overlap").tp == 1
    assert f(result, "dates", "value") == ev.Counts(0, 0, 0)  # not required, and the guess is not judged


def test_a_predicted_date_without_value_costs_recall_not_precision():
    result = score({"dates": [MARCH]}, {"dates": [{**MARCH, "value": None}]})
    assert f(result, "dates", "value") == ev.Counts(0, 0, 1)


# ---------------------------------------------------------------- claims

CLAIM_TEXT = "that its Oslo office paid $4.5 million to Harbor Rail in Bergen"
SPEAKER = span("Brightwave Bank")
CUE = span("said")


def claim(start: int, end: int, speaker: dict | None = SPEAKER, cue: dict | None = CUE, **extra) -> dict:
    return {"text": TEXT[start:end], "start": start, "end": end, "speaker": speaker, "cue": cue, **extra}


GOLD_CLAIM = claim(TEXT.index("that"), TEXT.index("that") + 40)  # 40 characters


@pytest.mark.parametrize(
    "pred_start, pred_end, content",
    [
        (GOLD_CLAIM["start"], GOLD_CLAIM["end"], 1),
        (GOLD_CLAIM["start"], GOLD_CLAIM["start"] + 20, 1),  # IoU 20/40 = 0.5: on the boundary, counts
        (GOLD_CLAIM["start"], GOLD_CLAIM["start"] + 19, 0),  # 19/40 < 0.5
        (GOLD_CLAIM["start"] + 20, GOLD_CLAIM["end"] + 20, 0),  # 20/60
        (GOLD_CLAIM["start"] - 10, GOLD_CLAIM["end"] + 10, 1),  # 40/60
    ],
)
def test_claim_content_needs_iou_of_one_half(pred_start, pred_end, content):
    result = score({"claims": [GOLD_CLAIM]}, {"claims": [claim(pred_start, pred_end)]})
    assert f(result, "claims", "content").tp == content
    assert f(result, "claims", "content+speaker").tp == content


def test_claim_speaker_must_overlap_the_gold_speaker_or_both_be_none():
    wrong = score({"claims": [GOLD_CLAIM]}, {"claims": [{**GOLD_CLAIM, "speaker": span("Harbor Rail")}]})
    assert (f(wrong, "claims", "content").tp, f(wrong, "claims", "content+speaker").tp) == (1, 0)
    assert [m.kind for m in wrong.mismatches] == ["wrong speaker"]
    partial = score({"claims": [GOLD_CLAIM]}, {"claims": [{**GOLD_CLAIM, "speaker": span("Bank")}]})
    assert f(partial, "claims", "content+speaker").tp == 1
    both_none = {**GOLD_CLAIM, "speaker": None}
    assert f(score({"claims": [both_none]}, {"claims": [both_none]}), "claims", "content+speaker").tp == 1


def test_unattributed_predicted_claims_are_not_scored():
    bare = {**GOLD_CLAIM, "speaker": None, "cue": None}
    result = score({"claims": [GOLD_CLAIM]}, {"claims": [bare]})
    assert f(result, "claims", "content") == ev.Counts(0, 0, 1)


def test_claim_fragments_are_the_content():
    start = GOLD_CLAIM["start"]
    gold = claim(start, start + 60, fragments=[{"start": start, "end": start + 20},
                                               {"start": start + 40, "end": start + 60}])
    assert ev.iou(gold, claim(start, start + 20)) == pytest.approx(0.5)
    assert ev.iou(gold, claim(start, start + 60)) == pytest.approx(40 / 60)


STATEMENT = {**GOLD_CLAIM, "kind": "statement"}
ANNOUNCEMENT = {**claim(TEXT.index("paid"), TEXT.index(" in Bergen")), "kind": "announcement"}


@pytest.mark.parametrize(
    "kinds, gold, pred, counts",
    [
        # no filter: every attributed prediction is scored, an announcement with no gold is a false positive
        (None, [GOLD_CLAIM], [STATEMENT, ANNOUNCEMENT], ev.Counts(1, 1, 0)),
        # gold without kinds (a statements-only set): all gold kept, only predicted statements scored
        (frozenset({"statement"}), [GOLD_CLAIM], [STATEMENT, ANNOUNCEMENT], ev.Counts(1, 0, 0)),
        # a predicted claim without a kind is not of the requested kind, as with `claimx extract --claims`
        (frozenset({"statement"}), [GOLD_CLAIM], [GOLD_CLAIM], ev.Counts(0, 0, 1)),
        # gold with kinds is filtered like the predictions: the unpredicted announcement is not required
        (frozenset({"statement"}), [STATEMENT, ANNOUNCEMENT], [STATEMENT], ev.Counts(1, 0, 0)),
        (frozenset({"announcement"}), [STATEMENT, ANNOUNCEMENT], [STATEMENT], ev.Counts(0, 0, 1)),
        (frozenset({"statement", "announcement"}), [STATEMENT, ANNOUNCEMENT], [STATEMENT], ev.Counts(1, 0, 1)),
    ],
)
def test_claim_kinds_filter_predictions_and_gold_that_has_kinds(kinds, gold, pred, counts):
    doc = {"id": "d1", "text": TEXT, "claims": gold}
    result = ev.evaluate([doc], [{"id": "d1", "claims": pred}], claim_kinds=kinds)
    assert f(result, "claims", "content") == counts
    assert result.claim_kinds == kinds


# ---------------------------------------------------------------- properties


@st.composite
def spans_in_text(draw):
    length = draw(st.integers(20, 200))
    cuts = sorted(draw(st.lists(st.integers(0, length), min_size=2, max_size=12, unique=True)))
    items = [{"start": a, "end": b, "label": draw(st.sampled_from(["ORG", "PLACE"]))}
             for a, b in zip(cuts[::2], cuts[1::2]) if b - a >= 2]
    return "x" * (length + 1), items


@given(spans_in_text())
def test_gold_scored_against_itself_is_perfect_and_a_one_char_shift_is_overlap_only(case):
    text, items = case
    gold = [{"id": "d", "text": text, "entities": items}]
    same = ev.evaluate(gold, [{"id": "d", "entities": items}])
    shifted_ = ev.evaluate(gold, [{"id": "d", "entities": [shifted(i, 1) for i in items]}])
    n = len(items)
    assert same.counts[("entities", "exact", "micro")] == ev.Counts(n, 0, 0)
    assert shifted_.counts[("entities", "overlap", "micro")] == ev.Counts(n, 0, 0)
    assert shifted_.counts[("entities", "exact", "micro")] == ev.Counts(0, n, n)


# ---------------------------------------------------------------- loading and alignment


def write_jsonl(path, rows) -> str:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return str(path)


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"id": "a", "entities": []}], "needs its analysed 'text'"),
        ([{"id": "a", "text": "short", "entities": [{"start": 2, "end": 40}]}], "inside the text"),
        ([["not", "an", "object"]], "not a JSON object"),
        ([], "no gold records"),
    ],
)
def test_bad_gold_is_a_one_line_error(tmp_path, rows, message):
    with pytest.raises(ev.GoldError, match=message):
        ev.load_gold(write_jsonl(tmp_path / "gold.jsonl", rows))


def test_present_layer_keys_decide_what_is_scored(tmp_path):
    rows = [{"id": "a", "text": TEXT, "entities": []}, {"id": "b", "text": TEXT, "dates": [MARCH]}]
    gold = ev.load_gold(write_jsonl(tmp_path / "gold.jsonl", rows))
    assert ev.annotated_layers(gold) == ("entities", "dates")
    assert "dates" not in gold[0] and "entities" not in gold[1]


def test_predictions_align_by_id_else_by_position():
    gold = [{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]
    assert [p["n"] for p in ev.align(gold, [{"id": "b", "n": 2}, {"id": "a", "n": 1}])] == [1, 2]
    assert [p["n"] for p in ev.align(gold, [{"id": "x:1", "n": 1}, {"id": "x:2", "n": 2}])] == [1, 2]
    with pytest.raises(ev.GoldError, match="no record with id 'b'"):
        ev.align(gold, [{"id": "a"}])


# ---------------------------------------------------------------- Recognizers-Text adapter


def rt_line(text: str, spans: list[dict], reference: str | None = "2020-06-15T10:00:00") -> dict:
    out = []
    for s in spans:
        start = text.index(s["text"])
        out.append({"start": start, "end": start + len(s["text"]), **s})
    return {"id": "rt-1", "text": text, "reference_datetime": reference, "spans": out}


@pytest.mark.parametrize(
    "resolution, amount, currency",
    [
        ({"value": "3200000", "unit": "Dollar"}, 3200000, "USD"),
        ({"value": "75", "unit": "Cent"}, 0.75, "USD"),
        ({"value": "12", "unit": "Pence"}, 0.12, "GBP"),
        ({"value": "9.5", "unit": "Swiss franc", "isoCurrency": "CHF"}, 9.5, "CHF"),
        ({"value": "40", "unit": "Franc"}, 40, None),  # which franc? not said
        ({"value": "700", "unit": "Finnish markka"}, 700, "FIM"),
        ({"value": None, "unit": "Dollar"}, None, "USD"),
        ({"value": "5", "unit": "Imaginary crown"}, 5, None),
    ],
)
def test_rt_currency_units_become_iso_codes(resolution, amount, currency):
    line = rt_line("The ferry ticket cost ABC today.", [{"text": "ABC", "type": "currency",
                                                          "resolution": resolution}], reference=None)
    [doc] = rt.to_gold([line])
    [money] = doc["money"]
    assert (money["amount"], money["currency"]) == (amount, currency)
    assert doc["published"] is None and "dates" not in doc


def test_rt_datetime_spans_sort_into_dates_ignored_and_non_dates():
    text = "We met on 9 May 2019, again on Friday, at 6pm tomorrow, for 3 hours, in July 2021 and now."
    spans = [
        {"text": "9 May 2019", "type": "datetimeV2.date",
         "resolution": {"values": [{"timex": "2019-05-09", "type": "date"}]}},
        {"text": "Friday", "type": "datetimeV2.date",
         "resolution": {"values": [{"timex": "XXXX-WXX-5", "type": "date"}, {"timex": "XXXX-WXX-5"}]}},
        {"text": "6pm tomorrow", "type": "datetimeV2.datetime",
         "resolution": {"values": [{"timex": "2020-06-16T18", "type": "datetime"}]}},
        {"text": "3 hours", "type": "datetimeV2.duration", "resolution": {"values": [{"timex": "PT3H"}]}},
        {"text": "July 2021", "type": "datetimeV2.daterange",
         "resolution": {"values": [{"timex": "(2021-07-01,2021-08-01,P1M)", "type": "daterange"}]}},
        {"text": "now", "type": "datetimeV2.date", "resolution": {"values": [{"timex": "PRESENT_REF"}]}},
    ]
    [doc] = rt.to_gold([rt_line(text, spans)])
    assert doc["published"] == "2020-06-15"
    assert [(d["text"], d["value"]) for d in doc["dates"]] == [
        ("9 May 2019", "2019-05-09"), ("Friday", None), ("July 2021", "2021-07")]
    assert [d["text"] for d in doc["dates_ignored"]] == ["6pm tomorrow", "now"]
    assert all(text[d["start"]:d["end"]] == d["text"] for d in doc["dates"] + doc["dates_ignored"])


@pytest.mark.parametrize(
    "timexes, value",
    [
        (["2019-01-04"], "2019-01-04"),
        (["2018-W11"], "2018-W11"),
        (["2016-SU"], "2016-SU"),
        (["XXXX-01-04", "XXXX-01-04"], None),  # year left open by the spec
        (["SU"], None),
        (["FY2018"], None),
        (["2021-W43-WE", "2022-W43-WE"], None),  # readings disagree
        (["(2016-01-01,2017-01-01,P1Y)"], "2016"),
        (["(2016-04-01,2016-07-01,P3M)"], "2016-Q2"),
        (["(2016-05-01,2016-08-01,P3M)"], None),  # three months, but not a quarter
        (["(1990-01-01,2000-01-01,P10Y)"], "199"),
        (["(1400-01-01,1500-01-01,P100Y)"], "14"),
        (["(2016-11-08,2016-11-11,P3D)"], None),
        (["(XXXX-03-01,XXXX-05-01,P2M)"], None),
    ],
)
def test_rt_timex_to_claimx_value(timexes, value):
    assert rt.date_value(timexes) == value


def test_calendar_unit_rejects_ranges_not_starting_on_the_first():
    assert rt.calendar_unit(dt.date(2020, 2, 2), dt.date(2020, 3, 2)) is None


def test_a_spec_file_is_detected_by_its_shape(tmp_path):
    line = rt_line("Tickets cost $12 on 4 June 2020.", [
        {"text": "$12", "type": "currency", "resolution": {"value": "12", "unit": "Dollar"}}])
    gold = ev.load_gold(write_jsonl(tmp_path / "spec.jsonl", [line]))
    assert ev.annotated_layers(gold) == ("money",)


# ---------------------------------------------------------------- the command

runner = CliRunner()


@pytest.fixture
def gold_file(tmp_path):
    return write_jsonl(tmp_path / "gold.jsonl", [
        {"schema": "claimx/1", "id": "d1", "text": TEXT, "published": "2024-03-05", "entities": ENTITIES,
         "money": GOLD_MONEY},
    ])


def test_eval_with_predictions_prints_a_table_and_errors(tmp_path, gold_file):
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        {"schema": "claimx/1", "id": "d1", "entities": ENTITIES[:3], "money": [], "dates": [], "claims": []}])
    result = runner.invoke(app, ["eval", gold_file, "--pred", pred, "--errors", "5"])
    assert result.exit_code == 0, result.output
    assert "entities" in result.stdout and "span overlap" in result.stdout and "0.750" in result.stdout
    assert "missed" in result.stdout and "Bergen" in result.stdout


def test_eval_json_output(tmp_path, gold_file):
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "d1", "entities": ENTITIES, "money": GOLD_MONEY}])
    result = runner.invoke(app, ["eval", gold_file, "--pred", pred, "-f", "json", "--errors", "3"])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout)
    assert data["documents"] == 1 and data["layers"] == ["entities", "money"]
    assert all(row["f1"] == 1.0 for row in data["scores"])
    assert data["errors"] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "no/such/gold.jsonl"], "no such file"),
        (["eval", "GOLD", "--pred", "no/such/pred.jsonl"], "no such file"),
        (["eval", "GOLD", "--pred", "GOLD", "--format", "xml"], "unknown format"),
        (["eval", "BAD", "--pred", "GOLD"], "analysed 'text'"),
        (["eval", "GOLD", "--pred", "GOLD", "--errors", "-1"], "--errors"),
    ],
)
def test_eval_usage_errors(tmp_path, gold_file, args, message):
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x"}])
    args = [gold_file if a == "GOLD" else bad if a == "BAD" else a for a in args]
    result = runner.invoke(app, args)
    assert isinstance(result.exception, UsageError) and message in str(result.exception)


def test_eval_claims_option_scores_only_those_kinds(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "d1", "text": TEXT, "claims": [GOLD_CLAIM]}])
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "d1", "claims": [STATEMENT, ANNOUNCEMENT]}])

    def content(*extra):
        result = runner.invoke(app, ["eval", gold, "--pred", pred, "-f", "json", *extra])
        assert result.exit_code == 0, result.output
        data = orjson.loads(result.stdout)
        row = next(r for r in data["scores"] if r["metric"] == "content")
        return data["claim_kinds"], (row["tp"], row["fp"], row["fn"])

    assert content() == (None, (1, 1, 0))
    assert content("--claims", "statement") == (["statement"], (1, 0, 0))
    assert content("--claims", " announcement,factual ") == (["announcement", "factual"], (0, 1, 1))
    table = runner.invoke(app, ["eval", gold, "--pred", pred, "--claims", "statement"])
    assert table.exit_code == 0 and "claims of kind statement" in table.stdout


@pytest.mark.parametrize("value", ["statment", ",", ""])
def test_eval_claims_option_rejects_unknown_kinds(gold_file, value):
    result = runner.invoke(app, ["eval", gold_file, "--pred", gold_file, "--claims", value])
    assert isinstance(result.exception, UsageError) and "claim kind" in str(result.exception)


def test_eval_runs_claimx_when_no_predictions_are_given(gold_file):
    result = runner.invoke(app, ["eval", gold_file, "-f", "json"])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout)
    assert data["predictions"].startswith("claimx")
    rows = {(r["layer"], r["metric"], r["label"]): r for r in data["scores"]}
    assert rows[("money", "span overlap", None)]["tp"] == 1
    assert rows[("entities", "overlap", "micro")]["fn"] + rows[("entities", "overlap", "micro")]["tp"] == 4


# ---------------------------------------------------------------- the business claims gold set


@pytest.mark.parametrize("name", ["business-claims.gold.jsonl", "business-claims-blind2.gold.jsonl"])
def test_business_claims_gold_offsets_match_their_text(name):
    """The business claims sets were annotated by hand: every span's text is text[start:end]."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / name
    gold = ev.load_gold(path)
    raw = [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
    assert len(gold) == len(raw) >= 12 and sum(len(doc["claims"]) for doc in gold) >= 60
    for doc in raw:
        text = doc["text"]
        for claim in doc["claims"]:
            assert claim["kind"] == "statement"
            spans = [claim, claim["speaker"], *(claim.get("fragments") or [])] + ([claim["cue"]] if claim["cue"] else [])
            for span in spans:
                assert text[span["start"]:span["end"]] == span["text"], (doc["id"], span)
