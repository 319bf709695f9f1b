"""Batch runs (issue 9): chunking, worker processes, order, worker deaths, resume, durable output, strict, summary.

Engine tests use a blank tokenizer-only pipeline (tests/poison_pipeline.py) so they are fast and cannot be moved
by changes to the extraction layers; the CLI tests at the end run the real pipeline.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import given, strategies as st

from claimx.batch import BatchSettings, ResumeError, Summary, completed_ids, open_sink, run_batch
from claimx.batch.engine import chunked
from claimx.batch.sink import JsonlFile
from claimx.ingest import Article, ArticleError
from poison_pipeline import LOADER, MARKER

CLAIMX = [sys.executable, "-m", "claimx.cli"]


def article(i: int, text: str | None = None) -> Article:
    return Article(id=f"doc{i:03d}", source=f"doc{i:03d}.txt", text=text or f"Article number {i} says little.")


def run(articles, tmp_path: Path, **settings) -> tuple[Summary, list[dict]]:
    out = tmp_path / "out.jsonl"
    summary = run_batch(articles, open_sink("jsonl", out), BatchSettings(pipeline_loader=LOADER, **settings))
    return summary, [orjson.loads(line) for line in out.read_bytes().splitlines()]


# -- chunking ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sizes", "max_docs", "max_chars", "expected"), [
    ([10, 10, 10], 2, 1000, [[10, 10], [10]]),  # by count
    ([10, 10, 10], 5, 25, [[10, 10], [10]]),  # by characters
    ([10, 100, 10], 5, 50, [[10], [100], [10]]),  # a long document goes alone, never dropped
    ([], 5, 50, []),
])
def test_chunks_are_bounded_by_count_and_characters(sizes, max_docs, max_chars, expected):
    articles = [article(i, "x" * size) for i, size in enumerate(sizes)]
    chunks = list(chunked(articles, max_docs, max_chars))
    assert [[len(a.text) for a in chunk] for chunk in chunks] == expected
    assert [a for chunk in chunks for a in chunk] == articles  # every article once, in order


@pytest.mark.parametrize(("count", "workers", "expected"), [
    (100, 2, [32, 32, 9, 9, 9, 9]),  # the end in pieces: neither worker is left with 64 against 36
    (100, 1, [32, 32, 32, 4]),  # one process: nothing to balance
    (10, 2, [3, 2, 3, 2]),  # all of it is the end
    (3, 4, [1, 1, 1]),
    (0, 2, []),
])
def test_the_end_of_the_input_is_split_among_workers(count, workers, expected):
    articles = [article(i, "x" * 100) for i in range(count)]
    chunks = list(chunked(articles, 32, 100_000, workers=workers))
    assert [len(chunk) for chunk in chunks] == expected
    assert [a for chunk in chunks for a in chunk] == articles


@given(st.lists(st.integers(0, 300), max_size=80), st.integers(1, 6), st.integers(1, 8), st.integers(50, 600))
def test_balanced_chunks_keep_every_article_once_in_order(sizes, workers, max_docs, max_chars):
    articles = [article(i, "x" * size) for i, size in enumerate(sizes)]
    chunks = list(chunked(articles, max_docs, max_chars, workers=workers))
    assert [a for chunk in chunks for a in chunk] == articles
    assert all(chunks) and all(len(chunk) <= max_docs for chunk in chunks)
    assert all(len(chunk) == 1 or sum(len(a.text) for a in chunk) <= max_chars for chunk in chunks)


def test_error_items_count_as_no_characters():
    items = [ArticleError("bad", "bad.bin", "not_text", "binary"), article(1, "x" * 40)]
    assert list(chunked(items, 5, 40)) == [items]


# -- the engine: in-process and worker processes ----------------------------------------------------------------


def test_every_article_yields_one_record_in_input_order(tmp_path):
    articles = [article(i) for i in range(23)] + [ArticleError("gone", "gone.txt", "io_error", "cannot read")]
    summary, records = run(articles, tmp_path, batch_size=4)
    assert [r["id"] for r in records] == [a.id for a in articles]
    assert records[-1]["error"] == {"type": "io_error", "message": "cannot read"}
    assert (summary.documents, summary.failed) == (24, 1)
    assert summary.words == 23 * 5  # "Article number N says little."


def test_two_workers_write_the_same_records_as_one_process(tmp_path):
    articles = [article(i) for i in range(40)]
    _, alone = run(articles, tmp_path, batch_size=3)
    _, parallel = run(articles, tmp_path, batch_size=3, jobs=2)
    assert parallel == alone


def test_unordered_output_has_every_record_once(tmp_path):
    articles = [article(i) for i in range(40)]
    _, alone = run(articles, tmp_path, batch_size=3)
    _, unordered = run(articles, tmp_path, batch_size=3, jobs=2, ordered=False)
    assert sorted(unordered, key=lambda r: r["id"]) == alone


def test_a_worker_that_dies_costs_only_the_document_that_killed_it(tmp_path):
    articles = [article(i) for i in range(30)]
    articles[7] = article(7, f"This one is {MARKER} to any worker.")
    articles[21] = article(21, f"And so is this {MARKER}.")
    summary, records = run(articles, tmp_path, batch_size=4, jobs=2)
    assert [r["id"] for r in records] == [a.id for a in articles]
    died = {r["id"]: r["error"] for r in records if "error" in r}
    assert set(died) == {"doc007", "doc021"}
    assert all(e["type"] == "worker_died" and "SIGKILL" in e["message"] and "\n" not in e["message"]
               for e in died.values())
    assert summary.failed == 2


def test_strict_stops_after_the_first_error_record(tmp_path):
    articles = [article(0), ArticleError("bad", "bad", "decode_error", "not UTF-8"), article(2), article(3)]
    summary, records = run(articles, tmp_path, strict=True, batch_size=2)
    assert [r["id"] for r in records] == ["doc000", "bad"]
    assert summary.stopped_at_error and "--strict" in summary.line()


def test_skipped_ids_are_not_analysed_again(tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run_batch([article(i) for i in range(5)], open_sink("jsonl", out),
                        BatchSettings(pipeline_loader=LOADER), skip_ids={"doc001", "doc003"})
    assert [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()] == ["doc000", "doc002", "doc004"]
    assert (summary.documents, summary.skipped) == (3, 2)


def test_summary_line_names_documents_failures_time_and_speed():
    line = Summary(documents=1200, failed=3, words=60000, seconds=12.0).line()
    assert line == "claimx: 1,200 documents, 3 failed, 12.0 s, 5,000 words/s"


# -- resume -----------------------------------------------------------------------------------------------------


def test_completed_ids_reads_whole_lines_and_cuts_a_torn_last_one(tmp_path):
    out = tmp_path / "out.jsonl"
    whole = b'{"schema":"claimx/1","id":"a"}\n{"schema":"claimx/1","id":"b","error":{"type":"x"}}\n'
    out.write_bytes(whole + b'{"schema":"claimx/1","id":"c","ent')
    assert completed_ids(out) == {"a", "b"}
    assert out.read_bytes() == whole


@pytest.mark.parametrize("content", [
    b"",
    b'{"schema":"claimx/1","id":"a"}\n',
    b'{"schema":"claimx/1","id":"a"}\n\n{"schema":"claimx/1","id":"b"}\n',
])
def test_completed_ids_leaves_complete_files_alone(tmp_path, content):
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    completed_ids(out)
    assert out.read_bytes() == content


def test_completed_ids_of_a_missing_file_is_empty(tmp_path):
    assert completed_ids(tmp_path / "nothing.jsonl") == set()


@pytest.mark.parametrize("content", [
    b"id,text\n1,hello\n", b'{"id":"a"}\n[1,2]\n{"id":"b"}\n', b'{"no":"id"}\n',
    b"my notes",  # one line, no newline: once taken for a torn record and cut away, emptying the file
    b'{"schema":"claimx/1","id":"a"}\nmy notes',  # a claimx line, then something else unterminated
    b'{"id":"1","text":"a feed, not claimx output"}\n',  # an input feed given as the output by mistake
])
def test_resume_refuses_files_that_are_not_claimx_output(tmp_path, content):
    out = tmp_path / "notes.csv"
    out.write_bytes(content)
    with pytest.raises(ResumeError):
        completed_ids(out)
    assert out.read_bytes() == content  # never cut


# -- durable output ---------------------------------------------------------------------------------------------


def test_a_full_disk_is_an_error_naming_the_file_and_leaves_no_partial_line(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    sink = JsonlFile(out)
    sink.write(list(_records(2)))
    before = out.read_bytes()
    real_write = os.write

    def half_then_full(fd, data):  # the disk fills up in the middle of the batch
        real_write(fd, bytes(data[:10]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError) as caught:
        sink.write(list(_records(3)))
    monkeypatch.undo()
    sink.close()
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(out)
    assert out.read_bytes() == before


def test_appending_keeps_what_was_there(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id":"old"}\n')
    sink = JsonlFile(out, append=True)
    sink.write(list(_records(1)))
    sink.close()
    assert out.read_bytes().splitlines()[0] == b'{"id":"old"}'
    assert len(out.read_bytes().splitlines()) == 2


def _records(n: int):
    from claimx.records import Record

    return (Record(id=f"r{i}", source="s") for i in range(n))
