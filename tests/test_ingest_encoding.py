"""Bytes → text: every encoding fixture decodes to the same text, binary files and broken text are refused."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.ingest import Article, IngestOptions, iter_articles
from claimx.ingest.sources import read_bytes
from claimx.ingest.encoding import DecodeProblem, binary_kind, decode_bytes

ENCODINGS = Path(__file__).parent / "data" / "ingest" / "encodings"
WESTERN = ("Café Lumière in Zürich said on Friday it paid €4,500 for the “naïve” mural — a bargain.\n"
           "The owner, Renée Fässler, said the artist would return in the spring.\n")
LATIN = ("Café Lumière in Zürich said on Friday the mural cost £4,500, a bargain for the naïve style.\n"
         "The owner, Renée Fässler, said the artist would return in the spring.\n")


@pytest.mark.parametrize("name, expected", [
    ("utf8.txt", WESTERN),
    ("utf8-bom.txt", WESTERN),  # the BOM is not part of the text
    ("utf16le-bom.txt", WESTERN),
    ("utf16be-bom.txt", WESTERN),
    ("cp1252.txt", WESTERN),  # typographic quotes, euro sign and dash from Windows-1252
    ("latin1.txt", LATIN),
    ("crlf.txt", WESTERN.replace("\n", "\r\n")),  # CRLF kept: offsets index the file's own text
])
def test_each_encoding_decodes_to_the_written_text(name, expected):
    assert decode_bytes((ENCODINGS / name).read_bytes()) == expected


@pytest.mark.parametrize("name, error_type, says", [
    ("image.png", "not_text", "PNG"),
    ("document.pdf", "not_text", "PDF"),
    ("archive.zip", "not_text", "zip"),
    ("nul-bytes.txt", "not_text", "NUL"),
    ("truncated-utf16.txt", "decode_error", "utf-16"),
])
def test_binary_and_broken_files_become_error_records(name, error_type, says):
    [error] = iter_articles([str(ENCODINGS / name)])
    assert error.type == error_type
    assert says in error.message and name in error.message
    assert "\n" not in error.message


def test_bytes_no_encoding_explains_are_a_decode_error():
    with pytest.raises(DecodeProblem) as caught:
        decode_bytes(bytes(range(128, 256)) * 4)
    assert caught.value.type == "decode_error"


def test_utf8_never_reaches_the_detector(monkeypatch):
    import charset_normalizer

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: pytest.fail("detector called"))
    assert decode_bytes(WESTERN.encode("utf-8")) == WESTERN


def test_declared_charset_is_tried_before_detection():
    data = "Ceština: Příliš žluťoučký kůň.".encode("cp1250")
    assert decode_bytes(data, declared="cp1250") == "Ceština: Příliš žluťoučký kůň."
    assert decode_bytes(WESTERN.encode("utf-8"), declared="latin-1") == WESTERN  # valid UTF-8 wins


@pytest.mark.parametrize("data, kind", [
    (b"plain text", None),
    (b"", None),
    ("bom-less UTF-16 text".encode("utf-16-le"), "utf-16-le"),
    ("bom-less UTF-16 text".encode("utf-16-be"), "utf-16-be"),
    (b"\x1f\x8b\x08\x00rest", "a gzip archive"),
])
def test_binary_kind(data, kind):
    assert binary_kind(data) == kind


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=200))
def test_utf8_and_utf16_round_trip(text):
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le")) == text


# The three input bugs of issue 21, from pages written here.
PAGE_BODY = ("<p>Harbour Freight said on Tuesday that its board had approved a new depot in Bergen, the largest "
             "investment the company has made in Norway since it opened its first terminal there.</p>"
             "<p>The depot will cost about 240 million euros and open next spring, a spokeswoman said.</p>")


def _page(head: str = "", charset: str = "utf-8") -> str:
    return (f"{head}<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>Depot approved</title></head>"
            f"<body><article>{PAGE_BODY}</article></body></html>")


@pytest.mark.parametrize("junk", [
    "PHP Warning:  Undefined variable $title in /var/www/html/story.php on line 12\n",
    "<br />\n<b>Warning</b>:  session_start(): headers already sent in <b>/var/www/index.php</b> on line <b>3</b><br />\n",
    "\n\n   \n",
])
def test_markup_after_leading_junk_is_a_page(junk):
    data = _page(junk).encode("utf-8")
    [article] = read_bytes(data, "story", id_="story", source="story", options=IngestOptions())
    assert isinstance(article, Article)
    assert "board had approved a new depot" in article.text
    assert "<" not in article.text and "Warning" not in article.text


def test_prose_that_mentions_a_tag_is_still_text():
    data = b"The <html> tag starts a page, the editor wrote in her guide for new reporters.\n"
    [article] = read_bytes(data, "notes", id_="notes", source="notes", options=IngestOptions())
    assert article.text == data.decode()


def test_a_few_nul_bytes_are_dropped():
    data = _page().encode("utf-8").replace(b"Bergen", b"Ber\x00gen").replace(b"spokeswoman", b"spokes\x00woman")
    [article] = read_bytes(data, "page.html", id_="p", source="p", options=IngestOptions())
    assert isinstance(article, Article)
    assert "Bergen" in article.text and "spokeswoman" in article.text and "\x00" not in article.text
    sentence = b"Harbour Freight opened a depot in Bergen on Tuesday, it said. "
    assert decode_bytes(sentence * 2 + b"\x00" + sentence) == (sentence * 3).decode()


@pytest.mark.parametrize("data", [
    b"\x00" * 200 + b"text" + b"\x00" * 200,
    b"header\x00\x01\x02\x03 binary\x00 payload",
    bytes(range(256)) * 4,
])
def test_mostly_nul_or_control_bytes_are_binary(data):
    with pytest.raises(DecodeProblem) as problem:
        decode_bytes(data)
    assert problem.value.type == "not_text"


def test_declared_utf8_with_stray_latin1_bytes_stays_utf8():
    page = _page().replace("Bergen", "Bergen’s café district").replace("spokeswoman", "spokeswoman for Société")
    data = page.encode("utf-8").replace("district".encode(), "distri\xe9t".encode("latin-1"))
    text = decode_bytes(data, declared="utf-8")
    assert "café" in text and "Société" in text and "’" in text  # the real UTF-8 survives
    assert "distri\ufffdt" in text  # the stray byte alone is replaced


def test_undeclared_mostly_utf8_with_one_stray_byte_stays_utf8():
    data = "Société Générale’s café in Zürich opened on Tuesday, ".encode() * 3 + b"na\xefve"
    text = decode_bytes(data)
    assert text.startswith("Société Générale’s café") and text.endswith("na\ufffdve")


def test_a_whole_legacy_page_is_still_read_in_its_codec():
    data = "Société Générale opened a café in Zürich on Tuesday, the bank said.".encode("cp1252")
    assert decode_bytes(data, declared="utf-8") == "Société Générale opened a café in Zürich on Tuesday, the bank said."
