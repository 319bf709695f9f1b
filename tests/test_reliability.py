"""Bad input never crashes a batch, and nothing is lost (issue 10).

Adversarial texts and property tests run the full pipeline in-process (the session `nlp` fixture); the batch tests
run the real `claimx` command in a subprocess, as a user would.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.extract import extract_many, tokenize
from claimx.ingest import Article

CLAIMX = [sys.executable, "-m", "claimx.cli"]
GOOD = ("Harbor Rail said on {day} it had won a $2.3 billion contract in Denmark, its chief executive told "
        "reporters in Oslo.\n")


@contextmanager
def finishes_within(seconds: int):
    """Fail (instead of hanging the suite) when super-linear work makes an input take minutes, not seconds."""
    def give_up(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def analyse(nlp, text: str) -> dict:
    [record] = extract_many([Article(id="t", source="t", text=text, published="2025-05-02")], nlp=nlp)
    return record.to_dict()


def spans_of(record: dict):
    for layer in ("entities", "money", "dates"):
        yield from record.get(layer, [])
    for claim in record.get("claims", []):
        yield claim
        yield from (part for part in (claim.get("speaker"), claim.get("cue"), claim.get("subject")) if part)


def assert_offsets_hold(record: dict, text: str) -> None:
    for span in spans_of(record):
        assert text[span["start"]:span["end"]] == span["text"], span


# -- adversarial texts -----------------------------------------------------------------------------------------

SENTENCE = "Northwind Traders said on Tuesday it would spend $2.5 million on a plant in Ohio. "
ADVERSARIAL = {
    "control characters": "\x00\x01\x07 \x1b[31mred\x1b[0m \x7f\x85\x0b\x0c" + SENTENCE + "\x00" * 500 + SENTENCE,
    "emoji": "🚀 " + SENTENCE.replace("said", "said 💰") + "👩‍👩‍👧 🇫🇷 " * 300,
    "right-to-left": "\u202e" + SENTENCE + "قالت الشركة يوم الثلاثاء إنها ستبني مصنعا " * 30 + "\u200f" + SENTENCE,
    "zero-width": "\u200bNorthwind\u200c Traders\u200d said\ufeff on Tuesday it would spend $\u200b2.5 million. " * 30,
    "100,000 currency symbols": "$" * 100_000,
    "mixed currency symbols": "€$£¥₹" * 20_000,
    "a million digits": "1" * 1_000_000,
    "a dollar and 999,999 digits": "$" + "9" * 999_999,
    "digits and spaces": "1 " * 4_000,
    "capitalized words": "Acme " * 5_000,
    "deeply nested quotes": "“She said ‘he said “" * 500 + "yes" + "”’" * 500,
    "straight quotes": 'He said "' * 1000 + "no" + '"' * 1000,
    "one long word": "a" * 300_000,
    "blank lines": "\n" * 200_000 + SENTENCE,
    "full stops": ". " * 4_000,
    "reporting verbs": "said " * 5_000,
    "scale words": "million billion " * 2_500,
    "dates": "May 2, 2024 and " * 1_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_text_finishes_with_a_valid_record(nlp, name):
    text = ADVERSARIAL[name]
    with finishes_within(120):  # each takes seconds; minutes would mean super-linear work somewhere
        record = analyse(nlp, text)
    assert "error" not in record, record.get("error")
    assert_offsets_hold(record, text)


def test_a_non_english_article_is_flagged_not_failed(nlp):
    german = ("Das Unternehmen teilte am Dienstag in Berlin mit, dass es eine neue Fabrik bauen werde und dafür "
              "rund zwei Millionen Euro ausgeben wolle. ") * 5
    record = analyse(nlp, german)
    assert "error" not in record and record["language"] == "de"
    assert analyse(nlp, SENTENCE * 5)["language"] == "en"


@pytest.mark.parametrize(("text", "expected"), [
    ("", "empty"),
    (" \n\t\n ", "empty"),
    ("x" * 1_000_001, "too_large"),
])
def test_documents_that_cannot_be_analysed_get_a_typed_error(nlp, text, expected):
    error = analyse(nlp, text)["error"]
    assert error["type"] == expected and "\n" not in error["message"]


@pytest.mark.parametrize("text", [
    "$" * 250,
    "x " + "€" * 150 + "  \n" + "“" * 99 + " end",
    "http://example.com/" + "q" * 300 + ". Done.",
    "plain words only",
])
def test_long_runs_are_cut_into_tokens_that_keep_the_text(nlp, text):
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert max(len(token) for token in doc) <= 100


# -- property tests ---------------------------------------------------------------------------------------------

# Pieces of news-like text and of trouble, joined at random: arbitrary enough to find crashes, newsy enough that
# every layer gets to run.
PIECES = st.sampled_from(list("AaBbNnOoSsTt0123456789 .,;:'\"“”‘’$€£¥%-()\n") + [
    " said ", " told reporters ", "Inc", " million", " billion", " on Tuesday", "May", " 2024", "Acme Corp",
    " Oslo", "é", "😀", "\u200b", "\u202e", "\x00", "\t", "\r\n", "U.S.", "$5", "€3.2bn", "According to "])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_gives_a_valid_deterministic_record(nlp, text):
    first = analyse(nlp, text)
    if not text.strip():
        assert first["error"]["type"] == "empty"
        return
    assert "error" not in first, first["error"]
    assert_offsets_hold(first, text)
    assert analyse(nlp, text) == first  # same input, same output


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(" \n$“"), max_size=400))
def test_tokenize_keeps_every_character(nlp, text):
    assert tokenize(nlp, text).text == text


# -- a batch over a directory of bad inputs ---------------------------------------------------------------------

# file (relative to the corpus) → the error type its record must carry
BAD_FILES = {
    "bad/empty.txt": "empty",
    "bad/blank.txt": "empty",
    "bad/nul.txt": "not_text",
    "bad/image.png": "not_text",
    "bad/doc.pdf": "not_text",
    "bad/archive.zip": "not_text",
    "bad/invalid-utf8.txt": "decode_error",
    "bad/huge.txt": "too_large",
    "bad/long-line.txt": "too_large",
}
BAD_LINES = {  # JSONL line id (the line's own, or FILE:LINE) → error type
    "corpus/feeds/feed.jsonl:2": "bad_jsonl",  # no id of its own: FILE:LINE, FILE as found by the walk
    "corpus/feeds/feed.jsonl:3": "bad_jsonl",
    "no-text": "bad_jsonl",
    "number-text": "bad_jsonl",
    "corpus/feeds/feed.jsonl:6": "duplicate_id",
    "feed-huge": "too_large",
}
GOOD_IDS = ["good/one.txt", "good/name with spaces.txt", "good/name\nwith a newline.txt",
            "good/latin1-\\xe9t\\xe9.txt", "good/utf16-no-bom.txt", "feed-good", "feed-good-2"]


def build_corpus(root: Path) -> Path:
    def write(name: str | bytes, data: bytes) -> None:
        path = Path(os.fsdecode(os.path.join(os.fsencode(root), os.fsencode(name))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    write("good/one.txt", GOOD.format(day="Monday").encode())
    write("good/name with spaces.txt", GOOD.format(day="Tuesday").encode())
    write("good/name\nwith a newline.txt", GOOD.format(day="Wednesday").encode())
    write(b"good/latin1-\xe9t\xe9.txt", GOOD.format(day="Thursday").encode())
    write("good/utf16-no-bom.txt", GOOD.format(day="Friday").encode("utf-16-le"))
    write("bad/empty.txt", b"")
    write("bad/blank.txt", b"  \n\t\n ")
    write("bad/nul.txt", b"abc\x00\x00def" * 100)
    write("bad/image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write("bad/doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    write("bad/archive.zip", b"PK\x03\x04" + bytes(range(256)))
    write("bad/invalid-utf8.txt", bytes(range(128, 256)) * 4)
    write("bad/huge.txt", b"word " * 10_000_000)  # 50 MB
    write("bad/long-line.txt", b"x" * 2_000_000)
    os.symlink("..", root / "bad" / "loop")  # a directory symlink loop: walked past, never followed
    lines = [{"id": "feed-good", "text": GOOD.format(day="Saturday")}, "{not json", [1, 2, 3], {"id": "no-text"},
             {"id": "number-text", "text": 42}, {"id": "feed-good", "text": "a duplicate id"},
             {"id": "feed-huge", "text": "y " * 5_000_000}, {"id": "feed-good-2", "text": GOOD.format(day="Sunday")}]
    write("feeds/feed.jsonl", b"\n".join(line.encode() if isinstance(line, str) else orjson.dumps(line)
                                        for line in lines) + b"\n")
    return root


def claimx(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """The real command in its own process, as a user runs it."""
    return subprocess.run([*CLAIMX, *args], cwd=cwd, capture_output=True, text=True, timeout=600, **kwargs)


def claimx_here(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """The command in this process (the session's pipeline is reused): exit status and stderr."""
    from claimx import cli

    monkeypatch.setattr(sys, "argv", ["claimx", *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    return exit_.value.code, capsys.readouterr().err


def read_records(path: Path) -> dict[str, dict]:
    records = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records), "every id once"
    return by_id


def test_a_directory_of_bad_inputs_beside_good_articles(tmp_path, nlp, monkeypatch, capsys):
    corpus = build_corpus(tmp_path / "corpus")
    run = claimx("extract", "corpus", "-o", "out.jsonl", "--jobs", "2", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    records = read_records(tmp_path / "out.jsonl")

    expected_errors = {**BAD_FILES, **BAD_LINES}
    errors = {rid: r["error"]["type"] for rid, r in records.items() if "error" in r}
    assert errors == expected_errors
    assert all("\n" not in r["error"]["message"] for r in records.values() if "error" in r)
    assert sorted(rid for rid in records if rid not in errors) == sorted(GOOD_IDS)
    assert not any(rid.startswith("bad/loop") for rid in records)

    # every good article carries the same record as a clean run over the good inputs alone
    status, _ = claimx_here(monkeypatch, capsys, "extract", str(corpus), "--glob", "good/*",
                            "-o", str(tmp_path / "clean.jsonl"))
    assert status == 0
    (tmp_path / "feed.jsonl").write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in [
        {"id": "feed-good", "text": GOOD.format(day="Saturday")},
        {"id": "feed-good-2", "text": GOOD.format(day="Sunday")}]))
    status, _ = claimx_here(monkeypatch, capsys, "extract", str(tmp_path / "feed.jsonl"),
                            "-o", str(tmp_path / "clean-feed.jsonl"))
    assert status == 0
    expected = {**read_records(tmp_path / "clean.jsonl"), **read_records(tmp_path / "clean-feed.jsonl")}
    for rid in GOOD_IDS:
        got, want = dict(records[rid]), dict(expected[rid])
        got.pop("source"), want.pop("source")  # relative in one run, absolute in the other
        assert got == want, rid


def test_a_file_that_vanishes_before_it_is_read_costs_only_itself(tmp_path, nlp):
    from claimx.batch import BatchSettings, open_sink, plan, run_batch
    from claimx.ingest import IngestOptions

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / "in" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(GOOD.format(day="Monday"))
    items = plan([str(tmp_path / "in")], IngestOptions())
    first = next(items)
    (tmp_path / "in" / "b.txt").unlink()  # listed by the walk, gone before a worker reads it

    def walk():
        yield first
        yield from items

    out = tmp_path / "out.jsonl"
    summary = run_batch(walk(), open_sink("jsonl", out), BatchSettings())
    records = read_records(out)
    assert records["b.txt"]["error"]["type"] == "io_error"
    assert "error" not in records["a.txt"] and "error" not in records["c.txt"]
    assert summary.failed == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_an_io_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "secret.txt").write_text(GOOD.format(day="Monday"))
    (tmp_path / "in" / "secret.txt").chmod(0)
    run = claimx("extract", "in", "-o", "out.jsonl", cwd=tmp_path)
    assert run.returncode == 1
    assert read_records(tmp_path / "out.jsonl")["secret.txt"]["error"]["type"] == "io_error"


