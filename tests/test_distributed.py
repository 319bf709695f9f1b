"""`claimx extract --dask` (issue 12): planning partitions, reading them on workers, identical records, part files,
resume, and workers that die mid-partition.

Planning and reading are tested in this process (they are plain functions). One LocalCluster with 2 worker processes
serves every cluster test (starting it and loading a pipeline per worker costs seconds); the tests that kill workers
run last and use a blank tokenizer-only pipeline, so they cost a worker restart each, not a pipeline load.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

fsspec = pytest.importorskip("fsspec", reason="claimx[dask] is not installed (pip install 'claimx[dask]')")
pytest.importorskip("distributed", reason="claimx[dask] is not installed (pip install 'claimx[dask]')")

from typer.testing import CliRunner  # noqa: E402

from claimx.batch import BatchSettings, completed_ids, open_sink  # noqa: E402
from claimx.cli import app  # noqa: E402
from claimx.distributed import (DaskSettings, PartFiles, PartFilesError, PlanError, check_inputs,  # noqa: E402
                                is_fsspec_url, run_on_dask)
from claimx.batch.workers import PipelineSpec  # noqa: E402
from claimx.distributed.partition import Job, count_newlines, extract_partition, read_partition  # noqa: E402
from claimx.distributed.repeats import RepeatedIds  # noqa: E402
from claimx.extract import extract_many  # noqa: E402
from claimx.distributed.plan import FileUnit, LineBlock, Partition, group_partitions, iter_units  # noqa: E402
from claimx.ingest import IngestOptions, iter_articles  # noqa: E402
from kill_once_pipeline import LOADER as KILL_ONCE, kill_once_text  # noqa: E402
from poison_pipeline import LOADER as POISON, MARKER  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TINY = DaskSettings(partition_bytes=300)  # the examples become several partitions, feed.jsonl several line blocks


def write_corpus(folder: Path, count: int, text: str = "Article {i} reports that the harbour reopened.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"doc{i:02d}.txt").write_text(text.format(i=i), encoding="utf-8")
    return folder


def lines(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def by_id(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["id"], r["source"]))


# -- planning: inputs → partitions (no cluster) -------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("s3://bucket/news/", True), ("gs://bucket/a.jsonl", True), ("file:///srv/news", True),
    ("memory://corpus", True), ("https://news.example/a", False), ("corpus/", False), ("-", False),
])
def test_fsspec_urls_are_told_from_paths_and_web_pages(value, expected):
    assert is_fsspec_url(value) is expected


def test_local_units_have_the_ids_and_sources_of_a_local_run(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    units = list(iter_units(["examples/"], partition_bytes=1 << 20))
    local = list(iter_articles(["examples/"]))
    assert [u.source for u in units] == list(dict.fromkeys(a.source for a in local))
    assert [u.id for u in units if not u.is_jsonl] == [a.id for a in local if not a.source.endswith(".jsonl")]
    assert all(Path(u.location).is_absolute() for u in units)  # workers may not share our working directory


def test_large_jsonl_files_become_line_blocks_that_cover_the_file(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"".join(orjson.dumps({"id": f"n{i}", "text": "x" * 40}) + b"\n" for i in range(30)))
    blocks = list(iter_units([str(feed)], partition_bytes=256))
    assert all(isinstance(b, LineBlock) for b in blocks)
    assert [b.offset for b in blocks] == list(range(0, feed.stat().st_size, 256))
    assert sum(b.length for b in blocks) == feed.stat().st_size
    assert [b.last for b in blocks] == [False] * (len(blocks) - 1) + [True]


@pytest.mark.parametrize(("sizes", "partition_bytes", "max_files", "expected"), [
    ([10, 10, 10], 25, 64, [3]),  # grouped up to about partition_bytes
    ([10, 10, 10, 10], 15, 64, [2, 2]),
    ([10] * 5, 1000, 2, [2, 2, 1]),  # at most max_files
    ([100], 10, 64, [1]),  # a large file goes alone, never dropped
    ([], 10, 64, []),
])
def test_files_are_grouped_into_partitions(sizes, partition_bytes, max_files, expected):
    units = [FileUnit(f"/f{i}", f"f{i}", f"f{i}", size) for i, size in enumerate(sizes)]
    partitions = list(group_partitions(units, partition_bytes=partition_bytes, max_files=max_files))
    assert [len(p.files) for p in partitions] == expected
    assert [p.seq for p in partitions] == list(range(len(expected)))
    assert [u for p in partitions for u in p.files] == units


def test_a_line_block_is_a_partition_of_its_own():
    file = FileUnit("/a.txt", "a.txt", "a.txt", 10)
    block = LineBlock("/f.jsonl", "f.jsonl", "f.jsonl", 0, 100, last=True)
    partitions = list(group_partitions([file, block, file], partition_bytes=1000))
    assert [(p.files, p.block) for p in partitions] == [((file,), None), ((), block), ((file,), None)]


def test_fsspec_directories_are_walked_like_local_ones():
    fs = fsspec.filesystem("memory")
    for name in ("b.txt", "a/z.txt", "a-c.txt", "drafts/x.txt"):
        fs.pipe(f"/claimx-walk/{name}", b"text")
    units = list(iter_units(["memory://claimx-walk/"], exclude=["drafts"]))
    assert [u.id for u in units] == ["a/z.txt", "a-c.txt", "b.txt"]  # sorted by path parts, as Path sorts
    assert [u.source for u in units] == [f"memory://claimx-walk/{i}" for i in ("a/z.txt", "a-c.txt", "b.txt")]
    fs.rm("/claimx-walk", recursive=True)


@pytest.mark.parametrize(("inputs", "message"), [
    (["-"], "not stdin"),
    (["nosuchscheme-xyz://bucket/a.txt"], "nosuchscheme-xyz"),
])
def test_inputs_a_cluster_cannot_read_are_refused_before_it_starts(inputs, message):
    with pytest.raises(PlanError, match=message):
        check_inputs(inputs)


# -- reading on a worker (the worker functions, run here) ---------------------------------------------------------


def records_in_blocks(path: Path, block_bytes: int, done: set[str]) -> tuple[list[dict], int]:
    """What a distributed run writes for `path`: each block analysed as a worker does (numbered after the newlines
    before it), then checked for ids repeated across blocks, in input order; and how many records it skipped."""
    records, skipped, newlines = [], 0, 0
    repeats = RepeatedIds(done)
    for seq, unit in enumerate(iter_units([str(path)], partition_bytes=block_bytes)):
        partition = Partition(seq, block=unit) if isinstance(unit, LineBlock) else Partition(seq, (unit,))
        result = extract_partition(partition, BLANK, frozenset(done), lines_before=newlines)
        if isinstance(unit, LineBlock):
            result = repeats.check(unit, result)
            newlines += count_newlines(unit)
        records += [r.to_dict() for r in result.records]
        skipped += result.skipped
    return records, skipped


BLANK = Job(PipelineSpec(model=None, layers=(), loader=POISON), IngestOptions())
FEED_LINES = st.lists(st.one_of(
    st.builds(lambda i, t: orjson.dumps({"id": f"a{i}", "text": t}), st.integers(0, 9), st.text(max_size=30)),
    st.builds(lambda t: orjson.dumps({"text": t}), st.text(max_size=30)),  # no id: FILE:LINE
    st.sampled_from([b"", b"   ", b"not json", b"[1, 2]"]),  # blank lines are skipped; the others are error items
), max_size=25)


@settings(max_examples=60, deadline=None)
@given(rows=FEED_LINES, block_bytes=st.integers(1, 120), final_newline=st.booleans(), data=st.data())
def test_a_feed_analysed_in_line_blocks_gives_the_records_of_a_local_run(rows, block_bytes, final_newline, data):
    """Line numbers, FILE:LINE ids, bad lines, ids repeated inside and across blocks; resumed or not."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes(b"\n".join(rows) + (b"\n" if final_newline and rows else b""))
        nlp = BLANK.spec.load()
        local = [r.to_dict() for r in extract_many(iter_articles([str(path)]), nlp=nlp)]
        done = set(data.draw(st.lists(st.sampled_from([r["id"] for r in local]), unique=True))) if local else set()
        records, skipped = records_in_blocks(path, block_bytes, done)
        assert records == [r for r in local if r["id"] not in done]
        assert skipped == sum(r["id"] in done for r in local)


