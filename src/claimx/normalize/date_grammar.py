"""Date expressions in text: the rules of models/dates/patterns.jsonl, compiled once, each match read into DateParts.

A rule is a regular expression written with vocabulary slots ({MONTH}, {YEAR}, {REL} ...). Each slot captures a
named group; `_Reader` turns the groups into DateParts. Around a rule's match the grammar also takes the
modifiers and hedges of models/dates/vocab.json ("early", "the end of", "around", "more than") and a time of day
after a day ("Friday morning"). Everything is pure text: the spaCy component adds the checks that need tokens.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from claimx.assets import load_json, load_jsonl
from claimx.normalize.date_parts import DateParts
from claimx.normalize.date_parts import phrase_key as _words

_WORD_GAP = r"[\s-]+"


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    rule: str
    parts: DateParts


@dataclass(frozen=True)
class _Rule:
    id: str
    regex: re.Pattern[str]
    fixed: dict[str, Any]
    after: frozenset[str] | None
    not_after: frozenset[str]
    near: str  # the kind of word every match contains: the rule is only tried around those
    priority: int


_WINDOW = 60  # characters a match may reach on either side of the word it is tried around


def _alternation(words: list[str]) -> str:
    """A regex alternation of vocabulary entries, longest first; spaces/hyphens inside entries match either."""
    ordered = sorted({_words(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", _WORD_GAP).replace("'", "['\u2019]") for w in ordered)


class _Vocabulary:
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
        return rf"(?:(?:{'|'.join(tens)})(?:{_WORD_GAP}(?:{'|'.join(units)}))?|{_alternation(small)})"

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


def _slots(v: _Vocabulary) -> dict[str, str]:
    gap, number = _WORD_GAP, v.cardinal_regex()
    centuries = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    said_year = (rf"(?:(?:{centuries}){gap}(?:hundred(?:{gap}and)?{gap})?(?:oh{gap})?{number}|(?:{centuries}){gap}hundred"
                 rf"|two{gap}thousand(?:{gap}(?:and{gap})?{number})?|twenty{gap}{v.cardinal_regex(10)})")
    bare_said_year = rf"(?:eighteen|nineteen){gap}(?:hundred(?:{gap}and)?{gap})?(?:oh{gap})?{number}"
    abbreviations = [m for m in v.months if m not in v.raw["months_alone"]]
    weekday_abbreviations = list(v.weekday_abbreviations)
    # Not an amount ($2021, 2,024), a copyright line (© 2024) or a compound adjective ("a 2000-strong crowd").
    year4 = r"(?<![\d$\u20ac\u00a3\u00a5#.,\u00a9])(?<!\u00a9\s)(?:1\d\d\d|20\d\d|21\d\d)(?!\d|%|[,.]\d|-[a-z])"
    return {
        "YEAR4": rf"(?P<year>{year4})",
        "YEAR": rf"(?:(?P<year>{year4})|(?P<yearw>{said_year}))",
        "YEARWORDS": rf"(?P<yearw>{bare_said_year})",
        "MONTH": rf"(?P<month>{_alternation(v.raw['months_alone'])}|(?:{_alternation(abbreviations)})\.?)",
        "MONTHNAME": rf"(?P<month>{_alternation(v.raw['months_alone'])})",
        "DAY": rf"(?P<day>(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)|{_alternation(list(v.ordinals))})",
        "DAYNUM": r"(?P<day>(?<![\d.,])(?:3[01]|[12]\d|0?[1-9]))(?!\d)",
        "WDAY": rf"(?P<weekday>{_alternation(list(v.weekdays))}|(?:{_alternation(weekday_abbreviations)})\.?)",
        "WEEKDAY": rf"(?P<weekday>{_alternation(list(v.weekdays))})",
        "REL": rf"(?P<rel>{_alternation(list(v.relations))})",
        "UNIT1": r"(?P<unit>day|week|fortnight|month|quarter|year|decade|century)",
        "UNIT": rf"(?P<unit>{_alternation(list(v.units))})",
        "COUNT": rf"(?P<count>\d+|{_alternation([c for c in v.counts if c not in v.cardinals])}|{number})",
        "DIR": rf"(?P<dir>{_alternation(list(v.directions))})",
        "DEICTIC": rf"(?P<deictic>{_alternation(list(v.deictic))})",
        "HOLIDAY": rf"(?P<holiday>{_alternation(list(v.holidays))})",
        "QWORD": rf"(?P<qword>{_alternation(list(v.quarter_words))})",
        "HWORD": rf"(?P<hword>{_alternation(list(v.half_words))})",
        "SEASON": rf"(?P<season>{_alternation(list(v.seasons))})",
        "DECADEWORD": rf"(?P<decade_word>{_alternation(list(v.decade_words))})",
        "CENTURYWORD": rf"(?P<century_word>{_alternation(list(v.century_words))})",
    }


def _expand(pattern: str, slots: dict[str, str]) -> str:
    """Rule syntax → regex: outside character classes a space is \\s+ and '~' a space or hyphen; {SLOT} → slot."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == " ":
            out.append(r"\s+")
        elif char == "~":
            out.append(_WORD_GAP)
        else:
            out.append(char)
    return re.sub(r"\{([A-Z0-9]+)\}", lambda m: slots[m.group(1)], "".join(out))


