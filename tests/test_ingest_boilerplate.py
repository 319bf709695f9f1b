"""Boilerplate that trafilatura keeps in a page's main text is found by the chrome rules and cut out of the
page's text (claimx's own text: offsets index what is left); in a text file, whose offsets index the file, the
same lines are masked, so nothing is reported from them. One row per kind, with article sentences that look like
them beside."""

from pathlib import Path

import pytest

from claimx.ingest import Article
from claimx.ingest.chrome import default_rules
from claimx.ingest.sources import read_bytes
from claimx.ingest import IngestOptions

PAGE = (Path(__file__).parent / "data" / "ingest" / "boilerplate-page.html").read_text(encoding="utf-8")


def read_page(chrome: str) -> Article:
    data = PAGE.replace("CHROME", chrome).encode("utf-8")
    [article] = read_bytes(data, "page.html", id_="page", source="page.html", options=IngestOptions())
    assert isinstance(article, Article)
    return article


ARTICLE = ("Harbour Freight said on Tuesday that its board had approved a new depot in Bergen, the largest "
           "investment the company has made in Norway since it opened its first terminal there.")


def masked_text(article: Article) -> str:
    return " ".join(article.text[start:end] for start, end in article.masked)


@pytest.mark.parametrize("kind, line", [
    ("newsletter", "Want more shipping news in your inbox? Subscribe to our weekly newsletter Port Notes."),
    ("newsletter", "Sign up to our daily newsletter here."),
    ("sign up", "Sign up now!"),
    ("read more", "READ MORE: Ferry operator cuts winter sailings to Shetland"),
    ("read more", "MORE : Oslo council approves new tram line"),
    ("read more", "[ Bergen port fees rise for the third year ]"),
    ("share", "Share this article: Facebook Twitter LinkedIn Email"),
    ("share", "— Ann Lee (@annlee_news) March 4, 2025"),
    ("author bio", "Ann Lee is a senior reporter based in Oslo covering shipping, energy and the Nordic economies."),
    ("trust principles", "Our Standards: The Thomson Reuters Trust Principles."),
    ("comment count", "12 comments"),
    ("promo", "Join our breaking news service on WhatsApp"),
    ("promo", "We need your help to stay independent"),
    ("credit", "Reporting by Ann Lee; Editing by Bo Sun"),
    ("credit", "Courier staff writer Bo Sun contributed to this report."),
])
def test_boilerplate_in_a_page_is_cut_and_in_a_text_masked(kind, line):
    article = read_page(line)
    assert line not in article.text, kind
    assert "board had approved a new depot" in article.text
    if default_rules().match(line).extent in ("line", "list"):  # (a comment section's start takes what follows)
        assert "Regulators in Oslo" in article.text
    text = f"Harbour board backs depot\n\n{ARTICLE}\n{line}\n{ARTICLE}\n"
    [article] = read_bytes(text.encode(), "story.txt", id_="s", source="story.txt", options=IngestOptions())
    assert article.text == text, kind  # the file's own text: offsets index it
    assert line in masked_text(article), kind
    first = text.index(ARTICLE)
    assert not any(start <= first < end for start, end in article.masked)


@pytest.mark.parametrize("sentence", [
    "The company said it would sign up three new shipping lines before the depot opens in the spring.",
    "More than 300 people applied for the first jobs at the depot, the spokeswoman said on Tuesday.",
    "Ann Lee, a harbour pilot, said the new depot was the biggest change to the port in a generation.",
    "Officials said comments on the plan could be sent to the council until the end of the month.",
    "The NORDIC MARITIME AUTHORITY said it would publish its review of fees in March.",
])
def test_article_sentences_that_look_like_boilerplate_are_kept(sentence):
    article = read_page(sentence)
    assert sentence in article.text and sentence not in masked_text(article)


@pytest.mark.parametrize("line, rule", [
    ("Image: shipping.example", "image_credit"),
    ("Follow our full coverage of the port review here.", "click_here_link"),
    ("Got a tip? Email Ann Lee at alee@courier.example.", "contact_line"),
    ("PORT BOARD BACKS DEPOT AFTER LONG DEBATE", "caps_link"),
    ("All rights of the publication are reserved by Courier Media.", "copyright"),
    ("Port Deal Approved", None),
    ("Harbour Freight said on Tuesday it would open a depot.", None),
])
def test_chrome_rule_table(line, rule):
    found = default_rules().match(line)
    assert (found.id if found else None) == rule


def test_a_headline_in_capitals_at_the_top_is_not_a_link():
    from claimx.ingest.layout import find_layout

    text = ("SOCCER - ROMANIA BEAT LITHUANIA IN UNDER-21 MATCH.\nBUCHAREST 1996-08-30\n"
            "Romania beat Lithuania 2-1 in their European under-21 championship match on Friday, the agency said.\n"
            "PORT BOARD BACKS DEPOT AFTER LONG DEBATE\nThe second half was goalless after a long delay for rain.\n")
    layout = find_layout(text)
    masked = [text[s:e] for s, e in layout.masked]
    assert "PORT BOARD BACKS DEPOT AFTER LONG DEBATE" in masked
    assert not any("ROMANIA" in m for m in masked)


@pytest.mark.parametrize("text, cut, expected", [
    ("Story line one.\nSign up now!\nStory line two.\n", ["Sign up now!"], "Story line one.\nStory line two.\n"),
    ("One.\r\n  Sign up now!  \r\nTwo.", ["Sign up now!"], "One.\r\nTwo."),
    ("One.\nREAD MORE: x\nTwo.\nSign up now!", ["READ MORE: x", "Sign up now!"], "One.\nTwo.\n"),
    ("One.\nTwo.\n", [], "One.\nTwo.\n"),
])
def test_drop_lines(text, cut, expected):
    from claimx.ingest.layout import drop_lines

    ranges = [(text.index(line), text.index(line) + len(line)) for line in cut]
    assert drop_lines(text, ranges) == expected
