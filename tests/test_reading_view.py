"""The reading view (ingest/reading_view.py): hard-wrapped text reads as flowed text, paragraph breaks stay, the
length never changes; datelines (ingest/datelines.py); and the records of re-wrapped articles are the records of
the flowed ones (the property the issue asks for, over examples/ and texts written here)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.ingest.datelines import find_datelines, match_dateline
from claimx.ingest.layout import caps_headlines
from claimx.ingest.reading_view import reading_view

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_rewrap", ROOT / "bench" / "rewrap.py")
rewrap_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = rewrap_module
_spec.loader.exec_module(rewrap_module)
rewrap = rewrap_module.rewrap

# A paragraph written for these tests, long enough to wrap a few times at any width.
PARAGRAPH = ("Harbor Rail said on Tuesday that it had agreed to pay $40 million for two freight lines run by the "
             "University of Miami, a deal its chief executive Ingrid Solberg called the largest the company had made "
             "since it was founded in 1987. The lines will reopen in March, she told reporters in Lisbon.")


def joined(text: str) -> list[str]:
    """The newlines of `text` the view turned into spaces, as the words around them."""
    view = reading_view(text).text
    assert len(view) == len(text)
    return [f"{text[:i].split()[-1]}|{text[i + 1:].split()[0]}" for i, c in enumerate(text)
            if c == "\n" and view[i] == " "]


@pytest.mark.parametrize("text, runs_on", [
    # hard-wrapped prose: every newline inside the paragraph runs on
    ("The chief executive said the company\nwould keep its plants in Ohio and\nMichigan open.",
     ["company|would", "and|Michigan"]),
    ("Shares in Harbor Rail rose 5 percent after the company said it would buy\nTamsin Logistics for $40 "
     "million, a deal that analysts at Ostara Media said\nwould make it the largest operator in the region.\n\n"
     "The deal needs the approval of regulators in Lisbon and Madrid, which could\ntake until next year.",
     ["buy|Tamsin", "said|would", "could|take"]),
    # paragraph breaks stay: blank lines, indented paragraph starts (wire copy), list items, tables
    ("The board met on Monday.\n\nIt approved the budget.", []),
    ("   The board met on Monday and approved the budget for the coming year\nafter a long debate.\n"
     "\t   The vote was 7-2.", ["year|after"]),
    ("The plan has three parts:\n- a new line to the port\n- two stations\n- more trains", []),
    ("Name     Shares     Price\nAcme     1,000      $5.20", []),
    # short lines that stop for a reason: a headline, a label, a results row, a dateline line
    ("Senate Passes Budget\nThe Senate on Tuesday passed the budget.", []),
    ("BUSINESS BRIEFS\nNestle said on Monday it would sell its water brands.", []),
    ("LONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four for 38 on Friday.", []),
    ("Tim Henman (Britain) beat Scott Draper (Australia) 6-4 6-4\nGoran Ivanisevic (Croatia) beat Tom Okafor 6-3",
     []),
    # lower-case continuation and hyphen breaks run on even in short lines
    ("The company said it had agreed to\nbuy the line.", ["to|buy"]),
    ("Its compa-\nny reported a loss.", ["compa-|ny"]),
    ("The man was well-\nknown in town.", ["well-|known"]),
])
def test_which_newlines_run_on(text, runs_on):
    assert joined(text) == runs_on


def test_one_paragraph_per_line_keeps_its_breaks():
    """Text with one paragraph to a line and no blank lines (as news databases export it): a line that ends a
    sentence ends a paragraph."""
    text = "Harbor Rail said on Tuesday it would buy Tamsin Logistics.\nThe deal is worth $40 million.\n" \
           "Analysts said the price was high."
    assert joined(text) == []


def test_hyphen_breaks_are_offered_with_the_joined_word():
    text = "The compa-\nny said its fore-\ncast was a well-\nknown risk."
    assert reading_view(text).hyphen_breaks == [(4, 13, "company"), (23, 33, "forecast"), (40, 51, "wellknown")]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.lists(st.sampled_from(
    "the board said it would sell Harbor Rail shares to Tamsin Logistics for $40 million in March after "
    "regulators in Lisbon approved a deal. on Tuesday analysts were surprised".split()),
    min_size=40, max_size=90), min_size=2, max_size=5), st.sampled_from([60, 72, 80]))
def test_rewrapped_prose_reads_as_the_flowed_prose(paragraphs, width):
    """Articles of a few paragraphs (a wrap width is only told from a few wrapped lines)."""
    flowed = "\n\n".join(" ".join(words) for words in paragraphs)
    wrapped = rewrap(flowed, width)
    assert len(wrapped) == len(flowed)
    assert reading_view(wrapped).text == reading_view(flowed).text


@given(st.text(alphabet=st.sampled_from("ab .\n\t-AZ\r"), max_size=200))
def test_the_view_has_the_texts_length_and_changes_only_newlines(text):
    view = reading_view(text).text
    assert len(view) == len(text)
    assert all(a == b or (a in "\r\n" and b == " ") for a, b in zip(text, view))


def test_rewrap_breaks_only_spaces_and_keeps_lines_within_the_width():
    wrapped = rewrap(PARAGRAPH, 40)
    assert len(wrapped) == len(PARAGRAPH) and wrapped.replace("\n", " ") == PARAGRAPH
    assert max(len(line) for line in wrapped.split("\n")) <= 40


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize("line, place, region, agency", [
    ("NAIROBI, Kenya (AP) _ President Moi said on Tuesday", "NAIROBI", "Kenya", "AP"),
    ("MIAMI (Reuters) - The company said", "MIAMI", None, "Reuters"),
    ("WASHINGTON — The Senate voted on Tuesday", "WASHINGTON", None, None),
    ("LONDON, March 3 (Reuters) - Shares fell", "LONDON", None, "Reuters"),
    ("PARIS, Jan. 5 (AFP) -- The minister said", "PARIS", None, "AFP"),
    ("RIO DE JANEIRO, Brazil (AP) _ Police said", "RIO DE JANEIRO", "Brazil", "AP"),
    ("LONDON 1996-08-30", "LONDON", None, None),
    ("OSAKA, Japan—Hanami Foods said", "OSAKA", "Japan", None),
    # not datelines
    ("SOCCER - JAPAN GET LUCKY WIN", None, None, None),
    ("CLINTON: I think we can win.", None, None, None),
    ("NATO said on Tuesday it would meet.", None, None, None),
    ("US - the thing is", None, None, None),
    ("BUSINESS BRIEFS", None, None, None),
])
def test_datelines(line, place, region, agency):
    match = match_dateline(line)
    if place is None:
        assert match is None
    else:
        assert (match["place"], match["region"], match["agency"]) == (place, region, agency)


def test_datelines_are_found_at_paragraph_starts_with_offsets():
    text = "Storm Passes\n\nMIAMI (Reuters) - The storm passed.\n\nThe MIAMI office said so."
    [dateline] = find_datelines(text)
    assert text[dateline.start:dateline.end] == "MIAMI (Reuters) -"
    assert [text[s:e] for s, e in dateline.places] == ["MIAMI"] and text[slice(*dateline.agency)] == "Reuters"


@pytest.mark.parametrize("text, dateline, place, agency", [
    ("Osaka, May 12 (Kyodo)--Hanami Foods Co. said profit rose.", "Osaka, May 12 (Kyodo)--", "Osaka", "Kyodo"),
    ("New Delhi, Feb 14 (PTI) - The ministry said", "New Delhi, Feb 14 (PTI) -", "New Delhi", "PTI"),
    ("PERTH (Reuters)--Miners fell.", "PERTH (Reuters)--", "PERTH", "Reuters"),
    ("QUETTA, May 3 (APP): The provincial cabinet met.", "QUETTA, May 3 (APP):", "QUETTA", "APP"),
    # not datelines: a company and its ticker, a compound, a title-case place without date and agency
    ("Kestrel Motors (KMO) - shares fell on Monday.", None, None, None),
    ("U.S.-China talks resumed on Monday.", None, None, None),
    ("Osaka - a city of food.", None, None, None),
])
def test_datelines_in_title_case_or_glued_to_the_story(text, dateline, place, agency):
    found = find_datelines(text)
    if dateline is None:
        assert found == []
        return
    [d] = found
    assert (text[d.start:d.end], text[slice(*d.places[0])], text[slice(*d.agency)]) == (dateline, place, agency)


def test_a_dateline_glued_to_the_story_ends_its_own_tokens(nlp):
    from claimx.extract import make_doc
    from claimx.ingest import Article

    doc = make_doc(nlp, Article(id="t", source="t", text="Osaka, May 12 (Kyodo)--Hanami Foods Co. said profit rose."))
    assert [t.text for t in doc[:9]] == ["Osaka", ",", "May", "12", "(", "Kyodo", ")", "--", "Hanami"]


def test_a_bare_place_and_dash_is_a_dateline_only_at_the_top_or_under_a_headline():
    story = "WASHINGTON — The Senate voted.\n\n" + "It met again.\n\n" * 8
    assert len(find_datelines(story)) == 1
    assert find_datelines(story + "NATO — The alliance met too.") == find_datelines(story)
    assert len(find_datelines(story + "BRIEFS\n\nPARIS — A court ruled.")) == 2
    assert len(find_datelines(story + "PARIS (AFP) — A court ruled.")) == 2


def test_all_caps_lines_are_headlines():
    text = "BUSINESS BRIEFS\n\nNESTLE\n\nNestle said on Monday it would sell its water brands.\n\nLONDON 1996-08-30"
    assert [text[s:e] for s, e in caps_headlines(text, [])] == ["BUSINESS BRIEFS", "NESTLE"]


# ---------------------------------------------------------------- records


WIRE = """BUSINESS BRIEFS

   NAIROBI, Kenya (AP) _ Harbor Rail said on Tuesday it would pay $40 million for two freight lines run by the University of Miami, a deal its chief executive Ingrid Solberg called the largest the company had made since 1987.
   ``We have waited a long time for this,'' Solberg told reporters in Nairobi. The lines will reopen in March, she said.
   LONDON, March 3 (Reuters) - Tamsin Logistics said profits rose 5 percent last year, and analysts at Ostara Media said the shares could climb further.
