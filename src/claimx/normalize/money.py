"""Money text → amount, ISO 4217 currency, approx. A first cut; see models/money/ for the vocabularies."""

from __future__ import annotations

import re
from typing import Any

_SYMBOLS = {"US$": "USD", "$US": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "rupee": "INR", "cent": "USD", "pence": "GBP"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12}
_HEDGES = ("about", "around", "nearly", "almost", "more than", "over", "up to", "at least", "roughly", "some")
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|mn|tn|[kmb])?\b", re.I)
_CODE = re.compile(r"\b([A-Z]{3})\b")


def parse_money(text: str) -> dict[str, Any]:
    """Read one money mention. Returns {"amount", "currency", "approx"}; None where it cannot be read."""
    amount = None
    match = _NUMBER.search(text)
    if match:
        amount = float(match.group(1).replace(",", ""))
        scale = (match.group(2) or "").lower()
        amount *= _SCALES.get(scale, 1)
        amount = int(amount) if amount == int(amount) else amount
    lowered = text.lower()
    if match and re.search(r"\b(cents?|pence)\b", lowered):
        amount = amount / 100 if amount is not None else None
    return {"amount": amount, "currency": _currency(text), "approx": lowered.startswith(_HEDGES)}


def _currency(text: str) -> str | None:
    for symbol, code in _SYMBOLS.items():
        if symbol in text:
            return code
    code = _CODE.search(text)
    if code:
        return code.group(1)
    lowered = text.lower()
    for word, code_ in _WORDS.items():
        if word in lowered:
            return code_
    return None
