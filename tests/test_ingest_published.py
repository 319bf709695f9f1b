"""Publication dates: feed fields, datelines, file names, and the precedence input > cli > html > dateline >
filename."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.ingest.assemble import make_article
from claimx.ingest.options import IngestOptions
from claimx.ingest.published import (choose_page_published, choose_published, date_from_path, date_from_url,
                                     find_dateline_date, normalize_published)


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
    candidates = {"filename": "2025-01-05", "html": "2025-01-04", "dateline": "2025-01-03", "jsonld": "2025-01-06",
                  "cli": "2025-01-02", "input": "2025-01-01"}
    order = ["input", "cli", "jsonld", "dateline", "html", "filename"]
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


# A web page's own signals: (source, raw value, is an update) → (date, source).
@pytest.mark.parametrize("signals, expected", [
    # JSON-LD first, then <meta>, the URL, a dateline, the byline, htmldate
    ([("html", "2025-01-09", False), ("meta", "2025-01-03T10:00:00+01:00", False),
      ("jsonld", "2025-01-02T09:00:00-05:00", False)], ("2025-01-02", "jsonld")),
    ([("byline", "March 4, 2025", False), ("url", "2025-03-03", False)], ("2025-03-03", "url")),
    ([("byline", "Tue, Sep 15 2020 10:01:41 EDT", False), ("html", "2020-09-20", False)], ("2020-09-15", "byline")),
    # the original date over the update, unless only the update is shown
    ([("jsonld", "2025-02-10", True), ("byline", "Published Feb 1, 2025", False)], ("2025-02-01", "byline")),
    ([("jsonld", "2025-02-10", True), ("meta", "2025-02-11", True)], ("2025-02-10", "jsonld")),
    # a UTC timestamp after midnight: the day the publisher's readers saw, shown in local time, wins
    ([("jsonld", "2023-11-09T02:11:03+00:00", False), ("byline", "2023-11-08T21:11:03-05:00", False)],
     ("2023-11-08", "byline")),
    ([("meta", "2023-11-09T03:28:35Z", False), ("url", "2023-11-08", False)], ("2023-11-08", "url")),
    # ...but only where a time zone can put that instant on the other day
    ([("jsonld", "2020-07-09T10:04:04Z", False), ("url", "2020-07-08", False)], ("2020-07-09", "jsonld")),
    ([("jsonld", "2023-11-08T08:16:00+00:00", False), ("byline", "November 9, 2023", False)],
     ("2023-11-08", "jsonld")),
    # a local signal that agrees settles it
    ([("meta", "2020-04-28T22:57:38Z", False), ("byline", "2020-04-28T22:57", False),
      ("byline", "2020-04-29T11:14", False)], ("2020-04-28", "meta")),
    ([("byline", "no date here", False)], (None, None)),
    ([], (None, None)),
])
def test_choose_page_published(signals, expected):
    assert choose_page_published(signals) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://news.example/2020/07/08/story-slug/", "2020-07-08"),
    ("https://news.example/business/20200708-story", "2020-07-08"),
    ("https://news.example/2020/07/story", None),
    ("https://news.example/story?id=20200708", None),
    ("https://news.example/item/1234567890", None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize("text, expected", [
    ("Written: 2023-11-07 15:03:30 Updated: 2023-11-07 15:30:46\nThe agency said on Tuesday it would act.", "2023-11-07"),
    ("13 Jan 2020, 22:11 GMT+10\nFirefighters said on Monday the fire was under control at last.", "2020-01-13"),
    # a date opening a paragraph about that day dates an event, not the story
    ("Ten years ago this blog began; " + "many things happened since then and here is a short list of them. " * 2
     + "\n8 August 2009: the first proper post, on a ruling that the court had just issued about the treaty.",
     None),
    ("9 August 2009: the first proper post, on a ruling that the court had just issued about the treaty and "
     "its many consequences for the parliament.", None),
])
def test_dateline_in_extracted_page_text(text, expected):
    assert find_dateline_date(text) == expected
