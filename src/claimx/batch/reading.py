"""Who reads what. Files of a directory walk are read by the process that analyses them: with `--jobs N`, the
decoding, HTML extraction and chrome masking of N files run in parallel, and the main process only walks paths.
Feeds (JSON Lines, stdin) and URLs are read by the main process, one article per line as it goes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimx.ingest import Article, ArticleError, IngestOptions, Input, iter_inputs, read_input
from claimx.records import Record

ArticleItem = Article | ArticleError | Input  # an Input is a file not read yet
_FEED_SUFFIXES = (".jsonl", ".ndjson")


def plan(paths: Sequence[str], options: IngestOptions, *, include: Sequence[str] = (),
         exclude: Sequence[str] = ()) -> Iterator[ArticleItem]:
    """Every document of the inputs, in order: single-document files as Inputs still to read, the rest read."""
    for item in iter_inputs(paths, include=include, exclude=exclude):
        if item.kind == "file" and Path(item.location).suffix.lower() not in _FEED_SUFFIXES:
            yield item
        else:
            yield from read_input(item, options)


def item_size(item: ArticleItem) -> int:
    """Characters to analyse, for sizing batches (a file not read yet: its size in bytes, when known)."""
    if isinstance(item, Article):
        return len(item.text)
    if isinstance(item, Input):
        try:
            return Path(item.location).stat().st_size
        except OSError:
            return 0
    return 0


def analyse(nlp: Any, items: list[ArticleItem], options: IngestOptions, include_text: bool
            ) -> tuple[list[Record], int]:
    """Read what is still to read, then one record per item, in order, and the number of words analysed."""
    from claimx.extract import extract_many

    articles = [read_one(item, options) if isinstance(item, Input) else item for item in items]
    records = list(extract_many(articles, nlp=nlp, batch_size=max(1, len(articles)), include_text=include_text))
    words = sum(len(a.text.split()) for a, r in zip(articles, records) if isinstance(a, Article) and r.error is None)
    release_memory()
    return records, words


def release_memory() -> None:
    """Hand the memory a batch freed back to the system (glibc keeps it otherwise, and a long run's RSS creeps up
    with fragmentation). A no-op where there is no glibc."""
    if _malloc_trim is not None:
        _malloc_trim(0)


def _find_malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _find_malloc_trim()


def read_one(item: Input, options: IngestOptions) -> Article | ArticleError:
    """A single-document file as exactly one Article or ArticleError, whatever goes wrong reading it."""
    try:
        found = list(read_input(item, options))
    except Exception as exc:  # a reader bug must cost one file, not the batch
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return ArticleError(item.id, item.location, "io_error", f"cannot read {item.location}: {message}"[:500])
    if len(found) == 1:
        return found[0]
    return ArticleError(item.id, item.location, "io_error", f"{item.location}: read as {len(found)} documents, not 1")
