"""Bytes → text: every encoding fixture decodes to the same text, binary files and broken text are refused."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.ingest import iter_articles
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
