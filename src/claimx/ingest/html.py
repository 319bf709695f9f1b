"""HTML pages → the article's main text and metadata, with trafilatura (text, title, author, URL) and htmldate
(publication date, called by trafilatura on the parsed tree).

Nothing is fetched while parsing: the markup is parsed by lxml's HTML parser (no DTDs, no external entities,
no network) and htmldate is handed the parsed tree, never a string it could take for a URL.
trafilatura is imported lazily, so runs over plain text never pay its import time.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from claimx.ingest.tagcap import cap_attributes

# A page's own charset declaration, looked for in its first bytes when they are not UTF-8.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)


@dataclass
class HtmlPage:
    text: str  # the main text as trafilatura renders it: one block a line
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD from the page's metadata
    headings: list[str] = field(default_factory=list)  # heading lines inside the main text


def looks_like_html(text: str) -> bool:
    """True when a text (stdin, a file with no known suffix) is an HTML document rather than prose."""
    return bool(_LOOKS_LIKE_HTML.match(text[:4096]))


def declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def extract_page(markup: str, *, url: str | None = None) -> HtmlPage | None:
    """The article in an HTML page, or None when the page holds no article text."""
    markup = cap_attributes(markup)  # before any parser sees it: see ingest.tagcap
    trafilatura = _trafilatura()
    date_params = {
        "original_date": True,  # the publication date, not the last modification
        "extensive_search": False,  # metadata only; a date in the text is the dateline finder's job
        "max_date": dt.date.today().isoformat(),
    }
    document = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        date_extraction_params=date_params,
    )
    if document is None or not (document.text or "").strip():
        return None
    headings = [" ".join(head.itertext()).strip() for head in document.body.iter("head")]
    return HtmlPage(
        text=document.text,
        title=document.title or None,
        author=document.author or None,
        url=document.url or url,
        published=document.date or None,
        headings=[h for h in headings if h],
    )


def _trafilatura():
    import trafilatura

    # trafilatura and htmldate log every page they cannot use; claimx reports those as error records instead,
    # so keep their messages off stderr unless the application configures logging itself.
    for name in ("trafilatura", "htmldate", "courlan"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
    return trafilatura
