"""Organization names the statistical NER missed or cut short: legal suffixes ("Telenor ASA"), head words
("Data Protection Commission", "Ministry of Defence") and stock tickers ("Altria Group (NYSE: MO)")."""

from __future__ import annotations

import copy

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from claimx.assets import load_jsonl
from claimx.components.entities import lexicon
from claimx.components.entities.context import DocContext
from claimx.components.entities.mentions import Mention
from claimx.ranges import merge_ranges

# Entity types of the statistical NER that are never part of an organization's name.
_NOT_NAME_TYPES = ["DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"]


def _name_token() -> dict:
    return {"TEXT": {"REGEX": r"^[A-Z0-9][\w&'’.\-]*$"}, "LOWER": {"NOT_IN": sorted(lexicon.function_words())},
            "ENT_TYPE": {"NOT_IN": _NOT_NAME_TYPES}, "IS_SPACE": False}


# Name words a "+" or "*" may take. Unbounded, two name segments side by side made the Matcher cubic on a run of
# capitalized words (2,000 in a row: five minutes); {1,4}/{0,4} keeps it linear (a bound of 8 is already slow).
_BOUNDED = {"+": "{1,4}", "*": "{0,4}"}


def _expand(pattern: list[dict]) -> list[dict]:
    lists = {"@org_suffixes": lexicon.org_suffixes(), "@org_heads": lexicon.org_heads(),
             "@org_heads_before_of": lexicon.org_heads_before_of()}
    out = []
    for token in copy.deepcopy(pattern):
        if token.pop("@", None) == "name":
            token = {**_name_token(), **token}
            if token.get("OP") in _BOUNDED:
                token["OP"] = _BOUNDED[token["OP"]]
        for attrs in token.values():
            if isinstance(attrs, dict) and isinstance(attrs.get("IN"), str):
                attrs["IN"] = sorted(lists[attrs["IN"]])
        out.append(token)
    return out


class OrgMatcher:
    """Compiled once per pipeline from models/entities/org_patterns.jsonl.

    Every rule has a required word from a list (a legal suffix, a head word, "plc"): the Matcher runs only on the
    stretches around those words, which a typical article has a few of, not over every token (3 ms an article)."""

    def __init__(self, vocab: Vocab):
        self.matcher = Matcher(vocab)
        # Anchor word (lower case) → (whether it must be written with a capital, tokens a match may take before
        # it, tokens after it); None: some rule has no anchor word, so the Matcher runs everywhere.
        self.anchors: dict[str, tuple[bool, int, int]] | None = {}
        for rule in load_jsonl("entities", "org_patterns.jsonl"):
            pattern = _expand(rule["pattern"])
            self.matcher.add(rule["id"], [pattern], greedy="LONGEST")
            anchor = _anchor(pattern)
            if anchor is None or self.anchors is None:
                self.anchors = None
                continue
            index, words = anchor
            capital = pattern[index].get("IS_TITLE") is True or pattern[index].get("IS_LOWER") is False
            before, after = sum(map(_most, pattern[:index])), sum(map(_most, pattern[index + 1:]))
            for word in words:
                known = self.anchors.get(word, (True, 0, 0))
                self.anchors[word] = (known[0] and capital, max(known[1], before), max(known[2], after))

    def __call__(self, doc: Doc, context: DocContext) -> list[Mention]:
        spans = []
        for start, end in self._stretches(context.texts, context.lowers):
            stretch = doc[start:end]
            spans += [doc[start + s:start + e] for _, s, e in self.matcher(stretch)]
        found = []
        for span in filter_spans(spans):
            if "\n" in span.text or context.in_headline(span.start, span.start + 1):
                continue
            found.append(Mention(span.start, span.end, "ORG", "org-pattern"))
        return found

    def _stretches(self, texts: list[str], lowers: list[str]) -> list[tuple[int, int]]:
        """Merged token ranges around each anchor word: every match lies inside one."""
        if self.anchors is None:
            return [(0, len(lowers))]
        around = []
        for i, lower in enumerate(lowers):
            anchor = self.anchors.get(lower)
            if anchor is not None and not (anchor[0] and texts[i].islower()):
                around.append((max(0, i - anchor[1]), min(len(lowers), i + anchor[2] + 1)))
        return merge_ranges(around)


def _anchor(pattern: list[dict]) -> tuple[int, set[str]] | None:
    """The first required token that must be one of a list of words: its index and the words, lower-cased."""
    for index, token in enumerate(pattern):
        if token.get("OP", "1") != "1":
            continue
        for attr in ("LOWER", "TEXT", "ORTH"):
            value = token.get(attr)
            if isinstance(value, str):
                return index, {value.lower()}
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                return index, {word.lower() for word in value["IN"]}
    return None


def _most(token: dict) -> int:
    """The most tokens one pattern token can match (every repeat here is bounded: see _BOUNDED)."""
    op = token.get("OP", "1")
    if op in ("1", "!"):
        return 1 if op == "1" else 0
    if op == "?":
        return 1
    if op.startswith("{"):
        return int(op.strip("{}").split(",")[-1])
    raise ValueError(f"unbounded operator {op!r} in an organization pattern")