class DateGrammar:
    """Finds date expressions in text and reads each into DateParts. Build once (see `date_grammar()`)."""

    def __init__(self, vocab: dict[str, Any], rules: list[dict[str, Any]]):
        self.vocab = _Vocabulary(vocab)
        slots = _slots(self.vocab)
        self.rules = [
            _Rule(
                id=rule["id"],
                regex=re.compile(rf"(?<!\w)(?:{_expand(rule['pattern'], slots)})(?!\w)", re.IGNORECASE),
                fixed=rule.get("set", {}),
                after=frozenset(rule["after"]) if "after" in rule else None,
                not_after=frozenset(rule.get("not_after", ())),
                near=rule["near"],
                priority=priority,
            )
            for priority, rule in enumerate(rules)
        ]
        self.reader = _Reader(self.vocab)
        modifiers = _alternation([m for m in self.vocab.modifiers if " " in m])
        self._modifier_before = re.compile(
            rf"(?:(?P<the>\bthe\s+)?\b(?P<mod>early|mid|late)(?:\s*-\s*|\s+)|\b(?P<mod2>end|start)-|\b(?P<prefix>pre|post)-"
            rf"|\b(?P<phrase>{modifiers})\s+|\b(?P<near>earlier|later)\s+)$",
            re.IGNORECASE,
        )
        self._hedge_before = re.compile(rf"\b(?P<hedge>{_alternation(list(self.vocab.hedges))})\s+$", re.IGNORECASE)
        self._time_of_day_after = re.compile(
            rf"(?:\s+|-)(?:{_alternation(self.vocab.raw['times_of_day'])})(?!\w)", re.IGNORECASE
        )
        self._previous_word = re.compile(r"(\w+)\W*$")
        self._priority = {rule.id: rule.priority for rule in self.rules}
        self._anchors = _anchor_regex(self.vocab)

    def find(self, text: str, *, day_first: bool = True) -> list[DateMatch]:
        """Every date expression in `text`, longest first where they overlap, in text order."""
        windows = self._windows(text)
        candidates: list[DateMatch] = []
        for rule in self.rules:
            for window_start, window_end in windows.get(rule.near, ()) if windows is not None else [(0, len(text))]:
                for match in rule.regex.finditer(text, window_start, window_end):
                    if rule.after is not None or rule.not_after:
                        word_before = self._word_before(text, match.start())
                        if (rule.after is not None and word_before and word_before not in rule.after) or (
                                word_before in rule.not_after):
                            continue
                    parts = self.reader.read(rule, match, day_first)
                    if parts is not None:
                        candidates.append(self._extend(text, DateMatch(match.start(), match.end(), rule.id, parts)))
        return _longest_first(candidates, self._priority)

    def _windows(self, text: str) -> dict[str, list[tuple[int, int]]] | None:
        """Stretches of text around each kind of date word, merged; None: try every rule everywhere."""
        lowered = text.lower()
        if len(lowered) != len(text):  # rare letters whose lower case is longer: offsets would drift
            return None
        windows: dict[str, list[tuple[int, int]]] = {}
        for hit in self._anchors.finditer(lowered):
            spans = windows.setdefault(hit.lastgroup or "", [])
            start, end = max(0, hit.start() - _WINDOW), min(len(text), hit.end() + _WINDOW)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return windows

    def parse(self, text: str, *, day_first: bool = True) -> DateParts | None:
        """The parts of `text` when one rule reads all of it, else None."""
        matches = self.find(text, day_first=day_first)
        stripped = text.strip()
        if len(matches) == 1 and text[matches[0].start:matches[0].end] == stripped:
            return matches[0].parts
        return None

    def _word_before(self, text: str, start: int) -> str:
        found = self._previous_word.search(text, max(0, start - 30), start)
        return found.group(1).lower() if found else ""

    def _extend(self, text: str, match: DateMatch) -> DateMatch:
        """Take the modifier, hedge and time of day around a match into its span and parts."""
        start, end, parts = match.start, match.end, match.parts
        fields: dict[str, Any] = {}
        window = max(0, start - 40)
        modifier = self._modifier_before.search(text, window, start)
        if modifier and _takes_modifier(match, modifier):
            if not (modifier.group("mod") and text[max(0, modifier.start() - 3):modifier.start()].lower() == "as "):
                start = modifier.start()
                fields["mod"] = self._modifier_mod(modifier)
        hedge = self._hedge_before.search(text, max(0, start - 20), start)
        if hedge and _takes_hedge(match, hedge.group("hedge").lower()):
            start = hedge.start()
            fields["mod"] = fields.get("mod") or self.vocab.hedges[_words(hedge.group("hedge"))]
        if match.rule in _DAY_RULES:
            time_of_day = self._time_of_day_after.match(text, end)
            if time_of_day:
                end = time_of_day.end()
        if fields.get("mod") is None:
            fields.pop("mod", None)
        if not fields and (start, end) == (match.start, match.end):
            return match
        return DateMatch(start, end, match.rule, replace(parts, **fields))

    def _modifier_mod(self, modifier: re.Match[str]) -> str | None:
        if modifier.group("mod"):
            return self.vocab.modifiers[modifier.group("mod").lower()]
        if modifier.group("mod2"):  # end-2025, start-March
            return self.vocab.modifiers[f"{modifier.group('mod2').lower()} of"]
        if modifier.group("prefix"):
            return self.vocab.hedges[modifier.group("prefix").lower()]
        if modifier.group("phrase"):
            return self.vocab.modifiers[_words(modifier.group("phrase"))]
        return None  # "earlier this month": a time within the period, no modifier


