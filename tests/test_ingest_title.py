"""A web page's headline: og:title or the article's h1 checked against <title>, site names and section labels
taken off, never a menu, a section or the site's name."""

import pytest

from claimx.ingest.pagemeta import PageMeta
from claimx.ingest.title import page_title

SITE = {"og:site_name": "The Courier"}


@pytest.mark.parametrize("title, og, headings, meta, expected", [
    # the site's name after a separator goes, whichever separator
    ("Port fees rise again | The Courier", None, [], SITE, "Port fees rise again"),
    ("Port fees rise again - The Courier", None, [], SITE, "Port fees rise again"),
    ("Port fees rise again – courier.example", None, [], {}, "Port fees rise again"),
    ("The Courier: Port fees rise again", None, [], SITE, "Port fees rise again"),
    # a section label beside it, after a hard separator, goes too
    ("Port fees rise again as ministers meet | Business | The Courier", None, [], SITE,
     "Port fees rise again as ministers meet"),
    ("Port fees rise again as ministers meet | COMMENTARY", None, [], {}, "Port fees rise again as ministers meet"),
    # ...but a dash inside a headline stays
    ("Prince Harry criticised – again", None, [], {}, "Prince Harry criticised – again"),
    ("Henderson right to stay at Sheffield - Wilder | Daily Mail Online", None, [],
     {"og:site_name": "Daily Mail Online"}, "Henderson right to stay at Sheffield - Wilder"),
    # the h1 the reader sees, when the metadata names the same story; its kicker label goes
    ("Port fees up | The Courier", "Port fees rise again as ministers meet",
     ["Port fees rise again as ministers meet in Oslo"], SITE, "Port fees rise again as ministers meet in Oslo"),
    ("Port fees | The Courier", "Port fees rise again as ministers meet",
     ["Business | Port fees rise again as ministers meet"], SITE, "Port fees rise again as ministers meet"),
    # menus, the site's name and other h1s are never the headline
    ("Port fees rise again | The Courier", None, ["Main menu", "The Courier"], SITE, "Port fees rise again"),
    ("The Courier", None, ["The Courier"], SITE, None),
    ("COURIER", None, ["Ministers agree a review of port fees", "Courier Newsletter"], {},
     "Ministers agree a review of port fees"),
    (None, None, ["Navigation and service"], {}, None),
    # entities written twice are read once
    ("Australian &#039;megablaze&#039; under control", None, [], {}, "Australian 'megablaze' under control"),
    # a page whose metadata and h1 agree keeps its title even when it reads like a link
    ("Terms of Service", None, ["Terms of Service"], {}, "Terms of Service"),
])
def test_page_title(title, og, headings, meta, expected):
    page = PageMeta(title=title, headings=headings, meta=dict(meta, **({"og:title": og} if og else {})))
    assert page_title(page) == expected


def test_jsonld_headline_and_publisher_name():
    page = PageMeta(title="Port fees rise again - Courier Group", jsonld=[
        {"@type": "NewsArticle", "headline": "Port fees rise again", "publisher": {"name": "Courier Group"}}])
    assert page_title(page) == "Port fees rise again"


def test_a_site_name_after_a_bar_goes_even_when_unknown():
    assert page_title(PageMeta(title="Depot approved | The Courier")) == "Depot approved"
    assert page_title(PageMeta(title="Depot approved in Bergen | Business | Courier Media Group")) == \
        "Depot approved in Bergen"
