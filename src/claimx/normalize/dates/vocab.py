"""The date vocabularies of models/dates/vocab.json, and the regular-expression slots the rules are written with.

A slot ({MONTH}, {YEAR}, {REL} ...) is an alternation of vocabulary entries that captures one named group; the
reader (reader.py) turns the groups back into numbers through the same tables.
"""

from __future__ import annotations

import re
from typing import Any

from claimx.normalize.dates.parts import phrase_key as _words

WORD_GAP = r"[\s-]+"  # a space or a hyphen between the words of an entry: "twenty-first", "year end"


def alternation(words: list[str]) -> str:
    """A regex alternation of vocabulary entries, longest first; spaces/hyphens inside entries match either."""
    ordered = sorted({_words(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", WORD_GAP).replace("'", "['\u2019]") for w in ordered)


class DateVocabulary:
    """vocab.json with the number words derived from it."""

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        self.months = {_words(k): v for k, v in raw["months"].items()}
        self.weekdays = {_words(k): v for k, v in raw["weekdays"].items()}
        self.weekday_abbreviations = {_words(k): v for k, v in raw["weekday_abbreviations"].items()}
        self.seasons = raw["seasons"]
        self.ordinals = {_words(k): v for k, v in raw["ordinals"].items()}
        self.cardinals = self._cardinals(raw["cardinals"])
        self.counts = {_words(k): v for k, v in raw["counts"].items()} | self.cardinals
        self.units = raw["units"]
        self.relations = {_words(k): v for k, v in raw["relations"].items()}
        self.directions = {_words(k): v for k, v in raw["directions"].items()}
        self.deictic = {_words(k): v for k, v in raw["deictic_days"].items()}
        self.modifiers = {_words(k): v for k, v in raw["modifiers"].items()}
        self.hedges = {_words(k): v for k, v in raw["hedges"].items()}
        self.holidays = {_words(k): v for k, v in raw["holidays"].items()}
        self.quarter_words = raw["quarter_words"]
        self.half_words = raw["half_words"]
        self.decade_words = raw["decade_words"]
        self.century_words = {_words(k): v for k, v in raw["century_words"].items()}

    @staticmethod
    def _cardinals(base: dict[str, int]) -> dict[str, int]:
        """one … ninety-nine, from the base words."""
        numbers = {_words(k): v for k, v in base.items()}
        units = {w: n for w, n in numbers.items() if n < 10}
        for tens_word, tens in list(numbers.items()):
            if tens >= 20 and tens % 10 == 0:
                numbers.update({f"{tens_word} {unit_word}": tens + unit for unit_word, unit in units.items()})
        return numbers

    def cardinal_regex(self, minimum: int = 1) -> str:
        """one … ninety-nine as a compact regex (tens, then an optional unit)."""
        tens = [w for w, n in self.cardinals.items() if n >= 20 and n % 10 == 0 and " " not in w]
        units = [w for w, n in self.cardinals.items() if n < 10]
        small = [w for w, n in self.cardinals.items() if minimum <= n < 20]
        return rf"(?:(?:{'|'.join(tens)})(?:{WORD_GAP}(?:{'|'.join(units)}))?|{alternation(small)})"

    def number(self, words: str) -> int | None:
        return self.cardinals.get(_words(words))

    def year_from_words(self, words: str) -> int | None:
        """'nineteen ninety-six' → 1996, 'eighteen hundred and five' → 1805, 'two thousand and four' → 2004."""
        text = _words(words)
        if text.startswith("two thousand"):
            rest = text[len("two thousand"):].strip().removeprefix("and ").strip()
            return 2000 + (self.number(rest) or 0) if rest == "" or self.number(rest) else None
        head, _, rest = text.partition(" ")
        century = self.number(head)
        if century is None:
            return None
        if rest.startswith("hundred"):
            rest = rest[len("hundred"):].strip().removeprefix("and ").strip()
            if rest == "":
                return century * 100
        rest = rest.removeprefix("oh ").strip()
        tail = self.number(rest)
        return century * 100 + tail if tail is not None else None


def slots(v: DateVocabulary) -> dict[str, str]:
    gap, number = WORD_GAP, v.cardinal_regex()
    centuries = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    said_year = (rf"(?:(?:{centuries}){gap}(?:hundred(?:{gap}and)?{gap})?(?:oh{gap})?{number}"
                 rf"|(?:{centuries}){gap}hundred|two{gap}thousand(?:{gap}(?:and{gap})?{number})?"
                 rf"|twenty{gap}{v.cardinal_regex(10)})")
    bare_said_year = rf"(?:eighteen|nineteen){gap}(?:hundred(?:{gap}and)?{gap})?(?:oh{gap})?{number}"
    abbreviations = [m for m in v.months if m not in v.raw["months_alone"]]
    weekday_abbreviations = list(v.weekday_abbreviations)
    # Not an amount ($2021, 2,024, Rs 1885 crore), a copyright line (© 2024) or a compound adjective ("a 2000-strong
    # crowd").
    year4 = (r"(?<![\d$\u20ac\u00a3\u00a5\u20b9#.,\u00a9])(?<!\u00a9\s)(?<!Rs\s)(?<!Rs\.\s)(?:1\d\d\d|20\d\d|21\d\d)"
             r"(?!\d|%|[,.]\d|-[a-z]|\s+(?:crore|lakh|million|billion|trillion)\b)")
    return {
        "YEAR4": rf"(?P<year>{year4})",
        "YEAR": rf"(?:(?P<year>{year4})|(?P<yearw>{said_year}))",
        "YEARWORDS": rf"(?P<yearw>{bare_said_year})",
        "MONTH": rf"(?P<month>{alternation(v.raw['months_alone'])}|(?:{alternation(abbreviations)})\.?)",
        "MONTHNAME": rf"(?P<month>{alternation(v.raw['months_alone'])})",
        "MONTHEND": rf"(?P<month_end>{alternation(v.raw['months_alone'])})",
        "DAY": rf"(?P<day>(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)|{alternation(list(v.ordinals))})",
        "DAYNUM": r"(?P<day>(?<![\d.,])(?:3[01]|[12]\d|0?[1-9]))(?!\d)",
        "WDAY": rf"(?P<weekday>{alternation(list(v.weekdays))}|(?:{alternation(weekday_abbreviations)})\.?)",
        "WEEKDAY": rf"(?P<weekday>{alternation(list(v.weekdays))})",
        "REL": rf"(?P<rel>{alternation(list(v.relations))})",
        "UNIT1": r"(?P<unit>day|week|fortnight|month|quarter|year|decade|century)",
        "UNIT": rf"(?P<unit>{alternation(list(v.units))})",
        "COUNT": rf"(?P<count>\d+|{alternation([c for c in v.counts if c not in v.cardinals])}|{number})",
        "DIR": rf"(?P<dir>{alternation(list(v.directions))})",
        "DEICTIC": rf"(?P<deictic>{alternation(list(v.deictic))})",
        "HOLIDAY": rf"(?P<holiday>{alternation(list(v.holidays))})",
        "QWORD": rf"(?P<qword>{alternation(list(v.quarter_words))})",
        "HWORD": rf"(?P<hword>{alternation(list(v.half_words))})",
        "SEASON": rf"(?P<season>{alternation(list(v.seasons))})",
        "DECADEWORD": rf"(?P<decade_word>{alternation(list(v.decade_words))})",
        "CENTURYWORD": rf"(?P<century_word>{alternation(list(v.century_words))})",
    }


def anchor_regex(v: DateVocabulary) -> re.Pattern[str]:
    """One pass over the lower-cased text finds every word a rule is tried around, by kind."""
    def words(entries: Any) -> str:
        return alternation(list(entries))

    kinds = {
        "month": words(v.months),
        "weekday": words([*v.weekdays, *v.weekday_abbreviations]),
        "unit": words([*v.units, "period", "periods", "half", "halves", "weekend", "weekends", "time",
                       "year-ago", "year-earlier", "yearend", "fiscal"]),
        "deictic": words([*v.deictic, *v.raw["times_of_day"]]),
        "season": words(v.seasons),
        "holiday": words(v.holidays),
        "word": words(["eighteen", "nineteen", "twenty", *v.decade_words]),
    }
    # The word boundary before the words is checked once per position, not once per kind.
    words_of_kind = "|".join(rf"(?P<{kind}>(?:{alternation}))\b" for kind, alternation in kinds.items())
    return re.compile(rf"(?P<digit>\d+)|\b(?:{words_of_kind})")


# The kinds of window a rule's "near" may name: the word kinds above, every run of digits, and three narrower
# kinds of digit run (digit_kinds) that most number rules need, so they skip the prices and counts of an article.
ANCHOR_KINDS = frozenset({"month", "weekday", "unit", "deictic", "season", "holiday", "word", "digit", "year4",
                          "numeric", "code"})
_CODE_LETTERS = frozenset("QqHh")


def digit_kinds(text: str, start: int, end: int) -> tuple[str, ...]:
    """The kinds of the digit run text[start:end]: always "digit"; "year4" when four digits could be a year;
    "numeric" when a separator and a digit follow ("5/2/2025", "05-02"); "code" next to a Q or H ("Q3", "1H")."""
    kinds = ("digit",)
    if end - start == 4 and text[start] in "12" and (text[start] == "1" or text[start + 1] in "01"):
        kinds += ("year4",)
    if end + 1 < len(text) and text[end] in "/.-" and text[end + 1].isdigit():
        kinds += ("numeric",)
    if (start and text[start - 1] in _CODE_LETTERS) or (end < len(text) and text[end] in _CODE_LETTERS):
        kinds += ("code",)
    return kinds
