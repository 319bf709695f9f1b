"""The Python API the CLI is a thin layer over: text or Articles in, claimx/1 Records out."""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from contextlib import AbstractContextManager, nullcontext
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from claimx.ingest import Article, ArticleError
from claimx.ingest.assemble import with_reading
from claimx.records import Record, record_from_doc

if TYPE_CHECKING:  # spaCy is imported when a pipeline is needed, not by `import claimx`
    from spacy.language import Language
    from spacy.tokens import Doc
    from claimx.ingest.datelines import Dateline

ArticleLike = Article | ArticleError | str | dict


def extract(text: str, published: str | None = None, *, id: str = "-", model: str | None = None,
            country: str | None = None) -> Record:
    """Analyse one article's text. `published` (YYYY-MM-DD) anchors relative dates; `country` (ISO 3166-1
    alpha-2) is the publisher's, which a bare "$" weighs."""
    article = Article(id=id, source=id, text=text, published=published,
                      published_source="input" if published else None, country=country)
    return next(extract_many([article], model=model))


def extract_many(
    articles: Iterable[ArticleLike],
    *,
    model: str | None = None,
    layers: Iterable[str] | None = None,
    batch_size: int = 32,
    include_text: bool = False,
    nlp: Language | None = None,
    doc_timeout: float | None = None,
) -> Iterator[Record]:
    """Analyse many articles with `nlp.pipe`, streaming, in input order. Each input yields exactly one Record:
    a failed document yields an error record and the rest go on. `doc_timeout`: seconds one document may take
    (in the main thread: see claimx.deadline) before it becomes a `timeout` error record."""
    if nlp is None:
        from claimx.pipeline import LAYERS, load_pipeline, normalize_layers

        nlp = load_pipeline(model, normalize_layers(layers) if layers is not None else LAYERS)
    batch: list[Article | ArticleError] = []
    for item in articles:
        batch.append(_as_article(item))
        if len(batch) >= batch_size:
            yield from _analyse(nlp, batch, include_text, doc_timeout)
            batch = []
    yield from _analyse(nlp, batch, include_text, doc_timeout)


def _analyse(nlp: Language, batch: list[Article | ArticleError], include_text: bool,
             doc_timeout: float | None = None) -> list[Record]:
    """One record per article. Inside a memory zone, so the strings a batch adds to the vocab are freed after it
    and a worker's memory stays flat over 100,000 articles; no Doc leaves this function."""
    if not batch:
        return []
    with _memory_zone(nlp):
        pending: list[tuple[Article, Doc] | Record] = []
        for article in batch:
            if isinstance(article, ArticleError):
                pending.append(Record.failed(article.id, article.source, article.type, article.message))
            elif not article.text.strip():
                pending.append(Record.failed(article.id, article.source, "empty", "no text to analyse"))
            elif len(article.text) > nlp.max_length:
                pending.append(_too_large(article, nlp.max_length))
            else:
                try:
                    pending.append((article, make_doc(nlp, article)))
                except Exception as exc:  # one bad document never stops the batch
                    pending.append(_failure(article, exc))
        return list(_run(nlp, pending, include_text, doc_timeout))


_WARMED: weakref.WeakSet[Language] = weakref.WeakSet()


def _memory_zone(nlp: Language) -> AbstractContextManager:
    """spaCy does not fill its tokenizer cache inside a memory zone (tokenizing then costs ~3 ms more per article):
    a pipeline's first batch runs outside one, so the words of ordinary prose are cached for good."""
    if nlp in _WARMED:
        return nlp.memory_zone()
    _WARMED.add(nlp)
    return nullcontext()


def make_doc(nlp: Language, article: Article) -> Doc:
    """The Doc the pipeline reads: made from the article's reading view (hard-wrapped lines joined, the same length
    as its text, so every offset indexes the file's characters; records slice `article.text`)."""
    from claimx.extensions import remember_text  # imports spaCy: not at `import claimx`
    from claimx.hyphens import join_hyphen_breaks

    article = with_reading(article)  # every Article the pipeline reads passes here (ingest has usually done it)
    doc = tokenize(nlp, article.reading, [offset for d in article.datelines for offset in _dateline_bounds(d)])
    remember_text(doc, article.reading)
    if article.hyphen_breaks:
        doc = join_hyphen_breaks(doc, article.hyphen_breaks, _vocabulary(nlp))
    doc._.claimx_published = article.published
    doc._.claimx_country = article.country
    doc._.claimx_masked = list(article.masked)
    doc._.claimx_headlines = list(article.headlines)
    doc._.claimx_datelines = [{"start": d.start, "end": d.end, "places": list(d.places), "agency": d.agency}
                              for d in article.datelines]
    _start_sentences_at(doc, article.masked + article.headlines + [(d.start, d.end) for d in article.datelines])
    _bound_sentences(doc)
    return doc


def _dateline_bounds(dateline: Dateline) -> list[int]:
    """Where a dateline's tokens must end: at its end, and around its places and agency."""
    spans = [*dateline.places, *([dateline.agency] if dateline.agency else [])]
    return [dateline.end, *(offset for span in spans for offset in span)]


_VOCABULARIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _vocabulary(nlp: Language):
    from claimx.hyphens import Vocabulary

    if nlp not in _VOCABULARIES:
        _VOCABULARIES[nlp] = Vocabulary(nlp)
    return _VOCABULARIES[nlp]


