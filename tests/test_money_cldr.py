"""models/money/cldr.json is generated from Babel (scripts/gen_cldr.py): it must say what the installed Babel
says, and a file from another Babel release must never be used."""

from __future__ import annotations

import json

import pytest

from claimx.assets import load_json
from claimx.normalize.money import currencies
from claimx.normalize.money.cldr import babel_tables
from claimx.normalize.money.currencies import CLDR_FILE, babel_version, cldr_tables


def test_cldr_file_matches_installed_babel():
    stored = load_json("money", CLDR_FILE)
    if stored["built_from"] != babel_version():
        pytest.skip(f"cldr.json is from {stored['built_from']}, installed {babel_version()}: claimx reads Babel "
                    "instead; run scripts/gen_cldr.py to restore the fast start")
    generated = json.loads(json.dumps(babel_tables(), ensure_ascii=False))
    # "territories" and "dollars" are as of the day the file was written, so they are not compared here.
    for key in ("codes", "names", "territory_names"):
        assert stored[key] == generated[key], f"run scripts/gen_cldr.py: {key} differ"
    assert set(stored["territories"]) <= set(generated["codes"])
    assert {"USD", "CAD", "AUD"} <= set(stored["dollars"])


def test_the_vocabulary_has_cldr_names_and_territories():
    vocab = currencies.load_vocabulary()
    assert vocab.names["swiss francs"] == "CHF"
    assert vocab.territories["NOK"]["NO"] == 2
    assert vocab.places["Norway"] == "NO"
    assert "USD" in vocab.dollars and "EUR" not in vocab.dollars


def test_a_cldr_file_from_another_babel_release_is_not_used(monkeypatch):
    stale = {**load_json("money", CLDR_FILE), "built_from": {"babel": "0"}, "names": {}}
    real_load = currencies.load_json
    monkeypatch.setattr(currencies, "load_json",
                        lambda *parts: stale if parts[-1] == CLDR_FILE else real_load(*parts))
    assert cldr_tables()["names"]["swiss francs"] == "CHF"  # read from Babel, not the emptied stale file