def _anchor_regex(v: _Vocabulary) -> re.Pattern[str]:
    """One pass over the lower-cased text finds every word a rule is tried around, by kind."""
    def words(entries: Any) -> str:
        return _alternation(list(entries))

    kinds = {
        "month": words(v.months),
        "weekday": words([*v.weekdays, *v.weekday_abbreviations]),
        "unit": words([*v.units, "period", "periods", "half", "halves", "weekend", "weekends", "time",
                       "year-ago", "year-earlier", "yearend"]),
        "deictic": words([*v.deictic, *v.raw["times_of_day"]]),
        "season": words(v.seasons),
        "holiday": words(v.holidays),
        "word": words(["eighteen", "nineteen", "twenty", *v.decade_words]),
    }
    words_of_kind = "|".join(rf"(?P<{kind}>\b(?:{alternation})\b)" for kind, alternation in kinds.items())
    return re.compile(rf"(?P<digit>\d+)|{words_of_kind}")


# Rules whose match names a day: they may take a time of day ("Friday morning") and "early/late/earlier/later".
_DAY_RULES = frozenset({
    "weekday", "relative_weekday", "deictic_day", "month_day", "day_month", "month_day_year", "day_month_year",
    "weekday_month_day", "weekday_day_month", "weekday_month_day_year", "weekday_day_month_year", "holiday",
})
_COUNT_RULES = frozenset({"units_ago", "units_before", "vague_ago"})
_POINT_HEDGES = frozenset({"around", "about", "approximately", "roughly", "circa"})


