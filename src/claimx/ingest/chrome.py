"""Site-chrome line rules (models/ingest/chrome_lines.jsonl): which lines of a scraped page are navigation,
share bars, comment forms, related-article lists, cookie notices, bylines and the like.

A rule matches a whole stripped line. All rules are compiled into one alternation, so a line costs one match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimx.assets import load_jsonl

RULES_FILE = ("ingest", "chrome_lines.jsonl")
EXTENTS = ("line", "list", "rest", "tail")
DEFAULT_MAX_LEN = 160


@dataclass(frozen=True)
class ChromeRule:
    id: str
    category: str
    pattern: str
    extent: str = "line"  # line | list | rest | tail (see the rules file)
    case_sensitive: bool = False
    max_len: int = DEFAULT_MAX_LEN
    in_body: bool = False  # only once the article body has begun (a headline in capitals is not a link)


class ChromeRules:
    """A set of rules; `match(line)` names the first rule (in file order) that the whole line satisfies."""

    def __init__(self, rules: list[ChromeRule]):
        for rule in rules:
            if rule.extent not in EXTENTS:
                raise ValueError(f"chrome rule {rule.id!r}: extent must be one of {EXTENTS}")
        self.rules = rules
        self.max_len = max((rule.max_len for rule in rules), default=0)
        self._combined = re.compile("|".join(f"(?P<r{i}>{_scoped(rule)})" for i, rule in enumerate(rules)),
                                    re.IGNORECASE) if rules else None
        self._single = [re.compile(_scoped(rule), re.IGNORECASE) for rule in rules]

    @classmethod
    def from_dicts(cls, rows: list[dict]) -> ChromeRules:
        fields = set(ChromeRule.__dataclass_fields__)
        return cls([ChromeRule(**{k: v for k, v in row.items() if k in fields}) for row in rows])

    def match(self, line: str) -> ChromeRule | None:
        if self._combined is None or len(line) > self.max_len:
            return None
        found = self._combined.fullmatch(line)
        if found is None:
            return None
        first = int(found.lastgroup[1:])
        if len(line) <= self.rules[first].max_len:
            return self.rules[first]
        # the first rule that fits is too short-ranged for this line: try the later ones one by one
        for rule, pattern in zip(self.rules[first + 1:], self._single[first + 1:]):
            if len(line) <= rule.max_len and pattern.fullmatch(line):
                return rule
        return None


@cache
def default_rules() -> ChromeRules:
    return ChromeRules.from_dicts(load_jsonl(*RULES_FILE))


def _scoped(rule: ChromeRule) -> str:
    return f"(?-i:{rule.pattern})" if rule.case_sensitive else f"(?:{rule.pattern})"
