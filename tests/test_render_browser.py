"""`claimx render` pages in a real browser: headless Chromium loads each example page, keeps every highlight we
wrote (and their nesting), and paints the highlight colours. Skipped only where no Chromium is installed."""

from __future__ import annotations

import importlib.util
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimx.extract import extract_many
from claimx.ingest import iter_articles
from claimx.output.html import write_pages

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def _helpers():
    spec = importlib.util.spec_from_file_location("make_screenshots", ROOT / "scripts" / "make_screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


browser_tools = _helpers()
BROWSER = browser_tools.find_browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium or Chrome on PATH (Debian: apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="module")
def site(nlp, tmp_path_factory):
    """Every example rendered the way `claimx render examples/*.txt -o DIR` does, with its record."""
    assert EXAMPLES, "examples/*.txt is empty"
    out = tmp_path_factory.mktemp("site")
    records = list(extract_many(iter_articles([str(p) for p in EXAMPLES]), nlp=nlp, include_text=True))
    assert write_pages(records, out) == 0
    pages = sorted(p for p in out.glob("*.html") if p.name != "index.html")
    return out, list(zip(records, pages))


class DomElements(HTMLParser):
    """Each element of a dumped DOM with the classes of its open ancestors."""

    VOID = {"br", "meta", "link", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, set[str]]] = []
        self.elements: list[tuple[str, dict, set[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ancestors = set().union(*(classes for _, classes in self.stack))
        self.elements.append((tag, attrs, ancestors))
        if tag not in self.VOID:
            self.stack.append((tag, set((attrs.get("class") or "").split())))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def dom(page: Path) -> DomElements:
    parsed = DomElements()
    parsed.feed(browser_tools.run_browser(BROWSER, "--dump-dom", page.as_uri()))
    return parsed


def test_the_browser_keeps_every_highlight_and_its_nesting(site):
    _, pages = site
    for record, page in pages:
        parsed = dom(page)
        by_id = {attrs["id"]: (tag, attrs, ancestors) for tag, attrs, ancestors in parsed.elements if "id" in attrs}
        assert any(tag == "section" for tag, _, _ in parsed.elements), f"{page.name}: page did not load"
        for i, entity in enumerate(record.entities):
            tag, attrs, _ = by_id[f"a1-ent-{i}"]
            assert tag == "mark" and entity.label.lower() in attrs["class"]
        for i, money in enumerate(record.money):
            assert by_id[f"a1-money-{i}"][1]["data-currency"] == (money.currency or "")
        for i, date in enumerate(record.dates):
            assert by_id[f"a1-date-{i}"][1]["data-value"] == (date.value or "")
        links = {attrs["href"][1:] for tag, attrs, _ in parsed.elements
                 if tag == "a" and attrs.get("href", "").startswith("#")}
        for number, claim in enumerate(record.claims, 1):
            assert f"a1-claim-{number}" in by_id and f"a1-claim-{number}" in links
            for i in claim.dates:  # a date inside a claim is drawn inside the claim's element
                assert "claim" in by_id[f"a1-date-{i}"][2]
        assert links <= set(by_id), f"{page.name}: a link points at nothing"


def test_the_index_links_every_page(site):
    out, pages = site
    parsed = dom(out / "index.html")
    hrefs = {attrs["href"] for tag, attrs, _ in parsed.elements if tag == "a"}
    assert hrefs == {page.name for _, page in pages}


def test_screenshot_shows_the_highlight_colours(site, tmp_path):
    _, pages = site
    record, page = max(site[1], key=lambda pair: len(pair[0].entities) + len(pair[0].money))
    png = tmp_path / "page.png"
    browser_tools.screenshot(BROWSER, page.as_uri(), png, 800, 600)
    width, height, pixels = read_png(png.read_bytes())
    assert (width, height) == (800, 600)
    css = page.read_text(encoding="utf-8")
    palette = {name: _hex(value) for name, value in re.findall(r"--(\w+): (#[0-9a-f]{6})", css)}
    painted = {name for name, rgb in palette.items() if pixels.count(rgb) > 50}
    expected = {"org"} if record.entities else set()
    expected |= {"money"} if record.money else set()
    assert expected <= painted, f"colours painted: {sorted(painted)}"


def _hex(value: str) -> bytes:
    return bytes.fromhex(value[1:])


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """A minimal PNG reader for Chromium's screenshots (8-bit RGB or RGBA, not interlaced): size and RGB pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(idat), width * channels
    previous, pixels = bytearray(stride), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                guess = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + guess) & 255
        pixels += [bytes(line[x:x + 3]) for x in range(0, stride, channels)]
        previous = line
    return width, height, pixels
