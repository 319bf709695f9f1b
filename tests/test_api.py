"""The Python API: claimx.extract and claimx.extract_many return typed records."""

from __future__ import annotations

import claimx
from claimx.records import Record

TEXT = "Lisbon will spend €75 million on a bridge, the mayor said on Tuesday."


def test_extract_returns_a_record_with_offsets_into_the_text(nlp):
    record = claimx.extract(TEXT, published="2025-06-11")
    assert isinstance(record, Record) and record.error is None
    data = record.to_dict()
    assert data["schema"] == "claimx/1" and data["published"] == "2025-06-11"
    for layer in ("entities", "money", "dates"):
        for span in data[layer]:
            assert TEXT[span["start"] : span["end"]] == span["text"]
    [money] = data["money"]
    assert money["amount"] == 75_000_000 and money["currency"] == "EUR"


def test_extract_many_keeps_order_and_yields_one_record_per_input(nlp):
    inputs = [{"id": f"n{i}", "text": TEXT} for i in range(5)] + ["Plain text works too."]
    records = list(claimx.extract_many(inputs, batch_size=2))
    assert [r.id for r in records] == ["n0", "n1", "n2", "n3", "n4", "-"]


def test_an_error_record_keeps_only_the_contract_fields():
    record = Record.failed("x", "x.txt", "decode_error", "x.txt is not UTF-8 text")
    assert record.to_dict() == {"schema": "claimx/1", "id": "x", "source": "x.txt",
                                "error": {"type": "decode_error", "message": "x.txt is not UTF-8 text"}}
