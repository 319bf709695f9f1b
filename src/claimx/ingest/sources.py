"""Walk the inputs a user names and yield one Article (or ArticleError) per document, streaming.

An input is a file, a directory (walked recursively, sorted), `-` (stdin) or an http(s) URL. A file is read
by its suffix: `.jsonl`/`.ndjson` as a feed (streamed line by line), `.html`/`.htm` as a page, `.txt` as text;
any other file is a page when it starts like HTML, else text. Binary files and undecodable text become error
records, never exceptions.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson

from claimx.ingest.article import Article, ArticleError
from claimx.ingest.assemble import make_article
from claimx.ingest.encoding import DecodeProblem, decode_bytes
from claimx.ingest.fetch import FetchError, fetch, is_url
from claimx.ingest.jsonl import LongLine, bounded_lines, read_jsonl
from claimx.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from claimx.ingest.select import is_selected

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text")


@dataclass(frozen=True)
class Input:
    """One thing to read, found by walking the paths: kind is file, stdin or url; `error` for a document that was
    meant but cannot be reached (a dangling symlink, an unreadable directory: it yields one io_error record), and
    `skipped` for what the walk deliberately leaves out (`problem` says why, for the run's summary)."""

    kind: str
    location: str  # the path as found, `-`, or the URL
    id: str  # path relative to the directory given, or as given
    problem: str | None = None  # kind error: the error message; kind skipped: why, as counted in the summary


# Why the walk left a file out, as the summary counts them.
SKIPPED_OUTPUT = "output file"
SKIPPED_SYMLINK = "symlink leading out of the walked directory (--follow-symlinks reads it)"


def iter_articles(
    paths: Iterable[str],
    *,
    published: str | None = None,
    country: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    text_field: str | None = None,
    id_field: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: IngestOptions | None = None,
    follow_symlinks: bool = False,
    outputs: Sequence[str | int] = (),
) -> Iterator[Article | ArticleError]:
    """Yield articles from files, directories, `-` (stdin) and URLs, in the order given.
    `include`/`exclude`: glob patterns choosing which files of a directory are read (see ingest.select).
    `published` is the --date fallback, `country` the --country one; `options` (when given) replaces the other
    keyword settings. `follow_symlinks`, `outputs`: see iter_inputs."""
    options = options or IngestOptions(published=published, country=country, text_field=text_field,
                                       id_field=id_field, max_bytes=max_bytes)
    for item in iter_inputs(paths, include=include, exclude=exclude, follow_symlinks=follow_symlinks,
                            outputs=outputs):
        yield from read_input(item, options)


def iter_inputs(paths: Iterable[str], *, include: Sequence[str] = (), exclude: Sequence[str] = (),
                follow_symlinks: bool = False, outputs: Sequence[str | int] = ()) -> Iterator[Input]:
    """What `iter_articles` will read, without reading it (for workers that read in parallel).

    Directories are walked in sorted order. A symlink is followed only when it leads to somewhere inside the
    directory being walked, unless `follow_symlinks`. `outputs` (paths or open file descriptors: the run's
    output) are never read back: a file (or directory) the walk meets that is one of them is skipped, so a run
    writing into the directory it reads cannot loop on its own records. They are looked up when the iteration
    starts, so an output file created after this call but before the first item is drawn is still recognised."""
    avoid = _identities(outputs)
    for raw in paths:
        if raw == "-":
            yield Input("stdin", "-", "-")
        elif is_url(raw):
            yield Input("url", raw, raw)
        elif os.path.isdir(raw):
            yield from _Walk(Path(raw), include, exclude, follow_symlinks, avoid)
        elif _identity(raw) in avoid:
            yield Input("skipped", raw, raw, SKIPPED_OUTPUT)
        else:
            yield Input("file", raw, raw)


class _Walk:
    """One directory given on the command line, walked in sorted order (the order `sorted(rglob("*"))` gives).

    Every file is yielded once: symlinks are followed after the real files and folders, and one that leads to a
    file or folder already walked is dropped (a `latest.txt` link to a story yields no second record). A symlink
    leading out of the directory is followed only with `follow_symlinks`; else it is reported as skipped."""

    def __init__(self, root: Path, include: Sequence[str], exclude: Sequence[str], follow_symlinks: bool,
                 avoid: set[tuple[int, int]]):
        self.real_root = os.path.realpath(root)
        self.root, self.include, self.exclude = root, include, exclude
        self.follow_symlinks, self.avoid = follow_symlinks, avoid
        self.seen: set[tuple[int, int]] = set()  # folders and files walked
        self.links: list[tuple[Path, str]] = []  # symlinks met, followed once the real tree is done

    def __iter__(self) -> Iterator[Input]:
        yield from self._directory(self.root, "")
        while self.links:
            path, relative = self.links.pop(0)
            yield from self._link(path, relative)

    def _directory(self, directory: Path, prefix: str) -> Iterator[Input]:
        try:
            self.seen.add(_identity(directory))
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            yield Input("error", str(directory), prefix.rstrip("/") or ".",
                        f"cannot read directory {directory}: {exc.strerror or exc}")
            return
        for entry in entries:
            relative, path = prefix + entry.name, Path(entry.path)
            if entry.is_symlink():
                self.links.append((path, relative))
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                yield Input("error", str(path), relative, f"cannot read {path}: {exc.strerror or exc}")
                continue
            yield from self._found(path, relative, info)

    def _link(self, path: Path, relative: str) -> Iterator[Input]:
        selected = is_selected(relative, self.include, self.exclude)
        target = os.path.realpath(path)
        try:
            info = os.stat(target)
        except OSError:
            if selected:
                yield Input("error", str(path), relative, f"{path}: dangling symlink (its target "
                                                         f"{_link_text(path)} cannot be read)")
            return
        if (info.st_dev, info.st_ino) in self.seen:
            return
        if not self.follow_symlinks and os.path.commonpath([self.real_root, target]) != self.real_root:
            if selected or stat.S_ISDIR(info.st_mode):
                yield Input("skipped", str(path), relative, SKIPPED_SYMLINK)
            return
        yield from self._found(path, relative, info)

    def _found(self, path: Path, relative: str, info: os.stat_result) -> Iterator[Input]:
        identity = (info.st_dev, info.st_ino)
        if identity in self.avoid:
            if stat.S_ISREG(info.st_mode):
                yield Input("skipped", str(path), relative, SKIPPED_OUTPUT)
        elif stat.S_ISDIR(info.st_mode):
            yield from self._directory(path, relative + "/")
        elif stat.S_ISREG(info.st_mode) and is_selected(relative, self.include, self.exclude):
            self.seen.add(identity)
            yield Input("file", str(path), relative)
        # FIFOs, sockets and devices are not documents (reading a FIFO would wait forever)


def _link_text(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def input_that_is_output(paths: Iterable[str], outputs: Sequence[str | int]) -> str | None:
    """The first input named on the command line that is also an output (`extract feed.jsonl -o feed.jsonl`):
    opening the output would truncate it before it is read, and appending to it would feed the run its own
    records forever. Checked before the output is opened; files found by walking a directory are skipped instead
    (see iter_inputs). `-` counts when stdin is redirected from the output file."""
    avoid = _identities(outputs)
    if not avoid:
        return None
    for raw in paths:
        if is_url(raw) or (raw != "-" and os.path.isdir(raw)):
            continue
        if _identity(0 if raw == "-" else raw) in avoid:
            return raw
    return None


def output_targets(output: str | Path | None) -> list[str | int]:
    """What a run writes to, for iter_inputs and input_that_is_output: the -o path, else stdout when it is
    redirected to a file (`claimx extract corpus/ >> corpus/out.jsonl`)."""
    if output is not None:
        return [str(output)]
    try:
        return [1] if stat.S_ISREG(os.fstat(1).st_mode) else []
    except OSError:
        return []


def _identity(path: str | Path | int) -> tuple[int, int] | None:
    try:
        info = os.fstat(path) if isinstance(path, int) else os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _identities(paths: Sequence[str | int]) -> set[tuple[int, int]]:
    return {identity for identity in map(_identity, paths) if identity is not None}


def read_input(item: Input, options: IngestOptions) -> Iterator[Article | ArticleError]:
    if item.kind == "skipped":
        return
    if item.kind == "error":
        yield ArticleError(item.id, item.location, "io_error", item.problem or f"cannot read {item.location}")
    elif item.kind == "stdin":
        yield from read_stream(sys.stdin.buffer, options=options)
    elif item.kind == "url":
        yield read_url(item.location, options)
    else:
        yield from read_file(Path(item.location), id_=item.id, options=options)


def read_file(path: Path, *, id_: str, options: IngestOptions | None = None,
              published: str | None = None) -> Iterator[Article | ArticleError]:
    options = options or IngestOptions(published=published)
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with open(path, "rb") as handle:
                yield from read_jsonl(handle, source=source, options=options)
            return
        size = os.stat(path).st_size
        if size > options.max_bytes:
            data = b""  # a file over the cap is never read
        else:  # read at most one byte past the cap: a pipe (`<(…)`, /dev/stdin) has no size to check first
            with open(path, "rb") as handle:
                data = handle.read(options.max_bytes + 1)
            size = max(size, len(data))
    except OSError as exc:
        yield ArticleError(id_, source, "io_error", f"cannot read {source}: {exc.strerror or exc}")
        return
    yield from read_bytes(data, source, id_=id_, source=source, options=options, size=size)


def read_bytes(data: bytes, name: str, *, id_: str, source: str, options: IngestOptions,
               size: int | None = None) -> Iterator[Article | ArticleError]:
    """A file's bytes, already read (through fsspec on a Dask worker, say), read as `read_file` reads the file
    `name`. `size`: the file's full size when `data` was cut short at `options.max_bytes + 1` bytes."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), source=source, options=options)
        return
    size = len(data) if size is None else size
    if size > options.max_bytes:
        yield ArticleError(id_, source, "too_large", f"{source}: {size} bytes, more than the "
                                                     f"{options.max_bytes}-byte limit")
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "sniff"
    yield from _read_document(data, kind, id_=id_, source=source, path=source, options=options)


def read_url(url: str, options: IngestOptions) -> Article | ArticleError:
    """Fetch a page and read it as HTML (or as text when the server says text/plain)."""
    try:
        fetched = fetch(url, timeout=options.fetch_timeout, max_bytes=options.max_bytes,
                        allow_private=options.allow_private_urls)
    except FetchError as exc:
        return ArticleError(url, url, exc.type, str(exc))
    plain = (fetched.content_type or "").lower().startswith("text/plain")
    return next(_read_document(fetched.data, "text" if plain else "html", id_=url, source=url, path=None,
                               options=options, url=fetched.url))


def read_stream(stream: BinaryIO, *, options: IngestOptions) -> Iterator[Article | ArticleError]:
    """Stdin: JSON Lines (streamed) when its first non-empty line is a JSON object, else one document —
    an HTML page when it starts like one, otherwise plain text."""
    head: list[bytes] = []
    while True:
        line = stream.readline(options.max_bytes + 1)
        head.append(line)
        if not line or line.strip():
            break
    first = head[-1]
    if first.strip() and _is_json_object(first):
        yield from read_jsonl(_chain(head, bounded_lines(stream, options.max_bytes)), source="-", options=options)
        return
    read = sum(map(len, head))
    data = b"".join(head) + stream.read(max(0, options.max_bytes + 1 - read))
    if len(data) > options.max_bytes:
        yield ArticleError("-", "-", "too_large", f"stdin: more than the {options.max_bytes}-byte limit")
        return
    yield from _read_document(data, "sniff", id_="-", source="-", path=None, options=options)


def read_stdin(data: bytes, *, published: str | None = None,
               options: IngestOptions | None = None) -> Iterator[Article | ArticleError]:
    """Read bytes as stdin would be read (kept for callers that already hold the bytes)."""
    yield from read_stream(io.BytesIO(data), options=options or IngestOptions(published=published))


def _read_document(data: bytes, kind: str, *, id_: str, source: str, path: str | None, options: IngestOptions,
                   url: str | None = None) -> Iterator[Article | ArticleError]:
    """Decode one document and make it an Article; kind is html, text, or sniff (decide from the content)."""
    where = "stdin" if source == "-" else source
    declared = None
    if kind != "text":
        from claimx.ingest.html import declared_charset

        declared = declared_charset(data)
    try:
        text = decode_bytes(data, declared=declared)
    except DecodeProblem as exc:
        yield ArticleError(id_, source, exc.type, f"{where}: {exc.reason}")
        return
    if kind == "sniff":
        from claimx.ingest.html import looks_like_html

        kind = "html" if looks_like_html(text) else "text"
    if kind == "text":
        yield make_article(id_, source, text, options, path=path, url=url)
        return
    from claimx.ingest.html import extract_page

    page = extract_page(text, url=url)
    if page is None:
        yield ArticleError(id_, source, "no_content", f"{where}: no article text found in the page")
        return
    yield make_article(id_, source, page.text, options, html_date=page.published,
                       html_date_source=page.published_source or "html", path=path, title=page.title,
                       url=page.url or url, author=page.author, headings=page.headings, drop_chrome=True,
                       page_country=page.country)


def _chain(head: list[bytes], rest: Iterable[bytes | LongLine]) -> Iterator[bytes | LongLine]:
    yield from head
    yield from rest


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(orjson.loads(line), dict)
    except orjson.JSONDecodeError:
        return False
