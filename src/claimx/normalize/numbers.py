"""Number text → Decimal: digit strings in English, European, Indian and spaced groupings, and English number words.

Pure functions; `None` when the text is not a number. Decimal keeps "1.17" × 10⁹ exact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Thousands separators that are never decimal points: spaces of every width and the Swiss apostrophe.
_GROUP_SPACES = re.compile(r"[ \u00a0\u2009\u202f'’]")
_THOUSANDS_COMMAS = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}")  # 1,200,000 and Indian 12,34,567
_THOUSANDS_DOTS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_numeral(text: str, *, comma_decimal: bool = False, scaled: bool = False) -> Decimal | None:
    """Read a digit string such as "1,200,000", "1.200.000,50", "12,34,567.89", "35 000" or "1,5".

    `comma_decimal` says the currency is written European-style, so a lone "1.200" is twelve hundred, not 1.2;
    `scaled` says a scale word follows ("€1.250 billion"), where a lone dot is always a decimal point.
    """
    digits = _GROUP_SPACES.sub("", text.strip())
    if not digits or not digits[0].isdigit():
        return None
    if "," in digits and "." in digits:  # the later one is the decimal mark
        point = "," if digits.rfind(",") > digits.rfind(".") else "."
        digits = digits.replace("." if point == "," else ",", "").replace(point, ".")
    elif "," in digits:
        if not _THOUSANDS_COMMAS.fullmatch(digits) and digits.count(",") == 1:
            digits = digits.replace(",", ".")  # "1,5 Mio": a decimal comma
        else:
            digits = digits.replace(",", "")
    elif digits.count(".") > 1 or (_THOUSANDS_DOTS.fullmatch(digits) and comma_decimal and not scaled):
        if not _THOUSANDS_DOTS.fullmatch(digits):
            return None
        digits = digits.replace(".", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_THOUSAND = {"thousand": 1000}
_FRACTIONS = {"half": Decimal("0.5"), "halves": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.25"),
              "third": Decimal(1) / 3, "thirds": Decimal(1) / 3}
_ARTICLES = {"a", "an"}
UNIT_WORDS = frozenset(_UNITS)
NUMBER_WORDS = (*_UNITS, *_MULTIPLIERS, *_THOUSAND, *_FRACTIONS, *_ARTICLES, "and", "of", "point")


def parse_number_words(text: str) -> Decimal | None:
    """Read English number words: "two hundred", "forty-five", "a quarter of a", "half a", "one and a half",
    "three quarters". Scale words (million, billion) are read by the caller; "thousand" is read here."""
    words = [w for w in re.split(r"[\s\-]+", text.lower().strip()) if w]
    if "point" in words:  # "one point six (billion)": spoken decimals, one digit a word
        return _decimal_words(words)
    if not words or not any(w in _UNITS or w in _FRACTIONS or w in _MULTIPLIERS or w in _THOUSAND for w in words):
        return _lone_article(words)
    total = current = Decimal(0)
    after_and = False
    previous = None
    for index, word in enumerate(words):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[word]
        elif word in _THOUSAND:
            total += (current or 1) * 1000
            current = Decimal(0)
        elif word in _FRACTIONS:
            fraction = _FRACTIONS[word]
            if after_and:  # "one and a half"
                current += fraction
            elif previous in _UNITS:  # "three quarters"
                current *= fraction
            else:  # "half", "a quarter"
                current = fraction
        elif word == "and":  # "two hundred and fifty", "one and a half"; not "five and ten"
            if previous not in _MULTIPLIERS and previous not in _THOUSAND and not _fraction_follows(words, index):
                return None
            after_and = True
            previous = word
            continue
        elif word not in _ARTICLES and word != "of":
            return None
        previous = word
    value = total + current
    return value if value > 0 else None


def _decimal_words(words: list[str]) -> Decimal | None:
    point = words.index("point")
    whole = parse_number_words(" ".join(words[:point])) if point else Decimal(0)
    digits = words[point + 1:]
    if whole is None or not digits or any(_UNITS.get(w, 10) > 9 for w in digits):
        return None
    return whole + Decimal("0." + "".join(str(_UNITS[w]) for w in digits))


def _fraction_follows(words: list[str], index: int) -> bool:
    following = [w for w in words[index + 1:index + 3] if w not in _ARTICLES]
    return bool(following) and following[0] in _FRACTIONS


def _lone_article(words: list[str]) -> Decimal | None:
    """ "a" or "an" alone means one ("a million dollars"); anything else is not a number."""
    return Decimal(1) if len(words) == 1 and words[0] in _ARTICLES else None


def to_amount(value: Decimal) -> int | float:
    """The JSON amount: an int when whole, else a float."""
    integral = value.to_integral_value()
    return int(integral) if value == integral else float(value)
