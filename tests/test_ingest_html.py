"""HTML pages: main text without navigation, comments or footer; title, author, URL and date from metadata;
nothing fetched while parsing; HTML on stdin and in files without a known suffix."""

import io
import socket
from pathlib import Path

import pytest

from claimx.ingest import Article, IngestOptions, iter_articles
from claimx.ingest.html import declared_charset, looks_like_html
from claimx.ingest.sources import read_stream

DATA = Path(__file__).parent / "data" / "ingest"
PAGE = DATA / "article-page.html"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails the test."""
    def refuse(*args, **kwargs):
        pytest.fail("the network was used while parsing")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_page_yields_its_article_and_metadata(no_network):
    [article] = iter_articles([str(PAGE)])
    assert isinstance(article, Article)
    assert article.title == "Harbour Freight opens Nordic depot as regulators weigh port fees"
    assert article.author == "Marta Lindqvist"
    assert article.url == "https://courier.example/business/2024/harbour-freight-nordic-depot"
    # JSON-LD datePublished, not dateModified and not the byline
    assert (article.published, article.published_source) == ("2024-11-05", "jsonld")
    for kept in ("said on Tuesday that its new depot in Bergen", "about €240 million", "$45 million a year"):
        assert kept in article.text
    for furniture in ("Sign in", "Related articles", "Shipping rates climb", "Great news for Bergen",
                      "Leave a reply", "Please enter your comment", "All rights reserved", "We use cookies",
                      "Privacy policy"):
        assert furniture not in article.text


def test_page_headings_are_headlines():
    [article] = iter_articles([str(PAGE)])
    headlines = [article.text[s:e] for s, e in article.headlines]
    assert headlines == ["Harbour Freight opens Nordic depot as regulators weigh port fees", "Fee review"]


def test_cli_date_beats_the_page_date():
    [article] = iter_articles([str(PAGE)], published="2025-01-01")
    assert (article.published, article.published_source) == ("2025-01-01", "cli")


def test_page_without_date_metadata_falls_back_to_its_dateline(no_network):
    [article] = iter_articles([str(DATA / "page-dateline.html")])
    assert article.title == "Northwind Airlines adds winter routes"
    assert (article.published, article.published_source) == ("2024-04-09", "dateline")
    assert article.text.startswith("OSLO, Norway (AP)")
    assert "Privacy policy" not in article.text and "Travel" not in article.text


def test_external_entities_and_dtds_are_never_loaded(no_network):
    page = (b'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">'
            b'<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>\n<html><head><title>Port deal</title></head><body>'
            b"<article><p>The port said on Monday that the deal was approved by its board after a long review.</p>"
            b"<p>&secret; &remote;</p></article></body></html>")
    [article] = read_stream(io.BytesIO(page), options=IngestOptions())
    assert "root:" not in article.text
    assert "The port said on Monday" in article.text


def test_html_on_stdin_is_read_as_a_page(no_network):
    [article] = read_stream(io.BytesIO(PAGE.read_bytes()), options=IngestOptions())
    assert article.id == "-" and article.title.startswith("Harbour Freight")
    assert "Sign in" not in article.text


def test_html_in_a_file_without_a_known_suffix_is_sniffed(tmp_path):
    saved = tmp_path / "page.download"
    saved.write_bytes(PAGE.read_bytes())
    [article] = iter_articles([str(saved)])
    assert article.title.startswith("Harbour Freight")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("<html> is how a page starts, the tutor said.\n", encoding="utf-8")
    [plain] = iter_articles([str(text_file)])
    assert plain.text.startswith("<html> is how")  # .txt is always text


def test_page_in_a_legacy_encoding_uses_its_meta_charset(tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>Café Lumière</title></head><body><article>'
            "<p>Café Lumière in Zürich said on Friday it paid €4,500 for the “naïve” mural, a bargain.</p>"
            "</article></body></html>")
    path = tmp_path / "cafe.htm"
    path.write_bytes(page.encode("cp1252"))
    [article] = iter_articles([str(path)])
    assert "€4,500 for the “naïve” mural" in article.text


def test_page_without_article_text_is_an_error_record(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    [error] = iter_articles([str(path)])
    assert error.type == "no_content" and "empty.html" in error.message


@pytest.mark.parametrize("text, expected", [
    ("<!DOCTYPE html><html><body>x</body></html>", True),
    ("\n  <html lang='en'><head></head></html>", True),
    ("<!-- saved --><html><body></body></html>", True),
    ("<body><p>x</p></body>", True),
    ("The <html> tag starts a page.", False),
    ("<p>a fragment</p>", False),
    ("", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize("data, expected", [
    (b'<meta charset="windows-1252">', "windows-1252"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
    (b"<html><body>no declaration</body></html>", None),
])
def test_declared_charset(data, expected):
    assert declared_charset(data) == expected


def test_plain_text_runs_never_import_trafilatura(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "a.txt"
    path.write_text("The port said on Monday that the deal was approved.\n", encoding="utf-8")
    code = ("import sys; from claimx.ingest import iter_articles; list(iter_articles([sys.argv[1]])); "
            "print('trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def _page(head: str, header: str) -> bytes:
    body = ("<p>Harbour Freight said on Tuesday that its board had approved a new depot in Bergen, the largest "
            "investment the company has made in Norway since it opened its first terminal there.</p>"
            "<p>The depot will cost about 240 million euros and open next spring, a spokeswoman said.</p>")
    return (f"<!DOCTYPE html><html><head><title>Board approves Bergen depot | The Courier</title>{head}</head><body>"
            f"<div class='top-bar'><span class='date'>Saturday, March 8, 2025</span></div>"
            f"<article><header><h1>Board approves Bergen depot</h1>{header}</header>{body}</article>"
            f"</body></html>").encode()


@pytest.mark.parametrize("head, header, expected", [
    # JSON-LD first, as written (not converted to UTC)
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-04T21:30:00-05:00",'
     ' "dateModified": "2025-03-06T08:00:00-05:00"}</script>', "", ("2025-03-04", "jsonld")),
    # Open Graph, then a URL date
    ('<meta property="article:published_time" content="2025-03-04T10:00:00+01:00">', "", ("2025-03-04", "meta")),
    ('<link rel="canonical" href="https://courier.example/2025/03/04/depot/">', "", ("2025-03-04", "url")),
    # the byline block under the headline, never the site's date bar above it
    ("", "<div class='byline'>By Ann Lee</div><time datetime='2025-03-04T09:00'>March 4, 2025</time>",
     ("2025-03-04", "byline")),
    # a UTC timestamp after midnight gives way to the local date the byline shows
    ('<meta property="article:published_time" content="2025-03-05T02:10:00Z">',
     "<time datetime='2025-03-04T21:10:00-05:00'>March 4, 2025</time>", ("2025-03-04", "byline")),
    # only the update is shown: it is the date
    ('<meta property="article:modified_time" content="2025-03-06T08:00:00+00:00">', "", ("2025-03-06", "meta")),
])
def test_page_date_signals(head, header, expected):
    [article] = read_stream(io.BytesIO(_page(head, header)), options=IngestOptions())
    assert (article.published, article.published_source) == expected
    assert article.title == "Board approves Bergen depot"