LONG_RUN = 100  # characters without a space: longer than any word, URL pieces aside
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def tokenize(nlp: Language, text: str, cuts: Iterable[int] = ()) -> Doc:
    """`nlp.make_doc(text)`, except that no token runs across one of `cuts` (character offsets: the end of a dateline
    glued to its story, "(Jiji Press)--Toyota"), and a run of more than LONG_RUN characters without a space is cut
    into LONG_RUN-character tokens: spaCy's tokenizer peels punctuation and symbols off a run one at a time, which is
    quadratic in its length (20,000 '$' in a row take minutes). The Doc's text is `text`, character for character."""
    inside_words = sorted({c for c in cuts
                           if 0 < c < len(text) and not text[c - 1].isspace() and not text[c].isspace()})
    if not inside_words and not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for cut in [*inside_words, len(text)]:
        _add_piece(nlp, text[position:cut], words, spaces)
        position = cut
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _add_piece(nlp: Language, text: str, words: list[str], spaces: list[bool]) -> None:
    position = 0
    for run in _LONG_RUN.finditer(text):
        _add_tokens(nlp, text[position:run.start()], words, spaces)
        pieces = [run.group()[i:i + LONG_RUN] for i in range(0, run.end() - run.start(), LONG_RUN)]
        words += pieces
        spaces += [False] * len(pieces)
        position = run.end()
    _add_tokens(nlp, text[position:], words, spaces)


def _add_tokens(nlp: Language, text: str, words: list[str], spaces: list[bool]) -> None:
    if text:
        for token in nlp.make_doc(text):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))


def _start_sentences_at(doc: Doc, ranges: list[tuple[int, int]]) -> None:
    """Chrome, headlines and datelines stand as sentences of their own: the parser (which keeps preset boundaries)
    never joins a headline to the first paragraph, a "RELATED ARTICLES" line to the last one, or "MIAMI (Reuters) -"
    to the subject of the sentence after it."""
    if not ranges:
        return
    starts = [token.idx for token in doc]
    for char in {edge for span in ranges for edge in span}:
        i = bisect_left(starts, char)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True


MAX_SENTENCE_TOKENS = 300  # no sentence of news runs this long without a full stop or a line break
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})


def _bound_sentences(doc: Doc) -> None:
    """Text that runs MAX_SENTENCE_TOKENS tokens with no full stop and no line break ("Acme said that Acme said that
    …", dates in a row) gets a sentence start every MAX_SENTENCE_TOKENS tokens before the parser sees it: one
    sentence of 20,000 tokens makes a parse tree as deep as it is long, and every layer that walks a tree or a
    sentence quadratic. Ordinary text is never touched."""
    from spacy.attrs import SENT_START

    if len(doc) <= MAX_SENTENCE_TOKENS:
        return
    starts = doc.to_array([SENT_START]).reshape(-1, 1)  # set all at once: each `token.is_sent_start = True` scans the whole doc
    run, changed = 0, False
    for i, token in enumerate(doc):
        if starts[i, 0] == 1 or token.text in _SENTENCE_ENDS or "\n" in token.text:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS:
            starts[i, 0], run, changed = 1, 0, True
        else:
            run += 1
    if changed:
        doc.from_array([SENT_START], starts)


def _run(nlp: Language, pending: list, include_text: bool, doc_timeout: float | None = None) -> Iterator[Record]:
    """The batch through `nlp.pipe`, one document at a time, each within `doc_timeout`. When a document fails or
    runs out of time, the batch's stream is dropped (it cannot go on after an exception) and the rest go one by
    one, the failed document first, so only a guilty document is lost."""
    jobs = [p for p in pending if not isinstance(p, Record)]
    stream: Iterator[Doc] | None = iter(nlp.pipe(doc for _, doc in jobs))
    for item in pending:
        if isinstance(item, Record):
            yield item
            continue
        article, doc = item
        result = _timed(lambda: record_from_doc(next(stream) if stream is not None else nlp(doc), article,
                                                include_text=include_text), article, doc_timeout)
        if stream is not None and not isinstance(result, Record):
            stream = None
            result = _timed(lambda: record_from_doc(nlp(doc), article, include_text=include_text), article,
                            doc_timeout)
        elif isinstance(result, Record) and result.error is not None:  # timed out
            stream = None
        yield result if isinstance(result, Record) else _failure(article, result)


def _timed(work, article: Article, doc_timeout: float | None) -> Record | Exception:
    """`work()`'s record, a `timeout` error record, or the exception it raised."""
    from claimx.deadline import DocTimeout, time_limit

    try:
        with time_limit(doc_timeout):
            return work()
    except DocTimeout:
        return Record.failed(article.id, article.source, "timeout",
                             f"analysis took longer than {doc_timeout:g} s (--doc-timeout); the run went on")
    except Exception as exc:  # one bad document never stops the batch
        return exc


def _too_large(article: Article, limit: int) -> Record:
    """Longer than spaCy's max_length (1,000,000 characters by default): one clear error, never a crash or a
    machine out of memory. No news article comes close; a file that does is usually not one article."""
    return Record.failed(article.id, article.source, "too_large",
                         f"{len(article.text):,} characters; claimx analyses documents of at most {limit:,}")


def _failure(article: Article, exc: Exception) -> Record:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Record.failed(article.id, article.source, "processing_error", message[:500])


def _as_article(item: ArticleLike) -> Article | ArticleError:
    if isinstance(item, ArticleError):
        return item
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(id="-", source="-", text=item)
    if isinstance(item, dict):
        published = item.get("published") or item.get("date")
        return Article(
            id=str(item.get("id", "-")), source=str(item.get("source", item.get("id", "-"))), text=item["text"],
            published=published, published_source="input" if published else None,
            title=item.get("title"), url=item.get("url"),
        )
    raise TypeError(f"cannot analyse {type(item).__name__}: give text, a dict with 'text', or an Article")
