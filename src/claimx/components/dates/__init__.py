"""claimx_dates: calendar date expressions, each valued against the article's date.

The date grammar (normalize/dates/grammar.py, rules in models/dates/) finds the expressions; this component adds
what needs tokens: it drops the matches that are no date here ("Theresa May", "2000 employees", "USA Today":
checks.py), reads the tense of the governing verb ("said Friday" / "will meet on Tuesday": tense.py), keeps the
dates mentioned so far for the expressions that refer back ("a year earlier"), and values the statistical DATE spans
no rule reads with dateparser.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.components.dates.checks import plausible
from claimx.components.dates.fiscal_context import fiscal_context, fiscal_near
from claimx.components.dates.tense import governing_tense
from claimx.extensions import DATES_KEY, doc_text, in_ranges
from claimx.normalize.dates.fallback import value_with_dateparser
from claimx.normalize.dates.grammar import DateMatch, date_grammar
from claimx.normalize.dates.resolve import CONTEXT_REACH
from claimx.normalize.dates import prefers_day_first, reference_date, resolve


@Language.factory(
    "claimx_dates",
    assigns=["doc.spans"],
    default_config={"statistical_fallback": True},
)
def make_dates(nlp: Language, name: str, statistical_fallback: bool = True) -> DatesComponent:
    return DatesComponent(statistical_fallback=statistical_fallback)


class DatesComponent:
    """Writes doc.spans["claimx_dates"], each span with span._.claimx_date = {"value", "grain", "relative", "mod"}
    and "calendar" for a fiscal period whose calendar is known."""

    def __init__(self, statistical_fallback: bool = True):
        self.grammar = date_grammar()
        self.statistical_fallback = statistical_fallback

    def __call__(self, doc: Doc) -> Doc:
        ref = reference_date(doc._.claimx_published)
        text = doc_text(doc)
        found, rejected = self._found(doc, text)
        fiscal = fiscal_context(doc, text, any(match.parts.fiscal for _, match in found))
        sentences = _sentence_starts(doc, text)
        mentioned: deque[tuple[str, int]] = deque(maxlen=MAX_MENTIONED)  # (value, sentence) of the recent dates
        parsed = doc.has_annotation("DEP")  # also a walk over every token: once per document
        for i, (span, match) in enumerate(found):
            sentence = bisect.bisect_right(sentences, span.start_char) - 1
            while mentioned and sentence - mentioned[0][1] > CONTEXT_REACH:
                mentioned.popleft()
            context = [(value, sentence - where) for value, where in mentioned]
            here = fiscal if match.parts.split_from is None else fiscal_near(fiscal, text, match.start, match.end)
            span._.claimx_date = resolve(match.parts, ref, governing_tense(span, parsed), context,
                                         self._period_end(text, found, i, ref, parsed), here)
            value = span._.claimx_date["value"]
            if value and not (match.parts.compare or not _kept_as_context(match.parts, value)
                              or _compared_against(span)):
                mentioned.append((value, sentence))  # what later "that year" / "a year earlier" refer to
        spans = [span for span, _ in found]
        if self.statistical_fallback:  # never where a rule matched, taken or rejected
            taken = bytearray(len(doc))
            for start, end in [(s.start, s.end) for s in spans] + rejected:
                taken[start:end] = b"\x01" * (end - start)
            spans.extend(self._statistical(doc, ref, taken))
        doc.spans[DATES_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _found(self, doc: Doc, text: str) -> tuple[list[tuple[Span, DateMatch]], list[tuple[int, int]]]:
        """The grammar's matches as token spans, without those that are no date here (returned as token ranges)."""
        found: list[tuple[Span, DateMatch]] = []
        rejected: list[tuple[int, int]] = []
        masked = doc._.claimx_masked
        for match in self.grammar.find(text, day_first=prefers_day_first(text)):
            if in_ranges(match.start, match.end, masked):
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


# The dates an expression may refer back to are those of the last CONTEXT_REACH sentences, and at most this many:
# text without sentence breaks ("2019-2020 2019-2020 …") once kept every date, making the layer quadratic.
MAX_MENTIONED = 64

_PERIOD_END = re.compile(r",?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed|through|to)\s+(?:on\s+|in\s+)?",
                         re.IGNORECASE)


def _kept_as_context(parts: Any, value: str) -> bool:
    """Whether later references may point back to this date: not "the 1988 period" (it points back itself), and a
    run of months only when it is one calendar quarter or half ("the six months ended Dec. 31" is 2019-H2)."""
    if parts.anchor == "context" and (parts.shift or 0) < 0:
        return False  # "the prior year" is a comparison too: "compared to the prior period" is not a year before it
    return parts.period in (None, "year") or (parts.period == "months" and "/" not in value)


_COMPARING = frozenset({"compared", "versus", "vs", "vs.", "against"})


def _compared_against(span: Span) -> bool:
    """'… increased compared to a net loss of Rs 2,476 crore in the September quarter': the period compared against
    is an aside; a later "the year-ago period" compares with the period the story reports, not with it."""
    sentence_start = span.sent.start if span.doc.has_annotation("SENT_START") else max(0, span.start - 12)
    for token in reversed(span.doc[max(sentence_start, span.start - 12) : span.start]):
        if token.lower_ in _COMPARING:
            return True
        if token.pos_ in ("VERB", "AUX") or token.is_punct and token.text in ".;:":
            return False
    return False


def _sentence_starts(doc: Doc, text: str) -> list[int]:
    if doc.has_annotation("SENT_START"):
        return [sent.start_char for sent in doc.sents]
    return [0] + [m.end() for m in re.finditer(r"[.!?][\"'\u201d)]*\s+", text)]
