"""The `claimx` command: parse options, call the library, hand records to the output module. No extraction here."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimx import output

app = typer.Typer(
    name="claimx",
    help="Read news articles and extract organizations, places, money, dates and who claimed what.\n\n"
    "Exit status: 0 every document processed, 1 some documents failed (after all were tried), 2 usage error.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# A news article takes well under a second; a document of 1,000,000 characters (the most claimx reads) about a
# minute on a slow machine. Two minutes stop a runaway without cutting off anything legitimate.
DEFAULT_DOC_TIMEOUT = 120.0


class UsageError(Exception):
    """A mistake in how claimx was called: one line on stderr, exit status 2."""


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


# Options several commands share, declared once.
DateOption = Annotated[Optional[str], typer.Option(
    "--date", help="Reference date YYYY-MM-DD for relative dates when the input has none.",
    callback=_check_date, show_default=False)]


def _check_country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise typer.BadParameter(f"{value!r} is not a country code; use ISO 3166-1 alpha-2, such as AU, GB or US")
    return "GB" if code == "UK" else code


CountryOption = Annotated[Optional[str], typer.Option(
    "--country", metavar="CC", help="The publisher's country (ISO 3166-1 alpha-2: AU, GB, IN...), over what the "
    "input shows (the URL's domain, the page's locale): a bare '$' on an Australian site is AUD.",
    callback=_check_country, show_default=False)]
ModelOption = Annotated[Optional[str], typer.Option(
    "--model", help="An installed spaCy pipeline (package name or path) instead of en_core_web_sm.",
    show_default=False)]


def _check_inputs(inputs: list[str], *, remote_ok: bool = False) -> None:
    """Every named input must exist (stdin, URLs and, for a cluster, fsspec URLs aside)."""
    from claimx.ingest import is_url

    for raw in inputs:
        if raw != "-" and not is_url(raw) and not os.path.exists(raw) and not (remote_ok and "://" in raw):
            raise UsageError(f"{raw}: no such file or directory")


def _check_output(inputs: list[str], output_path: Path | None) -> list[str | int]:
    """The run's outputs (for the walk to skip); refuses an output that is also a named input."""
    from claimx.ingest import input_that_is_output, output_targets

    outputs = output_targets(output_path)
    clash = input_that_is_output(inputs, outputs)
    if clash is not None:
        where = f"-o {output_path}" if output_path is not None else "stdout"
        raise UsageError(f"{'stdin' if clash == '-' else clash} is both an input and the output ({where}); "
                         "write the output to another file")
    return outputs


_DOC_TIMEOUT_HELP = ("Time one document may take; a document that takes longer becomes a 'timeout' error record "
                     "and the run goes on. 0: no limit.")
_FOLLOW_SYMLINKS_HELP = ("In directories, also follow symlinks that lead out of the directory (by default only "
                         "those pointing inside it are read; the others are counted in the summary).")


def _version(value: bool) -> None:
    if value:
        from claimx import __version__

        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """Read news articles and extract organizations, places, money, dates and who claimed what."""


