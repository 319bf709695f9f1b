"""claimx_dates: calendar date expressions, each valued against the article's date.

The date grammar (normalize/date_grammar.py, rules in models/dates/) finds the expressions; this component adds
what needs tokens: it drops the matches that are no date here ("Theresa May", "2000 employees", "USA Today"), reads
the tense of the governing verb ("said Friday" / "will meet on Tuesday"), keeps the dates mentioned so far for the
expressions that refer back ("a year earlier"), and values the statistical DATE spans no rule reads with dateparser.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.extensions import DATES_KEY, in_ranges
from claimx.normalize.date_fallback import value_with_dateparser
from claimx.normalize.date_grammar import DateMatch, date_grammar
from claimx.normalize.dates import prefers_day_first, reference_date, resolve


@Language.factory(
    "claimx_dates",
    assigns=["doc.spans"],
    default_config={"statistical_fallback": True},
)
def make_dates(nlp: Language, name: str, statistical_fallback: bool = True) -> DatesComponent:
    return DatesComponent(statistical_fallback=statistical_fallback)


class DatesComponent:
    """Writes doc.spans["claimx_dates"], each span with span._.claimx_date = {"value", "grain", "relative", "mod"}."""

    def __init__(self, statistical_fallback: bool = True):
        self.grammar = date_grammar()
        self.statistical_fallback = statistical_fallback

    def __call__(self, doc: Doc) -> Doc:
        ref = reference_date(doc._.claimx_published)
        matches = [m for m in self.grammar.find(doc.text, day_first=prefers_day_first(doc.text))
                   if not in_ranges(m.start, m.end, doc._.claimx_masked)]
        sentences = _sentence_starts(doc)
        mentioned: list[tuple[str, int]] = []  # (value, sentence index) of the dates read so far
        spans: list[Span] = []
        taken: list[tuple[int, int]] = []
        for match in matches:
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or not plausible(span, match) or _overlaps(span, taken):
                continue
            sentence = bisect.bisect_right(sentences, span.start_char) - 1
            context = [(value, sentence - where) for value, where in mentioned]
            span._.claimx_date = resolve(match.parts, ref, governing_tense(span), context)
            spans.append(span)
            taken.append((span.start, span.end))
            value = span._.claimx_date["value"]
            if value and not (match.parts.compare or match.parts.latest):
                mentioned.append((value, sentence))
        if self.statistical_fallback:
            spans.extend(self._statistical(doc, ref, taken))
        doc.spans[DATES_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    @staticmethod
    def _statistical(doc: Doc, ref: Any, taken: list[tuple[int, int]]) -> list[Span]:
        """spaCy DATE spans no rule read: kept only when dateparser values them as a calendar date."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "DATE" or _overlaps(ent, taken) or in_ranges(ent.start_char, ent.end_char,
                                                                            doc._.claimx_masked):
                continue
            resolved = value_with_dateparser(ent.text, ref)
            if resolved is not None:
                ent._.claimx_date = resolved
                found.append(ent)
        return found


def _overlaps(span: Span, taken: list[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in taken)


def _sentence_starts(doc: Doc) -> list[int]:
    if doc.has_annotation("SENT_START"):
        return [sent.start_char for sent in doc.sents]
    return [0] + [m.end() for m in re.finditer(r"[.!?][\"'\u201d)]*\s+", doc.text)]


# --- which matches are dates here -------------------------------------------------------------------------------

_NAME_ENTITIES = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "GPE", "LOC", "NORP"}
_COUNT_ENTITIES = {"MONEY", "PERCENT", "QUANTITY"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "minister", "president", "lady", "sir"}
_YEAR_INTRODUCERS = {"in", "since", "by", "until", "till", "from", "to", "before", "after", "of", "during", "through",
                     "around", "circa", "c.", "early", "late", "mid", "and", "or", "between", "for", "the", "its",
                     "their", "his", "her", "our", "this", "that", "fiscal", "year", "calendar", "spring", "summer",
                     "autumn", "fall", "winter"}


def plausible(span: Span, match: DateMatch) -> bool:
    """Token checks a regular expression cannot make."""
    if all(tok.ent_type_ in _NAME_ENTITIES for tok in span):
        return False  # "USA Today", "Good Friday Agreement", "Windows 2000"
    if match.rule == "month":
        return _month_alone_is_date(span)
    if match.rule == "year":
        return _bare_year_is_date(span, match.parts.year or 0)
    return True


def _month_alone_is_date(span: Span) -> bool:
    """'May' the month, not the modal verb or the surname; 'March' the month, not the verb."""
    token = span[-1]
    if token.tag_ == "MD" or token.pos_ == "VERB":
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text.rstrip(".").lower() in _TITLES:
        return False
    if before is not None and before.is_title and before.pos_ == "PROPN" and not before.is_sent_start:
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
    if year < 1800 and not introduced:
        return False
    return True


# --- tense of the governing verb -------------------------------------------------------------------------------

_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "ll"}


def governing_tense(span: Span) -> str | None:
    """'past', 'present' or 'future' from the verb the date hangs on; None when there is no parse or no verb."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("amod", "compound"):
            break
        if verb.head is verb:
            return None
        verb = verb.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return _tense_of(verb)


def _tense_of(verb: Any, depth: int = 0) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if any(a.tag_ == "MD" for a in auxiliaries):
        return "future"  # could, may, might, should, would: not yet happened
    if any(a.lower_ == "to" for a in auxiliaries):
        return "future"  # "expected to vote Tuesday": an infinitive looks ahead
    if any(a.tag_ == "VBD" for a in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxiliaries):
            return "past"
        if any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return "present"
        return "past"  # "the plan announced Tuesday"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "future"  # "is meeting on Tuesday"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and depth < 2 and verb.head is not verb:
        return _tense_of(verb.head, depth + 1)
    return None
