"""A web page's headline: the Open Graph title or the article's h1, checked against the <title> element, with
the site's name and its separators taken off ("Ministers agree fee review | Courier" → "Ministers agree fee
review"). A menu, a section label or the site's name is never a headline: a page that offers nothing better has
no title.
"""

from __future__ import annotations

import html
import re

from claimx.ingest.chrome import default_rules
from claimx.ingest.pagemeta import PageMeta

# Separators between a headline and the site or section names around it.
_SEPARATOR = re.compile(r"\s+[|\-–—·•»:/~]+\s+|\s*[|·•»]\s*|\s+::\s+")
# also found inside headlines: "Brexit: what next", "Kyiv - Moscow", "Prince Harry – again"
_SOFT_SEPARATOR = re.compile(r"\s+[-–—:/~]\s+")
_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_SECTION_MAX_WORDS = 4  # a section or site label beside a headline is this short
_HEADLINE_MIN_WORDS = 3
_MATCH_SHARE = 0.6  # an h1 is the article's headline when it shares this much of its words with the title


def page_title(meta: PageMeta) -> str | None:
    sites = _site_keys(meta)
    social = meta.meta_value("og:title", "twitter:title") or _jsonld_headline(meta)
    social = _strip_site(social, sites) if social else None
    element = _strip_site(meta.title, sites) if meta.title else None
    # (a title the metadata and the h1 agree on stands even when it reads like a link: "Terms of Service")
    references = [t for t in (social, element) if t and not _is_site(t, sites)]
    headings = [_strip_site(h, sites) for h in meta.headings]
    for heading in headings:  # the headline the reader sees, when it is the one the metadata names
        if not _is_site(heading, sites) and any(_same_headline(heading, ref) for ref in references):
            return heading
    long_headings = [h for h in headings if not _is_label(h, sites) and len(h.split()) >= _HEADLINE_MIN_WORDS]
    if references and not (len(references[0].split()) <= 2 and len(long_headings) == 1):
        return references[0]  # (a one- or two-word <title> beside one long h1 is the site's name: "MEDEF")
    return long_headings[0] if len(long_headings) == 1 else None


def _jsonld_headline(meta: PageMeta) -> str | None:
    headline = (meta.article_object() or {}).get("headline")
    return " ".join(headline.split()) if isinstance(headline, str) and headline.strip() else None


def _site_keys(meta: PageMeta) -> set[str]:
    keys = set()
    for name in meta.site_names():
        key = _key(name)
        if len(key) >= 3:
            keys.add(key)
    return keys


def _strip_site(title: str, sites: set[str]) -> str:
    """Take site names and section labels off the ends of a title."""
    title = " ".join(html.unescape(title).split()).strip(" |-–—:·•»")
    label, colon, rest = title.partition(": ")
    if colon and rest and _is_site(label, sites):  # "The Courier: Port fees rise again"
        title = rest
    while True:
        parts = _split(title)
        if len(parts) < 2:
            return title
        (_, first), (last_sep, last) = parts[0], parts[-1]
        rest_before_last = title[: len(title) - len(last) - len(last_sep)]
        if _is_site(last, sites) or (not _SOFT_SEPARATOR.fullmatch(last_sep) and _short_label(last, rest_before_last)):
            title = rest_before_last.strip()
            continue
        first_sep = parts[1][0]
        if _is_site(first, sites) or (not _SOFT_SEPARATOR.fullmatch(first_sep)
                                      and _short_label(first, title[len(first) + len(first_sep):])):
            title = title[len(first) + len(first_sep):].strip()
            continue
        return title


def _split(title: str) -> list[tuple[str, str]]:
    """[(separator before the part, part)], the first separator empty."""
    parts, position, separator = [], 0, ""
    for match in _SEPARATOR.finditer(title):
        if match.start() > position:
            parts.append((separator, title[position:match.start()]))
            separator = match.group()
        else:
            separator += match.group()
        position = match.end()
    if position < len(title):
        parts.append((separator, title[position:]))
    return parts


def _short_label(part: str, rest: str) -> bool:
    """A section or site label beside a headline: a few words, no more than the headline has."""
    words, rest_words = len(part.split()), len(rest.split())
    return words <= _SECTION_MAX_WORDS and rest_words >= max(2, words)


def _is_site(part: str, sites: set[str]) -> bool:
    key = _key(part)
    if not key:
        return True
    if _DOMAIN.fullmatch(part.strip()):
        return True
    return any(key == site or _near_prefix(key, site) or _near_prefix(site, key) for site in sites)


def _near_prefix(short: str, long: str) -> bool:
    """"denverpost" for "denverpostcom", "mailonline" for "mailonlinenews"; not "eff" for "effin2015"."""
    return len(short) >= 6 and long.startswith(short) and len(long) - len(short) <= 6


def _is_label(text: str, sites: set[str]) -> bool:
    """A site name, a menu or navigation line: never a headline."""
    return _is_site(text, sites) or default_rules().match(text) is not None


def _same_headline(heading: str, reference: str) -> bool:
    a, b = _key(heading), _key(reference)
    if a == b or (min(len(a), len(b)) >= 20 and (a.startswith(b) or b.startswith(a))):
        return True
    words_a, words_b = set(_words(heading)), set(_words(reference))
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) >= _MATCH_SHARE * max(len(words_a), len(words_b))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _key(text: str) -> str:
    return "".join(_words(text))
