"""The content of a claim: clean edges, and quotations taken whole."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.reading import Reading, is_quote_mark

_DASHES = frozenset({"—", "–", "-", "--", "―"})
_CONCESSIVE = frozenset({"although", "though", "whereas", "especially", "even"})  # …, although … adds to a claim
_MIN_HEAD = 3  # tokens a content keeps before a tail may be cut


def subtree(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


_DATELINE_MAX = 12  # tokens before the dash of "OSLO, March 3 (Reuters) —"


def tidy(reading: Reading, start: int, end: int) -> Span | None:
    """Trim punctuation and spaces from the token range's edges, keeping quotation marks that belong to a quote
    inside it ("that" stays: it is part of the reported clause), and drop a leading dateline."""
    doc = reading.doc
    start = _after_dateline(reading, start, end)
    while start < end and (doc[start].is_space or (doc[start].is_punct and not _opens_inside(reading, start, end))):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].dep_ == "cc" or (
            doc[end - 1].is_punct and not _closes_inside(reading, start, end) and not _kept_at_end(doc[start:end]))):
        end -= 1
    return doc[start:end] if end > start else None


def _kept_at_end(span: Span) -> bool:
    """Punctuation that is part of what is said: a percent sign, a bracket closing one opened inside."""
    last = span[-1].text
    return last == "%" or (last == ")" and any(t.text == "(" for t in span))


def _after_dateline(reading: Reading, start: int, end: int) -> int:
    """Where the text starts after a dateline ("WASHINGTON, March 14, 2025 —", "OSLO (Reuters) -"): names,
    numbers and punctuation up to a dash, with no verb among them."""
    doc = reading.doc
    for i in range(start, min(end, start + _DATELINE_MAX)):
        token = doc[i]
        if is_dash(token):
            return i + 1 if i > start else start
        if not (token.pos_ in ("PROPN", "NUM", "PUNCT", "SPACE") or token.ent_type_ in ("DATE", "GPE")):
            return start
    return start


def _opens_inside(reading: Reading, start: int, end: int) -> bool:
    quote = reading.quote_of[start]
    return quote >= 0 and is_quote_mark(reading.doc[start]) and reading.quote_spans[quote].start == start


def _closes_inside(reading: Reading, start: int, end: int) -> bool:
    """True when a closing mark (or the punctuation just before one) ends a quote that opened inside the range."""
    doc = reading.doc
    last = end - 1
    quote = reading.quote_of[last]
    if quote < 0:
        return False
    span = reading.quote_spans[quote]
    return span.start >= start and span.end >= end and (is_quote_mark(doc[span.end - 1]) or span.end == end)


def without_tail(reading: Reading, content: Span) -> Span:
    """The reported clause without what the reporter adds after a comma at its end: a participle (…, focusing on
    people under 30), a concession (…, although …), a non-restrictive relative clause or apposition closing the
    sentence (…, the presumed favorite; …, which forced her to leave), or a semicolon's second clause."""
    doc = reading.doc
    for i in range(content.start + _MIN_HEAD, content.end):
        token = doc[i]
        if reading.quote_of[i] >= 0:
            continue
        if token.text == ";":
            return tidy(reading, content.start, i) or content
        if not _after_comma(reading, i):
            continue
        if token.lower_ in _CONCESSIVE or _added_phrase(token, content.end):
            return tidy(reading, content.start, i - 1) or content
    return content


def _after_comma(reading: Reading, i: int) -> bool:
    """Token i follows the reporter's comma: a comma outside quotes, or one a quotation closes with (…, the talks
    were making “good progress,” although he warned …)."""
    doc = reading.doc
    if doc[i - 1].text == ",":
        return reading.quote_of[i - 1] < 0
    return i >= 2 and is_quote_mark(doc[i - 1]) and doc[i - 2].text == "," and reading.quote_of[i] < 0


def _added_phrase(first: Token, end: int) -> bool:
    """`first` opens a phrase that runs to the end of the content and only comments on it: a participle clause, a
    relative clause opened by which/who, an apposition. Not an apposition that states a figure (…, a 5% increase
    over the year-ago quarter): that is part of what was said, and a fact-checker checks it."""
    head = first
    while head.head != head and head.head.left_edge.i == first.i and head.head.i < end:
        head = head.head
    if head.right_edge.i + 1 < end:
        return False
    if head.tag_ == "VBG" and head.dep_ in ("advcl", "xcomp", "conj") and first.i == head.i:
        return True
    if head.dep_ == "relcl" and first.lower_ in ("which", "who", "whose"):
        return True
    return head.dep_ == "appos" and not any(t.like_num or t.text == "%" for t in head.subtree)


def take_quotes_whole(reading: Reading, content: Span) -> tuple[Span, bool]:
    """A content span inside one quotation becomes the whole quotation (direct speech); one that ends inside a
    quotation grows to its closing mark (mixed speech). Returns the span and whether it is direct."""
    doc = reading.doc
    first, last = reading.quote_of[content.start], reading.quote_of[content.end - 1]
    if first >= 0 and first == last:
        quote = reading.quote_spans[first]
        if quote.start <= content.start and content.end <= quote.end:
            return quote, True
    start, end = content.start, content.end
    if last >= 0:
        end = max(end, reading.quote_spans[last].end)
    if first >= 0 and reading.quote_spans[first].start < start:
        start = reading.quote_spans[first].start
    span = doc[start:end]
    return span, False


def is_dash(token: Token | str) -> bool:
    return (token if isinstance(token, str) else token.text) in _DASHES
