"""claimx_dates: calendar date expressions, each valued against the article's date.

The date grammar (normalize/date_grammar.py, rules in models/dates/) finds the expressions; this component adds
what needs tokens: it drops the matches that are no date here ("Theresa May", "2000 employees", "USA Today"), reads
the tense of the governing verb ("said Friday" / "will meet on Tuesday"), keeps the dates mentioned so far for the
expressions that refer back ("a year earlier"), and values the statistical DATE spans no rule reads with dateparser.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.extensions import DATES_KEY, in_ranges
from claimx.normalize.date_fallback import value_with_dateparser
from claimx.normalize.date_grammar import DateMatch, date_grammar
from claimx.normalize.date_resolve import CONTEXT_REACH
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
        found, rejected = self._found(doc)
        sentences = _sentence_starts(doc)
        mentioned: deque[tuple[str, int]] = deque()  # (value, sentence index) of the recent dates read so far
        text = doc.text  # spaCy rebuilds doc.text on every access: once per date made long documents quadratic
        parsed = doc.has_annotation("DEP")  # also a walk over every token: once per document
        for i, (span, match) in enumerate(found):
            sentence = bisect.bisect_right(sentences, span.start_char) - 1
            while mentioned and sentence - mentioned[0][1] > CONTEXT_REACH:
                mentioned.popleft()
            context = [(value, sentence - where) for value, where in mentioned]
            span._.claimx_date = resolve(match.parts, ref, governing_tense(span, parsed), context,
                                         self._period_end(text, found, i, ref, parsed))
            value = span._.claimx_date["value"]
            if value and not (match.parts.compare or match.parts.latest or match.parts.period):
                mentioned.append((value, sentence))  # what later "that year" / "a year earlier" refer to
        spans = [span for span, _ in found]
        if self.statistical_fallback:  # never where a rule matched, taken or rejected
            taken = bytearray(len(doc))
            for start, end in [(s.start, s.end) for s in spans] + rejected:
                taken[start:end] = b"\x01" * (end - start)
            spans.extend(self._statistical(doc, ref, taken))
        doc.spans[DATES_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _found(self, doc: Doc) -> tuple[list[tuple[Span, DateMatch]], list[tuple[int, int]]]:
        """The grammar's matches as token spans, without those that are no date here (returned as token ranges)."""
        found: list[tuple[Span, DateMatch]] = []
        rejected: list[tuple[int, int]] = []
        for match in self.grammar.find(doc.text, day_first=prefers_day_first(doc.text)):
            if in_ranges(match.start, match.end, doc._.claimx_masked):
                continue
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            if not plausible(span, match) or (found and found[-1][0].end > span.start):
                rejected.append((span.start, span.end))
                continue
            found.append((span, match))
        return found, rejected

    @staticmethod
    def _period_end(text: str, found: list[tuple[Span, DateMatch]], i: int, ref: Any, parsed: bool) -> str | None:
        """The value of the date in 'the quarter ended Sept. 30', read for 'the quarter'."""
        if i + 1 >= len(found):
            return None
        span, (following, match) = found[i][0], found[i + 1]
        if not _PERIOD_END.fullmatch(text, span.end_char, following.start_char):
            return None
        return resolve(match.parts, ref, governing_tense(following, parsed))["value"]

    @staticmethod
    def _statistical(doc: Doc, ref: Any, taken: bytearray) -> list[Span]:
        """spaCy DATE spans no rule read (`taken` marks the tokens rules matched): kept only when dateparser values
        them as a calendar date."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "DATE" or any(taken[ent.start:ent.end]) or in_ranges(ent.start_char, ent.end_char,
                                                                                 doc._.claimx_masked):
                continue
            resolved = value_with_dateparser(ent.text, ref)
            if resolved is not None:
                ent._.claimx_date = resolved
                found.append(ent)
        return found


_PERIOD_END = re.compile(r",?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed|through)\s+", re.IGNORECASE)


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


# --- tense of the governing verb -------------------------------------------------------------------------------

_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "ll"}
# Verbs that put the date they govern ahead of when they were said: "a vote is expected Friday", "plans a rally
# on Saturday" (unless said in the past of a date before them: "On Friday, the government planned to pay").
_SCHEDULING_VERBS = {"schedule", "slate", "expect", "due", "plan"}
# ... and the infinitive they govern: "planned to leave on Thursday".
_PLANNING_VERBS = _SCHEDULING_VERBS | {"set", "intend", "prepare", "aim", "hope", "want", "seek", "promise"}
# A preposition before the date can settle its direction whatever the verb: "postponed until Tuesday".
_PREPOSITION_TENSE = {"until": "future", "till": "future", "by": "future", "since": "past"}


def governing_tense(span: Span, parsed: bool | None = None) -> str | None:
    """'past', 'present' or 'future' from the verb the date hangs on; None when there is no parse or no verb.

    `parsed`: whether the document has a dependency parse, when the caller already knows (finding out walks the doc).
    """
    doc = span.doc
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return None  # "Wednesday's ruling": a thing that exists, whatever will be done with it
    verb = _governing_verb(span) if (span.doc.has_annotation("DEP") if parsed is None else parsed) else None
    tense = _tense_of(verb) if verb is not None else None
    preposition = _preposition_before(span)
    if preposition in _PREPOSITION_TENSE:
        perfect_past = verb is not None and any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")
        return "past" if perfect_past else _PREPOSITION_TENSE[preposition]  # "Until Thursday, they had not…"
    if verb is not None and verb.lemma_ in _SCHEDULING_VERBS and (tense != "past" or span.start > verb.i):
        return "future"  # "plans a rally on Saturday", "has scheduled a briefing Thursday"
    return tense


def _governing_verb(span: Span) -> Any:
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("amod", "compound"):
            return verb
        if verb.head is verb:
            return None
        verb = verb.head
    return None


_CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "noon", "midnight", "o'clock", "est", "edt", "cst", "cdt", "pst", "pdt",
                "gmt", "bst", "cet", "cest", "utc", "et", "pt", "ct", "local", "time", ":"}


def _preposition_before(span: Span) -> str:
    """The word before the date, looking past a clock time ('until 9 a.m. EST Tuesday')."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 5 and (doc[i].lower_ in _CLOCK_WORDS or doc[i].like_num):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _tense_of(verb: Any, depth: int = 0) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if any(a.tag_ == "MD" for a in auxiliaries):
        return "future"  # could, may, might, should, would: not yet happened
    if any(a.lower_ == "to" for a in auxiliaries) and depth < 2:
        # "expected to vote Tuesday" looks ahead; "had been allowed to inspect since Jan. 13" looks back
        head = verb.head
        finite_past = head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children)
        planned = head.lemma_ in _PLANNING_VERBS
        return "past" if head is not verb and finite_past and not planned else "future"
    if any(a.tag_ == "VBD" for a in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxiliaries):
            return "past"
        if any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return "present"
        if any(a.tag_ == "VBG" for a in auxiliaries) and depth < 2 and verb.head is not verb:
            return _tense_of(verb.head, depth + 1)  # "going to start getting beaten up"
        return None  # "the plan announced Tuesday": no tense of its own
    if verb.tag_ == "VBG" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"  # "have been searching since Oct. 23"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "future"  # "is meeting on Tuesday"
    if verb.tag_ == "VBG" and not auxiliaries and depth < 2 and verb.head is not verb:
        return _tense_of(verb.head, depth + 1)  # "can take part in planning for the summit in April"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and depth < 2 and verb.head is not verb:
        return _tense_of(verb.head, depth + 1)
    return None
