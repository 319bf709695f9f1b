"""Stock tickers written next to a company ("Altria Group (NYSE: MO)", "HK:386", "(AAPL.O)", "SNP, -0.39%"):
the organization named just before them gets them as `tickers`, and nothing inside them is an entity of its
own. Patterns and exchange spellings are data: models/entities/tickers.json."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimx.assets import load_json
from claimx.components.entities.context import DocContext
from claimx.components.entities.mentions import Mention

# What may stand between a company's name and its ticker: "Altria Group (NYSE: MO)", "Sinopec, HK:386".
_GAP = re.compile(r"^[\s,;(\[]*(?:(?:Inc|Corp|Ltd|plc|Co)\.?)?[\s,;(\[]*$")


@dataclass(frozen=True)
class Ticker:
    start: int  # character offsets into the doc text
    end: int
    value: str  # "NYSE:MO", "HKEX:0386", "SNP" (no exchange written)
    rule: str


@cache
def _compiled() -> tuple[list[tuple[str, re.Pattern]], dict]:
    data = load_json("entities", "tickers.json")
    spellings = "|".join(re.escape(s) for s in sorted(data["exchanges"], key=len, reverse=True))
    patterns = [(p["id"], re.compile(p["regex"].replace("{exchanges}", spellings).replace("{symbol}", data["symbol"])))
                for p in data["patterns"]]
    return patterns, data


def ticker_value(symbol: str, exchange: str | None) -> str:
    """"HKEX", "386" → "HKEX:0386": the exchange's code and the symbol as the exchange writes it."""
    if exchange is None:
        return symbol
    width = _compiled()[1]["zero_pad"].get(exchange)
    if width and symbol.isdigit():
        symbol = symbol.zfill(width)
    return f"{exchange}:{symbol}"


def find_tickers(text: str) -> list[Ticker]:
    """Every ticker in a text, left to right, overlaps resolved in favour of the earlier pattern."""
    patterns, data = _compiled()
    found: list[Ticker] = []
    for rule, pattern in patterns:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("exchange"):
                exchange = data["exchanges"][groups["exchange"]]
            elif groups.get("suffix"):
                exchange = data["suffixes"].get(groups["suffix"])
                if exchange is None:
                    continue
            else:
                exchange = None
            start, end = match.span()
            if not any(t.start < end and start < t.end for t in found):
                found.append(Ticker(start, end, ticker_value(groups["symbol"], exchange), rule))
    return sorted(found, key=lambda t: t.start)


def attach_tickers(context: DocContext, mentions: list[Mention]
                   ) -> tuple[list[Mention], list[tuple[Mention, str]], list[tuple[int, int]]]:
    """The mentions less anything inside a ticker, (owner, ticker) pairs and the tickers' character ranges
    (no later step may find a name there). The owner is the mention right before the ticker, relabelled ORG
    ("Altria Group (NYSE: MO)"); a ticker with no name right before it belongs to no one."""
    tickers = find_tickers(context.text)
    if not tickers:
        return mentions, [], []
    kept = [m for m in mentions
            if not any(t.start <= context.char_bounds(m.start, m.end)[0] < t.end for t in tickers)]
    owned = []
    for ticker in tickers:
        owner = None
        for m in kept:
            end = context.char_bounds(m.start, m.end)[1]
            if end > ticker.start:
                break
            gap = context.text[end:ticker.start]
            for other in tickers:  # "(NYSE: MO; Nasdaq: MO)": the first ticker stands between name and second
                if end <= other.start and other.end <= ticker.start:
                    gap = gap.replace(context.text[other.start:other.end], "")
            if _GAP.match(gap):
                owner = m
        if owner is not None:
            owner.label = "ORG"
            owned.append((owner, ticker.value))
    return kept, owned, [(t.start, t.end) for t in tickers]


def tickers_by_id(owned: list[tuple[Mention, str]], mentions: list[Mention]) -> dict[str, list[str]]:
    """Each surviving owner's tickers under its entity id: every mention of the company carries them."""
    alive = {id(m) for m in mentions}
    found: dict[str, list[str]] = {}
    for m, value in owned:
        if id(m) in alive and m.label == "ORG" and m.id is not None and value not in found.get(m.id, []):
            found.setdefault(m.id, []).append(value)
    return found