"""


def _comparable(value):
    if isinstance(value, dict):
        return {k: re.sub(r"\s+", " ", v) if k == "text" and isinstance(v, str) else _comparable(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def _articles():
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))}
    texts.update({"paragraph": PARAGRAPH, "wire": WIRE})
    return texts


@pytest.mark.parametrize("width", [60, 72, 80])
def test_rewrapped_articles_give_the_flowed_records(nlp, width):
    from claimx.extract import extract_many

    texts = _articles()
    flowed = [r.to_dict() for r in extract_many(
        [{"id": k, "text": t, "published": "2025-05-02"} for k, t in texts.items()], nlp=nlp)]
    wrapped = [r.to_dict() for r in extract_many(
        [{"id": k, "text": rewrap(t, width), "published": "2025-05-02"} for k, t in texts.items()], nlp=nlp)]
    for a, b in zip(flowed, wrapped):
        for layer in ("entities", "money", "dates", "claims"):
            assert _comparable(b[layer]) == _comparable(a[layer]), (a["id"], layer)


def test_text_fields_keep_the_files_characters(nlp):
    from claimx.extract import extract_many

    text = rewrap(PARAGRAPH, 60)
    [record] = extract_many([{"id": "x", "text": text}], nlp=nlp)
    for mention in record.entities + record.money + record.dates:
        assert mention.text == text[mention.start:mention.end]
    assert any("\n" in e.text for e in record.entities)  # "University of\nMiami" is one mention


def test_wire_datelines_give_place_and_agency_and_stay_out_of_claims(nlp):
    from claimx.extract import extract_many

    [record] = extract_many([{"id": "wire", "text": WIRE, "published": "1998-03-03"}], nlp=nlp)
    entities = {(e.text, e.label) for e in record.entities}
    assert {("NAIROBI", "PLACE"), ("Kenya", "PLACE"), ("AP", "ORG"), ("LONDON", "PLACE"),
            ("Reuters", "ORG")} <= entities
    for claim in record.claims:
        for start, end in ((claim.start, claim.end),) + (((claim.speaker.start, claim.speaker.end),)
                                                          if claim.speaker else ()):
            assert "(AP)" not in WIRE[start:end] and "(Reuters)" not in WIRE[start:end]
    assert not any(c.text.startswith("BUSINESS") for c in record.claims)


def test_a_hyphen_broken_word_reads_as_one_word(nlp):
    from claimx.extract import extract_many

    from claimx.extract import make_doc
    from claimx.ingest import Article

    text = "Harbor Rail said its compa-\nny would pay $40 million for the lines in March."
    doc = make_doc(nlp, Article(id="x", source="x", text=text))
    merged = [t for t in doc if "- " in t.text]
    assert [(t.text, t.norm_) for t in merged] == [("compa- ny", "company")]
    text = "Ostara Media said the European Com-\nmission would rule on the well-\nknown case in March."
    [record] = extract_many([{"id": "x", "text": text}], nlp=nlp)
    [commission] = [e for e in record.entities if "Com-" in e.text]
    assert (commission.text, commission.canonical) == ("European Com-\nmission", "European Commission")
    doc = make_doc(nlp, Article(id="x", source="x", text=text))
    words = [t.text for t in doc]
    assert words[words.index("well"):words.index("well") + 3] == ["well", "-", "known"]  # as flowed text reads
    [record] = extract_many([{"id": "x", "text": "Shares of Coca-\nCola rose 5 percent on Tuesday."}], nlp=nlp)
    assert [(e.text, e.canonical) for e in record.entities] == [("Coca-\nCola", "Coca-Cola")]


@pytest.mark.parametrize("name, content", [
    ("feed.jsonl", '{"id": "a", "text": "%s"}\n' % rewrap(PARAGRAPH, 60).replace("\n", "\\n")),
    ("story.txt", rewrap(PARAGRAPH, 60)),
    ("page.html", "<html><body><article><p>%s</p></article></body></html>"
     % rewrap(PARAGRAPH, 60).replace("\n", "<br/>")),  # hard breaks an extractor keeps
])
def test_every_input_kind_gets_a_reading_view(tmp_path, name, content):
    from claimx.ingest import iter_articles

    (tmp_path / name).write_text(content, encoding="utf-8")
    [article] = iter_articles([str(tmp_path / name)])
    assert len(article.reading) == len(article.text)
    assert "University of Miami" in article.reading and "University of\nMiami" in article.text


def test_a_hyphen_broken_cue_verb_still_introduces_a_claim(nlp):
    from claimx.extract import extract_many

    text = "Harbor Rail an-\nnounced on Tuesday that it would buy Tamsin Logistics for $40 million."
    [record] = extract_many([{"id": "x", "text": text}], nlp=nlp)
    [claim] = record.claims
    assert (claim.speaker.text, claim.cue.text) == ("Harbor Rail", "an-\nnounced")
