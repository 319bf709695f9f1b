"""A rule match's named groups → DateParts: the numbers a date expression names, or no date at all."""

from __future__ import annotations

import calendar
import re
from typing import Any

from claimx.normalize.dates.parts import DateParts
from claimx.normalize.dates.parts import phrase_key as _words
from claimx.normalize.dates.vocab import DateVocabulary


class MatchReader:
    """Named groups of a rule match → DateParts, or None when the numbers cannot be a date."""

    _PERIODS = {"quarter": "quarter", "half": "half", "month": "month", "week": "week", "season": "season",
                "year": "year", "fiscal year": "year"}
    # "the" for India's "the first half of the fiscal": the fiscal year of the article
    _YEAR_RELATIONS = {"last": -1, "previous": -1, "this": 0, "current": 0, "the": 0, "next": 1, "following": 1,
                       "coming": 1}
    _MOD_WORDS = {"beginning": "START", "start": "START", "turn": "START", "middle": "MID", "end": "END",
                  "close": "END"}

    def __init__(self, vocab: DateVocabulary):
        self.v = vocab

    def read(self, rule_id: str, fixed: dict[str, Any], match: re.Match[str], day_first: bool) -> DateParts | None:
        groups = {k: val for k, val in match.groupdict().items() if val is not None}
        fields: dict[str, Any] = dict(fixed)
        if rule_id == "season" and groups["season"].lower() == "fall" and not match.group().lower().startswith("the"):
            return None  # "prices fall"
        if rule_id == "relative_weekend" and "rel" not in groups and not match.group().lower().startswith("the"):
            return None  # "weekend sales"
        if groups.get("rel", "").lower() == "following" and not match.group().lower().startswith("the"):
            return None  # "following Monday's debate": a preposition
        if any(name.startswith("fiscal") for name in groups) or "fyq" in groups:
            fields["fiscal"] = True  # "Q3 FY24", "the third quarter of fiscal 2024", "the current fiscal"
        try:
            self._numeric(groups, fields, day_first)
            for step in (self._year, self._month_day, self._weekday, self._relation, self._count,
                         self._quarter_half, self._season_decade_century, self._other):
                step(rule_id, groups, fields)
        except _NotADate:
            return None
        if not _valid(fields):
            return None
        return DateParts(**fields)

    def _year(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "n1" in g:
            return  # read by _numeric
        if "year" in g:
            f["year"] = int(g["year"])
        elif "yearw" in g:
            f["year"] = self.v.year_from_words(g["yearw"])
            if f["year"] is None:
                raise _NotADate
        elif "yy" in g:
            f["year"], f["year_digits"] = int(g["yy"]), 2
        if "yy2" in g:
            self._split_year(rule, g, f)
        for relation in ("yrel", "yrel2"):  # "the third quarter of last year", "the third quarter this fiscal"
            if relation in g:
                f["year_shift"] = self._YEAR_RELATIONS[_words(g[relation]).replace("the ", "")]
        if "theyear" in g:  # "the second half of the year": the year of the article
            f["year_shift"] = 0

    def _split_year(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        """2023-24 / FY2023-24 → the year it ends in; 2021-08 → a month; anything else is no date."""
        start, second = f["year"], g["yy2"]
        follows = int(second) == start + 1 if len(second) == 4 else int(second) == (start + 1) % 100
        if follows:
            f["split_from"] = start
            f["year"] = int(second) if len(second) == 4 else start + 1
            if f.get("year_digits") == 2:
                f["year"] %= 100
            return
        if rule == "split_year" and 1 <= int(second) <= 12 and len(second) == 2:
            f["month"] = int(second)
            return
        raise _NotADate

    def _month_day(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "month" in g:
            month = g["month"].rstrip(".")
            f["month"] = int(month) if month.isdigit() else self.v.months[_words(month)]
            if f.pop("month_quarter", False):  # "the December quarter": the three months ending in December
                f["quarter_month"] = f.pop("month")
                f["quarter"] = (f["quarter_month"] - 2) % 12 // 3 + 1
            if rule in ("month", "relative_month") and not g["month"][0].isupper():
                raise _NotADate  # "may" the verb, "march" the walk
        if "month_end" in g:  # "October-December 2017"
            f["month_end"] = self.v.months[_words(g["month_end"])]
        if "day" in g:
            digits = re.match(r"\d+", g["day"])
            f["day"] = int(digits.group()) if digits else self.v.ordinals[_words(g["day"])]

    @staticmethod
    def _numeric(g: dict[str, str], f: dict[str, Any], day_first: bool) -> None:
        """17/08/2021 is day-first, 08/17/2021 month-first; 08/07/2021 follows the document's rule."""
        if "n1" not in g:
            return
        first, second = int(g["n1"]), int(g["n2"])
        if first > 12 >= second or (first <= 12 and second <= 12 and day_first):
            f["day"], f["month"] = first, second
        elif second > 12 >= first or (first <= 12 and second <= 12):
            f["month"], f["day"] = first, second
        else:
            raise _NotADate
        if len(g["ny"]) == 4:
            f["year"] = int(g["ny"])
        else:
            f["year"], f["year_digits"] = int(g["ny"]), 2

    def _weekday(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "weekday" in g:
            name = _words(g["weekday"].rstrip("."))
            f["weekday"] = self.v.weekdays.get(name, self.v.weekday_abbreviations.get(name))
        if "wrel" in g:
            f["week_shift"] = self._YEAR_RELATIONS[_words(g["wrel"])]
        if "deictic" in g:
            f["unit"], f["shift"] = "day", self.v.deictic[_words(g["deictic"])]
        if "holiday" in g:
            if not g["holiday"][0].isupper() and rule != "holiday_year":
                raise _NotADate
            f["holiday"] = _words(g["holiday"])

    def _relation(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "rel" not in g:
            return
        relation = self.v.relations[_words(g["rel"])]
        f["shift"] = relation["shift"]
        if relation.get("anchor") == "context" and "fiscal" in g and relation["shift"] < 0:
            return  # "the previous fiscal": the fiscal year before the current one, not before the date just read
        if relation.get("anchor") == "context":
            f["anchor"] = "context"
            if _words(g["rel"]) not in ("that", "same", "that same"):
                f["fallback"] = "ref"

    def _count(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "unit" in g:
            unit = self.v.units.get(_words(g["unit"]), g["unit"].lower())
            f["unit"] = unit
            if rule == "latest_period" and unit == "period":
                f["unit"], f["period"] = None, "period"
            if "fiscal" in g and unit == "year":
                f["fiscal"] = True
        if "count" not in g:
            if "dir" in g:  # "the year before": one unit from the date just mentioned
                f["shift"] = -1 if g["dir"].lower() == "before" else 1
            return
        count_word = _words(g["count"])
        count = int(count_word) if count_word.isdigit() else self.v.counts[count_word]
        if count is None:
            f["vague"] = True
            return
        direction = self.v.directions.get(_words(g["dir"]), {"sign": -1 if g["dir"].lower() == "before" else 1,
                                                                "anchor": "context"})
        if f["unit"] == "fortnight":
            f["unit"], count = "week", count * 2
        f["shift"] = direction["sign"] * count
        f["anchor"] = direction["anchor"]
        if direction["anchor"] == "context":
            f["fallback"] = "ref" if direction["sign"] < 0 else None  # "a year earlier" with nothing before: now
            f["compare"] = f["unit"] == "year"  # "a year earlier" keeps the grain of what it compares
        elif f["unit"] == "year" and count == 1:
            f["compare"] = True  # "a year ago" next to a quarter means that quarter a year ago

    def _quarter_half(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "qword" in g:
            word = _words(g["qword"])
            if rule == "quarter" and word == "last":  # "the last quarter": the one before this one
                f["unit"], f["shift"] = "quarter", -1
            else:
                f["quarter"] = self.v.quarter_words[word]
        if "qnum" in g:
            f["quarter"] = int(g["qnum"])
        if "hword" in g:
            f["half"] = self.v.half_words[_words(g["hword"])]
        if "hnum" in g or "hnum2" in g:
            f["half"] = int(g.get("hnum") or g["hnum2"])
        if "hyy" in g:
            f["year"], f["year_digits"] = int(g["hyy"]), 2
        if "fiscal" in g:
            f["fiscal"] = True

    def _season_decade_century(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "season" in g:
            f["season"] = self.v.seasons[g["season"].lower()]
        if "decade" in g:
            year = int(g["decade"])
            if year % 100 == 0 and year < 2000:  # "the 1800s" is the century, as readers take it; "the 2000s" a decade
                f["century"] = year // 100
            else:
                f["decade"] = year // 10
        if "decade_yy" in g:
            f["decade_yy"] = int(g["decade_yy"])
        if "decade_word" in g:
            century = 20 if "dec_century" in g else 19
            f["decade"] = century * 10 + self.v.decade_words[g["decade_word"].lower()]
        if "century_num" in g or "century_word" in g:
            number = int(g["century_num"]) if "century_num" in g else self.v.century_words[_words(g["century_word"])]
            if not 1 <= number <= 30:
                raise _NotADate
            f["century"] = number - 1

    def _other(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        if "nmonths" in g:  # "the nine months ended Sept. 30", "9M FY24"
            count = _words(g["nmonths"])
            f["months"] = int(count) if count.isdigit() else self.v.counts.get(count)
            if not f["months"] or not 1 <= f["months"] <= 12:
                raise _NotADate
        if "period" in g:
            f["period"] = self._PERIODS.get(_words(g["period"]), "period")
        if "modw" in g:
            f["mod"] = self._MOD_WORDS[g["modw"].lower()]
        if "near" in g:
            f.pop("mod", None)


class _NotADate(Exception):
    pass


def _valid(f: dict[str, Any]) -> bool:
    month, day, year = f.get("month"), f.get("day"), f.get("year")
    if month is not None and not 1 <= month <= 12:
        return False
    if year is not None and f.get("year_digits", 4) == 4 and not 1000 <= year <= 2199:
        return False
    if day is not None:
        if month is None or day < 1:
            return False
        leap_year = year if year is not None and f.get("year_digits", 4) == 4 else 2000
        if day > calendar.monthrange(leap_year, month)[1]:
            return False
    return True
