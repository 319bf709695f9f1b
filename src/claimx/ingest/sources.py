"""Walk the inputs a user names and yield one Article (or ArticleError) per document, streaming.

An input is a file, a directory (walked recursively, sorted), `-` (stdin) or an http(s) URL. A file is read
by its suffix: `.jsonl`/`.ndjson` as a feed (streamed line by line), `.html`/`.htm` as a page, `.txt` as text;
any other file is a page when it starts like HTML, else text. Binary files and undecodable text become error
records, never exceptions.
"""

from __future__ import annotations

import io
import os
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
from claimx.ingest.jsonl import read_jsonl
from claimx.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from claimx.ingest.select import is_selected

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text")


@dataclass(frozen=True)
class Input:
    """One thing to read, found by walking the paths: kind is file, stdin or url."""

    kind: str
    location: str  # the path as found, `-`, or the URL
    id: str  # path relative to the directory given, or as given


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
) -> Iterator[Article | ArticleError]:
    """Yield articles from files, directories, `-` (stdin) and URLs, in the order given.
    `include`/`exclude`: glob patterns choosing which files of a directory are read (see ingest.select).
    `published` is the --date fallback, `country` the --country one; `options` (when given) replaces the other keyword settings."""
    options = options or IngestOptions(published=published, country=country, text_field=text_field,
                                       id_field=id_field, max_bytes=max_bytes)
    for item in iter_inputs(paths, include=include, exclude=exclude):
        yield from read_input(item, options)


def iter_inputs(paths: Iterable[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[Input]:
    """What `iter_articles` will read, without reading it (for workers that read in parallel)."""
    for raw in paths:
        if raw == "-":
            yield Input("stdin", "-", "-")
        elif is_url(raw):
            yield Input("url", raw, raw)
        elif (path := Path(raw)).is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path).as_posix()
                if is_selected(relative, include, exclude):
                    yield Input("file", str(child), relative)
        else:
            yield Input("file", raw, raw)


def read_input(item: Input, options: IngestOptions) -> Iterator[Article | ArticleError]:
    if item.kind == "stdin":
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
        data = path.read_bytes() if size <= options.max_bytes else b""  # a file over the cap is never read
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
        yield from read_jsonl(_chain(head, stream), source="-", options=options)
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


def _chain(head: list[bytes], stream: BinaryIO) -> Iterator[bytes]:
    yield from head
    yield from stream


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(orjson.loads(line), dict)
    except orjson.JSONDecodeError:
        return False
