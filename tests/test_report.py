"""`claimx report`: what the page counts, that it is self-contained, the same from JSON Lines, Parquet and SQLite,
and that Chromium renders its charts (skipped where no Chromium is installed)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import orjson
import pytest

from claimx.output.archive import read_tables
from claimx.output.report import claims_per_week, money_by_month, render_report, repeated_claims, top_entities
from claimx.output.rows import tables_of
from claimx.output.clusters import cluster_claims

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = sorted((ROOT / "examples" / "expected").glob("*.jsonl"))


def record(id, published, *, url=None, entities=(), money=(), claims=()):
    return {"schema": "claimx/1", "id": id, "source": "t.jsonl", "url": url, "published": published,
            "entities": [{"text": n, "label": l, "start": 0, "end": 1, "canonical": n} for n, l in entities],
            "money": [{"text": "x", "start": 0, "end": 1, "amount": a, "currency": c, "approx": False}
                      for a, c in money],
            "dates": [],
            "claims": [{"text": t, "start": 0, "end": 1, "direct": False, "entities": [], "money": [], "dates": [],
                        "speaker": {"text": s, "start": 0, "end": 1, "canonical": s}} for s, t in claims]}


RECORDS = [
    record("a", "2025-01-06", url="https://one.example/a", entities=[("Acme", "ORG"), ("Oslo", "PLACE")],
           money=[(5.0, "USD"), (2.0, "EUR")], claims=[("Ana", "Prices will fall"), ("Ana", "We hire")]),
    record("b", "2025-01-08", url="https://two.example/b", entities=[("Acme", "ORG"), ("Acme", "ORG")],
           money=[(1.0, "USD")], claims=[("Ana", "prices will fall.")]),
    record("c", "2025-03-20", entities=[("Oslo", "PLACE"), ("Acme", "ORG")], money=[(4.0, "USD")]),
]


@pytest.fixture(scope="module")
def tables():
    built = tables_of(RECORDS)
    built["claim_clusters"] = cluster_claims(built["claims"], built["articles"])
    return built


def test_top_entities_count_articles_not_mentions(tables):
    assert top_entities(tables) == [("Acme · ORG", 3), ("Oslo · PLACE", 2)]


def test_money_by_month_shares_one_time_axis(tables):
    articles = {a["id"]: a for a in tables["articles"]}
    assert money_by_month(tables, articles) == {
        "USD": [("2025-01", 6.0), ("2025-02", 0.0), ("2025-03", 4.0)],
        "EUR": [("2025-01", 2.0), ("2025-02", 0.0), ("2025-03", 0.0)],
    }


def test_claims_per_week_shows_empty_weeks(tables):
    articles = {a["id"]: a for a in tables["articles"]}
    weeks = claims_per_week(tables, articles)
    assert weeks[0] == ("2025-W02", 3) and weeks[-1] == ("2025-W02", 3) and len(weeks) == 1
    articles["b"] = {**articles["b"], "published": dt.date(2025, 1, 21)}
    assert claims_per_week(tables, articles) == [("2025-W02", 2), ("2025-W03", 0), ("2025-W04", 1)]


def test_speakers_leave_out_unresolved_pronouns():
    from claimx.output.report import speaker_claims

    built = tables_of([record("a", "2025-01-06", claims=[("They", "x"), ("Ana", "y"), ("I", "z")])])
    built["claims"][2]["speaker_canonical"] = "Ana Lopes"  # "I" resolved to a name counts, under that name
    assert {s: len(c) for s, c in speaker_claims(built).items()} == {"Ana": 1, "Ana Lopes": 1}


def test_time_axes_end_at_the_latest_article_and_reach_back_a_bounded_time(tables):
    from claimx.output.report import MAX_MONTHS, MAX_WEEKS

    articles = {a["id"]: a for a in tables["articles"]}
    articles["a"] = {**articles["a"], "published": dt.date(2001, 1, 1)}
    weeks = claims_per_week(tables, articles)
    assert len(weeks) == MAX_WEEKS and weeks[-1] == ("2025-W02", 1)
    months = money_by_month(tables, articles)["USD"]
    assert len(months) == MAX_MONTHS and months[-1] == ("2025-03", 4.0)


def test_repeated_claims_are_the_clusters_of_several_articles(tables):
    repeated = repeated_claims(tables)
    assert [(c["speaker"], c["articles"], c["outlets"]) for c in repeated] == [("Ana", 2, 2)]


def test_the_page_is_self_contained(tables):
    page = render_report(tables, title="Test <report>")
    assert "<script" not in page and "Test &lt;report&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"url\(|@import", page)
    assert page.count("<svg") == 6  # entities, speakers, USD, EUR, claims per week, repeated claims


def test_an_empty_archive_still_makes_a_page():
    empty = tables_of([])
    empty["claim_clusters"] = []
    page = render_report(empty)
    assert "nothing to show" in page and "No statement was reported by more than one article" in page


def test_the_same_page_from_jsonl_parquet_and_sqlite(tmp_path):
    pytest.importorskip("pyarrow")
    pytest.importorskip("sqlite_utils")
    from claimx.output.archive import open_archive

    records = [orjson.loads(line) for path in EXPECTED for line in path.read_bytes().splitlines() if line.strip()]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    for fmt, name in (("parquet", "archive"), ("sqlite", "archive.db")):
        sink = open_archive(fmt, tmp_path / name)
        sink.write_batches([records])
        sink.close()
    pages = {render_report(read_tables(tmp_path / name)) for name in ("records.jsonl", "archive", "archive.db")}
    assert len(pages) == 1


def _browser_tools():
    spec = importlib.util.spec_from_file_location("make_screenshots", ROOT / "scripts" / "make_screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_chromium_renders_the_report(tmp_path):
    tools = _browser_tools()
    browser = tools.find_browser()
    if browser is None:
        pytest.skip("no Chromium or Chrome on PATH (Debian: apt-get install chromium); .ci/run installs it")
    page = tmp_path / "report.html"
    tools.report_example(page)
    dom = tools.run_browser(browser, "--dump-dom", page.as_uri())
    assert dom.count("<svg") >= 5 and "<rect" in dom
    assert "Most repeated claims" in dom and "Claims per week" in dom
    png = tmp_path / "report.png"
    tools.screenshot(browser, page.as_uri(), png, 1024, 900)
    assert png.stat().st_size > 10_000  # painted, not a blank page