# -- output: interruptions, broken pipes, full disks, --strict ----------------------------------------------------


def many_articles(root: Path, count: int) -> Path:
    root.mkdir()
    for i in range(count):
        (root / f"a{i:03d}.txt").write_text(GOOD.format(day=["Monday", "Tuesday", "Friday"][i % 3]) * (1 + i % 3))
    return root


@pytest.mark.parametrize(("signum", "jobs"), [(signal.SIGINT, "2"), (signal.SIGTERM, "1")])
def test_an_interrupted_run_leaves_whole_lines_and_resume_finishes_it(tmp_path, nlp, monkeypatch, capsys, signum,
                                                                       jobs):
    many_articles(tmp_path / "in", 120)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([*CLAIMX, "extract", "in", "-o", "out.jsonl", "--jobs", jobs, "--batch-size", "2"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 4:
            break
        time.sleep(0.05)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=300)
    assert "Traceback" not in stderr
    assert process.returncode in (128 + signum, 0)  # 0: it had just finished
    data = out.read_bytes()
    assert data.endswith(b"\n") and all(orjson.loads(line)["id"] for line in data.splitlines())
    interrupted = len(data.splitlines())

    monkeypatch.chdir(tmp_path)  # the same relative paths, so the same `source`
    status, err = claimx_here(monkeypatch, capsys, "extract", "in", "-o", "out.jsonl", "--resume", "--jobs", jobs)
    assert status == 0, err
    assert f"({interrupted:,} already done, skipped)" in err or interrupted == 120
    claimx_here(monkeypatch, capsys, "extract", "in", "-o", "clean.jsonl")
    assert read_records(out) == read_records(tmp_path / "clean.jsonl")  # each id once, the same records


def test_resume_cuts_a_torn_last_line_and_redoes_that_document(tmp_path, nlp, monkeypatch, capsys):
    many_articles(tmp_path / "in", 5)
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    assert claimx_here(monkeypatch, capsys, "extract", str(tmp_path / "in"), "-o", str(clean))[0] == 0
    whole = clean.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(whole[:3]) + whole[3][:25])  # killed mid-write
    assert claimx_here(monkeypatch, capsys, "extract", str(tmp_path / "in"), "-o", str(out), "--resume")[0] == 0
    assert out.read_bytes() == b"".join(whole)


