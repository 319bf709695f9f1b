"""Walking and dispatch: which reader each input gets, ids, the size cap, unreadable files, streaming."""

import os
import sys
from pathlib import Path

import orjson
import pytest

from claimx.ingest import Article, ArticleError, IngestOptions, iter_articles, iter_inputs

DATA = Path(__file__).parent / "data" / "ingest"
TEXT = "The port said on Monday that the deal was approved by its board.\n"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "2025-05-02-story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "feed.jsonl").write_bytes(orjson.dumps({"id": "f1", "text": TEXT}) + b"\n")
    (tmp_path / "c.html").write_bytes((DATA / "article-page.html").read_bytes())
    return tmp_path


def test_directory_is_walked_in_order_with_relative_ids(corpus):
    items = list(iter_articles([str(corpus)]))
    assert [a.id for a in items] == ["a.txt", "b/2025-05-02-story.txt", "f1", "c.html"]
    assert all(isinstance(a, Article) for a in items)
    story = items[1]
    assert (story.published, story.published_source) == ("2025-05-02", "filename")
    assert items[3].title.startswith("Harbour Freight")


def test_inputs_can_be_listed_without_reading(corpus):
    inputs = list(iter_inputs([str(corpus), "-", "https://news.example/a"], include=["*.txt"]))
    assert [(i.kind, i.id) for i in inputs] == [("file", "a.txt"), ("file", "b/2025-05-02-story.txt"),
                                                ("stdin", "-"), ("url", "https://news.example/a")]


def test_file_given_directly_keeps_the_path_as_id(corpus):
    [article] = iter_articles([str(corpus / "a.txt")])
    assert article.id == article.source == str(corpus / "a.txt")
    assert article.text == TEXT


def test_missing_and_unreadable_files_are_io_errors(corpus):
    [missing] = iter_articles([str(corpus / "nope.txt")])
    assert missing.type == "io_error" and "nope.txt" in missing.message
    if os.geteuid() != 0:  # root reads anything
        locked = corpus / "a.txt"
        locked.chmod(0)
        [error] = iter_articles([str(locked)])
        assert error.type == "io_error"


def test_file_over_the_size_cap_is_too_large_and_not_read(corpus, monkeypatch):
    big = corpus / "big.txt"
    big.write_bytes(b"x" * 2000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a too-large file was read"))
    [error] = iter_articles([str(big)], max_bytes=1000)
    assert error.type == "too_large" and "2000 bytes" in error.message and "1000" in error.message


def test_large_text_under_the_cap_is_read_whole(tmp_path):
    paragraph = "The port said on Monday that the deal was approved by its board after a long review.\n\n"
    path = tmp_path / "long.txt"
    path.write_text(paragraph * 60_000, encoding="utf-8")  # ~5 MB
    [article] = iter_articles([str(path)])
    assert len(article.text) == len(paragraph) * 60_000


def test_every_input_yields_exactly_one_item_per_document(corpus):
    (corpus / "img.png").write_bytes((DATA / "encodings" / "image.png").read_bytes())
    items = list(iter_articles([str(corpus), str(corpus / "missing.txt")]))
    kinds = [(type(i).__name__, getattr(i, "type", None)) for i in items]
    assert kinds.count(("ArticleError", "not_text")) == 1
    assert kinds.count(("ArticleError", "io_error")) == 1
    assert len(items) == 6  # four documents, the image and the missing file


def test_options_object_carries_every_setting(corpus):
    feed = corpus / "b" / "feed.jsonl"
    feed.write_bytes(orjson.dumps({"guid": "g1", "story": TEXT}) + b"\n")
    [article] = iter_articles([str(feed)], options=IngestOptions(text_field="story", id_field="guid",
                                                                  published="2024-01-01"))
    assert (article.id, article.text, article.published_source) == ("g1", TEXT, "cli")


def test_stdin_is_read_when_named(monkeypatch):
    class FakeStdin:
        buffer = __import__("io").BytesIO(TEXT.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    [article] = iter_articles(["-"])
    assert article.id == "-" and article.text == TEXT


def test_scraped_file_carries_masks_and_headline():
    [article] = iter_articles([str(DATA / "scraped-chrome.txt")])
    assert article.text == (DATA / "scraped-chrome.txt").read_text(encoding="utf-8")
    assert len(article.masked) >= 10
    assert (article.published, article.published_source) == ("2025-03-03", "dateline")
    [(start, end)] = article.headlines
    assert article.text[start:end] == article.title
    assert article.title == "Lakeside Power Wins Approval for Danube Solar Farm as Critics Question Subsidy"


def test_error_records_are_one_line(corpus):
    (corpus / "bad.jsonl").write_bytes(b"{oops\n")
    errors = [i for i in iter_articles([str(corpus / "bad.jsonl"), str(DATA / "encodings")])
              if isinstance(i, ArticleError)]
    assert errors and all("\n" not in e.message for e in errors)
