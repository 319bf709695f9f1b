"""The publisher's country from the URL's domain and the page's declared locale (ingest/country.py)."""

from __future__ import annotations

import pytest

from claimx.ingest import IngestOptions
from claimx.ingest.assemble import make_article
from claimx.ingest.country import country_from_declarations, country_from_locale, country_from_url
from claimx.ingest.pagemeta import PageMeta, read_page_meta

URLS = [
    ("https://www.example.com.au/business/story", "AU"),
    ("https://news.example.co.uk/a", "GB"),
    ("https://example.ca/a", "CA"),
    ("https://example.in/a", "IN"),
    ("https://www.example.co.nz/a", "NZ"),
    ("https://au.news.example.com/a", "AU"),  # a country edition of a global site
    ("https://uk.example.com/a", "GB"),
    ("https://de.example.org/a", None),  # a language, not a country
    ("https://www.example.com/a", None),
    ("https://example.tv/a", None),  # a ccTLD used for its letters
    ("https://example.io/a", None),
    ("https://www.example.scot/a", "GB"),
    ("example.com.au/a", "AU"),
    ("", None),
    (None, None),
    ("http://[::1", None),  # malformed: no country, no exception
    ("https://10.0.0.1/a", None),
]


@pytest.mark.parametrize(("url", "country"), URLS)
def test_country_from_url(url, country):
    assert country_from_url(url) == country


@pytest.mark.parametrize(("tag", "country"), [
    ("en_AU", "AU"), ("en-gb", "GB"), ("en-UK", "GB"), ("en", None), ("es-419", None), ("", None), (None, None),
    ("zh-Hant-TW", None), ("en-US-x-private", "US"),
])
def test_country_from_locale(tag, country):
    assert country_from_locale(tag) == country


@pytest.mark.parametrize(("markup", "country"), [
    ('<html lang="en-AU"><head><title>x</title></head>', "AU"),
    ('<html lang="en"><head><meta property="og:locale" content="en_CA" /></head>', "CA"),
    ('<html><head><meta content="en_NZ" property="og:locale"></head>', "NZ"),
    ('<html lang="en"><head></head>', None),
    ('<html lang="en-US"><head><meta property="og:locale" content="en_US" /></head>', None),  # a CMS default
    ('<html lang="en-GB"><head><meta property="og:locale" content="en_US" /></head>', None),
    ("<p>no head at all</p>", None),
])
def test_country_from_a_pages_declarations(markup, country):
    from trafilatura.utils import load_html

    tree = load_html(markup)  # None for a fragment that is no page: no declarations
    meta = read_page_meta(tree) if tree is not None else PageMeta()
    assert country_from_declarations(meta.meta.get("og:locale"), meta.lang) == country


def test_the_cli_option_wins_then_the_domain_then_the_page():
    def country(options, url=None, page=None):
        return make_article("a", "a", "Text.", options, url=url, page_country=page).country

    assert country(IngestOptions(country="NZ"), "https://example.com.au/", "GB") == "NZ"
    assert country(IngestOptions(), "https://example.com.au/", "GB") == "AU"
    assert country(IngestOptions(), "https://example.com/", "GB") == "GB"
    assert country(IngestOptions()) is None
