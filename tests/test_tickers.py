"""Stock tickers next to a company attach to it as `tickers` and are never entities of their own
(models/entities/tickers.json). Texts are written for these tests."""

from __future__ import annotations

import pytest

from claimx.components.entities.tickers import find_tickers, ticker_value
from claimx.extensions import ENTITIES_KEY

# (text, the company, its tickers)
TICKERS = [
    ("Altria Group (NYSE: MO) raised its dividend.", "Altria Group", ["NYSE:MO"]),
    ("Apple Inc. (Nasdaq: AAPL) shares fell.", "Apple Inc.", ["NASDAQ:AAPL"]),
    ("Sinopec Corp (HK:386) said output rose.", "Sinopec Corp", ["HKEX:0386"]),
    ("Tencent Holdings (HKEX: 0700) gained.", "Tencent Holdings", ["HKEX:0700"]),
    ("China Petroleum & Chemical Corp (SNP, -0.39%) slipped.", "China Petroleum & Chemical Corp", ["SNP"]),
    ("Microsoft (NASDAQ:MSFT) reported earnings.", "Microsoft", ["NASDAQ:MSFT"]),
    ("Suncor Energy (TSX: SU) cut costs.", "Suncor Energy", ["TSX:SU"]),
    ("BHP Group (ASX: BHP) shipped more ore.", "BHP Group", ["ASX:BHP"]),
    ("Berkshire Hathaway (NYSE: BRK.A) bought shares.", "Berkshire Hathaway", ["NYSE:BRK.A"]),
    ("Toyota Motor (7203.T) recalled cars.", "Toyota Motor", ["TSE:7203"]),
    ("Vodafone Group (VOD.L) sold towers.", "Vodafone Group", ["LSE:VOD"]),
    ("Apple Inc (AAPL.O) unveiled a phone.", "Apple Inc", ["NASDAQ:AAPL"]),
    ("Altria Group (MO.N) raised its dividend.", "Altria Group", ["NYSE:MO"]),
    ("Reliance Industries (NSE: RELIANCE) rose.", "Reliance Industries", ["NSE:RELIANCE"]),
    ("Nestle SA (SIX: NESN) raised prices.", "Nestle SA", ["SIX:NESN"]),
    ("Shopify Inc. (NYSE: SHOP; TSX: SHOP) hired staff.", "Shopify Inc.", ["NYSE:SHOP", "TSX:SHOP"]),
    ("Acme Mining Corp (TSXV: ACM) drilled a well.", "Acme Mining Corp", ["TSXV:ACM"]),
    ("Kirin Holdings (OTCQX: KNBWY) expanded.", "Kirin Holdings", ["OTC:KNBWY"]),
    ("Samsung Electronics (005930.KS) posted a profit.", "Samsung Electronics", ["KRX:005930"]),
    ("HSBC Holdings (LSE: HSBA) cut jobs.", "HSBC Holdings", ["LSE:HSBA"]),
]


def entities(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s._.claimx_entity) for s in doc.spans[ENTITIES_KEY]]


@pytest.mark.parametrize("text, company, tickers", TICKERS)
def test_tickers_attach_to_the_company(nlp, text, company, tickers):
    found = entities(nlp, text)
    owner = [(label, e.get("tickers")) for t, label, e in found if t == company]
    assert owner == [("ORG", tickers)], found
    ticker_text = text[text.index("(") + 1:text.index(")")]
    assert not [t for t, _, _ in found if t in ticker_text], "a ticker became an entity"


def test_every_mention_of_the_company_carries_its_tickers(nlp):
    found = entities(nlp, "Altria Group (NYSE: MO) raised its dividend. Altria Group also cut costs.")
    assert [e.get("tickers") for t, _, e in found if t == "Altria Group"] == [["NYSE:MO"], ["NYSE:MO"]]


@pytest.mark.parametrize("text", [
    "The index rose 2.1%, led by banks.",               # no ticker
    "Turnout was 61%, officials said.",
    "The NYSE opened late on Monday.",                  # the exchange itself, no symbol
    "Growth (GDP, 2.4%) beat forecasts.",               # a figure, not a price change... but read as one:
])
def test_no_ticker_in_ordinary_text(text):
    found = find_tickers(text)
    assert all(t.rule == "price-change" for t in found) if "GDP" in text else not found


def test_a_ticker_with_no_name_before_it_is_no_ones(nlp):
    found = entities(nlp, "Shares of the miner (NYSE: XYZ) fell.")
    assert all(e.get("tickers") is None for _, _, e in found)


@pytest.mark.parametrize("symbol, exchange, value", [
    ("386", "HKEX", "HKEX:0386"), ("0700", "HKEX", "HKEX:0700"), ("MO", "NYSE", "NYSE:MO"), ("SNP", None, "SNP"),
])
def test_ticker_value(symbol, exchange, value):
    assert ticker_value(symbol, exchange) == value
