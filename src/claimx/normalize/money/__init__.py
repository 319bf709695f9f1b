"""Money text → mentions with amount, currency, hedges and ranges. Pure functions of strings.

`MoneyReader.find(text)` lists every amount in a text with its offsets: the regex (patterns.py) finds the
pieces, this module reads each into a MoneyMention, join.py joins ranges and compound amounts. The currency a
mention carries may still be open (the article's dollar, or candidates such as rupees or kroner), which
context.py settles for the whole article. `parse_money(text)` reads one mention into the claimx/1 fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from claimx.normalize.money.currencies import COMMA_DECIMAL, DOLLAR, Currency, Vocabulary, load_vocabulary
from claimx.normalize.money.context import currency_context
from claimx.normalize.money.join import is_year, join_pieces
from claimx.normalize.money.mention import MoneyMention
from claimx.normalize.money.patterns import dollar_quote_pattern, hedge_patterns, money_pattern
from claimx.normalize.numbers import UNIT_WORDS, parse_number_words, parse_numeral

_HUNDRED = Decimal(100)
_CONVERSION = re.compile(r"\s{0,2}[(\[]\s{0,2}(?:[^\W\d_]+\.?\s{1,2}){0,2}")  # " (about ", " ("
_INFLATION = re.compile(r"(?<![^\W_])(?:in|constant|real|nominal|current|today's|today’s)\s{1,3}\Z", re.I)
_CENTS_DECIMALS = re.compile(r"[.,]\d\d\Z")
_WEIGHT_BEFORE = re.compile(
    r"(?<![^\W_])(?:weigh\w*|weight)\b[^;:]{0,25}\Z|(?:kg|kgs|kilos?|kilograms?|tonnes?)\s{0,2}[(\[]\s{0,2}\Z", re.I)
_WEIGHT_AFTER = re.compile(r"\s{1,3}of\b|\s{0,2}\(\s{0,2}[\d.,]+\s{0,2}(?:kg|kgs|kilos?|kilograms?|lbs?)\b", re.I)
_SPACES = re.compile(r"\s+")
_SMALL_AMOUNT = 100
_SINGULAR_UNITS = frozenset({"pound", "mark"})
# the lower-case words right after: the noun a unit describes, perhaps after another noun
_NEXT_WORDS = re.compile(r"[ \t\u00a0]{1,2}([a-z][a-z-]*)\b(?:[ \t\u00a0]{1,2}([a-z][a-z-]*)\b)?")
_RESOLUTIONS = frozenset("144p 240p 360p 480p 576p 720p 1080p 1440p 2160p 4320p".split())
_TEMPERATURE = re.compile(r"temperat|degree|heat|warm|cold|hot\b|°|celsius|thermometer|mercury", re.I)


class MoneyReader:
    """Finds money mentions in text. Build it once (patterns compile here), then call `find` per document."""

    def __init__(self, vocab: Vocabulary | None = None):
        self.vocab = vocab or load_vocabulary()
        self.pattern = money_pattern(self.vocab)
        self.hedge_before, self.hedge_after = hedge_patterns(self.vocab)
        self.dollar_quote = dollar_quote_pattern(self.vocab)

    def find(self, text: str) -> list[MoneyMention]:
        pieces = list(self._pieces(text))
        mentions = [m for m in join_pieces(text, pieces, self.vocab) if not _in_code(text, m.start)]
        mentions = [self._quoted(text, self._hedged(text, m)) for m in mentions]
        return [
            replace(m, converts=True) if i and _CONVERSION.fullmatch(text, mentions[i - 1].end, m.start) else m
            for i, m in enumerate(mentions)
        ]

    # -- one match → one piece ---------------------------------------------------------------------------------

    def _pieces(self, text: str) -> Iterator[MoneyMention]:
        """Every piece, left to right. A match read as no amount ("a DKK 2.3 billion" read from "a", "Euro 2024")
        gives its text back: the search resumes one character later, not after it."""
        position = 0
        while (match := self.pattern.search(text, position)) is not None:
            piece = self._piece(text, match)
            if piece is None:
                position = match.start() + 1
                continue
            yield piece
            position = max(match.end(), match.start() + 1)

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
        if "code" in groups and not self._standalone_code(text, match, shape, scaled):
            return None
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
        if "minor_attached" in groups and _not_a_price(text, start, numeral + sign):
            return None
        ambiguous_word = sign.lower() in self.vocab.weak_words and not scaled
        if ambiguous_word and (self._weight(text, start, match.end()) or self._unit_before_noun(text, match, sign)):
            return None
        # "4.99 pounds" is a price; "half-penny" is not (a number word, not a written price)
        priced = numeral[:1].isdigit() and (number != number.to_integral_value() or _CENTS_DECIMALS.search(numeral))
        weak = ((ambiguous_word and not priced) or (sign in self.vocab.weak_signs and not scaled)
                or ("code" in groups and self._rare_code_small_number(sign, number, numeral, scaled)))
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

    def _standalone_code(self, text: str, match: re.Match[str], shape: str, scaled: bool) -> bool:
        """An ISO code is a currency only as a token of its own next to an amount: not "COP28" or "CYP1A2" (a
        summit, a gene), and not after number words without a scale ("one of CSK" is a cricket team)."""
        if shape == "w":
            return scaled
        if shape != "s":
            return True
        code = match.group("s_code")
        glued = match.end("s_code") == match.start("s_number")
        if glued and code.upper() not in self.vocab.codes_any_case:  # "USD50" yes, "COP28" no
            return False
        following = text[match.end():match.end() + 1]
        return not (following.isalnum() or following == "_")  # "CYP1A2", "SDG8b"

    def _rare_code_small_number(self, code: str, number: Decimal, numeral: str, scaled: bool) -> bool:
        """ "SDG 8", "COP 28": a rarely used code before a small whole number is more often a goal or a
        summit than an amount; it counts when the article names that currency or its country elsewhere."""
        return (code.upper() not in self.vocab.codes_any_case and not scaled and numeral.isdigit()
                and number < _SMALL_AMOUNT)

    def _unit_before_noun(self, text: str, match: re.Match[str], written: str) -> bool:
        """ "a 200 pound cable", "a 10-pound bag": a singular unit word before a noun describes a weight; money
        then says "pounds" or names a money noun ("a five pound note")."""
        if _spaced(written).lower() not in _SINGULAR_UNITS:
            return False
        following = _NEXT_WORDS.match(text, match.end())
        if not following:
            return False
        nouns = {word.lower() for word in following.groups() if word}  # "a 2 pound parking fee": two words
        return not nouns & self.vocab.unit_nouns_money

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
        if not is_year(numeral):
            return False
        return not name.lower().endswith("s") or bool(_INFLATION.search(text, max(0, start - 20), start))

    def _hedged(self, text: str, mention: MoneyMention) -> MoneyMention:
        before = self.hedge_before.search(text, max(0, mention.start - 40), mention.start)
        after = self.hedge_after.match(text, mention.end)
        return replace(mention, approx=True) if before or after else mention

    def _quoted(self, text: str, mention: MoneyMention) -> MoneyMention:
        """ "$387 an ounce": a bare dollar quoting a commodity is the US dollar, whatever the article's own."""
        if mention.currency == DOLLAR and not mention.minor and self.dollar_quote.match(text, mention.end):
            return replace(mention, commodity=True)
        return mention


