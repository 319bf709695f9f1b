"""The date a claim is anchored to: a date inside it, else the date of the saying, else the article's date.

A claim that compares periods ("up 8% in 2024 from 2023") is about the period it asserts, not the one it compares
with, so dates introduced by a comparison word are passed over while another is there.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.reading import Reading

_COMPARED = frozenset({"from", "than", "versus", "vs", "vs.", "against"})
_CUE_DATE_HOPS = 4  # how far up the parse a date may hang below its cue: said → in → statement → on → Tuesday


def claim_date(reading: Reading, content: Span, cue: Span | None) -> dict | None:
    inside = [d for d in reading.dates_within(content.start_char, content.end_char) if _value(d)]
    if inside:
        asserted = [d for d in inside if not _compared(d)]
        return {"value": _value((asserted or inside)[0]), "source": "explicit"}
    if cue is not None:
        sentence = reading.sentence(cue.root)
        for date in reading.dates_within(sentence.start_char, sentence.end_char):
            if _value(date) and not _overlaps(date, content) and _hangs_from(date.root, cue.root):
                return {"value": _value(date), "source": "cue"}
    published = reading.doc._.claimx_published
    return {"value": published, "source": "published"} if published else None


def _value(date: Span) -> str | None:
    return (date._.claimx_date or {}).get("value")


def _compared(date: Span) -> bool:
    before = date.doc[date.start - 1] if date.start > 0 else None
    if before is not None and before.lower_ in _COMPARED:
        return True
    return before is not None and before.lower_ in ("to", "with") and date.start > 1 and date.doc[date.start - 2].lower_ in (
        "compared", "relative")


def _overlaps(date: Span, content: Span) -> bool:
    return date.start_char < content.end_char and content.start_char < date.end_char


def _hangs_from(token: Token, cue: Token) -> bool:
    for _ in range(_CUE_DATE_HOPS):
        if token.head is token:
            return False
        token = token.head
        if token.i == cue.i:
            return True
    return False
