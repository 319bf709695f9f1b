"""JSON Lines feeds: field names, --text-field/--id-field, dates, errors that name file and line, streaming."""

import io

import orjson
import pytest

from claimx.ingest import Article, ArticleError, IngestOptions, iter_articles
from claimx.ingest.jsonl import read_jsonl
from claimx.ingest.sources import read_stream

TEXT = "The port said on Monday that the deal was approved."


def read(rows, **options):
    lines = [row if isinstance(row, bytes) else orjson.dumps(row) for row in rows]
    return list(read_jsonl(lines, source="feed.jsonl", options=IngestOptions(**options)))


@pytest.mark.parametrize("row, expected", [
    ({"text": TEXT}, {"id": "feed.jsonl:1", "text": TEXT}),
    ({"content": TEXT, "id": "a1"}, {"id": "a1", "text": TEXT}),
    ({"body": TEXT, "url": "https://news.example/a"}, {"id": "https://news.example/a", "url": "https://news.example/a"}),
    ({"text": TEXT, "id": 17}, {"id": "17"}),
    ({"text": TEXT, "title": "Port deal", "link": "https://news.example/b"},
     {"title": "Port deal", "url": "https://news.example/b"}),
    ({"text": TEXT, "headline": "Port deal"}, {"title": "Port deal"}),
    ({"text": TEXT, "published": "2025-05-02T10:00:00Z"}, {"published": "2025-05-02", "published_source": "input"}),
    ({"text": TEXT, "date": "2025-05-02"}, {"published": "2025-05-02"}),
    ({"text": TEXT, "publish_date": "May 2, 2025"}, {"published": "2025-05-02"}),
    ({"text": TEXT, "pubDate": "Fri, 02 May 2025 10:00:00 GMT"}, {"published": "2025-05-02"}),
    ({"text": TEXT, "published": "not a date", "date": "2025-05-02"}, {"published": "2025-05-02"}),
    ({"text": TEXT, "published": "not a date"}, {"published": None, "published_source": None}),
    ({"text": "  " + TEXT + "\r\n"}, {"text": "  " + TEXT + "\r\n"}),  # the text is analysed verbatim
])
def test_common_field_names(row, expected):
    [article] = read([row])
    assert isinstance(article, Article)
    for name, value in expected.items():
        assert getattr(article, name) == value, name


def test_text_and_id_fields_can_be_named():
    row = {"story": {"body": TEXT}, "guid": "g-9", "text": "not this one"}
    [article] = read([row], text_field="story.body", id_field="guid")
    assert (article.id, article.text) == ("g-9", TEXT)
    [missing] = read([{"text": TEXT}], text_field="story")
    assert missing.type == "bad_jsonl" and "line 1" in missing.message and "'story'" in missing.message


def test_cli_date_fills_in_only_when_the_line_has_none():
    dated, undated = read([{"text": TEXT, "date": "2025-05-02"}, {"text": TEXT}], published="2024-01-01")
    assert (dated.published, dated.published_source) == ("2025-05-02", "input")
    assert (undated.published, undated.published_source) == ("2024-01-01", "cli")


@pytest.mark.parametrize("line, says", [
    (b"{not json", "invalid JSON"),
    (b"[1, 2]", "not a JSON object"),
    (b'{"id": "x", "text": 5}', "no string 'text' field"),
    (b'{"title": "only a title"}', "no string 'text' field"),
])
def test_bad_lines_are_error_records_naming_file_and_line(line, says):
    good = orjson.dumps({"text": TEXT})
    results = read([good, b"", line, good])
    assert [type(r).__name__ for r in results] == ["Article", "ArticleError", "Article"]
    error = results[1]
    assert error.type == "bad_jsonl"
    assert error.message.startswith("feed.jsonl line 3: ") and says in error.message


def test_a_line_over_the_size_cap_is_too_large():
    [error] = read([orjson.dumps({"text": "x" * 200})], max_bytes=100)
    assert error.type == "too_large" and "line 1" in error.message


def test_bom_on_the_first_line_is_ignored():
    [article] = read([b"\xef\xbb\xbf" + orjson.dumps({"text": TEXT})])
    assert article.text == TEXT


def test_html_field_is_read_as_a_page():
    page = ("<html><head><title>Port deal approved</title></head><body><article><p>" + TEXT + " " + TEXT +
            "</p></article></body></html>")
    [article] = read([{"id": "h1", "html": page}])
    assert article.title == "Port deal approved" and TEXT in article.text


def test_feed_file_is_streamed(tmp_path):
    feed = tmp_path / "feed.ndjson"
    feed.write_bytes(b"\n".join(orjson.dumps({"id": f"a{i}", "text": TEXT}) for i in range(3)) + b"\n")
    articles = iter_articles([str(feed)])
    assert next(articles).id == "a0"  # yielded before the rest is parsed
    assert [a.id for a in articles] == ["a1", "a2"]


def test_stdin_is_jsonl_when_its_first_line_is_an_object():
    data = b"\n" + orjson.dumps({"id": "s1", "text": TEXT}) + b"\nnot json\n"
    first, second = read_stream(io.BytesIO(data), options=IngestOptions())
    assert first.id == "s1"
    assert isinstance(second, ArticleError) and second.message.startswith("- line 3")


def test_stdin_text_is_one_article():
    [article] = read_stream(io.BytesIO(TEXT.encode() + b"\n{\"a\": 1}\n"), options=IngestOptions())
    assert article.text == TEXT + '\n{"a": 1}\n' and article.id == "-"
