"""Pieces → mentions: the amounts the money regex found one by one, joined where the text joins them.

- ranges: "$5-10 million", "$5 million to $10 million", "between €300,000 and €5 million" → one mention with min/max
  (but "rose from $5m to $8m", "fell 6p to 388p" are a change and a level: two mentions);
- dollars and cents: "3 dollars 50 cents", "thirteen dollars and forty-five cents" → one amount;
- ellipsis: "$5.2 billion from 4.8 billion a year earlier" → the second amount keeps the first's currency.
Bare numbers ("10 million") are pieces too, kept only when they join an amount.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from claimx.normalize.money.currencies import DOLLAR, Vocabulary
from claimx.normalize.money.mention import MoneyMention
from claimx.normalize.numbers import parse_number_words, parse_numeral

_HUNDRED = Decimal(100)
_RANGE_DASH = re.compile(r"\s{0,3}(?:-|–|—|to|through|thru)\s{0,3}", re.I)
_RANGE_AND = re.compile(r"\s{1,3}and\s{1,3}", re.I)
_BETWEEN = re.compile(r"(?<![^\W_])between\s{1,3}\Z", re.I)
_SPAN_OF = re.compile(r"(?<![^\W_])(?:rang\w*|anywhere|somewhere)\s{1,3}from\s{1,3}\Z", re.I)
_LAST_WORD = re.compile(r"([^\W\d_]+)[\s,]{1,3}\Z")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_WIDEST_RANGE = 10_000  # "$5 to $50,000" may be a range; "$1 to $1 billion" is not
_COMPOUND = re.compile(r"(?:[ \t]{1,3}and)?[ \t]{1,3}", re.I)  # "3 dollars (and) 50 cents"
_CENTS = re.compile(r"\d\d")
_CLAUSE_END = re.compile(r"\s{0,3}(?:[.,;:!?)]|\Z)")
_ELLIPSIS_LINK = re.compile(
    r",?\s{1,3}(?:(?:up|down)\s{1,3})?(?:from|versus|vs\.?|against|compared\s{1,3}(?:with|to))\s{1,3}", re.I)
_ELLIPSIS_END = re.compile(  # the bare amount ends the clause, or a time phrase follows: not "3 million users"
    r"\s{0,3}(?:[.,;:)]|\Z|\s(?:a|the|in|last|this|previously|earlier|during|for|at)\b)", re.I)


def join_pieces(text: str, pieces: list[MoneyMention], vocab: Vocabulary) -> list[MoneyMention]:
    """Join neighbouring pieces into ranges and compound amounts; drop the bare numbers that joined nothing."""
    joined: list[MoneyMention] = []
    for piece in pieces:
        previous = joined[-1] if joined else None
        merged = previous and (_range(text, previous, piece, vocab) or _compound(text, previous, piece))
        if merged:
            joined[-1] = merged
        else:
            joined.append(_elliptical(text, previous, piece) if previous else piece)
    return [mention for mention in joined if not mention.bare]


def is_year(numeral: str) -> bool:
    return bool(_YEAR.fullmatch(numeral))


def _range(text: str, low: MoneyMention, high: MoneyMention, vocab: Vocabulary) -> MoneyMention | None:
    if low.min is not None or (low.bare and high.bare) or low.amount is None or high.amount is None:
        return None
    between = text[low.end:high.start]
    before = text[max(0, low.start - 30):low.start]
    if _RANGE_AND.fullmatch(between):
        if not _BETWEEN.search(before):
            return None
    elif not _RANGE_DASH.fullmatch(between) or (_is_change(before, vocab) and not _SPAN_OF.search(before)):
        return None
    if low.bare or high.bare:
        money = high if low.bare else low
    else:
        currency = _shared_currency(low, high, vocab)
        if currency is _MISMATCH or low.minor != high.minor:
            return None
        money = replace(low, currency=currency)
    if low.bare and is_year(low.number):
        return None
    low_amount = low.amount / _HUNDRED if low.bare and high.minor else low.amount  # "25-45 cents"
    if not low.scaled and high.scaled:  # "$5-10 million": the scale is shared
        shared = low.amount * (high.amount / _numeral_value(high))
        if shared <= high.amount:
            low_amount = shared
    if low_amount > high.amount or low_amount * _WIDEST_RANGE < high.amount:
        return None
    return replace(
        money, start=low.start, end=high.end, text=text[low.start:high.end], amount=low_amount, min=low_amount,
        max=high.amount, bare=False, weak=low.weak and high.weak, scaled=high.scaled,
    )


_MISMATCH = object()


def _shared_currency(low: MoneyMention, high: MoneyMention, vocab: Vocabulary) -> object:
    """The currency of both ends; "US$5m-$6m": a bare "$" end takes the other's dollar."""
    if low.currency == high.currency:
        return low.currency
    pair = {low.currency, high.currency}
    if DOLLAR in pair and len(pair - {DOLLAR} & vocab.dollars) == 1:
        return (pair - {DOLLAR}).pop()
    return _MISMATCH


def _is_change(before: str, vocab: Vocabulary) -> bool:
    """ "rose from $5m to $8m", "fell by 500 to 39,200", "shares rose 6p to 388p": a change, then a level."""
    last = _LAST_WORD.search(before)
    return bool(last) and last.group(1).lower() in vocab.change_words


def _compound(text: str, major: MoneyMention, minor: MoneyMention) -> MoneyMention | None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars and 50.": one amount."""
    if major.bare or major.minor or major.scaled or major.min is not None or major.amount is None:
        return None
    if minor.amount is None or not _COMPOUND.fullmatch(text[major.end:minor.start]):
        return None
    if minor.minor and minor.currency in (major.currency, DOLLAR) and minor.amount < 1:
        cents = minor.amount
    elif minor.bare and _CENTS.fullmatch(minor.number) and _CLAUSE_END.match(text, minor.end) and (
        major.text.endswith(major.sign) and major.amount == major.amount.to_integral_value()
    ):  # the cents are a bare number closing the clause, after a currency word: "15 dollars 50."
        cents = minor.amount / _HUNDRED
    else:
        return None
    return replace(major, end=minor.end, text=text[major.start:minor.end], amount=major.amount + cents)


def _elliptical(text: str, money: MoneyMention, piece: MoneyMention) -> MoneyMention:
    """ "rose to $5.2 billion from 4.8 billion a year earlier": the second amount keeps the first's currency."""
    if not piece.bare or not piece.scaled or money.bare or not money.scaled or money.amount is None:
        return piece
    if not _ELLIPSIS_LINK.fullmatch(text[money.end:piece.start]) or not _ELLIPSIS_END.match(text, piece.end):
        return piece
    return replace(piece, currency=money.currency, sign=money.sign, minor=money.minor, bare=False)


def _numeral_value(mention: MoneyMention) -> Decimal:
    """The number as written, before its scale: 10 for "10 million"."""
    value = parse_numeral(mention.number) if mention.number[:1].isdigit() else parse_number_words(mention.number)
    return value or Decimal(1)
