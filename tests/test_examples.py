"""The examples and their expected JSONL stay in sync, and every offset indexes the analysed text."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("update_examples", ROOT / "scripts" / "update_examples.py")
update_examples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_examples)

EXAMPLES = update_examples.example_inputs()


def _spans(record: dict):
    for layer in ("entities", "money", "dates"):
        yield from record.get(layer, [])
    for claim in record.get("claims", []):
        yield claim
        yield from (s for s in (claim.get("speaker"), claim.get("cue"), claim.get("subject")) if s)


@pytest.fixture(scope="module", autouse=True)
def _at_root():
    cwd = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(cwd)


def test_there_are_examples_of_each_story_kind():
    names = {p.name for p in EXAMPLES}
    assert {"earnings-nordvik.txt", "regulator-fine-brightwave.txt", "politics-budget-vote.txt"} <= names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_expected_output_is_current(example, nlp):
    expected = update_examples.expected_path(example)
    assert expected.exists(), f"missing {expected.name}: run python scripts/update_examples.py"
    current = update_examples.current_output(example)
    assert [orjson.loads(l) for l in current.splitlines()] == [
        orjson.loads(l) for l in expected.read_bytes().splitlines()
    ], f"{expected.name} is stale: run python scripts/update_examples.py and review the diff"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_offsets_index_the_analysed_text(example, nlp):
    from claimx.extract import extract_many
    from claimx.ingest import iter_articles

    articles = list(iter_articles([example.relative_to(ROOT).as_posix()]))
    records = list(extract_many(articles, include_text=True))
    assert records and all(r.error is None for r in records)
    for record in records:
        data = record.to_dict()
        text = data["text"]
        for span in _spans(data):
            assert text[span["start"] : span["end"]] == span["text"]
