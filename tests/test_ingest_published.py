"""Publication dates: feed fields, datelines, file names, and the precedence input > cli > html > dateline >
filename."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.ingest.assemble import make_article
from claimx.ingest.options import IngestOptions
from claimx.ingest.published import choose_published, date_from_path, find_dateline_date, normalize_published


@pytest.mark.parametrize("value, expected", [
    ("2025-05-02", "2025-05-02"),
    ("2025-05-02T23:30:00-05:00", "2025-05-02"),  # the date as written, in the writer's zone
    ("2025-05-02T10:00:00Z", "2025-05-02"),
    ("Fri, 02 May 2025 10:00:00 GMT", "2025-05-02"),  # RFC 2822, as RSS pubDate writes it
    ("Fri, 2 May 2025 10:00:00 +0200", "2025-05-02"),
    ("May 2, 2025", "2025-05-02"),
    ("2 May 2025", "2025-05-02"),
    ("20250502", "2025-05-02"),
    (1746180000, "2025-05-02"),  # Unix seconds
    (1746180000000, "2025-05-02"),  # Unix milliseconds
    ("1746180000", "2025-05-02"),
    # not a full calendar date
    ("2025-05", None),
    ("2025-13-01", None),
    ("2025-02-30", None),
    ("yesterday", None),
    ("", None),
    (None, None),
    (True, None),
    ({"date": "2025-05-02"}, None),
])
def test_normalize_published(value, expected):
    assert normalize_published(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("NAIROBI, Kenya (AP) — March 14, 1998\n\nPolice said on Friday that the road had reopened.", "1998-03-14"),
    ("OSLO, Norway (AP) — April 9, 2024 — Northwind Airlines said on Tuesday that it would add routes.",
     "2024-04-09"),
    ("Friday, Jun 06, 2014 | Source: City Desk\n\nThe council met on Thursday.", "2014-06-06"),
    ("Port Deal Approved\n\nBERGEN, March 3, 2025 — The port said on Monday that the deal was approved.",
     "2025-03-03"),
    ("BERGEN, Norway, March 3, 2025 — The port said on Monday that the deal was approved.", "2025-03-03"),
    ("PORT DEAL APPROVED.\nBERGEN 2025-03-03\nThe port said on Monday that the deal was approved.", "2025-03-03"),
    ("Port Deal Approved\nBy Ann Lee | May 2, 2025\n\nThe port said on Monday that the deal was approved.",
     "2025-05-02"),
    ("Published: 2 May 2025\n\nThe port said on Monday that the deal was approved.", "2025-05-02"),
    ("Updated 10:32 GMT, Friday 2 May 2025\n\nThe port said the deal was approved.", "2025-05-02"),
    ("2025-05-02\nThe port said the deal was approved.", "2025-05-02"),
    # a date inside the body's first sentence is what the story is about, not when it was published
    ("The company said on May 2, 2025 that it would close the plant.", None),
    ("LONDON (Reuters) - Shares fell on Tuesday after the bank cut its forecast.", None),
    ("Port Deal Approved\n\nOn July 6, 2015, the port said the deal was approved.", None),
    ("10 things to watch in May 2025\n\nMarkets open on Monday.", None),
    # too far down to be a dateline
    ("\n".join(["The port said the deal was approved."] * 10) + "\nPublished: 2 May 2025", None),
])
def test_find_dateline_date(text, expected):
    assert find_dateline_date(text) == expected


@pytest.mark.parametrize("path, expected", [
    ("2025-05-02-tiktok.txt", "2025-05-02"),
    ("corpus/20250502_port-deal.html", "2025-05-02"),
    ("news/2025/05/02/port-deal.txt", "2025-05-02"),
    ("archive/story_2024.05.31.txt", "2024-05-31"),
    ("2025-02-30-story.txt", None),  # not a calendar date
    ("report-v2025123.txt", None),
    ("12345678901.txt", None),
    ("notes.txt", None),
])
def test_date_from_path(path, expected):
    assert date_from_path(path) == expected


def test_precedence_takes_the_strongest_source():
    candidates = {"filename": "2025-01-05", "dateline": "2025-01-04", "html": "2025-01-03", "cli": "2025-01-02",
                  "input": "2025-01-01"}
    order = ["input", "cli", "html", "dateline", "filename"]
    for strongest in order:
        assert choose_published(candidates) == (candidates[strongest], strongest)
        del candidates[strongest]
    assert choose_published({}) == (None, None)


@pytest.mark.parametrize("kwargs, cli, expected", [
    ({"input_date": "2025-01-01", "html_date": "2025-01-03"}, "2025-01-02", ("2025-01-01", "input")),
    ({"html_date": "2025-01-03"}, "2025-01-02", ("2025-01-02", "cli")),
    ({"html_date": "2025-01-03"}, None, ("2025-01-03", "html")),
    ({}, None, ("2025-01-04", "dateline")),
    ({"path": "2025-01-05-story.txt"}, None, ("2025-01-04", "dateline")),
])
def test_make_article_records_the_date_and_its_source(kwargs, cli, expected):
    text = "Published: 4 January 2025\n\nThe port said on Monday that the deal was approved by its board.\n"
    article = make_article("a", "a", text, IngestOptions(published=cli), **kwargs)
    assert (article.published, article.published_source) == expected


def test_file_name_date_is_the_last_resort():
    article = make_article("a", "a", "The port said the deal was approved.", IngestOptions(),
                           path="in/2025-01-05-story.txt")
    assert (article.published, article.published_source) == ("2025-01-05", "filename")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_written_forms_of_a_date_agree(date):
    iso = date.isoformat()
    assert normalize_published(iso) == iso
    assert normalize_published(date.strftime("%a, %d %b %Y 10:00:00 GMT")) == iso
    assert normalize_published(date.strftime("%B %d, %Y")) == iso
    assert normalize_published(date.strftime("%d %B %Y")) == iso