@app.command()
def extract(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Files (.txt, .html, .jsonl), directories (walked recursively), http(s) URLs or '-' for stdin. "
        "None: read stdin.",
        show_default=False)] = None,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="table | jsonl | json | csv | parquet | sqlite. Default: table on a terminal, jsonl "
        "when piped or with -o. parquet (-o DIR/) and sqlite (-o FILE.db) write a queryable archive: see "
        "docs/tables.md.", show_default=False)] = None,
    output_path: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write to FILE instead of stdout (-f parquet: a directory).",
        show_default=False)] = None,
    date: DateOption = None,
    country: CountryOption = None,
    model: ModelOption = None,
    only: Annotated[Optional[str], typer.Option(
        "--only", help="Comma-separated layers to run: entities,money,dates,claims (skips unneeded components).",
        show_default=False)] = None,
    claims: Annotated[Optional[str], typer.Option(
        "--claims", help="Comma-separated kinds of claim to keep: statement (speech or thought: X said …, “…”), "
        "announcement (a reporting verb with a noun: X reported a profit of $2 million), factual (an unattributed "
        "number about a named entity). Default: all.", show_default=False)] = None,
    include_text: Annotated[bool, typer.Option(
        "--include-text", help="Put the analysed text in each record, so offsets can be used without the source.")
    ] = False,
    any_language: Annotated[bool, typer.Option(
        "--any-language", help="Analyse articles that are not in English too (with the English model: expect "
        "poor results). Default: they get an unsupported_language error record.")] = False,
    text_field: Annotated[Optional[str], typer.Option(
        "--text-field", help="JSON Lines: the field holding the article text (default: text, content or body; "
        "dots reach into objects: article.body).", show_default=False)] = None,
    id_field: Annotated[Optional[str], typer.Option(
        "--id-field", help="JSON Lines: the field holding the article id (default: id, else url).",
        show_default=False)] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="Worker processes, each with its own pipeline. 0: one per CPU core.",
        rich_help_panel="Batch")] = 1,
    glob: Annotated[Optional[list[str]], typer.Option(
        "--glob", help="In directories, read only files whose path or name matches (repeatable), e.g. '*.txt'.",
        show_default=False, rich_help_panel="Batch")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(
        "--exclude", help="In directories, skip files whose path, name or folder matches (repeatable).",
        show_default=False, rich_help_panel="Batch")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="With -o FILE (jsonl, parquet, sqlite): skip documents already in FILE and add the rest.",
        rich_help_panel="Batch")] = False,
    unordered: Annotated[bool, typer.Option(
        "--unordered", help="With --jobs: write records as they finish instead of in input order.",
        rich_help_panel="Batch")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Stop at the first document that fails (its error record is written).",
        rich_help_panel="Batch")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no summary line on stderr.", rich_help_panel="Batch")] = False,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help=_FOLLOW_SYMLINKS_HELP, rich_help_panel="Batch")] = False,
    doc_timeout: Annotated[float, typer.Option(
        "--doc-timeout", min=0, metavar="SECONDS", help=_DOC_TIMEOUT_HELP, rich_help_panel="Batch")
    ] = DEFAULT_DOC_TIMEOUT,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per nlp.pipe batch and per task sent to a worker.", hidden=True,
        rich_help_panel="Batch")] = 32,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", metavar="ADDRESS", help="Run on a Dask cluster: its scheduler (tcp://host:8786), or local[:N] for "
        "N worker processes here. Inputs may be fsspec URLs (s3://, gs://, file://). -o 'DIR/part-*.jsonl' writes "
        "one file per partition. Needs claimx\\[dask]; see docs/dask.md.", show_default=False,
        rich_help_panel="Dask")] = None,
) -> None:
    """Extract claimx/1 records from news articles.

    \b
    Examples:
      claimx extract examples/earnings.txt                 # tables in the terminal
      claimx extract corpus/ -f jsonl | jq '.money[]'      # one JSON record per article
      claimx extract feed.jsonl -o out.jsonl --date 2025-05-02
      claimx extract archive/ -o out.jsonl --jobs 0 --resume  # every core; rerun to finish after Ctrl-C
      claimx extract s3://news/2025/ --dask tcp://10.0.0.5:8786 -o 'out/part-*.jsonl'
    """
    from claimx import batch
    from claimx.ingest import IngestOptions
    from claimx.pipeline import ModelNotFound, normalize_layers
    from claimx.records import claim_kinds

    inputs = paths or ["-"]
    _check_inputs(inputs, remote_ok=bool(dask))
    fmt = format or ("table" if output_path is None and sys.stdout.isatty() else "jsonl")
    if fmt not in output.FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(output.FORMATS)}")
    try:
        layers = normalize_layers(only.split(",")) if only else None
        kinds = claim_kinds(claims) if claims is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    if resume and (output_path is None or fmt not in ("jsonl", *output.ARCHIVE_FORMATS)):
        raise UsageError("--resume needs -o FILE in jsonl, parquet or sqlite format")
    if output_path is not None and output_path.is_dir() and fmt != "parquet":
        raise UsageError(f"{output_path} is a directory; -f {fmt} writes a file")
    archive = _open_archive(fmt, output_path, resume=resume)
    outputs = _check_output(inputs, output_path)
    if dask is not None:
        if jobs != 1:
            raise UsageError("--jobs is for runs on this machine; with --dask the cluster's workers run the pipeline")
        raise typer.Exit(_extract_on_dask(
            dask, inputs, fmt, output_path, archive, resume=resume, quiet=quiet, include=tuple(glob or ()),
            exclude=tuple(exclude or ()), settings=batch.BatchSettings(
                ordered=not unordered, strict=strict, model=model, layers=layers, include_text=include_text,
                claim_kinds=kinds, ingest=IngestOptions(published=date, country=country, text_field=text_field,
                                                        id_field=id_field, any_language=any_language),
                batch_size=batch_size)))
    try:
        done = archive.completed_ids() if archive else batch.completed_ids(output_path) if resume else set()
    except batch.ResumeError as exc:
        raise UsageError(str(exc)) from None
    include, skip = tuple(glob or ()), tuple(exclude or ())
    reading = IngestOptions(published=date, country=country, text_field=text_field, id_field=id_field,
                            any_language=any_language)
    articles = batch.plan(inputs, reading, include=include, exclude=skip, follow_symlinks=follow_symlinks,
                          outputs=outputs)
    settings = batch.BatchSettings(jobs=jobs, ordered=not unordered, strict=strict, model=model, layers=layers,
                                   include_text=include_text, claim_kinds=kinds, ingest=reading,
                                   batch_size=batch_size, doc_timeout=doc_timeout or None)
    show_bar = not quiet and sys.stderr.isatty()
    progress = batch.Progress(inputs, include, skip, skipped=len(done)) if show_bar else batch.NoProgress()
    try:
        summary = batch.run_batch(articles, archive or batch.open_sink(fmt, output_path, append=resume), settings,
                                  progress=progress, skip_ids=done)
    except ModelNotFound as exc:
        raise UsageError(str(exc)) from None
    except batch.WorkerStartError as exc:
        print(f"claimx: error: {_shown(exc)}", file=sys.stderr)
        raise typer.Exit(1) from None
    if not quiet:
        print(summary.line(), file=sys.stderr)
    if summary.stopped_by is not None:
        raise typer.Exit(128 + summary.stopped_by)
    raise typer.Exit(1 if summary.failed else 0)


