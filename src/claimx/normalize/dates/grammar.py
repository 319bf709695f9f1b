"""Date expressions in text: the rules of models/dates/patterns.jsonl, compiled once, each match read into DateParts.

A rule is a regular expression written with vocabulary slots ({MONTH}, {YEAR}, {REL} ...: date_vocab.py). Each slot
captures a named group; date_reader.py turns the groups into DateParts. Around a rule's match the grammar also takes the
modifiers and hedges of models/dates/vocab.json ("early", "the end of", "around", "more than") and a time of day
after a day ("Friday morning"). Everything is pure text: the spaCy component adds the checks that need tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from claimx.assets import load_json, load_jsonl
from claimx.ranges import merge_ranges
from claimx.normalize.dates.parts import DateParts
from claimx.normalize.dates.parts import phrase_key as _words
from claimx.normalize.dates.reader import MatchReader
from claimx.normalize.dates.vocab import (ANCHOR_KINDS, WORD_GAP, DateVocabulary, alternation, anchor_regex, digit_kinds,
                                         slots)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    rule: str
    parts: DateParts


@dataclass
class _Rule:
    id: str
    source: str  # the rule's regex, compiled at its first use: one article needs about half of the rules
    fixed: dict[str, Any]
    after: frozenset[str] | None
    not_after: frozenset[str]
    near: tuple[str, ...]  # kinds or words one of which every match contains: the rule is tried around those only
    priority: int
    _regex: re.Pattern[str] | None = field(default=None, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.source, re.IGNORECASE)
        return self._regex


_WINDOW = 60  # characters a match may reach on either side of the word it is tried around


def _expand(pattern: str, slot_patterns: dict[str, str]) -> str:
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
            out.append(WORD_GAP)
        else:
            out.append(char)
    return re.sub(r"\{([A-Z0-9]+)\}", lambda m: slot_patterns[m.group(1)], "".join(out))


class DateGrammar:
    """Finds date expressions in text and reads each into DateParts. Build once (see `date_grammar()`)."""

    def __init__(self, vocab: dict[str, Any], rules: list[dict[str, Any]]):
        self.vocab = DateVocabulary(vocab)
        rule_slots = slots(self.vocab)
        self.rules = [
            _Rule(
                id=rule["id"],
                source=rf"(?<!\w)(?:{_expand(rule['pattern'], rule_slots)})(?!\w)",
                fixed=rule.get("set", {}),
                after=frozenset(rule["after"]) if "after" in rule else None,
                not_after=frozenset(rule.get("not_after", ())),
                near=(rule["near"],) if isinstance(rule["near"], str) else tuple(rule["near"]),
                priority=priority,
            )
            for priority, rule in enumerate(rules)
        ]
        self.reader = MatchReader(self.vocab)
        modifiers = alternation([m for m in self.vocab.modifiers if " " in m])
        self._modifier_before = re.compile(
            rf"(?:(?P<the>\bthe\s+)?\b(?P<mod>early|mid|late)(?:\s*-\s*|\s+)|\b(?P<mod2>end|start)-"
            rf"|\b(?P<prefix>pre|post)-|\b(?P<phrase>{modifiers})\s+|\b(?P<near>earlier|later)\s+)$",
            re.IGNORECASE,
        )
        self._hedge_before = re.compile(rf"\b(?P<hedge>{alternation(list(self.vocab.hedges))})\s+$", re.IGNORECASE)
        self._time_of_day_after = re.compile(
            rf"(?:\s+|-)(?:{alternation(self.vocab.raw['times_of_day'])})(?!\w)", re.IGNORECASE
        )
        self._previous_word = re.compile(r"(\w+)\W*$")
        self._priority = {rule.id: rule.priority for rule in self.rules}
        self._anchors = anchor_regex(self.vocab)
        # Words some rule is tried around by themselves ("quarter"): windows are kept for them too.
        self._near_words = {near for rule in self.rules for near in rule.near if near not in ANCHOR_KINDS}

    def find(self, text: str, *, day_first: bool = True) -> list[DateMatch]:
        """Every date expression in `text`, longest first where they overlap, in text order."""
        windows = self._windows(text)
        candidates: list[DateMatch] = []
        for rule in self.rules:
            for window_start, window_end in _rule_windows(windows, rule.near, len(text)):
                for match in rule.regex.finditer(text, window_start, window_end):
                    if rule.after is not None or rule.not_after:
                        word_before = self._word_before(text, match.start())
                        if (rule.after is not None and word_before and word_before not in rule.after) or (
                                word_before in rule.not_after):
                            continue
                    parts = self.reader.read(rule.id, rule.fixed, match, day_first)
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
            start, end = max(0, hit.start() - _WINDOW), min(len(text), hit.end() + _WINDOW)
            kind = hit.lastgroup or ""
            keys = digit_kinds(text, hit.start(), hit.end()) if kind == "digit" else (kind,)
            if hit.group() in self._near_words:
                keys += (hit.group(),)
            for key in keys:
                windows.setdefault(key, []).append((start, end))
        return {key: merge_ranges(spans) for key, spans in windows.items()}

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


# Rules whose match names a day: they may take a time of day ("Friday morning") and "early/late/earlier/later".
_DAY_RULES = frozenset({
    "weekday", "relative_weekday", "deictic_day", "month_day", "day_month", "month_day_year", "day_month_year",
    "weekday_month_day", "weekday_day_month", "weekday_month_day_year", "weekday_day_month_year", "holiday",
    "month_day_relative_year", "day_month_relative_year", "weekday_of_relative_week",
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


def _rule_windows(windows: dict[str, list[tuple[int, int]]] | None, near: tuple[str, ...],
                  length: int) -> list[tuple[int, int]]:
    """Where a rule is tried: the windows of the kinds or words it is near, merged (the whole text: None)."""
    if windows is None:
        return [(0, length)]
    if len(near) == 1:
        return windows.get(near[0], [])
    return merge_ranges(span for key in near for span in windows.get(key, ()))


def _longest_first(candidates: list[DateMatch], priority: dict[str, int]) -> list[DateMatch]:
    """Non-overlapping matches, longest first, then by rule priority."""
    chosen: list[DateMatch] = []
    taken = bytearray(max((m.end for m in candidates), default=0))  # characters already in a chosen match
    for match in sorted(candidates, key=lambda m: (m.start - m.end, priority[m.rule], m.start)):
        if not any(taken[match.start:match.end]):
            chosen.append(match)
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
    return sorted(chosen, key=lambda m: m.start)


@cache
def date_grammar() -> DateGrammar:
    """The grammar built from models/dates, compiled once per process."""
    return DateGrammar(load_json("dates", "vocab.json"), load_jsonl("dates", "patterns.jsonl"))
