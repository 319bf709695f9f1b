"""Regenerate models/money/cldr.json from the installed Babel.

Run after upgrading Babel (tests/test_money_cldr.py fails whenever the file and the package disagree). The file
also fixes which currencies count as in use "today", as of the day it is written: regenerate it now and then.
"""

from __future__ import annotations

import json

from claimx.assets import asset_path
from claimx.normalize.currencies import CLDR_FILE, babel_tables


def main() -> None:
    path = asset_path("money", CLDR_FILE)
    text = json.dumps(babel_tables(), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(text) // 1024} KiB)")


if __name__ == "__main__":
    main()