def test_resume_needs_jsonl_written_to_a_file(tmp_path, nlp, monkeypatch, capsys):
    many_articles(tmp_path / "in", 1)
    status, err = claimx_here(monkeypatch, capsys, "extract", str(tmp_path / "in"), "--resume", "-f", "jsonl")
    assert status == 2 and err == "claimx: error: --resume needs -o FILE in jsonl, parquet or sqlite format\n"


def test_a_reader_that_leaves_early_ends_the_run_quietly(tmp_path):
    many_articles(tmp_path / "in", 60)
    command = " ".join([*CLAIMX, "extract", "in", "-f", "jsonl", "--jobs", "2", "--batch-size", "2"])
    run = subprocess.run(f"{command} | head -1", shell=True, cwd=tmp_path, capture_output=True, text=True,
                         timeout=300)
    assert len(run.stdout.splitlines()) == 1
    assert run.stderr == ""
    status = subprocess.run(f"set -o pipefail; {command} | head -1", shell=True, cwd=tmp_path,
                            capture_output=True, executable="/bin/bash", timeout=300).returncode
    assert status == 0  # leaving early is the reader's choice, not a failure


def test_a_full_disk_is_one_line_on_stderr_and_status_1(tmp_path, nlp, monkeypatch, capsys):
    many_articles(tmp_path / "in", 3)

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", disk_full)
    status, err = claimx_here(monkeypatch, capsys, "extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"))
    assert status == 1
    assert err == f"claimx: error: No space left on device: {tmp_path / 'out.jsonl'}\n"


