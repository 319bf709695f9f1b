"""One money mention found in a text: where it is, what it reads, and what is still open about its currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claimx.normalize.money.currencies import Currency
from claimx.normalize.numbers import to_amount


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str
    amount: Decimal | None
    currency: Currency  # an ISO code, DOLLAR, candidate codes, or None; see currencies.py
    sign: str = ""  # the currency as written: "$US", "A$", "dollars", "EUR"
    number: str = ""  # the numeral as written, to match a later "$552 million" with an earlier "$US552"
    approx: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    minor: bool = False  # cents, pence: hundredths of `currency`
    weak: bool = False  # read only if the article names this currency elsewhere ("50p", "20 pounds")
    scaled: bool = False
    bare: bool = False  # a number without currency: kept only as the end of a range
    commodity: bool = False  # a bare "$" quoting a commodity ("$387 an ounce"): US dollars
    converts: bool = False  # in brackets right after another amount: "A$2bn ($1.3bn)"

    def fields(self, currency: str | None) -> dict[str, Any]:
        """The claimx/1 money fields, with the currency the article settled on."""
        ranged = self.min is not None
        return {
            "amount": to_amount(self.amount) if self.amount is not None else None,
            "currency": currency,
            "approx": self.approx,
            "min": to_amount(self.min) if ranged else None,
            "max": to_amount(self.max) if ranged and self.max is not None else None,
        }
