"""Money text → mentions with amount, currency, hedges and ranges. Pure functions of strings.

`MoneyReader.find(text)` lists every amount in a text with its offsets; the currency it carries may still be
open (the article's dollar, or candidates such as rupees or kroner), which money_context.py settles for the whole
article. `parse_money(text)` reads one mention into the claimx/1 money fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

from claimx.normalize.currencies import COMMA_DECIMAL, DOLLAR, Currency, Vocabulary, load_vocabulary
from claimx.normalize.money_patterns import dollar_quote_pattern, hedge_patterns, money_pattern
from claimx.normalize.numbers import UNIT_WORDS, parse_number_words, parse_numeral, to_amount

_HUNDRED = Decimal(100)
_RANGE_DASH = re.compile(r"\s{0,3}(?:-|–|—|to|through|thru)\s{0,3}", re.I)
_RANGE_AND = re.compile(r"\s{1,3}and\s{1,3}", re.I)
_COMPOUND = re.compile(r"(?:[ \t]{1,3}and)?[ \t]{1,3}", re.I)  # "3 dollars (and) 50 cents"
_CENTS = re.compile(r"\d\d")
_CLAUSE_END = re.compile(r"\s{0,3}(?:[.,;:!?)]|\Z)")
_BETWEEN = re.compile(r"(?<![^\W_])between\s{1,3}\Z", re.I)
_LAST_WORD = re.compile(r"([^\W\d_]+)[\s,]{1,3}\Z")
_SPAN_OF = re.compile(r"(?<![^\W_])(?:rang\w*|anywhere|somewhere)\s{1,3}from\s{1,3}\Z", re.I)
_ELLIPSIS_LINK = re.compile(
    r",?\s{1,3}(?:(?:up|down)\s{1,3})?(?:from|versus|vs\.?|against|compared\s{1,3}(?:with|to))\s{1,3}", re.I)
_ELLIPSIS_END = re.compile(  # the bare amount ends the clause, or a time phrase follows: not "3 million users"
    r"\s{0,3}(?:[.,;:)]|\Z|\s(?:a|the|in|last|this|previously|earlier|during|for|at)\b)", re.I)
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_INFLATION = re.compile(r"(?<![^\W_])(?:in|constant|real|nominal|current|today's|today’s)\s{1,3}\Z", re.I)
_CENTS_DECIMALS = re.compile(r"[.,]\d\d\Z")
_WEIGHT_BEFORE = re.compile(
    r"(?<![^\W_])(?:weigh\w*|weight)\b[^;:]{0,25}\Z|(?:kg|kgs|kilos?|kilograms?|tonnes?)\s{0,2}[(\[]\s{0,2}\Z", re.I)
_WEIGHT_AFTER = re.compile(r"\s{1,3}of\b|\s{0,2}\(\s{0,2}[\d.,]+\s{0,2}(?:kg|kgs|kilos?|kilograms?|lbs?)\b", re.I)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str
    amount: Decimal | None
    currency: Currency  # an ISO code, DOLLAR, candidate codes, or None; see currencies.py
    sign: str = ""  # the currency as written: "$US", "A$", "dollars", "EUR"
    number: str = ""  # the numeral as written, to match a later "$552 million" with an earlier "$US552"
    approx: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    minor: bool = False  # cents, pence: hundredths of `currency`
    weak: bool = False  # read only if the article names this currency elsewhere ("50p", "20 pounds")
    scaled: bool = False
    bare: bool = False  # a number without currency: kept only as the end of a range
    commodity: bool = False  # a bare "$" quoting a commodity ("$387 an ounce"): US dollars

    def fields(self, currency: str | None) -> dict[str, Any]:
        """The claimx/1 money fields, with the currency the article settled on."""
        ranged = self.min is not None
        return {
            "amount": to_amount(self.amount) if self.amount is not None else None,
            "currency": currency,
            "approx": self.approx,
            "min": to_amount(self.min) if ranged else None,
            "max": to_amount(self.max) if ranged and self.max is not None else None,
        }


class MoneyReader:
    """Finds money mentions in text. Build it once (patterns compile here), then call `find` per document."""

    def __init__(self, vocab: Vocabulary | None = None):
        self.vocab = vocab or load_vocabulary()
        self.pattern = money_pattern(self.vocab)
        self.hedge_before, self.hedge_after = hedge_patterns(self.vocab)
        self.dollar_quote = dollar_quote_pattern(self.vocab)

    def find(self, text: str) -> list[MoneyMention]:
        pieces = [p for p in (self._piece(text, m) for m in self.pattern.finditer(text)) if p is not None]
        mentions = [m for m in self._join(text, pieces) if not m.bare]
        return [self._quoted(text, self._hedged(text, m)) for m in mentions]

    # -- one match → one piece ---------------------------------------------------------------------------------

    def _piece(self, text: str, match: re.Match[str]) -> MoneyMention | None:
        found = {name: value for name, value in match.groupdict().items() if value is not None}
        shape = next(iter(found))[0]  # s(ign first), n(umber first), w(ords first)
        groups = {name.split("_", 1)[1]: value for name, value in found.items()}
        currency, sign, minor, factor = self._currency(shape, groups)
        start = match.start()
        factor *= self._scale(groups)
        scaled = factor != 1
        if "word" in groups and not scaled:  # "Euro 2024" is a tournament, "Euro 5 million" an amount
            return None
        if "name" in groups and not scaled and self._capitalised_word(groups["name"]):
            return None  # "six Euro ties", "2 Mark Smith": a currency word is lower case in running text
        if "vague" in groups:  # "millions of dollars": money, but no number to read
            return MoneyMention(start=start, end=match.end(), text=match.group(), amount=None, currency=currency,
                                sign=sign, approx=True)
        if "words" in groups:
            start, number = self._number_words(match, groups["words"])
            if number is None or (number == 1 and not scaled and groups["words"].lower() in ("a", "an")):
                return None
            numeral = groups["words"]
        else:
            numeral = groups["number"]
            number = parse_numeral(numeral, comma_decimal=_comma_decimal(currency), scaled=scaled)
            if number is None:
                return None
        bare = not sign
        if not bare and "name" in groups and not scaled and self._inflation_year(text, start, numeral, groups["name"]):
            return None
        amount = number * factor / (_HUNDRED if minor else 1)
        ambiguous_word = sign.lower() in self.vocab.weak_words and not scaled
        if ambiguous_word and self._weight(text, start, match.end()):
            return None
        priced = number != number.to_integral_value() or _CENTS_DECIMALS.search(numeral)  # "4.99 pounds"
        weak = (ambiguous_word and not priced) or (sign in self.vocab.weak_signs and not scaled)
        return MoneyMention(
            start=start, end=match.end(), text=text[start:match.end()], amount=amount, currency=currency, sign=sign,
            number=numeral, minor=minor, weak=weak, scaled=scaled, bare=bare,
        )

    def _currency(self, shape: str, groups: dict[str, str]) -> tuple[Currency, str, bool, Decimal]:
        """(currency, sign as written, is a minor unit, scale of a scaled code such as MEUR)."""
        vocab = self.vocab
        if "scode" in groups:
            written = groups["scode"]
            for prefix in sorted(vocab.code_prefixes, key=len, reverse=True):  # "Mrd" before "M"
                if written.startswith(prefix) and written[len(prefix):] in vocab.scalable_codes:
                    return written[len(prefix):], written, False, Decimal(str(vocab.code_prefixes[prefix]))
        if "code" in groups:
            written = groups["code"]
            table_value = vocab.before.get(written.upper())
            return (table_value if isinstance(table_value, str) else written.upper()), written, False, Decimal(1)
        if "any" in groups:
            written = groups["any"]
            return vocab.before_any_case[_spaced(written).lower()], written, False, Decimal(1)
        if "word" in groups:
            written = groups["word"]
            return vocab.before_words[_spaced(written).lower()], written, False, Decimal(1)
        if "attached" in groups:
            return vocab.before_attached[groups["attached"]], groups["attached"], False, Decimal(1)
        if "sign" in groups:
            table = vocab.before if shape == "s" else vocab.after
            written = groups["sign"]
            return table[_spaced(written)], written, False, Decimal(1)
        if "minor_attached" in groups:
            return vocab.after_minor[groups["minor_attached"]], groups["minor_attached"], True, Decimal(1)
        if "minor" in groups:
            written = groups["minor"]
            return vocab.minor_names[_spaced(written).lower()], written, True, Decimal(1)
        if "name" in groups:
            written = groups["name"]
            return vocab.names[_spaced(written).lower()], written, False, Decimal(1)
        return None, "", False, Decimal(1)

    def _scale(self, groups: dict[str, str]) -> Decimal:
        factor = Decimal(1)
        for key in ("scale", "scale_more", "scale_after"):
            if key in groups:
                word = groups[key]
                value = self.vocab.scale_words.get(word.lower()) or self.vocab.scale_abbreviations.get(word, 1)
                factor *= Decimal(str(value))
        if "scale_attached" in groups:
            factor *= Decimal(str(self.vocab.scale_attached[groups["scale_attached"]]))
        return factor

    @staticmethod
    def _number_words(match: re.Match[str], words: str) -> tuple[int, Decimal | None]:
        """Read the words; when they do not parse ("five and ten"), drop leading words until they do."""
        offset = match.start()
        tokens = list(re.finditer(r"[^\s\-]+", words))
        for index, token in enumerate(tokens):
            following = tokens[index + 1].group().lower() if index + 1 < len(tokens) else ""
            if token.group().lower() in ("a", "an") and following in UNIT_WORDS:
                continue  # "a five million riel fine": the article is not part of the amount
            value = parse_number_words(words[token.start():])
            if value is not None:
                return offset + token.start(), value
        return offset, None

    def _capitalised_word(self, written: str) -> bool:
        word = _spaced(written)
        return word[:1].isupper() and word.lower() in self.vocab.generic_words

    @staticmethod
    def _weight(text: str, start: int, end: int) -> bool:
        """ "weighs 236 pounds", "500 pounds (225 kilograms)", "1,300 pounds of fertiliser": not money."""
        return bool(_WEIGHT_BEFORE.search(text, max(0, start - 40), start) or _WEIGHT_AFTER.match(text, end))

    @staticmethod
    def _inflation_year(text: str, start: int, numeral: str, name: str) -> bool:
        """ "in 2019 dollars", "the 2008 dollar crisis": a year before a currency word is not an amount."""
        if not _YEAR.fullmatch(numeral):
            return False
        return not name.lower().endswith("s") or bool(_INFLATION.search(text, max(0, start - 20), start))

    # -- pieces → mentions: ranges, dollars-and-cents, hedges --------------------------------------------------

    def _join(self, text: str, pieces: list[MoneyMention]) -> list[MoneyMention]:
        joined: list[MoneyMention] = []
        for piece in pieces:
            previous = joined[-1] if joined else None
            merged = previous and (self._range(text, previous, piece) or self._compound(text, previous, piece))
            if merged:
                joined[-1] = merged
            else:
                joined.append(self._elliptical(text, previous, piece) if previous else piece)
        return joined

    @staticmethod
    def _elliptical(text: str, money: MoneyMention, piece: MoneyMention) -> MoneyMention:
        """ "rose to $5.2 billion from 4.8 billion a year earlier": the second amount keeps the first's currency."""
        if not piece.bare or not piece.scaled or money.bare or not money.scaled or money.amount is None:
            return piece
        if not _ELLIPSIS_LINK.fullmatch(text[money.end:piece.start]) or not _ELLIPSIS_END.match(text, piece.end):
            return piece
        return replace(piece, currency=money.currency, sign=money.sign, minor=money.minor, bare=False)

    def _range(self, text: str, low: MoneyMention, high: MoneyMention) -> MoneyMention | None:
        if low.min is not None or (low.bare and high.bare) or low.amount is None or high.amount is None:
            return None
        between = text[low.end:high.start]
        before = text[max(0, low.start - 30):low.start]
        if _RANGE_AND.fullmatch(between):
            if not _BETWEEN.search(before):
                return None
        elif not _RANGE_DASH.fullmatch(between) or (self._change(before) and not _SPAN_OF.search(before)):
            return None
        if not (low.bare or high.bare) and (low.currency != high.currency or low.minor != high.minor):
            return None
        if low.bare and _YEAR.fullmatch(low.number):
            return None
        money = high if low.bare else low
        low_amount = low.amount / _HUNDRED if low.bare and high.minor else low.amount  # "25-45 cents"
        if not low.scaled and high.scaled:  # "$5-10 million": the scale is shared
            shared = low.amount * (high.amount / _numeral_value(high))
            if shared <= high.amount:
                low_amount = shared
        if low_amount > high.amount or low_amount * 10_000 < high.amount:
            return None
        return replace(
            money, start=low.start, end=high.end, text=text[low.start:high.end], amount=low_amount, min=low_amount,
            max=high.amount, bare=False, weak=low.weak and high.weak, scaled=high.scaled,
        )

    def _change(self, before: str) -> bool:
        """ "rose from $5m to $8m", "fell by 500 to 39,200", "shares rose 6p to 388p": a change, then a level."""
        last = _LAST_WORD.search(before)
        return bool(last) and last.group(1).lower() in self.vocab.change_words

    def _compound(self, text: str, major: MoneyMention, minor: MoneyMention) -> MoneyMention | None:
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

    def _hedged(self, text: str, mention: MoneyMention) -> MoneyMention:
        before = self.hedge_before.search(text, max(0, mention.start - 40), mention.start)
        after = self.hedge_after.match(text, mention.end)
        return replace(mention, approx=True) if before or after else mention

    def _quoted(self, text: str, mention: MoneyMention) -> MoneyMention:
        """ "$387 an ounce": a bare dollar quoting a commodity is the US dollar, whatever the article's own."""
        if mention.currency == DOLLAR and not mention.minor and self.dollar_quote.match(text, mention.end):
            return replace(mention, commodity=True)
        return mention


