"""Archive outputs (docs/tables.md): the tables made from records, written as Parquet and SQLite, read back the
same; the queries of docs/tables.md run on them; Datasette browses the SQLite file; claim clusters across outlets;
`claimx extract -f parquet|sqlite` with --resume and clear errors."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import orjson
import pytest
from hypothesis import given, strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("sqlite_utils")

from typer.testing import CliRunner  # noqa: E402

from claimx.cli import UsageError, app  # noqa: E402
from claimx.output.archive import ArchiveError, open_archive, read_tables  # noqa: E402
from claimx.output.clusters import exact_cluster, merge_near_equal, normalize_claim  # noqa: E402
from claimx.output.rows import COLUMNS, decimal_text, tables_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = sorted((ROOT / "examples" / "expected").glob("*.jsonl"))


def example_records() -> list[dict]:
    return [orjson.loads(line) for path in EXPECTED for line in path.read_bytes().splitlines() if line.strip()]


def write_archive(fmt: str, path: Path, records: list[dict], batch: int = 2) -> None:
    sink = open_archive(fmt, path)
    sink.write_batches(records[i:i + batch] for i in range(0, len(records), batch))
    sink.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The examples' records as JSON Lines, a Parquet directory and an SQLite file, side by side (the names
    docs/tables.md's queries use)."""
    where = tmp_path_factory.mktemp("archive")
    records = example_records()
    (where / "records.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    write_archive("parquet", where / "archive", records)
    write_archive("sqlite", where / "archive.db", records)
    return where


def test_jsonl_parquet_and_sqlite_hold_the_same_rows(built):
    from_jsonl = read_tables(built / "records.jsonl")
    from_parquet = read_tables(built / "archive")
    from_sqlite = read_tables(built / "archive.db")
    assert len(from_jsonl["articles"]) == sum(1 for _ in example_records())
    for table, rows in from_jsonl.items():
        assert rows, table
        assert from_parquet[table] == rows, table
        assert from_sqlite[table] == rows, table
        assert all(set(row) == set(COLUMNS[table]) for row in rows), table


def test_rows_keep_their_record_key_and_typed_values(built):
    tables = read_tables(built / "archive")
    nordvik = "examples/earnings-nordvik.txt"
    money = [m for m in tables["money"] if m["article_id"] == nordvik]
    assert [m["idx"] for m in money] == list(range(len(money)))
    assert (money[0]["amount"], money[0]["amount_decimal"], money[0]["currency"]) == (4.2e9, "4200000000", "NOK")
    quarter = next(d for d in tables["dates"] if d["value"] == "2025-Q3")
    assert (quarter["start_date"], quarter["end_date"]) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    links = {(link["article_id"], link["claim_idx"]) for link in tables["claim_links"]}
    claims = {(c["article_id"], c["idx"]) for c in tables["claims"]}
    assert links <= claims


@pytest.mark.parametrize("amount, text", [
    (4200000000, "4200000000"), (6.5, "6.5"), (0.1, "0.1"), (1.2e12, "1200000000000"), (None, None), (True, None),
])
def test_decimal_text(amount, text):
    assert decimal_text(amount) == text


# -- docs/tables.md

def doc_queries() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    return [(block.split("\n", 1)[0].removeprefix("-- ").strip(), block) for block in blocks]


def test_the_docs_have_three_duckdb_queries_and_sqlite3_ones():
    engines = [engine for engine, _ in doc_queries()]
    assert engines.count("duckdb") >= 3 and engines.count("sqlite3") >= 1
    assert set(engines) == {"duckdb", "sqlite3"}


@pytest.mark.parametrize("engine, query", doc_queries())
def test_each_docs_query_runs_and_finds_rows(built, engine, query, monkeypatch):
    monkeypatch.chdir(built)
    if engine == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        rows = duckdb.connect().sql(query).fetchall()
    else:
        with closing(sqlite3.connect("archive.db")) as connection:
            rows = connection.execute(query).fetchall()
    assert rows


# -- SQLite for Datasette

def test_sqlite_has_keys_indexes_and_full_text_search(built):
    import sqlite_utils

    db = sqlite_utils.Database(built / "archive.db")
    assert db["claims"].pks == ["article_id", "idx"]
    assert {(fk.column, fk.other_table) for fk in db["claims"].foreign_keys} == {
        ("article_id", "articles"), ("cluster", "claim_clusters")}
    assert {fk.other_table for fk in db["claim_links"].foreign_keys} == {"articles"}
    assert {tuple(index.columns) for index in db["entities"].indexes} >= {("canonical",), ("entity_id",)}
    assert {tuple(index.columns) for index in db["dates"].indexes} >= {("start_date",)}
    assert db["claims"].detect_fts() == "claims_fts" and db["articles"].detect_fts() == "articles_fts"
    found = db.execute("SELECT articles.title FROM articles JOIN articles_fts ON articles_fts.rowid = articles.rowid "
                       "WHERE articles_fts MATCH 'BrightWave'").fetchall()
    assert found == [("Watchdog fines BrightWave £18.5 million over data breach",)]


def test_datasette_browses_the_archive_with_facets(built):
    pytest.importorskip("datasette")
    from datasette.app import Datasette

    async def browse():
        datasette = Datasette([str(built / "archive.db")])
        faceted = await datasette.client.get("/archive/claims.json?_facet=speaker_canonical&_shape=objects")
        searched = await datasette.client.get("/archive/claims.json?_search=bridge&_shape=objects")
        return faceted, searched

    faceted, searched = asyncio.run(browse())
    assert faceted.status_code == 200
    counts = {r["value"]: r["count"] for r in faceted.json()["facet_results"]["speaker_canonical"]["results"]}
    assert counts["Thomas Reyes"] == 3
    assert searched.status_code == 200 and searched.json()["rows"]
    assert all("bridge" in row["text"].lower() for row in searched.json()["rows"])


# -- claims across outlets

def article(id, url, published, claims):
    return {"schema": "claimx/1", "id": id, "source": "feed.jsonl", "url": url, "published": published,
            "entities": [], "money": [], "dates": [],
            "claims": [{"text": text, "start": 0, "end": len(text), "direct": True, "entities": [], "money": [],
                        "dates": [], "speaker": {"text": speaker, "start": 0, "end": 1, "canonical": speaker}}
                       for speaker, text in claims]}


OUTLET_RECORDS = [
    article("a1", "https://www.example-news.com/1", "2025-03-02",
            [("Ana Lopes", "\u201cWe will not raise taxes this year,\u201d"), ("Ana Lopes", "The port opens in May")]),
    article("a2", "https://daily.example.org/2", "2025-03-01", [("Ana Lopes", "we will NOT raise taxes this year")]),
    article("a3", "https://example-news.com/3", "2025-03-05",
            [("Ana Lopes", "that we would not raise taxes this year")]),  # near-equal (would/will)
    article("a4", None, "2025-03-06", [("Rui Costa", "We will not raise taxes this year")]),  # another speaker
]


@pytest.mark.parametrize("a, b, same", [
    ("\u201cWe will not raise taxes,\u201d", "we will not raise taxes", True),
    ("that the plant will close", "The plant will close.", True),
    ("It's over", "its over", True),
    ("the plant will close", "the plant will not close", False),
])
def test_normalised_claims(a, b, same):
    assert (normalize_claim(a) == normalize_claim(b)) is same


def test_near_equal_claims_merge_only_within_a_speaker():
    merged = merge_near_equal([("Ana", "we will not raise taxes this year"),
                               ("Ana", "we would not raise taxes this year"),
                               ("Rui", "we would not raise taxes this year"), ("Ana", "we will raise taxes")])
    ana_will, ana_would = exact_cluster("Ana", "we will not raise taxes this year"), exact_cluster(
        "Ana", "we would not raise taxes this year")
    assert merged == {max(ana_will, ana_would): min(ana_will, ana_would)}


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "sqlite"])
def test_the_same_statement_in_three_outlets_is_one_cluster(tmp_path, fmt):
    if fmt == "jsonl":
        path = tmp_path / "records.jsonl"
        path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in OUTLET_RECORDS))
    else:
        path = tmp_path / ("archive" if fmt == "parquet" else "archive.db")
        write_archive(fmt, path, OUTLET_RECORDS, batch=1)
    tables = read_tables(path)
    by_claim = {(c["article_id"], c["idx"]): c["cluster"] for c in tables["claims"]}
    assert by_claim[("a1", 0)] == by_claim[("a2", 0)] == by_claim[("a3", 0)]
    assert len({by_claim[("a1", 0)], by_claim[("a1", 1)], by_claim[("a4", 0)]}) == 3
    top = tables["claim_clusters"][0]
    assert top["cluster"] == by_claim[("a1", 0)]
    assert (top["articles"], top["outlets"]) == (3, 2)  # example-news.com twice (with and without www.)
    assert (top["first_article_id"], top["first_published"], top["last_published"]) == (
        "a2", dt.date(2025, 3, 1), dt.date(2025, 3, 5))
    assert len(tables["claim_clusters"]) == 3