def _open_archive(fmt: str, output_path: Path | None, *, resume: bool):
    """The sink of an archive format (parquet, sqlite: output/archive.py), else None."""
    if fmt not in output.ARCHIVE_FORMATS:
        return None
    if output_path is None:
        example = "OUT/" if fmt == "parquet" else "archive.db"
        raise UsageError(f"-f {fmt} writes an archive: name it with -o ({example})")
    from claimx.output.archive import ArchiveError, open_archive

    try:
        return open_archive(fmt, output_path, resume=resume)
    except ArchiveError as exc:
        raise UsageError(str(exc)) from None


def _extract_on_dask(address: str, inputs: list[str], fmt: str, output_path: Path | None, archive, *, resume: bool,
                     quiet: bool, include: tuple[str, ...], exclude: tuple[str, ...], settings) -> int:
    """`extract --dask`: the same run on a Dask cluster (claimx.distributed); returns the exit status."""
    from claimx import batch, distributed
    from claimx.pipeline import ModelNotFound

    parts = distributed.is_parts_pattern(output_path)
    if parts and fmt != "jsonl":
        raise UsageError("part files (-o 'DIR/part-*.jsonl') are JSON Lines: use -f jsonl")
    # URLs cannot be counted ahead here: the progress bar then shows no ETA ('-' counts as unknown)
    counted = ["-"] if any(distributed.is_fsspec_url(raw) for raw in inputs) else inputs
    try:
        distributed.check_inputs(inputs)
        part_files = distributed.PartFiles(output_path, resume=resume) if parts else None
        done = (part_files or archive).completed_ids() if part_files or archive else \
            batch.completed_ids(output_path) if resume else set()
        with distributed.connect(address) as client:
            sink = part_files or archive or batch.open_sink(fmt, output_path, append=resume)  # -o kept on error
            show_bar = not quiet and sys.stderr.isatty()
            progress = batch.Progress(counted, include, exclude, skipped=len(done)) if show_bar else None
            summary = distributed.run_on_dask(client, inputs, sink, settings, include=include, exclude=exclude,
                                              skip_ids=done, progress=progress)
    except (distributed.DaskUnavailable, distributed.ClusterUnreachable, distributed.PlanError,
            distributed.PartFilesError, distributed.WorkerTaskError, batch.ResumeError, batch.WorkerStartError,
            ModelNotFound) as exc:
        raise UsageError(str(exc)) from None
    except distributed.ClusterLost as exc:
        print(f"claimx: error: {exc}", file=sys.stderr)
        return 1
    if not quiet:
        print(summary.line(), file=sys.stderr)
    if summary.stopped_by is not None:
        return 128 + summary.stopped_by
    return 1 if summary.failed else 0


