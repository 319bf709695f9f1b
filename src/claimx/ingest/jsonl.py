"""JSON Lines feeds: one article per line, streamed. The analysed text is the text field verbatim.

Field names crawlers and feed readers use are recognised (`text`/`content`/`body`, `published`/`date`/
`publish_date`/`pubDate`, `title`/`headline`, `id`/`url`); `--text-field`/`--id-field` name others, with dots
reaching into nested objects (`article.body`). A line with HTML and no text (`html`) is read as a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

import orjson

from claimx.ingest.article import Article, ArticleError
from claimx.ingest.assemble import make_article
from claimx.ingest.options import IngestOptions
from claimx.ingest.published import normalize_published

TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
HTML_FIELDS = ("html", "raw_html", "content_html")
DATE_FIELDS = ("published", "date", "publish_date", "pubDate", "published_at", "date_published", "datePublished",
               "pub_date")
TITLE_FIELDS = ("title", "headline")
ID_FIELDS = ("id", "url")
URL_FIELDS = ("url", "link")


class LongLine:
    """A line over the size cap, counted but never held whole (a 400 MB line once took 1 GB before its check)."""

    def __init__(self, size: int):
        self.size = size


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | LongLine]:
    """The lines of a binary stream, each read at most `limit` + 1 bytes at a time: a longer line is skipped in
    1 MiB steps and comes out as a LongLine with its size."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (rest := stream.readline(min(_SKIP_STEP, limit + 1))) and not rest.endswith(b"\n"):
            size += len(rest)
        yield LongLine(size + len(rest))


_SKIP_STEP = 1 << 20


def read_jsonl(lines: Iterable[bytes | LongLine] | BinaryIO, *, source: str, options: IngestOptions,
               first_line: int = 1) -> Iterator[Article | ArticleError]:
    """One Article (or a `bad_jsonl`/`too_large` error naming the file and line) per non-empty line.
    `lines`: a binary stream (read line by line, no line held past the size cap) or its lines.
    `first_line`: the number of the first line given, when `lines` is a slice of a file (a distributed run)."""
    if hasattr(lines, "readline"):
        lines = bounded_lines(lines, options.max_bytes)  # type: ignore[arg-type]
    first_seen: dict[str, int] = {}  # id → line: a repeated id would make two records nobody can tell apart
    for number, line in enumerate(lines, start=first_line):
        if isinstance(line, LongLine):
            yield _too_large(source, number, line.size, options)
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM is not JSON
        if not line.strip():
            continue
        item = read_line(line, number, source=source, options=options)
        if isinstance(item, Article) and item.id in first_seen:
            yield repeated_id(source, number, item.id, first_seen[item.id])
            continue
        if isinstance(item, Article):
            first_seen[item.id] = number
        yield item


def repeated_id(source: str, number: int, article_id: str, first_number: int) -> ArticleError:
    """Line `number` repeats the id of line `first_number` (also used across the line blocks of a distributed run)."""
    return ArticleError(f"{source}:{number}", source, "duplicate_id",
                        f"{source} line {number}: id {article_id!r} was already used on line {first_number}")


def read_line(line: bytes, number: int, *, source: str, options: IngestOptions) -> Article | ArticleError:
    where = f"{source} line {number}"
    fallback_id = f"{source}:{number}"
    if len(line) > options.max_bytes:
        return _too_large(source, number, len(line), options)
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return ArticleError(fallback_id, source, "bad_jsonl", f"{where}: invalid JSON ({exc})")
    if not isinstance(obj, dict):
        return ArticleError(fallback_id, source, "bad_jsonl", f"{where}: not a JSON object")
    article_id = _id(obj, options.id_field) or fallback_id
    title = _first_str(obj, TITLE_FIELDS)
    input_date = next((d for d in (normalize_published(obj.get(name)) for name in DATE_FIELDS if name in obj) if d),
                      None)
    url = _first_str(obj, URL_FIELDS)
    text = _text(obj, options.text_field)
    if text is None and options.text_field is None and _first_str(obj, HTML_FIELDS):
        return _from_html(obj, article_id, source, where, options, input_date=input_date, title=title, url=url)
    if text is None and _blank_text(obj, options.text_field):  # "text": "  ": the README promises `empty`
        return ArticleError(article_id, source, "empty", f"{where}: the text is empty or only whitespace")
    if text is None:
        wanted = options.text_field or "text"
        return ArticleError(article_id, source, "bad_jsonl", f"{where}: no string {wanted!r} field")
    return make_article(article_id, source, text, options, input_date=input_date, title=title, url=url)


def _too_large(source: str, number: int, size: int, options: IngestOptions) -> ArticleError:
    return ArticleError(f"{source}:{number}", source, "too_large",
                        f"{source} line {number}: {size} bytes, more than the {options.max_bytes}-byte limit")


def _from_html(obj: dict, article_id: str, source: str, where: str, options: IngestOptions, *,
               input_date: str | None, title: str | None, url: str | None) -> Article | ArticleError:
    from claimx.ingest.html import extract_page

    page = extract_page(_first_str(obj, HTML_FIELDS), url=url)
    if page is None:
        return ArticleError(article_id, source, "no_content", f"{where}: no article text found in the 'html' field")
    return make_article(article_id, source, page.text, options, input_date=input_date, html_date=page.published,
                        html_date_source=page.published_source or "html", title=title or page.title,
                        url=url or page.url, author=page.author, headings=page.headings,
                        drop_chrome=True, page_country=page.country)


def _text(obj: dict, field: str | None) -> str | None:
    if field is not None:
        value = _lookup(obj, field)
        return value if isinstance(value, str) else None
    return _first_str(obj, TEXT_FIELDS)


def _blank_text(obj: dict, field: str | None) -> bool:
    values = [_lookup(obj, field)] if field is not None else [obj.get(name) for name in TEXT_FIELDS]
    return any(isinstance(value, str) for value in values)


def _id(obj: dict, field: str | None) -> str | None:
    for value in ([_lookup(obj, field)] if field else [obj.get(name) for name in ID_FIELDS]):
        if isinstance(value, str) and value:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return None


def _lookup(obj: dict, field: str) -> object:
    """`field` as a key, else as a dotted path into nested objects."""
    if field in obj:
        return obj[field]
    value: object = obj
    for part in field.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _first_str(obj: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None
