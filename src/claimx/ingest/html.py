"""HTML pages → the article's main text (trafilatura) and what the page says about itself: its headline
(ingest/title.py), its URL, author, and publication date with the signal that gave it (ingest/published.py;
htmldate's extensive search only when claimx's own signals are silent).

Nothing is fetched while parsing: the markup is parsed once by lxml's HTML parser (no DTDs, no external entities,
no network); trafilatura and htmldate are handed the parsed tree, never a string they could take for a URL.
trafilatura is imported lazily, so runs over plain text never pay its import time.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from claimx.ingest.country import country_from_declarations
from claimx.ingest.pagemeta import PageMeta, byline_dates, date_meta_names, read_page_meta
from claimx.ingest.published import choose_page_published, date_from_url, find_dateline_date, is_utc_timestamp
from claimx.ingest.tagcap import cap_attributes
from claimx.ingest.title import page_title

# A page's own charset declaration, looked for in its first bytes when they are not UTF-8.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Where a page's markup begins, as a browser's sniffer sees it: a doctype, <html>, <head> or <body> (a comment or
# an XML declaration may come first). Junk may stand before it (PHP warnings, a BOM-less blank line).
# The markup must open a line: "The <html> tag starts a page." is prose.
_MARKUP_START = re.compile(r"^[ \t]*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
                           re.IGNORECASE | re.MULTILINE | re.DOTALL)
_SNIFF_CHARS = 4096
# Leading junk a page may carry before its markup and still be a page: a few short lines (server warnings).
_JUNK_MAX_CHARS = 2048
_SNIFF_TAGS = re.compile(r"<(?:p|div|a|span|script|meta|title|table|br)[\s>/]", re.IGNORECASE)


@dataclass
class HtmlPage:
    text: str  # the main text as trafilatura renders it: one block a line
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None  # one of published.PAGE_SOURCES
    headings: list[str] = field(default_factory=list)  # heading lines inside the main text
    country: str | None = None  # from the page's og:locale or <html lang> (ingest/country.py)


def markup_start(text: str) -> int | None:
    """Where the page's markup starts when `text` (stdin, a file with no known suffix) is an HTML document,
    else None. A document is HTML when its markup opens within its first characters, even after a little
    leading junk, or when those characters are dense with common tags (a fragment with no <html>)."""
    head = text[:_SNIFF_CHARS]
    found = _MARKUP_START.search(head)
    if found and found.start() <= _JUNK_MAX_CHARS:
        return found.start()
    stripped = head.lstrip()
    if stripped.startswith("<") and len(_SNIFF_TAGS.findall(head)) >= 3:
        return len(head) - len(stripped)
    return None


def looks_like_html(text: str) -> bool:
    """True when a text (stdin, a file with no known suffix) is an HTML document rather than prose."""
    return markup_start(text) is not None


def declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def extract_page(markup: str, *, url: str | None = None) -> HtmlPage | None:
    """The article in an HTML page, or None when the page holds no article text."""
    markup = cap_attributes(markup)  # before any parser sees it: see ingest.tagcap
    trafilatura = _trafilatura()
    from trafilatura.utils import load_html

    start = markup_start(markup)
    tree = load_html(markup[start:] if start else markup)
    if tree is None:
        return None
    meta = read_page_meta(tree)
    page_url = meta.url or url
    document = trafilatura.bare_extraction(
        tree, url=page_url, with_metadata=False, include_comments=False, include_tables=False,
        include_images=False, include_links=False, include_formatting=False,
    )
    if document is None or not (document.text or "").strip():
        return None
    headings = [" ".join(head.itertext()).strip() for head in document.body.iter("head")]
    signals = date_signals(meta, document.text, page_url)
    published, source = choose_page_published(signals)
    if published is None or _byline_needed(signals):  # the byline block is searched only when it can count
        published, source = choose_page_published(signals + [("byline", raw, updated)
                                                              for raw, updated in byline_dates(tree)])
    if published is None:
        published, source = _htmldate(tree, page_url), "html"
    return HtmlPage(
        text=document.text,
        title=page_title(meta),
        author=_author(meta),
        url=page_url,
        published=published,
        published_source=source if published else None,
        headings=[h for h in headings if h],
        country=country_from_declarations(meta.meta.get("og:locale"), meta.lang),
    )


def date_signals(meta: PageMeta, text: str, url: str | None) -> list[tuple[str, str, bool]]:
    """claimx's own date signals of a page but its byline block: (source, raw value, is an update)."""
    signals: list[tuple[str, str, bool]] = []
    article = meta.article_object() or {}
    for key, updated in (("datePublished", False), ("dateCreated", False), ("dateModified", True)):
        if isinstance(article.get(key), (str, int)):
            signals.append(("jsonld", str(article[key]), updated))
    names = date_meta_names()
    for kind, updated in (("published", False), ("modified", True)):
        value = meta.meta_value(*names[kind])
        if value:
            signals.append(("meta", value, updated))
    if url and (value := date_from_url(url)):
        signals.append(("url", value, False))
    if value := find_dateline_date(text):
        signals.append(("dateline", value, False))
    return signals


def _byline_needed(signals: list[tuple[str, str, bool]]) -> bool:
    """The byline's date can only matter when no metadata gives the original date, or when it gives it as a UTC
    timestamp that the page's local date may correct."""
    original = [raw for source, raw, updated in signals if source in ("jsonld", "meta") and not updated]
    return not original or is_utc_timestamp(original[0])


def _htmldate(tree, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d", url=url,
                         max_date=dt.date.today().isoformat())
    except Exception:  # htmldate's own faults on odd pages: no date rather than no article
        return None


def _author(meta: PageMeta) -> str | None:
    author = (meta.article_object() or {}).get("author")
    if isinstance(author, list) and author:
        author = author[0]
    if isinstance(author, dict):
        author = author.get("name")
    if isinstance(author, str) and author.strip():
        return " ".join(author.split())
    author = meta.meta_value("author", "article:author", "byl", "sailthru.author", "parsely-author")
    return author if author and not author.startswith(("http://", "https://")) else None


def _trafilatura():
    import trafilatura

    # trafilatura and htmldate log every page they cannot use; claimx reports those as error records instead,
    # so keep their messages off stderr unless the application configures logging itself.
    for name in ("trafilatura", "htmldate", "courlan"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
    return trafilatura