@app.command()
def render(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Articles: files (.txt, .html, .jsonl), directories or '-' for stdin. None: read stdin.",
        show_default=False)] = None,
    output_path: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="An .html file for one page, or a directory for one page per article plus "
        "index.html. Default: the page on stdout.", show_default=False)] = None,
    date: DateOption = None,
    country: CountryOption = None,
    model: ModelOption = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help=_FOLLOW_SYMLINKS_HELP)] = False,
    doc_timeout: Annotated[float, typer.Option("--doc-timeout", min=0, metavar="SECONDS", help=_DOC_TIMEOUT_HELP)
                           ] = DEFAULT_DOC_TIMEOUT,
) -> None:
    """Render articles as self-contained HTML: highlighted mentions and a clickable claims panel.

    \b
    Examples:
      claimx render examples/earnings-nordvik.txt -o earnings.html
      claimx render corpus/ -o pages/          # one page per article + pages/index.html
    """
    from claimx.batch.run import printable_record
    from claimx.extract import extract_many
    from claimx.ingest import iter_articles
    from claimx.output import html
    from claimx.pipeline import ModelNotFound

    inputs = paths or ["-"]
    _check_inputs(inputs)
    outputs = _check_output(inputs, output_path)
    articles = iter_articles(inputs, published=date, country=country, follow_symlinks=follow_symlinks,
                             outputs=outputs)
    records = map(printable_record, extract_many(articles, model=model, include_text=True,
                                                 doc_timeout=doc_timeout or None))
    try:
        if output_path is not None and _is_page_dir(output_path):
            failed = html.write_pages(records, output_path)
        else:
            done = list(records)
            page = html.render_page(done, title=html.page_title(done)).encode("utf-8")
            if output_path is None:
                sys.stdout.buffer.write(page)
            else:
                output_path.write_bytes(page)
            failed = sum(r.error is not None for r in done)
    except (ModelNotFound, html.PageWriteError) as exc:
        raise UsageError(str(exc)) from None
    raise typer.Exit(1 if failed else 0)


@app.command()
def report(
    archive: Annotated[Path, typer.Argument(
        help="An archive: claimx/1 JSON Lines (extract -f jsonl), a Parquet directory (-f parquet) or an SQLite "
        "file (-f sqlite).", metavar="ARCHIVE", show_default=False)],
    output_path: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="The .html file to write. Default: the page on stdout.", show_default=False)] = None,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = "claimx report",
) -> None:
    """Summarize an archive as one self-contained HTML page with inline SVG charts: the entities and speakers most
    present and each speaker's claims, money by currency over time, claims per week, the most repeated claims.

    \b
    Examples:
      claimx extract corpus/ -o out.jsonl && claimx report out.jsonl -o report.html
      claimx report archive.db -o report.html --title "Energy coverage, 2025"
    """
    from claimx.output.archive import ArchiveError, read_tables
    from claimx.output.report import render_report

    if not archive.exists():
        raise UsageError(f"{archive}: no such file or directory")
    try:
        page = render_report(read_tables(archive), title=title).encode("utf-8")
    except ArchiveError as exc:
        raise UsageError(str(exc)) from None
    if output_path is None:
        sys.stdout.buffer.write(page)
    else:
        output_path.write_bytes(page)


def _is_page_dir(path: Path) -> bool:
    """`-o DIR` (an existing directory, a trailing slash, or a name without .html/.htm) writes one page each."""
    return path.is_dir() or str(path).endswith(("/", os.sep)) or path.suffix.lower() not in (".html", ".htm")


@app.command()
def info(
    format: Annotated[str, typer.Option(
        "--format", "-f", help="table | json.")] = "table",
    model: ModelOption = None,
) -> None:
    """Show versions, the pipeline's components, rule and gazetteer counts, and where they were loaded from."""
    from claimx import info as about
    from claimx.pipeline import ModelNotFound, load_pipeline

    if format not in ("table", "json"):
        raise UsageError(f"unknown format {format!r}; choose from table, json")
    try:
        data = about.collect(load_pipeline(model))
    except ModelNotFound as exc:
        raise UsageError(str(exc)) from None
    if format == "json":
        import json

        typer.echo(json.dumps(data, indent=2))
    else:
        from rich.console import Console

        Console(soft_wrap=False).print(about.render(data))