def _takes_modifier(match: DateMatch, modifier: re.Match[str]) -> bool:
    parts = match.parts
    if match.rule in _COUNT_RULES or parts.compare or parts.vague:
        return False
    if modifier.group("near"):  # "earlier this month", "later Sunday", "earlier today"
        return parts.anchor == "ref" and (parts.shift == 0 or parts.weekday is not None
                                           or match.rule == "deictic_day")
    if modifier.group("prefix"):  # pre-2020, post-1959
        return match.rule in ("year", "decade", "decade_short", "decade_words")
    if match.rule in _DAY_RULES:  # "early Tuesday", "late yesterday"; not "the end of Tuesday"
        return bool(modifier.group("mod")) and modifier.group("mod").lower() in ("early", "late")
    return True


def _takes_hedge(match: DateMatch, hedge: str) -> bool:
    if match.rule in _COUNT_RULES:
        return True
    return hedge in _POINT_HEDGES and not match.parts.vague


def _longest_first(candidates: list[DateMatch], priority: dict[str, int]) -> list[DateMatch]:
    chosen: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, priority[m.rule], m.start)):
        if all(match.end <= s or e <= match.start for s, e in taken):
            chosen.append(match)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)


class _Reader:
    """Named groups of a rule match → DateParts, or None when the numbers cannot be a date."""

    _PERIODS = {"quarter": "quarter", "half": "half", "month": "month", "week": "week", "season": "season",
                "year": "year", "fiscal year": "year"}
    _YEAR_RELATIONS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "following": 1,
                       "coming": 1}
    _MOD_WORDS = {"beginning": "START", "start": "START", "turn": "START", "middle": "MID", "end": "END",
                  "close": "END"}

    def __init__(self, vocab: _Vocabulary):
        self.v = vocab

    def read(self, rule: _Rule, match: re.Match[str], day_first: bool) -> DateParts | None:
        groups = {k: val for k, val in match.groupdict().items() if val is not None}
        fields: dict[str, Any] = dict(rule.fixed)
        if rule.id == "season" and groups["season"].lower() == "fall" and not match.group().lower().startswith("the"):
            return None  # "prices fall"
        if rule.id == "relative_weekend" and "rel" not in groups and not match.group().lower().startswith("the"):
            return None  # "weekend sales"
        if groups.get("rel", "").lower() == "following" and not match.group().lower().startswith("the"):
            return None  # "following Monday's debate": a preposition
        try:
            self._numeric(groups, fields, day_first)
            for step in (self._year, self._month_day, self._weekday, self._relation, self._count,
                         self._quarter_half, self._season_decade_century, self._other):
                step(rule.id, groups, fields)
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
        if "yrel" in g:
            f["year_shift"] = self._YEAR_RELATIONS[_words(g["yrel"]).replace("the ", "")]
        if "theyear" in g:  # "the second half of the year": the year of the article
            f["year_shift"] = 0

    def _split_year(self, rule: str, g: dict[str, str], f: dict[str, Any]) -> None:
        """2023-24 / FY2023-24 → the year it ends in; 2021-08 → a month; anything else is no date."""
        start, second = f["year"], g["yy2"]
        follows = int(second) == start + 1 if len(second) == 4 else int(second) == (start + 1) % 100
        if follows:
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
                f["quarter"] = (f.pop("month") - 2) % 12 // 3 + 1
            if rule in ("month", "relative_month") and not g["month"][0].isupper():
                raise _NotADate  # "may" the verb, "march" the walk
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
            f["decade"] = int(g["decade"]) // 10
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


@cache
def date_grammar() -> DateGrammar:
    """The grammar built from models/dates, compiled once per process."""
    return DateGrammar(load_json("dates", "vocab.json"), load_jsonl("dates", "patterns.jsonl"))
