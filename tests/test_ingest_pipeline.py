"""Ingest → pipeline → records: nothing is reported from masked chrome, no claim from a headline, offsets index
the file's own text, and the CLI takes URLs and the JSONL field options."""

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.extract import extract_many, make_doc
from claimx.extensions import in_ranges
from claimx.ingest import iter_articles

DATA = Path(__file__).parent / "data" / "ingest"
# The raw scraped article of the shared dev data (read in place, never copied into the repo).
SHARED_SCRAPED = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles" / "tiktok-eu-data-centre-scraped.txt"


def analyse(nlp, path):
    [article] = iter_articles([str(path)])
    [record] = extract_many([article], nlp=nlp)
    return article, record.to_dict()


def mentions(record):
    for layer in ("entities", "money", "dates"):
        yield from ((layer, m) for m in record[layer])


def assert_nothing_from_chrome(article, record):
    for layer, mention in mentions(record):
        assert not in_ranges(mention["start"], mention["end"], article.masked), (layer, mention["text"])
        assert article.text[mention["start"]:mention["end"]] == mention["text"]
    for claim in record["claims"]:
        spans = [claim] + [claim[k] for k in ("speaker", "cue") if claim.get(k)]
        for span in spans:
            assert not in_ranges(span["start"], span["end"], article.masked), claim["text"]
            assert article.text[span["start"]:span["end"]] == span["text"]
        assert not in_ranges(claim["start"], claim["end"], article.headlines), claim["text"]


def test_scraped_page_reports_the_article_and_nothing_from_its_chrome(nlp):
    article, record = analyse(nlp, DATA / "scraped-chrome.txt")
    assert_nothing_from_chrome(article, record)
    assert record["published"] == "2025-03-03" and record["published_source"] == "dateline"
    found = {m["text"] for _, m in mentions(record)}
    assert "about €310 million" in found or "€310 million" in found
    for chrome_name in ("Petra Novak", "Harbor Shipping", "Coastline Group", "Meridian Bank", "Toronto",
                        "Riverside Ledger"):
        assert not any(chrome_name in text for text in found), chrome_name
    assert record["claims"], "the article's own claims are still found"


@pytest.mark.skipif(not SHARED_SCRAPED.exists(), reason="shared dev data not present")
def test_shared_scraped_article_yields_nothing_from_its_chrome(nlp):
    article, record = analyse(nlp, SHARED_SCRAPED)
    assert article.masked and article.headlines
    assert_nothing_from_chrome(article, record)
    assert not any(m["text"].isupper() and len(m["text"]) > 8 for _, m in mentions(record))  # "RELATED ARTICLES"


def test_headline_and_chrome_are_sentences_of_their_own(nlp):
    [article] = iter_articles([str(DATA / "scraped-chrome.txt")])
    doc = nlp(make_doc(nlp, article))
    for start, end in article.masked + article.headlines:
        for sent in doc.sents:
            inside = start <= sent.start_char < end or start < sent.end_char <= end
            if inside:  # a sentence touching a range stays within it (apart from trailing whitespace)
                assert sent.start_char >= start and sent.text.rstrip() and sent.start_char + len(
                    sent.text.rstrip()) <= end, sent.text


def test_cli_reads_jsonl_with_named_fields(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(orjson.dumps({"guid": "g-1", "story": {"body": "Acme said on Tuesday it paid $5 million."},
                                   "pubDate": "Fri, 02 May 2025 10:00:00 GMT"}) + b"\n")
    result = CliRunner().invoke(app, ["extract", str(feed), "-f", "jsonl", "-q", "--text-field", "story.body",
                                      "--id-field", "guid"])
    assert result.exit_code == 0, result.output
    record = orjson.loads(result.stdout.splitlines()[0])
    assert (record["id"], record["published"], record["published_source"]) == ("g-1", "2025-05-02", "input")
    assert record["money"][0]["amount"] == 5000000


def test_cli_accepts_a_url_and_reports_a_fetch_failure_as_one_record(nlp):
    result = CliRunner().invoke(app, ["extract", "http://127.0.0.1:9/page.html", "-f", "jsonl", "-q"])
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    record = orjson.loads(line)
    assert record["error"]["type"] == "fetch_error" and "Traceback" not in result.output
