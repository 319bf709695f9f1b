"""What claimx takes from CLDR, through the installed Babel, for the currency vocabulary: ISO codes, English names,
who uses which currency, territory names and today's dollars.

models/money/cldr.json stores the result (scripts/gen_cldr.py), so a start reads one small file instead of Babel's
locale data; currencies.cldr_tables() comes here only when another Babel release is installed.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies, list_currencies

from claimx.normalize.money.currencies import babel_version


def babel_tables() -> dict[str, Any]:
    """The cldr.json content. `territories` and `dollars` are as of today."""
    english = Locale("en")
    return {
        "_generated": "by scripts/gen_cldr.py from Babel's CLDR data; do not edit",
        "built_from": babel_version(),
        "codes": sorted(set(list_currencies())),
        "names": _names(),
        "territories": _territories(),
        "territory_names": {t: name for t, name in english.territories.items() if t.isalpha()},
        "dollars": sorted(code for code, name in english.currencies.items()
                          if name.endswith(" Dollar") and code in _today_codes()),
    }


def _names() -> dict[str, str]:
    """English singular and plural names ('Swiss franc', 'Swiss francs') → code. Current currencies win a shared
    name; one-word names (Euro, Gold) are left to words.json, and dated names ('Afghan Afghani (1927–2002)') out."""
    english = Locale("en")
    names: dict[str, str] = {}
    for code, name in sorted(english.currencies.items(), key=lambda item: item[0] in _today_codes()):
        if "(" in name or " " not in name:
            continue
        plural, singular = (get_currency_name(code, count=n, locale="en") for n in (2, 1))
        for form in (name, plural, singular):
            names[form.lower()] = code
    return names


@cache
def _today_codes() -> frozenset[str]:
    codes: set[str] = set()
    for territory in Locale("en").territories:
        codes.update(get_territory_currencies(territory))
    return frozenset(codes)


def _territories() -> dict[str, dict[str, int]]:
    """How a place mention votes for a currency: 2 for its currency today, 1 for one it used since 1900
    (Pakistan votes PKR over the pre-1948 INR; France still votes FRF over the Swiss franc)."""
    result: dict[str, dict[str, int]] = {}
    since = dt.date(1900, 1, 1)
    for territory in Locale("en").territories:
        if not territory.isalpha():  # "001", "150": regions, not countries
            continue
        for code in get_territory_currencies(territory, start_date=since, end_date=dt.date.today()):
            result.setdefault(code, {})[territory] = 1
        for code in get_territory_currencies(territory):
            result.setdefault(code, {})[territory] = 2
    return result
