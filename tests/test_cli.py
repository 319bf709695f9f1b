"""The `claimx` command: in-process through Typer's runner, and the installed script in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from claimx.cli import app

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Harbor Rail said on Monday that it won a DKK 2.3 billion contract in Copenhagen.\n"
runner = CliRunner()


def _records(stdout: str) -> list[dict]:
    return [orjson.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_jsonl_from_a_file_follows_the_contract(article_file, nlp):
    result = runner.invoke(app, ["extract", str(article_file), "--format", "jsonl", "--date", "2025-06-10"])
    assert result.exit_code == 0, result.output
    [record] = _records(result.stdout)
    assert record["schema"] == "claimx/1"
    assert record["id"] == str(article_file) and record["source"] == str(article_file)
    assert record["published"] == "2025-06-10" and record["published_source"] == "cli"
    for key in ("entities", "money", "dates", "claims"):
        assert isinstance(record[key], list)
    assert any(m["currency"] == "DKK" for m in record["money"])


def test_json_format_is_one_array(article_file, nlp):
    result = runner.invoke(app, ["extract", str(article_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = orjson.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1 and records[0]["schema"] == "claimx/1"


def test_table_format_shows_the_layers(article_file, nlp):
    result = runner.invoke(app, ["extract", str(article_file), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Money" in result.stdout and "Harbor Rail" in result.stdout


def test_stdin_plain_text(nlp):
    result = runner.invoke(app, ["extract", "-", "-f", "jsonl"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    [record] = _records(result.stdout)
    assert record["id"] == "-"


def test_stdin_json_lines_keep_their_ids(nlp):
    lines = "\n".join(orjson.dumps({"id": f"a{i}", "text": ARTICLE}).decode() for i in range(3))
    result = runner.invoke(app, ["extract", "-f", "jsonl"], input=lines)
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in _records(result.stdout)] == ["a0", "a1", "a2"]


def test_jsonl_file_returns_one_record_per_line_with_the_same_ids(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "x1", "text": ARTICLE, "published": "2025-06-10"}, {"id": "x2", "text": "Nothing here."}]
    feed.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    result = runner.invoke(app, ["extract", str(feed), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    assert [r["id"] for r in records] == ["x1", "x2"]
    assert records[0]["published"] == "2025-06-10" and records[0]["published_source"] == "input"


def test_a_directory_is_walked_recursively_with_relative_ids(tmp_path, nlp):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert sorted(r["id"] for r in _records(result.stdout)) == ["a.txt", "sub/b.txt"]


def test_output_file(article_file, tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(article_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(_records(out.read_text(encoding="utf-8"))) == 1


def test_a_failed_document_gives_an_error_record_and_exit_1(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"id": "ok", "text": "Fine."}\n{not json\n{"id": "ok2", "text": "Also fine."}\n')
    result = runner.invoke(app, ["extract", str(feed), "-f", "jsonl"])
    assert result.exit_code == 1
    records = _records(result.stdout)
    assert [r["id"] for r in records] == ["ok", f"{feed}:2", "ok2"]
    assert records[1]["error"]["type"] == "bad_jsonl" and "line 2" in records[1]["error"]["message"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "no/such/file.txt"], "no such file"),
        (["extract", "-", "--date", "yesterday"], "YYYY-MM-DD"),
        (["extract", "-", "--format", "xml"], "unknown format"),
        (["extract", "-", "--only", "weather"], "unknown layer"),
        (["extract", "-", "--claims", "rumour"], "unknown claim kind"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    script = shutil.which("claimx", path=str(Path(sys.executable).parent))
    proc = subprocess.run([script, *args], input=b"", capture_output=True, timeout=120)
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert message in stderr and "Traceback" not in stderr


def test_installed_command_reads_an_example(tmp_path):
    script = shutil.which("claimx", path=str(Path(sys.executable).parent))
    assert script, "the claimx console script is not installed next to this Python"
    example = ROOT / "examples" / "regulator-fine-brightwave.txt"
    proc = subprocess.run([script, "extract", str(example)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    [record] = _records(proc.stdout.decode())  # piped: JSON Lines by default
    assert record["schema"] == "claimx/1" and record["money"] and record["claims"]


def test_help_teaches_exit_status():
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Exit status" in runner.invoke(app, ["--help"]).stdout


def test_claims_option_keeps_only_the_kinds_asked_for(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Harbor Rail said it had won the contract. Harbor Rail reported a net profit of $2 million.\n")
    result = runner.invoke(app, ["extract", str(article), "-f", "jsonl", "--claims", "statement"])
    assert result.exit_code == 0
    [record] = _records(result.stdout)
    assert [c["kind"] for c in record["claims"]] == ["statement"]


def test_a_non_english_article_is_not_analysed_unless_asked(tmp_path, nlp):
    german = ("Das Unternehmen teilte am Dienstag in Berlin mit, dass es eine neue Fabrik bauen werde und dafür "
              "rund zwei Millionen Euro ausgeben wolle. ") * 3
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ARTICLE * 3, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    by_id = {record["id"]: record for record in _records(result.stdout)}
    assert by_id["de.txt"]["error"]["type"] == "unsupported_language"
    assert "error" not in by_id["en.txt"] and by_id["en.txt"]["language"] == "en"
    assert "1 not in English, not analysed" in result.stderr
    result = runner.invoke(app, ["extract", str(tmp_path / "de.txt"), "-f", "jsonl", "--any-language"])
    assert result.exit_code == 0, result.output
    [record] = _records(result.stdout)
    assert "error" not in record and record["language"] == "de"