def test_strict_stops_at_the_first_failed_document(tmp_path, nlp, monkeypatch, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD.format(day="Monday"))
    (tmp_path / "in" / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "in" / "c.txt").write_text(GOOD.format(day="Friday"))
    status, err = claimx_here(monkeypatch, capsys, "extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"),
                              "--strict")
    assert status == 1
    assert list(read_records(tmp_path / "out.jsonl")) == ["a.txt", "b.txt"]
    assert "--strict" in err


def test_progress_stays_off_a_pipe_and_quiet_silences_the_summary(tmp_path, nlp, monkeypatch, capsys):
    many_articles(tmp_path / "in", 2)
    args = ("extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"))
    status, err = claimx_here(monkeypatch, capsys, *args)
    assert status == 0
    assert err.startswith("claimx: 2 documents, 0 failed, ") and err.count("\n") == 1
    assert claimx_here(monkeypatch, capsys, *args, "--quiet") == (0, "")


@pytest.mark.parametrize(("only", "skipped"), [
    ("money", {"parser", "tagger", "lemmatizer"}),
    ("entities", {"parser", "tagger", "lemmatizer"}),
])
def test_only_skips_the_components_a_layer_does_not_need(only, skipped):
    from claimx.pipeline import load_pipeline, normalize_layers

    nlp = load_pipeline(None, normalize_layers([only]))
    assert skipped <= set(nlp.disabled)
    assert skipped.isdisjoint(nlp.pipe_names)
