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
from claimx.components.entities.mentions import Mention

# Entity types of the statistical NER that are never part of an organization's name.
_NOT_NAME_TYPES = ["DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"]
STOCK_EXCHANGES = {"NYSE", "Nasdaq", "NASDAQ", "LSE", "TSX", "TSXV", "ASX", "HKEX", "SEHK", "SGX", "TSE", "JPX",
                   "Euronext", "OTC", "OTCQX", "OTCQB", "AMEX", "BSE", "NSE", "SIX", "OMX", "FWB", "Xetra", "KRX",
                   "KOSDAQ", "TWSE", "SSE", "SZSE", "JSE", "B3", "BMV", "OSE", "NYSEAMERICAN", "NYSEArca", "CBOE"}


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
    """Compiled once per pipeline from models/entities/org_patterns.jsonl."""

    def __init__(self, vocab: Vocab):
        self.matcher = Matcher(vocab)
        for rule in load_jsonl("entities", "org_patterns.jsonl"):
            self.matcher.add(rule["id"], [_expand(rule["pattern"])], greedy="LONGEST")

    def __call__(self, doc: Doc, skip_lines) -> list[Mention]:
        spans = [doc[start:end] for _, start, end in self.matcher(doc)]
        found = []
        for span in filter_spans(spans):
            if "\n" in span.text or skip_lines(span.start):
                continue
            found.append(Mention(span.start, span.end, "ORG", "org-pattern"))
        return found


def ticker_owners(texts: list[str]) -> list[tuple[int, int]]:
    """Token ranges of "(NYSE: MO)"-style tickers in a doc's token texts: the name just before them is a
    listed company."""
    found = []
    for i in range(len(texts) - 3):
        if texts[i] == "(" and texts[i + 1] in STOCK_EXCHANGES and texts[i + 2] == ":":
            found.append((i, i + 1))
    return found
