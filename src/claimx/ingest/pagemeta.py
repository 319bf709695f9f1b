"""What a parsed HTML page says about itself, read straight off the tree: its JSON-LD objects, its <meta> tags,
its <title> and h1 headings, its canonical URL; and, read only when needed, the dates shown in its byline block.

Only reading, no deciding: ingest/published.py picks the publication date and ingest/title.py the headline.
Which meta tags carry a date is data: models/ingest/date_meta.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice
from dataclasses import dataclass, field
from functools import cache

import orjson

from claimx.assets import load_json

# schema.org types of the object that describes the article itself (not the site, a breadcrumb or an image)
_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|blogposting|liveblog|story", re.IGNORECASE)
_PAGE_TYPES = re.compile(r"webpage|itempage|creativework", re.IGNORECASE)

# The byline block: elements that show when a story ran ("<time>", class="ArticleHeader_date", "post-meta").
_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:date|dateline|time|timestamp|byline|posted|published|pubdate|entry-meta|"
                           r"post-meta|article-meta|meta|author|info)(?:$|[\s_-])", re.IGNORECASE)
_BYLINE_PROPS = ("datePublished", "dateCreated")
_BLOCK_MAX_CHARS = 1500  # a headline's header block, not the whole page
_AFTER_MAX_ELEMENTS = 400  # how far past the headline the byline block is looked for
# ...but not the dates of other stories listed around it, nor of comments.
_ELSEWHERE = re.compile(r"related|recommend|teaser|sidebar|widget|comment|footer|promo|most-|popular|trending|"
                        r"\bnav|menu|card|list-item|headline-list|more-|rail|aside|tease", re.IGNORECASE)
_BYLINE_CANDIDATES = 12  # the byline block sits near the top: this many candidate elements are read
_BYLINE_TEXT_MAX = 160
_UPDATED_WORDS = re.compile(r"\b(?:updated|modified|edited|revised)\b", re.IGNORECASE)


@dataclass
class PageMeta:
    title: str | None = None  # the <title> element
    headings: list[str] = field(default_factory=list)  # the h1 elements' texts, in order
    meta: dict[str, str] = field(default_factory=dict)  # <meta> name/property (lower case) → content, first wins
    jsonld: list[dict] = field(default_factory=list)  # every JSON-LD object, @graph members included
    url: str | None = None  # canonical link or og:url
    lang: str | None = None  # the <html lang> attribute

    def article_object(self) -> dict | None:
        """The JSON-LD object describing the article: an Article-like type with a date first, then any
        object with a publication date, then any Article-like object."""
        typed = [obj for obj in self.jsonld if _ARTICLE_TYPES.search(_types(obj))]
        for pool in (typed, [obj for obj in self.jsonld if _PAGE_TYPES.search(_types(obj))], self.jsonld):
            for obj in pool:
                if isinstance(obj.get("datePublished"), (str, int)):
                    return obj
        return typed[0] if typed else None

    def meta_value(self, *names: str) -> str | None:
        for name in names:
            value = self.meta.get(name)
            if value:
                return value
        return None

    def site_names(self) -> list[str]:
        """Names the site goes by: og:site_name, application-name, the JSON-LD publisher, the host name."""
        names = [self.meta.get(k) for k in ("og:site_name", "application-name", "twitter:site", "publisher")]
        for obj in self.jsonld:
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(publisher["name"])
            if _types(obj).lower() in ("website", "organization", "newsmediaorganization") and isinstance(
                    obj.get("name"), str):
                names.append(obj["name"])
        if self.url:
            host = re.sub(r"^(?:https?://)?(?:www\.)?", "", self.url).split("/")[0]
            names += [host, host.rsplit(".", 1)[0]]
        return [name.strip().lstrip("@") for name in names if isinstance(name, str) and name.strip()]


def read_page_meta(tree) -> PageMeta:
    page = PageMeta()
    root = tree if tree.tag == "html" else tree.find(".//html")
    page.lang = (root.get("lang") or "").strip() or None if root is not None else None
    title = tree.find(".//title")
    if title is not None:
        page.title = _clean(title.text_content()) or None
    page.headings = [text for text in (_clean(h.text_content()) for h in tree.iterfind(".//h1")) if text]
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if key and content and content.strip() and key not in page.meta:
            page.meta[key] = content.strip()
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            page.jsonld += list(_objects(_load_json(script.text)))
    canonical = next((link.get("href") for link in tree.iterfind(".//link")
                      if (link.get("rel") or "").lower() == "canonical" and link.get("href")), None)
    page.url = _absolute(canonical) or _absolute(page.meta.get("og:url"))
    return page


@cache
def date_meta_names() -> dict[str, list[str]]:
    """`published` and `modified`: <meta> names that carry those dates, strongest first."""
    return load_json("ingest", "date_meta.json")


def byline_dates(tree) -> Iterator[tuple[str, bool]]:
    """The dates shown around the article's headline, as (raw text or datetime attribute, says "updated"): in
    the block that holds its h1 (a date just above the headline counts), then after it; a page with no h1 is
    read from the top. Dates in the site's header bar (today's date, the weather) stand before the headline's
    block and are never read."""
    headline = next((h for h in tree.iterfind(".//h1") if len(h.text_content().split()) >= 2), None)
    if headline is None:
        elements = tree.iter()
    else:
        block = headline.getparent()
        outer = block.getparent() if block is not None else None
        if outer is not None and len(outer.text_content()) < _BLOCK_MAX_CHARS:
            block = outer  # the header block: the headline with its byline and date
        scope = block if block is not None else headline
        elements = chain(scope.iter(), _following(scope))
    seen = 0
    for element in islice(elements, _AFTER_MAX_ELEMENTS):
        if not _shows_a_date(element):
            continue
        if any(_ELSEWHERE.search(f"{a.get('class') or ''} {a.get('id') or ''} {a.tag}")
               for a in element.iterancestors() if isinstance(a.tag, str)):
            continue
        seen += 1
        if seen > _BYLINE_CANDIDATES:
            return
        label = f"{element.get('class') or ''} {element.get('itemprop') or ''}"
        raw = element.get("datetime") or element.get("content") or ""
        text = _clean(element.text_content())
        updated = bool(_UPDATED_WORDS.search(label)) or bool(_UPDATED_WORDS.match(text))
        if raw:
            yield raw, updated
        elif text and len(text) <= _BYLINE_TEXT_MAX:
            yield text, updated


def _shows_a_date(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    return (element.tag == "time" or element.get("itemprop") in _BYLINE_PROPS
            or bool(_BYLINE_CLASS.search(element.get("class") or "")))


def _following(element) -> Iterator:
    """The elements after `element` in document order (its descendants excluded)."""
    node = element
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter()
        node = node.getparent()


def _objects(value) -> Iterator[dict]:
    if isinstance(value, list):
        for item in value:
            yield from _objects(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _objects(value["@graph"])


def _load_json(text: str):
    text = text.strip()
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->")
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        # a common fault: raw line breaks inside strings
        try:
            return orjson.loads(re.sub(r"[\r\n\t]+", " ", text))
        except orjson.JSONDecodeError:
            return None


def _types(obj: dict) -> str:
    kind = obj.get("@type", "")
    return " ".join(kind) if isinstance(kind, list) else str(kind)


def _absolute(url: str | None) -> str | None:
    return url.strip() if url and url.strip().startswith(("http://", "https://")) else None


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())