def test_unreadable_and_oversized_files_become_the_error_items_of_a_local_run(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    gone = FileUnit(str(tmp_path / "gone.txt"), "gone.txt", "gone.txt", 10)
    options = IngestOptions(max_bytes=100)
    [too_large] = read_partition(Partition(0, (FileUnit(str(big), str(big), "big.txt", 500),)), options)
    [local] = iter_articles([str(big)], max_bytes=100)
    assert (too_large.type, too_large.message) == (local.type, local.message) == ("too_large", local.message)
    [missing] = read_partition(Partition(0, (gone,)), options)
    assert (missing.id, missing.type) == ("gone.txt", "io_error") and "gone.txt" in missing.message


# -- part files -----------------------------------------------------------------------------------------------


def test_part_files_are_numbered_in_input_order(tmp_path):
    parts = PartFiles(tmp_path / "out" / "part-*.jsonl")
    assert parts.path(7) == tmp_path / "out" / "part-000007.jsonl"
    assert (tmp_path / "out").is_dir()


@pytest.mark.parametrize("pattern", ["part.jsonl", "part-*-*.jsonl", "*/part-*.jsonl"])
def test_a_part_pattern_has_one_wildcard_in_the_file_name(tmp_path, pattern):
    with pytest.raises(PartFilesError):
        PartFiles(tmp_path / pattern)


def test_part_files_of_an_earlier_run_need_resume(tmp_path):
    line = b'{"schema":"claimx/1","id":"%s"}\n'  # --resume appends only to claimx output
    (tmp_path / "part-000000.jsonl").write_bytes(line % b"a" + line % b"b" + b'{"schema":"claimx/1","id":"c","tor')
    (tmp_path / "part-000003.jsonl").write_bytes(line % b"d")
    with pytest.raises(PartFilesError, match="--resume"):
        PartFiles(tmp_path / "part-*.jsonl")
    parts = PartFiles(tmp_path / "part-*.jsonl", resume=True)
    assert parts.completed_ids() == {"a", "b", "d"}
    assert (tmp_path / "part-000000.jsonl").read_bytes().endswith(b'"b"}\n')  # the torn line is cut


@pytest.mark.parametrize(("args", "message"), [
    (["examples/", "--dask", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler at tcp://127.0.0.1:1"),
    (["examples/", "--dask", "local:0"], "at least one worker"),
    (["--dask", "local:1"], "not stdin"),
    (["examples/", "--dask", "local:1", "--jobs", "2"], "--jobs is for runs on this machine"),
    (["examples/", "--dask", "local:1", "-o", "out/part-*.jsonl", "-f", "csv"], "part files"),
    (["nosuchscheme-xyz://bucket/", "--dask", "local:1"], "nosuchscheme-xyz"),
])
def test_setup_mistakes_are_usage_errors(args, message, monkeypatch, tmp_path):
    from claimx.distributed import cluster

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)  # a scheduler that is not there: do not wait 10 s
    result = CliRunner().invoke(app, ["extract", *args], standalone_mode=False)
    assert type(result.exception).__name__ == "UsageError" and message in str(result.exception)


def test_without_the_extra_dask_runs_say_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when not installed
    result = CliRunner().invoke(app, ["extract", "examples/", "--dask", "local:1"], standalone_mode=False)
    assert "pip install 'claimx[dask]'" in str(result.exception)


def test_the_core_install_never_imports_dask():
    code = ("import sys, claimx.cli, claimx.batch, claimx.extract, claimx.distributed; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'fsspec'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "[]", proc.stderr


# -- on a LocalCluster with 2 worker processes --------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    from claimx.distributed import connect

    with connect("local:2") as client:
        yield client


@pytest.fixture(scope="module")
def local_run():
    """`claimx extract examples/ -f jsonl`, in this process (its pipeline is loaded once per test session)."""
    result = CliRunner().invoke(app, ["extract", "examples/", "-f", "jsonl", "-q"], catch_exceptions=False)
    return [orjson.loads(line) for line in result.stdout_bytes.splitlines()]


def run(client, inputs, out: Path, *, dask_settings=TINY, skip_ids=frozenset(), **batch_settings):
    sink = PartFiles(out, resume=bool(skip_ids)) if "*" in out.name else open_sink("jsonl", out, append=bool(skip_ids))
    return run_on_dask(client, inputs, sink, BatchSettings(**batch_settings), skip_ids=skip_ids,
                       dask_settings=dask_settings)


def test_two_workers_write_the_records_of_a_local_run(client, local_run, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out.jsonl"
    summary = run(client, ["examples/"], out)
    records = lines(out)
    assert by_id(records) == by_id(local_run)
    assert records == local_run  # and in input order
    assert (summary.documents, summary.failed) == (len(local_run), sum("error" in r for r in local_run))


def test_the_cli_runs_on_a_running_scheduler_and_writes_part_files(client, local_run, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    pattern = tmp_path / "parts" / "part-*.jsonl"
    result = CliRunner().invoke(app, ["extract", "examples/", "--dask", client.scheduler.address, "-o", str(pattern)])
    assert result.exit_code == 1  # examples/expected/ holds records, not articles: error records, as locally
    assert "claimx: 12 documents, 6 failed" in result.stderr and "Traceback" not in result.stderr
    parts = sorted(pattern.parent.glob("part-*.jsonl"))
    assert [r for part in parts for r in lines(part)] == local_run


def test_the_cli_writes_a_parquet_archive_on_the_cluster(client, local_run, tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    from claimx.output.archive import read_tables
    from claimx.output.rows import tables_of

    monkeypatch.chdir(ROOT)
    out = tmp_path / "archive"
    result = CliRunner().invoke(app, ["extract", "examples/", "--dask", client.scheduler.address, "-f", "parquet",
                                      "-o", str(out), "-q"])
    assert result.exit_code == 1, result.stderr  # examples/expected/ holds records, not articles, as above
    tables, expected = read_tables(out), tables_of(local_run)
    assert len(tables["articles"]) == len(local_run)
    for table in ("entities", "money", "dates", "claims", "claim_links"):
        assert len(tables[table]) == len(expected[table]), table


def test_fsspec_urls_give_the_ids_of_a_local_run(client, local_run, tmp_path):
    out = tmp_path / "out.jsonl"
    run(client, [(ROOT / "examples").as_uri() + "/"], out)
    records = lines(out)
    # an id repeated across inputs is made unique with its source, which is named as the input was given
    ids = [r["id"].replace((ROOT / "examples").as_uri(), "examples") for r in records]
    assert ids == [r["id"] for r in local_run]
    assert [r.get("entities") for r in records] == [r.get("entities") for r in local_run]


def test_resume_analyses_only_what_is_missing(client, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 12)
    feed = tmp_path / "corpus" / "feed.jsonl"
    feed.write_bytes(b"".join(orjson.dumps({"id": f"f{i}", "text": f"Line {i} of the feed."}) + b"\n"
                              for i in range(12)))
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    settings = dict(dask_settings=DaskSettings(partition_bytes=200), pipeline_loader=POISON)
    run(client, [str(corpus)], full, **settings)
    out.write_bytes(b"".join(line + b"\n" for line in full.read_bytes().splitlines()[::2]))  # every other record
    summary = run(client, [str(corpus)], out, skip_ids=completed_ids(out), **settings)
    assert summary.skipped == 12 and summary.documents == 12
    assert by_id(lines(out)) == by_id(lines(full))


def test_resumed_part_files_hold_every_record_once(client, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 10)
    pattern = tmp_path / "out" / "part-*.jsonl"
    settings = dict(dask_settings=DaskSettings(partition_bytes=100), pipeline_loader=POISON)
    run(client, [str(corpus)], pattern, **settings)
    first = sorted(pattern.parent.glob("*.jsonl"))
    lost = len(lines(first[1]))
    first[1].unlink()  # as if the run had been stopped before that partition was written
    summary = run(client, [str(corpus)], pattern, skip_ids=PartFiles(pattern, resume=True).completed_ids(), **settings)
    assert (summary.documents, summary.skipped) == (lost, 10 - lost)
    assert sorted(pattern.parent.glob("*.jsonl")) == first  # partitions are numbered as in the first run
    ids = [r["id"] for part in first for r in lines(part)]
    assert ids == [f"doc{i:02d}.txt" for i in range(10)]


def test_a_worker_killed_mid_partition_is_replaced_and_its_partition_retried(client, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 8)
    marker = tmp_path / "killed-once"
    (corpus / "doc03.txt").write_text(kill_once_text(str(marker)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run(client, [str(corpus)], out, dask_settings=DaskSettings(partition_bytes=150),
                  pipeline_loader=KILL_ONCE)
    assert marker.exists()  # a worker did die on doc03
    records = lines(out)
    assert [r["id"] for r in records] == [f"doc{i:02d}.txt" for i in range(8)]
    assert not any("error" in r for r in records) and summary.failed == 0


def test_a_document_that_kills_every_worker_becomes_one_worker_died_record(client, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6)
    (corpus / "doc02.txt").write_text(f"This one is {MARKER}.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run(client, [str(corpus)], out, dask_settings=DaskSettings(partition_bytes=1000),
                  pipeline_loader=POISON)
    records = lines(out)
    assert [r["id"] for r in records] == [f"doc{i:02d}.txt" for i in range(6)]
    assert [r["id"] for r in records if "error" in r] == ["doc02.txt"]
    assert records[2]["error"]["type"] == "worker_died"
    assert summary.failed == 1
