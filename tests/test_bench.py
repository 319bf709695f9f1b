"""The benchmark scripts work (never how fast anything is: benchmarks are scripts, not timed tests)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script is executed
    spec.loader.exec_module(module)
    return module


throughput = load_script("throughput")
baseline = load_script("baseline")
stress = load_script("stress")


def test_generated_corpus_is_news_length_and_reproducible():
    texts, source = throughput.build_corpus(4)
    assert len(texts) == 4 and source
    low, high = throughput.ARTICLE_WORDS
    assert all(low <= len(t.split()) <= high + 200 for t in texts)
    assert throughput.build_corpus(4)[0] == texts
    assert len(set(texts)) == 4


def test_templates_make_articles_when_there_are_no_examples(monkeypatch, tmp_path):
    monkeypatch.setattr(throughput, "ROOT", tmp_path)
    texts, source = throughput.build_corpus(2)
    assert source == "built-in templates" and all(len(t.split()) >= throughput.ARTICLE_WORDS[0] for t in texts)


def test_throughput_runs_on_a_tiny_corpus():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "throughput.py"), "--docs", "3", "--no-cold-start"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "corpus: 3 articles" in proc.stdout
    assert "claimx extract" in proc.stdout and "claimx / bare" in proc.stdout


def test_throughput_rejects_a_missing_corpus():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "throughput.py"), "--corpus", "no/such/dir"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr


TEXT = "Officials at Kestrel Systems in Lisbon said on 4 June 2024 that the plant cost $30 million."


@pytest.fixture(scope="module")
def bare():
    gold = [{"id": "g1", "text": TEXT, "entities": [], "money": []}]
    [record] = baseline.bare_predictions(gold)
    return record


def test_baseline_maps_spacy_labels_to_claimx_layers(bare):
    assert set(bare) == {"id", "entities", "money"}  # only the layers the gold annotates
    assert {e["label"] for e in bare["entities"]} <= {"ORG", "PLACE", "PERSON"}
    assert all(TEXT[e["start"]:e["end"]] == e["text"] for e in bare["entities"] + bare["money"])
    assert all(m["amount"] is None and m["currency"] is None for m in bare["money"])


def test_baseline_reports_values_and_claims_as_not_applicable():
    from claimx import evaluate as ev

    gold = [{"id": "g1", "text": TEXT, "money": [{"start": 70, "end": 81, "amount": 30000000, "currency": "USD"}],
             "claims": []}]
    rows = baseline.score_rows(ev.evaluate(gold, [{"id": "g1", "money": gold[0]["money"]}]), bare=True)
    assert rows[("money", "value", "")] is None and rows[("claims", "content", "")] is None
    assert rows[("money", "span exact", "")].f1 == 1.0
    table = baseline.markdown([("tiny", rows, None)])
    assert "| tiny | money | value |  | n/a |" in table and "1.000 / 1.000 / 1.000" in table


def test_pages_bench_reports_date_accuracy(tmp_path, capsys):
    pages = load_script("pages")
    shutil_page = ROOT / "tests" / "data" / "ingest" / "article-page.html"
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_bytes(shutil_page.read_bytes())
    (tmp_path / "expected.jsonl").write_text('{"path": "site/a.html", "url": "https://courier.example/a", '
                                             '"published": "2024-11-05"}\n', encoding="utf-8")
    assert pages.main(["--pages", str(tmp_path), "--titles", "--text", "80", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "date accuracy: 1/1 = 100.0%" in out and "jsonld" in out
    assert "TITLE site/a.html: 'Harbour Freight opens Nordic depot as regulators weigh port fees'" in out


def test_archive_write_runs_on_the_examples_records(tmp_path):
    pytest.importorskip("pyarrow")
    pytest.importorskip("sqlite_utils")
    records = tmp_path / "records.jsonl"
    records.write_bytes(b"".join(p.read_bytes() for p in sorted((ROOT / "examples" / "expected").glob("*.jsonl"))))
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "archive_write.py"), "--records", str(records),
                           "--articles", "40"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "40 articles" in proc.stdout
    assert all(f"\n{fmt} " in proc.stdout for fmt in ("jsonl", "parquet", "sqlite"))


def test_job_balance_runs_on_a_few_documents():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "job_balance.py"), "--docs", "6", "--sleep", "0.001"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "6 documents x 1 ms" in proc.stdout and "speed-up" in proc.stdout


def test_job_balance_reads_process_cpu_time():
    job_balance = load_script("job_balance")
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc")
    assert job_balance._cpu_seconds(os.getpid()) >= 0
    assert all(isinstance(child, int) for child in job_balance._children(os.getpid()))


def test_stress_texts_have_the_size_asked_and_the_script_runs(nlp, capsys):
    assert len(stress.text_of("orgs", 3)) == 3000 and stress.text_of("said", 1).startswith("Acme said that")
    assert len(stress.html_of(2)) >= 2000
    stress.main(["--small", "1", "--large", "2", "--case", "said", "--case", "html", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "claimx_claims" in out and "extract_page" in out
