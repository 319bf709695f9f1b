"""URLs: fetched with trafilatura's downloader from a local HTTP server on 127.0.0.1 (never the internet),
read as HTML; failures are one-line fetch_error records."""

import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimx.ingest import Article, ArticleError, IngestOptions, is_url, iter_articles

DATA = Path(__file__).parent / "data" / "ingest"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        if self.path == "/notes":
            body = "The port said on Monday that the deal was approved by its board.\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(DATA)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch_one(url, **options):
    options = {"allow_private_urls": True, "fetch_timeout": 5, **options}
    [item] = iter_articles([url], options=IngestOptions(**options))
    return item


def test_page_is_fetched_and_read_as_html(server):
    article = fetch_one(f"{server}/article-page.html")
    assert isinstance(article, Article)
    assert article.id == article.source == f"{server}/article-page.html"
    assert article.title == "Harbour Freight opens Nordic depot as regulators weigh port fees"
    assert (article.published, article.published_source) == ("2024-11-05", "jsonld")
    assert "about €240 million" in article.text and "Sign in" not in article.text


def test_plain_text_response_is_read_as_text(server):
    article = fetch_one(f"{server}/notes")
    assert article.text == "The port said on Monday that the deal was approved by its board.\n"


def test_http_error_is_a_one_line_fetch_error(server):
    error = fetch_one(f"{server}/missing.html")
    assert isinstance(error, ArticleError)
    assert error.type == "fetch_error" and error.message.endswith("HTTP 404") and "\n" not in error.message


def test_refused_connection_is_a_one_line_fetch_error():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = fetch_one(f"http://127.0.0.1:{port}/page.html")
    assert error.type == "fetch_error" and "connection refused" in error.message


def test_page_over_the_size_cap_is_too_large(server):
    error = fetch_one(f"{server}/article-page.html", max_bytes=500)
    assert error.type == "too_large" and "500 bytes" in error.message


def test_private_addresses_are_refused_by_default(server):
    error = fetch_one(f"{server}/article-page.html", allow_private_urls=False)
    assert error.type == "fetch_error" and "private or loopback" in error.message


def test_nothing_reaches_stderr_on_failure(server, capfd):
    fetch_one(f"{server}/missing.html")
    fetch_one(f"{server}/article-page.html", allow_private_urls=False)
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("value, expected", [
    ("https://news.example/2025/05/02/port-deal", True),
    ("http://127.0.0.1:8000/a.html", True),
    ("HTTPS://NEWS.EXAMPLE/", True),
    ("ftp://news.example/a", False),
    ("news.example/a.html", False),
    ("corpus/https-notes.txt", False),
    ("https://", False),
    ("-", False),
])
def test_is_url(value, expected):
    assert is_url(value) is expected
