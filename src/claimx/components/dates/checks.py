"""Token checks on the grammar's matches that a regular expression cannot make: names, counts, programme titles."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from claimx.assets import load_json
from claimx.extensions import doc_text

from spacy.tokens import Span

from claimx.normalize.dates.grammar import DateMatch

_NAME_ENTITIES = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "GPE", "LOC", "NORP"}
_COUNT_ENTITIES = {"MONEY", "PERCENT", "QUANTITY"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "minister", "president", "lady", "sir"}
_YEAR_INTRODUCERS = {"in", "since", "by", "until", "till", "from", "to", "before", "after", "of", "during", "through",
                     "around", "circa", "c.", "early", "late", "mid", "and", "or", "between", "for", "the", "its",
                     "their", "his", "her", "our", "this", "that", "fiscal", "year", "calendar", "spring", "summer",
                     "autumn", "fall", "winter"}


def plausible(span: Span, match: DateMatch) -> bool:
    """Token checks a regular expression cannot make."""
    if _inside_a_name(span):
        return False  # "the Mail on Sunday", "Sunday Times"
    if all(tok.ent_type_ in _NAME_ENTITIES for tok in span) and not match.parts.fiscal:  # "FY26" tagged ORG
        if not _quarter_code_of_results(span, match):
            return False  # "USA Today", "Good Friday Agreement", "Windows 2000"
    if match.rule in _LOWER_CASE_RULES and (span[0].is_title or span[0].is_upper):
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.pos_ == "PROPN" and (before.is_title or before.is_upper):
            return False  # "USA TODAY", "VOA Today"
        if not _may_be_capitalised(span[0]) and not _in_capitals(span):
            return False  # "This Week" the programme
    if match.rule == "month":
        return _month_alone_is_date(span)
    if match.rule == "year":
        return _bare_year_is_date(span, match.parts.year or 0)
    return True


# Rules whose words are written in lower case inside a sentence.
_LOWER_CASE_RULES = {"deictic_day", "relative_unit", "relative_weekend", "the_year", "the_quarter", "units_ago",
                     "latest_period", "year_ago_period", "earlier_in_the_unit"}
_OPENERS = {'"', "``", "`", "\u201c", "'", "\u2018", ":", "-", "--", "\u2014", "\u2013", "(", "_"}


def _quarter_code_of_results(span: Span, match: DateMatch) -> bool:
    """'SBI Q3 results', "the bank's Q3 profit" (the tagger's PRODUCT): a quarter code before a results word is a
    quarter, but not after a capitalised name ("Audi Q3 sales")."""
    if match.rule not in ("quarter_code", "quarter_code_reversed") or span.end >= len(span.doc):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_title and before.pos_ == "PROPN":
        return False
    if before is not None and before.lower_ in ("'s", "\u2019s") and span.doc[before.i - 1].lower_ == "year":
        return False  # "last year's Q2 earnings": the quarter goes with its year's date
    return span.doc[span.end].lower_ in _results_words()


@cache
def _results_words() -> frozenset[str]:
    return frozenset(load_json("dates", "vocab.json")["results_words"])


def _may_be_capitalised(token: Any) -> bool:
    """A word may start with a capital at the start of a sentence, a quotation or a headline."""
    if token.i == 0 or token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return before.text in _OPENERS or before.text in (".", "!", "?") or before.is_space


def _in_capitals(span: Span) -> bool:
    """Inside a headline written in capitals or in title case, capitals say nothing."""
    doc = span.doc
    window = [t for t in doc[max(0, span.start - 4):min(len(doc), span.end + 4)] if t.is_alpha and len(t) > 3]
    return len(window) >= 4 and all(t.is_title or t.is_upper for t in window)


def _month_alone_is_date(span: Span) -> bool:
    """'May' the month, not the modal verb or the surname; 'March' the month, not the verb."""
    token = span[-1]
    if token.tag_ == "MD" or token.pos_ == "VERB":
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text.rstrip(".").lower() in _TITLES:
        return False
    if before is not None and before.is_title and before.pos_ == "PROPN":
        return False  # "Theresa May"
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return not (after is not None and after.is_title and after.pos_ == "PROPN" and token.ent_type_ == "PERSON")


def _bare_year_is_date(span: Span, year: int) -> bool:
    """'in 2000', 'the 2020 election' — not '2000 employees' or 'Boeing 2000'."""
    token = next((t for t in span if str(year) in t.text), span[-1])
    if token.ent_type_ in _COUNT_ENTITIES:
        return False
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    introduced = before is not None and (before.lower_ in _YEAR_INTRODUCERS or before.pos_ in ("ADP", "DET")
                                         or before.tag_ == "PRP$" or before.is_punct)
    if after is not None and after.tag_ in ("NNS", "NNPS") and token.dep_ == "nummod" and not introduced:
        return False  # "2000 employees"
    if token.ent_type_ == "CARDINAL" and not introduced:
        return False
    if before is not None and before.pos_ == "PROPN" and before.is_title and not introduced:
        return False  # "Windows 2000", "Orion 1980"
    if year < 1800 and not introduced:
        return False
    return True


_NAME_REACH = 30  # characters a name may reach on either side of the date word inside it


def _inside_a_name(span: Span) -> bool:
    text = doc_text(span.doc)
    low = max(0, span.start_char - _NAME_REACH)
    for name in _names_with_dates().finditer(text, low, min(len(text), span.end_char + _NAME_REACH)):
        if name.start() <= span.start_char and span.end_char <= name.end():
            return True
    return False


@cache
def _names_with_dates() -> re.Pattern[str]:
    names = sorted(load_json("dates", "vocab.json")["names_with_dates"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
