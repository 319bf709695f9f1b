"""The one shape every input becomes before analysis: an Article, or an ArticleError."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimx.ingest.datelines import Dateline


@dataclass
class Article:
    """One document to analyse. `text` is the analysed text: every offset in the output indexes it."""

    id: str
    source: str
    text: str
    published: str | None = None  # YYYY-MM-DD reference date for relative dates
    published_source: str | None = None  # input | cli | html | dateline | filename
    title: str | None = None
    url: str | None = None
    author: str | None = None  # from the page's metadata (HTML only)
    language: str | None = None  # claimx.language's guess, made once at ingestion (the record reports it)
    # The publisher's country (ISO 3166-1 alpha-2), where the input shows it: --country, the URL's domain, the
    # page's metadata. Layers weigh it where the article itself is silent (a bare "$", a fiscal calendar, "Perth").
    country: str | None = None
    # Character ranges of page furniture (navigation, share bars, comment forms) that no layer may report from.
    masked: list[tuple[int, int]] = field(default_factory=list)
    # Character ranges of headlines: analysed, but claims never come from them.
    headlines: list[tuple[int, int]] = field(default_factory=list)
    # The reading view (ingest/reading_view.py): `text` with the newlines inside paragraphs turned into spaces, the
    # same length, so the model reads hard-wrapped text as flowed text. None: not computed yet (see with_reading).
    reading: str | None = None
    # Words broken at a line end, (start, end, joined word): read as one word where the vocabulary knows it.
    hyphen_breaks: list[tuple[int, int, str]] = field(default_factory=list)
    # Wire datelines opening a paragraph ("NAIROBI, Kenya (AP) _"): place and agency, never part of a claim.
    datelines: list[Dateline] = field(default_factory=list)


@dataclass
class ArticleError:
    """An input that could not become an Article; it still yields one error record."""

    id: str
    source: str
    # stable: decode_error, too_large, not_text, bad_jsonl, io_error, fetch_error, no_content, worker_died, ...
    type: str
    message: str