# -- the command line

def run(*args) -> tuple[int, str]:
    """Exit status and output of the command, a UsageError counting as `main` shows it (status 2, one line)."""
    result = CliRunner().invoke(app, list(args))
    if isinstance(result.exception, UsageError):
        return 2, str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt, name", [("parquet", "out"), ("sqlite", "out.db")])
def test_extract_writes_an_archive_and_resumes(tmp_path, fmt, name):
    feed = ROOT / "examples" / "feed.jsonl"
    first = tmp_path / "first.jsonl"
    first.write_bytes(feed.read_bytes().splitlines(keepends=True)[0])
    out = tmp_path / name
    assert run("extract", str(first), "-f", fmt, "-o", str(out), "-q")[0] == 0
    status, message = run("extract", str(feed), "-f", fmt, "-o", str(out), "-q")
    assert status == 2 and "--resume" in message
    # a second feed under another name, with the same ids: resumed, the first id is skipped, the rest added
    second = tmp_path / "feed.jsonl"
    second.write_bytes(feed.read_bytes())
    assert run("extract", str(second), "-f", fmt, "-o", str(out), "-q", "--resume")[0] == 0
    tables = read_tables(out)
    assert [a["id"] for a in tables["articles"]] == ["feed-001", "feed-002", "feed-003"]
    assert tables["claims"] and tables["claim_clusters"]


