"""Regenerate the screenshots the README shows, with headless Chromium (Debian: apt-get install chromium).

    python scripts/make_screenshots.py   # writes docs/render.png, docs/terminal.png and docs/report.png

docs/render.png: `claimx render examples/earnings-nordvik.txt` in a browser.
docs/terminal.png: the terminal table of `claimx extract` on the same article (rich's SVG export, rasterized).
docs/report.png: `claimx report` over the examples' records (examples/expected/*.jsonl).
tests/test_render_browser.py uses `find_browser` and `run_browser` too.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/earnings-nordvik.txt"  # relative to ROOT, so the page shows the id a reader would type
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Headless, offline and quiet: no first-run UI, no sync, no updates, no background requests.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--hide-scrollbars", "--force-device-scale-factor=1")


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def run_browser(browser: str, *args: str, timeout: float = 90) -> str:
    """Run headless Chromium with a throwaway profile; return its stdout (the DOM, for --dump-dom)."""
    with tempfile.TemporaryDirectory(prefix="claimx-chromium-") as profile:
        done = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{browser} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def screenshot(browser: str, url: str, png: Path, width: int, height: int) -> None:
    run_browser(browser, f"--screenshot={png}", f"--window-size={width},{height}", url)
    if not png.is_file():
        raise RuntimeError(f"{browser} wrote no screenshot for {url}")


def render_example(out: Path) -> None:
    from claimx.extract import extract_many
    from claimx.ingest import iter_articles
    from claimx.output.html import page_title, render_page

    records = list(extract_many(iter_articles([EXAMPLE]), include_text=True))
    out.write_text(render_page(records, page_title(records)), encoding="utf-8")


def report_example(out: Path) -> None:
    """`claimx report` over the examples' records, read as one JSON Lines archive."""
    from claimx.output.archive import read_tables
    from claimx.output.report import render_report

    records = out.with_suffix(".jsonl")
    records.write_bytes(b"".join(p.read_bytes() for p in sorted((ROOT / "examples" / "expected").glob("*.jsonl"))))
    out.write_text(render_report(read_tables(records), title="claimx report: examples/"), encoding="utf-8")


def terminal_svg(out: Path, width: int = 110) -> tuple[int, int]:
    """The terminal table as SVG (rich's own export); returns its pixel size."""
    from rich.console import Console

    from claimx.extract import extract_many
    from claimx.ingest import iter_articles
    from claimx.output.table import render_record

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor")
    for record in extract_many(iter_articles([EXAMPLE])):
        console.print(render_record(record))
    console.save_svg(str(out), title=f"claimx extract {EXAMPLE}")
    size = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', out.read_text(encoding="utf-8"))
    return round(float(size.group(1))), round(float(size.group(2)))


def main() -> int:
    browser = find_browser()
    if browser is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 1
    docs = ROOT / "docs"
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "render.html"
        render_example(page)
        screenshot(browser, page.as_uri(), docs / "render.png", 1280, 900)
        svg = Path(tmp) / "terminal.svg"
        width, height = terminal_svg(svg)
        screenshot(browser, svg.as_uri(), docs / "terminal.png", width, height)
        report = Path(tmp) / "report.html"
        report_example(report)
        screenshot(browser, report.as_uri(), docs / "report.png", 1024, 1400)
    print(f"wrote {docs / 'render.png'}, {docs / 'terminal.png'} and {docs / 'report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
