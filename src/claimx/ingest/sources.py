"""Walk the inputs a user names and yield one Article (or ArticleError) per document, streaming."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import orjson

from claimx.ingest.article import Article, ArticleError
from claimx.ingest.select import is_selected

TEXT_FIELDS = ("text", "content", "body")
DATE_FIELDS = ("published", "date", "publish_date", "pubDate")
TITLE_FIELDS = ("title", "headline")
ID_FIELDS = ("id", "url")


def iter_articles(paths: Iterable[str], *, published: str | None = None, include: Sequence[str] = (),
                  exclude: Sequence[str] = ()) -> Iterator[Article | ArticleError]:
    """Yield articles from files, directories (recursively, sorted) and `-` (stdin), in the order given.
    `include`/`exclude`: glob patterns choosing which files of a directory are read (see ingest.select)."""
    for raw in paths:
        if raw == "-":
            yield from read_stdin(sys.stdin.buffer.read(), published=published)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path).as_posix()
                if is_selected(relative, include, exclude):
                    yield from read_file(child, id_=relative, published=published)
        else:
            yield from read_file(path, id_=raw, published=published)


def read_file(path: Path, *, id_: str, published: str | None = None) -> Iterator[Article | ArticleError]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(id_, source, "io_error", f"cannot read {source}: {exc.strerror or exc}")
        return
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(data, source=source, published=published)
        return
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        yield ArticleError(id_, source, "decode_error", f"{source} is not UTF-8 text: {exc.reason}")
        return
    yield _with_cli_date(Article(id=id_, source=source, text=text), published)


def read_stdin(data: bytes, *, published: str | None = None) -> Iterator[Article | ArticleError]:
    """Stdin is JSON Lines when every non-empty line is a JSON object, else one plain-text article."""
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(_is_json_object(line) for line in lines):
        yield from read_jsonl(data, source="-", published=published)
        return
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        yield ArticleError("-", "-", "decode_error", f"stdin is not UTF-8 text: {exc.reason}")
        return
    yield _with_cli_date(Article(id="-", source="-", text=text), published)


def read_jsonl(data: bytes, *, source: str, published: str | None = None) -> Iterator[Article | ArticleError]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        fallback_id = f"{source}:{number}"
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield ArticleError(fallback_id, source, "bad_jsonl", f"{source} line {number}: invalid JSON ({exc})")
            continue
        if not isinstance(obj, dict):
            yield ArticleError(fallback_id, source, "bad_jsonl", f"{source} line {number}: not a JSON object")
            continue
        article_id = _first_str(obj, ID_FIELDS) or fallback_id
        text = _first_str(obj, TEXT_FIELDS)
        if text is None:
            yield ArticleError(article_id, source, "bad_jsonl", f"{source} line {number}: no string 'text' field")
            continue
        date = _first_str(obj, DATE_FIELDS)
        article = Article(
            id=article_id,
            source=source,
            text=text,
            published=date[:10] if date else None,
            published_source="input" if date else None,
            title=_first_str(obj, TITLE_FIELDS),
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        )
        yield _with_cli_date(article, published)


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped); CRLF is kept as is so offsets index the file's own text."""
    return data.decode("utf-8-sig")


def _with_cli_date(article: Article, published: str | None) -> Article:
    if article.published is None and published:
        article.published, article.published_source = published, "cli"
    return article


def _first_str(obj: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(orjson.loads(line), dict)
    except orjson.JSONDecodeError:
        return False
