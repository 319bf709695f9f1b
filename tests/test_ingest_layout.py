"""Site chrome and headlines in scraped text: rule tables (chrome lines beside article lines that must stay),
extents (line, list, rest), headline detection, and offsets that keep indexing the file's own text."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.assets import load_jsonl
from claimx.ingest.chrome import ChromeRules, default_rules
from claimx.ingest.layout import find_layout

SCRAPED = Path(__file__).parent / "data" / "ingest" / "scraped-chrome.txt"


@pytest.mark.parametrize("line, rule_id", [
    ("HomeMarketsCommoditiesCopper Hits Record as Chile Mines Strike...", "breadcrumb_glued"),
    ("Home > World > Europe", "breadcrumb_separated"),
    ("Home » Business", "breadcrumb_separated"),
    ("Skip to main content", "skip_link"),
    ("Home Menu Search Sign in", "nav_words"),
    ("Previous article", "prev_next"),
    ("Tags: energy, solar, Austria", "tags_line"),
    ("Share this article: Facebook Twitter LinkedIn", "share_bar"),
    ("FacebookTwitterPinterestWhatsApp", "share_bar"),
    ("Email", "share_bar"),
    ("Click to share on X (Opens in new window)", "share_opens_window"),
    ("LEAVE A REPLY", "comment_section"),
    ("12 Comments", "comment_section"),
    ("Please enter your comment!", "comment_form_prompt"),
    ("Please enter your name here", "comment_form_prompt"),
    ("You have entered an incorrect email address!", "comment_form_prompt"),
    ("Your email address will not be published. Required fields are marked *", "comment_form_prompt"),
    ("RELATED ARTICLES", "related_list"),
    ("Most Popular", "related_list"),
    ("You may also like", "related_list"),
    ("READ MORE: Ferry operator doubles its fleet", "read_more_link"),
    ("We use cookies to personalise content and ads. By continuing you agree.", "cookie_notice"),
    ("This website uses cookies.", "cookie_notice"),
    ("Accept all cookies", "cookie_buttons"),
    ("By Petra Novak", "byline"),
    ("By PETRA NOVAK and LUIS ORTEGA, staff writers", "byline"),
    ("By Petra Novak | Reuters", "byline"),
    ("(Reporting by Petra Novak; Editing by Luis Ortega)", "reuters_credits"),
    ("Published: 3 March 2025", "published_line"),
    ("Updated 10:32 GMT", "published_line"),
    ("Friday, Jun 06, 2014 | Source: City Desk", "date_source_line"),
    ("4 min read", "reading_time"),
    ("- Advertisement -", "advertisement"),
    ("Sign up for our morning newsletter", "newsletter_promo"),
    ("Photo: Petra Novak/Reuters", "image_credit"),
    ("© 2025 The Riverside Ledger. All rights reserved.", "copyright"),
])
def test_chrome_lines(line, rule_id):
    rule = default_rules().match(line)
    assert rule is not None and rule.id == rule_id


@pytest.mark.parametrize("line", [
    "Lakeside Power said on Monday that regulators had approved its solar farm.",
    "By Monday, the company had cut 300 jobs.",  # not a byline: a sentence
    "By 2030 the plant will supply a million homes.",
    "Posted on Twitter, the message was deleted within an hour.",
    "May 2, 2025 - The company said on Tuesday that profit rose.",  # a dated lead paragraph
    "Copyright law changed in 2019, the court noted.",
    "“We use cookies from the bakery next door,” the chef said.",
    "Share prices fell 4% in early trading.",
    "Home sales rose for a third month, the agency said.",
    "Homeowners in Ohio said the tax was unfair.",
    "HomeKit Update Arrives for Older iPhones",
    "Related companies in Asia reported similar losses.",
    "Lakeside Power Wins Approval for Danube Solar Farm",
    "As per the ministry:",
    "",
])
def test_article_lines_are_not_chrome(line):
    assert default_rules().match(line) is None


def test_scraped_page_masks_its_chrome_and_keeps_its_article():
    text = SCRAPED.read_text(encoding="utf-8")
    layout = find_layout(text)
    masked = "".join(text[s:e] for s, e in layout.masked)
    for chrome in ("Skip to content", "HomeBusinessEnergy", "By Petra Novak", "Share on Facebook",
                   "- Advertisement -", "Facebook Twitter Pinterest", "RELATED ARTICLES", "Harbor Shipping Agrees",
                   "Northwind Airlines Cuts", "We use cookies", "Accept all cookies", "Most Popular",
                   "Meridian Bank Names", "Valley Foods Recalls", "LEAVE A REPLY", "Please enter your comment!",
                   "Save my name", "© 2025 The Riverside Ledger"):
        assert chrome in masked, chrome
    for article in ("Lakeside Power said on Monday", "about €310 million", "“This is the largest solar site",
                    "Critics at the Green Budget Institute", "The ministry said it would respond"):
        assert article not in masked, article
    [(start, end)] = layout.headlines
    assert text[start:end] == "Lakeside Power Wins Approval for Danube Solar Farm as Critics Question Subsidy"


def test_comment_section_masks_to_the_end_only_after_the_body_began():
    text = "Leave a comment\n\nHarbour deal approved\n\nThe port said on Monday that the deal was approved by the board.\n"
    layout = find_layout(text)
    assert layout.masked == [(0, len("Leave a comment"))]  # a link near the top, not the comment section
    text += "\nLeave a comment\n\nGreat article, the board was right to approve it.\n"
    end_of_body = text.index("\nLeave a comment") + 1
    assert find_layout(text).masked[-1] == (end_of_body, len(text))


def test_related_list_stops_at_the_next_paragraph():
    text = ("Related\nShipping rates climb for a fourth week\nPort posts record volumes\n"
            "The ministry said the new rules would take effect in June, after a consultation.\n")
    layout = find_layout(text)
    kept = text[layout.masked[-1][1]:]
    assert kept.strip() == "The ministry said the new rules would take effect in June, after a consultation."
    assert [reason for reason, _, _ in layout.reasons] == ["related_list", "list_item", "list_item"]


@pytest.mark.parametrize("text, headline", [
    ("Port Deal Approved\n\nThe port said on Monday that the board had approved the deal.\n", "Port Deal Approved"),
    ("Port Deal Approved\r\n\r\nThe port said on Monday that the board had approved the deal.\r\n",
     "Port Deal Approved"),
    ("Will the Port Deal Survive?\nThe port said on Monday that the board had approved the deal.\n",
     "Will the Port Deal Survive?"),
    # no paragraph after it: a short text, not a headline
    ("Acme said it would invest $1 billion", None),
    # a text that starts with its first paragraph has no headline
    ("The port said on Monday that the board had approved the deal.\nShares rose.\n", None),
    # hard-wrapped running text: the first line is half a sentence
    ("Harbour Freight will open a depot in\nBergen next spring, the company said on Monday after a review.\n", None),
    ("Harbour Freight will open a depot\nin Bergen next spring, the company said on Monday after a review.\n", None),
    ("Budget Talks Drag On\n\nThe senate said on Friday that it would vote on the bill next week.\n",
     "Budget Talks Drag On"),
    # a dateline on its own line is metadata, not a headline
    ("LONDON 2025-05-02\nThe port said on Monday that the board had approved the deal.\n", None),
    ("OSLO, Norway (AP) _\nThe port said on Monday that the board had approved the deal.\n", None),
    ("Port Deal Approved\nOSLO, Norway 2025-05-02\nThe port said on Monday that the board had approved it.\n",
     "Port Deal Approved"),
])
def test_headline_detection(text, headline):
    found = [text[s:e] for s, e in find_layout(text).headlines]
    assert found == ([headline] if headline else [])


def test_a_named_title_that_the_text_does_not_repeat_means_no_headline():
    text = "Port Deal Approved\n\nThe port said on Monday that the board had approved the deal.\n"
    assert find_layout(text, title="Board backs harbour plan").headlines == []


def test_title_and_headings_from_the_input_are_headlines():
    text = "Port Deal Approved\nThe port said on Monday that the deal was approved.\nWhat comes next\nMore talks.\n"
    layout = find_layout(text, title="Port deal approved", headings=["What comes next"])
    assert [text[s:e] for s, e in layout.headlines] == ["Port Deal Approved", "What comes next"]


def test_rules_file_is_valid_and_ids_are_unique():
    rows = load_jsonl("ingest", "chrome_lines.jsonl")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    rules = ChromeRules.from_dicts(rows)
    assert {rule.extent for rule in rules.rules} <= {"line", "list", "rest", "tail"}


def test_no_rules_masks_nothing():
    text = SCRAPED.read_text(encoding="utf-8")
    assert find_layout(text, rules=ChromeRules([])).masked == []


def test_bad_extent_is_refused():
    with pytest.raises(ValueError, match="extent"):
        ChromeRules.from_dicts([{"id": "x", "category": "x", "pattern": "x", "extent": "page"}])


@given(st.lists(st.sampled_from([
    "Home > News", "LEAVE A REPLY", "Most Popular", "By Ann Lee", "Share", "Port Deal Approved", "",
    "The port said on Monday that the board had approved the deal after a long review.", "  indented line  ",
]), max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_ranges_index_the_text_and_are_stripped_lines(lines, newline):
    text = newline.join(lines)
    layout = find_layout(text)
    for start, end in layout.masked + layout.headlines:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip() or end == len(text)
