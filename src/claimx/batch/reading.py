"""Who reads what. Files of a directory walk are read by the process that analyses them: with `--jobs N`, the
decoding, HTML extraction and chrome masking of N files run in parallel, and the main process only walks paths.
Feeds (JSON Lines, stdin) and URLs are read by the main process, one article per line as it goes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimx.ingest import Article, ArticleError, IngestOptions, Input, iter_inputs, read_input
from claimx.records import Record

ArticleItem = Article | ArticleError | Input  # an Input is a file not read yet
_FEED_SUFFIXES = (".jsonl", ".ndjson")


def plan(paths: Sequence[str], options: IngestOptions, *, include: Sequence[str] = (),
         exclude: Sequence[str] = (), follow_symlinks: bool = False, outputs: Sequence[str | int] = ()
         ) -> Iterator[ArticleItem]:
    """Every document of the inputs, in order: single-document files as Inputs still to read, the rest read.
    What the walk left out comes through as Inputs of kind `skipped` (run_batch counts them for the summary).
    `outputs`: the run's output (a path, or stdout's descriptor when it is a file), never read back."""
    for item in iter_inputs(paths, include=include, exclude=exclude, follow_symlinks=follow_symlinks,
                            outputs=outputs):
        if item.kind == "skipped" or (item.kind == "file"
                                      and Path(item.location).suffix.lower() not in _FEED_SUFFIXES):
            yield item
        else:
            yield from read_input(item, options)


def item_size(item: ArticleItem) -> int:
    """Characters to analyse, for sizing batches (a file not read yet: its size in bytes, when known)."""
    if isinstance(item, Article):
        return len(item.text)
    if isinstance(item, Input) and item.kind == "file":
        try:
            return Path(item.location).stat().st_size
        except OSError:
            return 0
    return 0


def analyse(nlp: Any, items: list[ArticleItem], options: IngestOptions, include_text: bool,
            doc_timeout: float | None = None) -> tuple[list[Record], int]:
    """Read what is still to read, then one record per item, in order, and the number of words analysed."""
    from claimx.extract import extract_many

    articles = [read_one(item, options) if isinstance(item, Input) else item for item in items]
    records = list(extract_many(articles, nlp=nlp, batch_size=max(1, len(articles)), include_text=include_text,
                                doc_timeout=doc_timeout))
    words = sum(len(a.text.split()) for a, r in zip(articles, records) if isinstance(a, Article) and r.error is None)
    release_memory()
    return records, words


def release_memory() -> None:
    """Hand the memory batches freed back to the system when the process is GROWTH_BEFORE_TRIM larger than it
    was at the largest trim so far: glibc keeps freed memory, and a long run's RSS would creep up with
    fragmentation. Not after every batch: the next batch would fault the same pages back in (2% of a run).
    A no-op without glibc."""
    global _largest_trimmed
    if _malloc_trim is None:
        return
    rss = _resident_bytes()
    if rss is None or rss > _largest_trimmed * GROWTH_BEFORE_TRIM:
        _malloc_trim(0)
        _largest_trimmed = max(_largest_trimmed, rss or 0)


GROWTH_BEFORE_TRIM = 1.02
_largest_trimmed = 0  # resident bytes before the largest trim


def _resident_bytes() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


def _find_malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _find_malloc_trim()
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if _malloc_trim is not None else 4096


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