@app.command("eval")
def eval_(
    gold: Annotated[str, typer.Argument(
        help="Gold file: claimx/1 JSON Lines with 'text' (a present layer key = annotated), "
        "or a Recognizers-Text currency/datetime spec file.", metavar="GOLD", show_default=False)],
    pred: Annotated[Optional[str], typer.Option(
        "--pred", help="claimx/1 JSON Lines to score (matched to gold by id). Default: run claimx on the gold "
        "texts.", metavar="PRED", show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json.")] = "table",
    errors: Annotated[int, typer.Option(
        "--errors", help="Show the first N errors of each kind (missed, spurious, wrong value...) per layer, "
        "with their context.")] = 0,
    claims: Annotated[Optional[str], typer.Option(
        "--claims", help="Comma-separated kinds of claim to score: statement, announcement, factual. Only "
        "predicted claims of these kinds count; gold claims with a kind are filtered the same way, gold claims "
        "without one are all kept. Default: all.", show_default=False)] = None,
    model: ModelOption = None,
) -> None:
    """Score claimx against gold annotations: P/R/F per layer (see spec/eval.md).

    \b
    Examples:
      claimx eval mygold.jsonl                        # run claimx on the gold texts and score it
      claimx eval mygold.jsonl --pred out.jsonl       # score earlier output
      claimx eval mygold.jsonl --errors 10 -f json    # with the first 10 errors of each kind
      claimx eval statements.jsonl --claims statement # score only statement claims
    """
    from claimx import evaluate
    from claimx.output import scores
    from claimx.pipeline import ModelNotFound
    from claimx.records import claim_kinds

    if format not in ("table", "json"):
        raise UsageError(f"unknown format {format!r}; choose from table, json")
    if errors < 0:
        raise UsageError("--errors must be 0 or more")
    try:
        kinds = claim_kinds(claims) if claims is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for path in (gold, pred):
        if path is not None and not os.path.isfile(path):
            raise UsageError(f"{path}: no such file")
    try:
        gold_docs = evaluate.load_gold(gold)
        if pred is not None:
            predictions = evaluate.align(gold_docs, evaluate.load_predictions(pred))
        else:
            predictions = evaluate.predict(gold_docs, model=model)
        result = evaluate.evaluate(gold_docs, predictions, claim_kinds=kinds)
    except (evaluate.GoldError, ModelNotFound) as exc:
        raise UsageError(str(exc)) from None
    source = pred or f"claimx ({model or 'default model'})"
    if format == "json":
        sys.stdout.buffer.write(scores.evaluation_json(result, gold=gold, predictions=source, errors=errors))
    else:
        title = f"{gold}: {result.documents} documents, predictions from {source}"
        if kinds is not None:
            title += f", claims of kind {','.join(sorted(kinds))}"
        scores.print_evaluation(result, title=title, errors=errors)


def main() -> None:
    """Entry point: one clear line on stderr for every expected failure, never a traceback."""
    try:
        app()
    except UsageError as exc:
        print(f"claimx: error: {_shown(exc)}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:  # `claimx extract … | head -1`: the reader left; exit quietly
        _quiet_stdout()
        sys.exit(0)
    except SystemExit as exc:
        # Click answers a broken pipe itself with status 1, after wrapping stdout so later flushes stay silent.
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            _quiet_stdout()
            sys.exit(0)
        raise
    except KeyboardInterrupt:
        print("claimx: interrupted", file=sys.stderr)
        sys.exit(130)
    except OSError as exc:
        where = f": {_shown(exc.filename)}" if exc.filename else ""
        print(f"claimx: error: {_shown(exc.strerror or exc)}{where}", file=sys.stderr)
        sys.exit(1)


def _shown(message: object) -> str:
    """A message for stderr: file names in it may hold escape sequences or bytes that are not UTF-8."""
    from claimx.batch.run import printable
    from claimx.output.terminal import clean

    return clean(printable(str(message)))


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
