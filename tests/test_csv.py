"""`--format csv`: one row per mention, RFC 4180 (CRLF, quoted fields, one header row)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from claimx.output import FORMATS, write
from claimx.output.csv import COLUMNS, write_csv
from claimx.records import Claim, DateMention, Entity, Money, Record, Speaker, TextSpan

TEXT = 'Kestrel Foods, "the grocer", said it paid €1.5 million,\nabout $2m, in May 2025.'


def _at(part: str) -> tuple[int, int]:
    return TEXT.index(part), TEXT.index(part) + len(part)


RECORD = Record(
    id="k-1", source="k-1.txt", published="2025-06-01", text=TEXT,
    entities=[Entity("Kestrel Foods", "ORG", *_at("Kestrel Foods"), canonical="Kestrel Foods Ltd")],
    money=[Money("€1.5 million", *_at("€1.5 million"), amount=1_500_000.0, currency="EUR"),
           Money("about $2m", *_at("about $2m"), amount=2_000_000, currency="USD", approx=True),
           Money("0.75", 0, 0, amount=0.75, currency=None)],
    dates=[DateMention("May 2025", *_at("May 2025"), value="2025-05", grain="month")],
    claims=[Claim(TEXT[_at("it paid")[0]:-1], _at("it paid")[0], len(TEXT) - 1,
                  Speaker('Kestrel Foods, "the grocer"', 0, 27), TextSpan("said", *_at("said")), direct=False,
                  date={"value": "2025-05", "source": "explicit"})],
)


def to_csv(records) -> bytes:
    stream = io.BytesIO()
    assert list(write_csv(records, stream)) == list(records)  # yields each record after writing it
    return stream.getvalue()


def read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_one_header_row_and_crlf_line_endings():
    data = to_csv([RECORD, RECORD])
    lines = data.split(b"\r\n")
    assert lines[0] == b",".join(c.encode() for c in COLUMNS)
    assert data.count(lines[0]) == 1
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"").replace(b"million,\nabout", b"")  # only the quoted newline


def test_no_records_is_just_the_header():
    assert to_csv([]) == ",".join(COLUMNS).encode() + b"\r\n"


@pytest.mark.parametrize("layer, label, text, value, currency, speaker, claim_date", [
    ("entities", "ORG", "Kestrel Foods", "Kestrel Foods Ltd", "", "", ""),
    ("money", "MONEY", "€1.5 million", "1500000", "EUR", "", ""),  # a whole float loses its ".0"
    ("money", "MONEY", "about $2m", "2000000", "USD", "", ""),
    ("money", "MONEY", "0.75", "0.75", "", "", ""),  # unknown currency: empty cell
    ("dates", "DATE", "May 2025", "2025-05", "", "", ""),
    ("claims", "CLAIM", "it paid €1.5 million,\nabout $2m, in May 2025", "", "", 'Kestrel Foods, "the grocer"',
     "2025-05"),
])
def test_one_row_per_mention(layer, label, text, value, currency, speaker, claim_date):
    rows = read(to_csv([RECORD]))
    assert len(rows) == 1 + 3 + 1 + 1
    row = next(r for r in rows if r["layer"] == layer and r["text"] == text)
    assert (row["id"], row["label"], row["value"], row["currency"], row["speaker"], row["claim_date"]) == (
        "k-1", label, value, currency, speaker, claim_date)


def test_offsets_survive_the_round_trip():
    for row in read(to_csv([RECORD])):
        if row["layer"] != "money" or row["text"] != "0.75":
            assert TEXT[int(row["start"]):int(row["end"])] == row["text"]


def test_quotes_commas_and_newlines_are_quoted_not_lost():
    data = to_csv([RECORD])
    assert b'"Kestrel Foods, ""the grocer"""' in data  # doubled quotes inside a quoted field
    assert b'"it paid \xe2\x82\xac1.5 million,\nabout $2m, in May 2025"' in data


def test_direct_quotes_are_labelled_quote():
    quoted = Record(id="q", source="q", claims=[Claim("We are ready", 1, 13, None, None, direct=True)])
    (row,) = read(to_csv([quoted]))
    assert (row["layer"], row["label"], row["speaker"], row["claim_date"]) == ("claims", "QUOTE", "", "")


def test_a_failed_document_is_one_error_row():
    (row,) = read(to_csv([Record.failed("bad", "bad.txt", "decode_error", "not UTF-8")]))
    assert (row["id"], row["layer"], row["label"], row["text"], row["start"]) == (
        "bad", "error", "decode_error", "not UTF-8", "")


def test_csv_is_an_output_format_and_leaves_the_stream_open():
    assert "csv" in FORMATS
    stream = io.BytesIO()
    list(write([RECORD], "csv", stream))
    assert not stream.closed and stream.getvalue().startswith(b"id,layer,")


def test_extract_format_csv(nlp, tmp_path):
    from claimx.cli import app

    path = tmp_path / "story.txt"
    text = "Kestrel Foods said on Tuesday that it paid €1.5 million for a site in Leeds."
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = read(result.stdout_bytes)
    assert {r["layer"] for r in rows} >= {"entities", "money"}
    assert all(text[int(r["start"]):int(r["end"])] == r["text"] for r in rows)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1 555 0100", "-5% on the year", "@SUM(A1)"])
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(text):
    record = Record(id="f-1", source="f-1.txt", entities=[Entity(text, "ORG", 0, len(text), canonical=text)])
    rows = list(csv.DictReader(io.StringIO(to_csv([record]).decode("utf-8"))))
    assert rows[0]["text"] == "'" + text and rows[0]["value"] == "'" + text
    assert rows[0]["start"] == "0"  # numbers are never touched
