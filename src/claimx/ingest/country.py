"""The publisher's country (ISO 3166-1 alpha-2), from what an input shows about where it was published: the
URL's country domain ("thewest.com.au", "bbc.co.uk", "au.news.yahoo.com") and a page's declared locale
(`<meta property="og:locale" content="en_AU">`, `<html lang="en-AU">`, as ingest/pagemeta.py reads them off the
parsed page). Pure functions of strings.

The domain is the stronger sign: a site's locale is often its CMS's default. "en_US" in a page's metadata is
ignored for that reason (WordPress writes it on Australian news sites too); it would only ever confirm the US
dollar that a bare "$" already defaults to, while outweighing the places the article itself names.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Country-code top-level domains that sites all over the world use for their letters (.tv, .io, .co, .me...):
# they say nothing of the publisher's country.
_GENERIC_CCTLDS = frozenset("ai am cc co fm gg io la ly md me ms nu so sh st to tv vc ws".split())
# Geographic generic domains and the one ccTLD whose code is not ISO's.
_NAMED_DOMAINS = {"uk": "GB", "scot": "GB", "wales": "GB", "cymru": "GB", "london": "GB", "nyc": "US",
                  "quebec": "CA", "eu": None}
# Country editions of global sites, on a generic domain: "au.news.yahoo.com", "uk.reuters.com". Only codes that
# are not also language codes ("de.wikipedia.org" is German, not Germany).
_EDITION_SUBDOMAINS = frozenset("au uk ca nz in sg ie za ph hk my ng ke pk us".split())
_GENERIC_TLDS = frozenset("com net org info news online media".split())
_LOCALE = re.compile(r"^[A-Za-z]{2,3}[-_]([A-Za-z]{2})(?:[-_].*)?$")
_CMS_DEFAULT = "US"


def country_from_url(url: str | None) -> str | None:
    """ "https://thewest.com.au/business" → "AU", "https://www.bbc.co.uk/news" → "GB"; None for .com and
    other domains that name no country."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    labels = host.split(".")
    if len(labels) < 2 or not labels[-1].isalpha():
        return None
    tld = labels[-1]
    if tld in _NAMED_DOMAINS:
        return _NAMED_DOMAINS[tld]
    if len(tld) == 2 and tld not in _GENERIC_CCTLDS:
        return tld.upper()
    if tld in _GENERIC_TLDS and len(labels) >= 3 and labels[0] in _EDITION_SUBDOMAINS:
        return _NAMED_DOMAINS.get(labels[0], labels[0].upper())
    return None


def country_from_locale(tag: str | None) -> str | None:
    """ "en_AU", "en-gb" → "AU", "GB"; a bare language ("en") names no country."""
    found = _LOCALE.match((tag or "").strip())
    if not found:
        return None
    region = found.group(1).upper()
    return "GB" if region == "UK" else region


def country_from_declarations(og_locale: str | None, html_lang: str | None) -> str | None:
    """The country of a page's og:locale, else of its <html lang>; None for the CMS default "en_US"."""
    country = country_from_locale(og_locale) or country_from_locale(html_lang)
    return None if country == _CMS_DEFAULT else country
