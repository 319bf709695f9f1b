"""The currency vocabulary: ISO 4217 codes and English names from CLDR (via Babel, which keeps withdrawn currencies
such as DEM, FRF or FIM; stored in models/money/cldr.json, see cldr.py), plus our own signs, words, scales and
hedges from models/money/.

A currency value in these tables is an ISO code, `DOLLAR` (the article's own dollar), a tuple of candidate codes
(the first is the default; the article's places choose) or None (no ISO code, e.g. bitcoin).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimx.assets import load_json, load_lines

DOLLAR = "$"
Currency = str | tuple[str, ...] | None

# Currencies written "1.234.567,89": a lone "1.200" next to them is twelve hundred.
COMMA_DECIMAL = frozenset(
    "EUR DEM FRF ESP ITL NLG BEF LUF ATS PTE FIM GRD DKK NOK SEK ISK BRL ARS CLP COP IDR TRY RUB PLN CZK HUF RON "
    "VND HRK BGN UAH".split()
)


@dataclass(frozen=True)
class Vocabulary:
    codes: frozenset[str]  # ISO 4217 codes we read as currency codes (minus English-word look-alikes)
    codes_any_case: frozenset[str]  # codes also read in lower case: "20 usd"
    before: dict[str, Currency]  # signs before the number
    before_attached: dict[str, Currency]
    before_any_case: dict[str, Currency]
    before_words: dict[str, Currency]  # lower-cased; only with a scale word: "Euro 5 million"
    after: dict[str, Currency]  # signs after the number
    after_minor: dict[str, Currency]  # hundredths glued to the number: 50p
    weak_signs: frozenset[str]
    names: dict[str, Currency]  # lower-cased currency words and names
    generic_words: frozenset[str]  # lower-cased one-word names: dollars, euro, marks (not "Swiss francs")
    minor_names: dict[str, Currency]  # lower-cased words for hundredths: cents, pence
    weak_words: frozenset[str]
    scale_words: dict[str, float]  # lower-cased
    scale_abbreviations: dict[str, float]
    scale_attached: dict[str, float]
    code_prefixes: dict[str, float]
    scalable_codes: frozenset[str]
    hedges_before: tuple[str, ...]
    hedges_after: tuple[str, ...]
    change_words: frozenset[str]  # "rose 6 pence to 388 pence": a change and a level, not a range
    dollar_quotes: tuple[str, ...]  # "$387 an ounce": commodity prices are in US dollars
    unit_nouns_money: frozenset[str]  # "a five pound note" is money, "a 200 pound cable" a weight
    places: dict[str, str]  # place name or demonym → ISO 3166 territory
    territories: dict[str, dict[str, int]]  # currency code → territories that use (2) or used (1) it
    dollars: frozenset[str]  # the dollars in use today (AUD, CAD, USD, ...): who a bare "$" may be


@cache
def load_vocabulary() -> Vocabulary:
    symbols = load_json("money", "symbols.json")
    words = load_json("money", "words.json")
    scales = load_json("money", "scales.json")
    hedges = load_json("money", "hedges.json")
    phrases = load_json("money", "phrases.json")
    stoplist = set(load_lines("money", "code_stoplist.txt"))
    cldr = cldr_tables()
    codes = frozenset(code for code in cldr["codes"] if len(code) == 3 and code.isalpha()) - stoplist
    territories = cldr["territories"]
    names = {**cldr["names"], **_values(words["generic"]), **_values(words["aliases"])}
    return Vocabulary(
        codes=codes,
        codes_any_case=frozenset(symbols["codes_any_case"]),
        before=_values(symbols["before"]),
        before_attached=_values(symbols["before_attached"]),
        before_any_case={k.lower(): v for k, v in _values(symbols["before_any_case"]).items()},
        before_words={k.lower(): v for k, v in _values(symbols["before_words"]).items()},
        after=_values(symbols["after"]),
        after_minor=_values(symbols["after_minor"]),
        weak_signs=frozenset(symbols["weak"]),
        names={k.lower(): v for k, v in names.items()},
        generic_words=frozenset(k.lower() for k in _values(words["generic"])),
        minor_names={k.lower(): v for k, v in _values(words["minor"]).items()},
        weak_words=frozenset(w.lower() for w in words["weak"]),
        scale_words={k.lower(): float(v) for k, v in scales["words"].items()},
        scale_abbreviations={k: float(v) for k, v in scales["abbreviations"].items()},
        scale_attached={k: float(v) for k, v in scales["attached"].items()},
        code_prefixes={k: float(v) for k, v in scales["code_prefixes"].items()},
        scalable_codes=frozenset(scales["scalable_codes"]),
        hedges_before=tuple(hedges["before"]),
        hedges_after=tuple(hedges["after"]),
        change_words=frozenset(phrases["change_words"]),
        dollar_quotes=tuple(phrases["dollar_quotes"]),
        unit_nouns_money=frozenset(phrases["unit_nouns_money"]),
        places=_places(cldr["territory_names"]),
        territories=territories,
        dollars=frozenset(cldr["dollars"]) & codes,
    )


CLDR_FILE = "cldr.json"


def cldr_tables() -> dict[str, Any]:
    """What claimx takes from CLDR: codes, English names, who uses which currency, territory names, today's
    dollars. Read from models/money/cldr.json (scripts/gen_cldr.py writes it), which spares every start the 0.05 s
    of reading Babel's locale data; computed from Babel when the installed release is not the one it was built
    from, so a Babel upgrade never answers from stale data."""
    stored = load_json("money", CLDR_FILE)
    if stored.get("built_from") == babel_version():
        return stored
    from claimx.normalize.money.cldr import babel_tables  # imports Babel, which a start from the file never needs

    return babel_tables()


def babel_version() -> dict[str, str]:
    from importlib.metadata import version

    return {"babel": version("babel")}


def _values(table: dict[str, Any]) -> dict[str, Currency]:
    """JSON lists become tuples (hashable, immutable); '_comment' keys are documentation."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in table.items() if not k.startswith("_")}


def _places(territory_names: dict[str, str]) -> dict[str, str]:
    places = {name: territory for territory, name in territory_names.items()}
    for territory, names in load_json("money", "places.json").items():
        if territory.startswith("_"):
            continue
        places.update({name: territory for name in names})
    return places