def test_extract_archive_errors_are_one_line(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Nothing here.", encoding="utf-8")
    status, message = run("extract", str(text), "-f", "sqlite")
    assert status == 2 and "-o" in message
    not_ours = tmp_path / "notes.db"
    not_ours.write_text("my notes", encoding="utf-8")
    status, message = run("extract", str(text), "-f", "sqlite", "-o", str(not_ours))
    assert status == 2 and "not a claimx SQLite archive" in message
    assert not_ours.read_text(encoding="utf-8") == "my notes"
    status, message = run("extract", str(text), "-f", "jsonl", "-o", str(tmp_path))
    assert status == 2 and "is a directory" in message


def test_unique_ids_rename_a_repeated_id(tmp_path):
    records = example_records()[:1] * 3
    write_archive("sqlite", tmp_path / "a.db", records)
    ids = [a["id"] for a in read_tables(tmp_path / "a.db")["articles"]]
    source = records[0]["source"]
    assert ids == [records[0]["id"], f"{source}#{records[0]['id']}", f"{source}#{records[0]['id']}#2"]


def test_rows_from_records_read_fields_other_layers_add():
    record = article("x", None, "2025-01-10", [("Ana", "Sales rose")])
    record["claims"][0]["kind"] = "statement"
    record["dates"] = [{"text": "fiscal Q3", "start": 0, "end": 9, "value": "FY2025-Q3", "grain": "quarter",
                        "relative": True, "calendar": "2024-10-01/2024-12-31"},
                       {"text": "FY2025", "start": 0, "end": 6, "value": "FY2025", "grain": "year", "relative": False}]
    record["entities"] = [{"text": "Ana", "label": "PERSON", "start": 0, "end": 3, "salience": 0.7, "id": "e1"}]
    record["about"] = ["e1", "e2"]
    tables = tables_of([record])
    assert tables["articles"][0]["about"] == "e1,e2"
    assert tables["claims"][0]["kind"] == "statement"
    assert tables["entities"][0]["salience"] == 0.7
    assert [(d["start_date"], d["end_date"]) for d in tables["dates"]] == [
        (dt.date(2024, 10, 1), dt.date(2024, 12, 31)), (None, None)]


def test_a_missing_extra_is_named(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow":
            raise ImportError("no pyarrow")
        return real_import(name, *args, **kwargs)

    from claimx.output import archive

    monkeypatch.setattr(archive.importlib, "import_module",
                        lambda name: no_pyarrow(name) if name == "pyarrow" else real_import(name))
    with pytest.raises(ArchiveError, match=r"pip install 'claimx\[archive\]'"):
        archive.require("parquet")


@given(st.lists(st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=8).map(" ".join), max_size=12))
def test_prefix_filtering_finds_every_pair_that_shares_most_words(texts):
    from claimx.output.clusters import CANDIDATE_WORDS, _candidates

    found = {frozenset(pair) for pair in _candidates(texts)}
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = set(texts[i].split()), set(texts[j].split())
            if len(a & b) / len(a | b) >= CANDIDATE_WORDS:
                assert frozenset((i, j)) in found, (texts[i], texts[j])


def test_a_failing_sqlite_write_is_an_oserror_the_cli_reports(tmp_path, monkeypatch):
    from claimx.output import sqlite as sqlite_output

    sink = open_archive("sqlite", tmp_path / "a.db")

    def full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_output, "_insert_rows", full)
    with pytest.raises(OSError, match="disk is full"):
        sink.write_batches([example_records()[:1]])
    sink.db.close()
