"""Regenerate models/money/cldr.json from the installed Babel.

Run after upgrading Babel (tests/test_money_cldr.py fails whenever the file and the package disagree). The file
also fixes which currencies count as in use "today", as of the day it is written: regenerate it now and then.
"""

from __future__ import annotations

from claimx.assets import write_generated
from claimx.normalize.money.cldr import babel_tables
from claimx.normalize.money.currencies import CLDR_FILE

if __name__ == "__main__":
    path = write_generated(babel_tables(), "money", CLDR_FILE)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