def _numeral_value(mention: MoneyMention) -> Decimal:
    """The number as written, before its scale: 10 for "10 million"."""
    value = parse_numeral(mention.number) if mention.number[:1].isdigit() else parse_number_words(mention.number)
    return value or Decimal(1)


def _comma_decimal(currency: Currency) -> bool:
    codes = currency if isinstance(currency, tuple) else (currency,)
    return all(code in COMMA_DECIMAL for code in codes)


def _spaced(written: str) -> str:
    return _SPACES.sub(" ", written)


@cache
def default_reader() -> MoneyReader:
    return MoneyReader()


def parse_money(text: str, *, dollar: str | None = None) -> dict[str, Any]:
    """Read the first money amount in `text` into {"amount", "currency", "approx", "min", "max"}.

    `dollar` is the ISO code a bare "$" stands for; by default the text's own usage decides (see money_context).
    Nothing readable gives amount and currency None.
    """
    from claimx.normalize.money_context import currency_context

    reader = default_reader()
    mentions = reader.find(text)
    context = currency_context(mentions, vocab=reader.vocab, dollar=dollar)
    for mention in mentions:
        currency = context.resolve(mention)
        if not mention.weak or context.supports(currency):
            return mention.fields(currency)
    return {"amount": None, "currency": None, "approx": False, "min": None, "max": None}