def _in_code(text: str, start: int) -> bool:
    """Inside `inline code` (an odd number of backticks earlier on the line): "`echo $1`" is no price."""
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("`", line_start, start) % 2 == 1


def _not_a_price(text: str, start: int, written: str) -> bool:
    """ "1080p" is a video resolution, "30c" a temperature, not pence or cents."""
    return written.lower() in _RESOLUTIONS or (
        written.endswith("c") and bool(_TEMPERATURE.search(text, max(0, start - 40), start))
    )


def _comma_decimal(currency: Currency) -> bool:
    codes = currency if isinstance(currency, tuple) else (currency,)
    return all(code in COMMA_DECIMAL for code in codes)


def _spaced(written: str) -> str:
    return _SPACES.sub(" ", written)


@cache
def default_reader() -> MoneyReader:
    return MoneyReader()


def parse_money(text: str, *, dollar: str | None = None, country: str | None = None) -> dict[str, Any]:
    """Read the first money amount in `text` into {"amount", "currency", "approx", "min", "max"}.

    `dollar` is the ISO code a bare "$" stands for; by default the text's own usage decides (see context.py),
    with `country`, the publisher's (ISO 3166-1 alpha-2), weighing in.
    Nothing readable gives amount and currency None.
    """
    reader = default_reader()
    mentions = reader.find(text)
    context = currency_context(mentions, vocab=reader.vocab, dollar=dollar, country=country)
    for mention in mentions:
        currency = context.resolve(mention)
        if not mention.weak or context.supports(currency):
            return mention.fields(currency)
    return {"amount": None, "currency": None, "approx": False, "min": None, "max": None}
