"""The HTML view: nesting and escaping of highlights, the claims panel, safe page names, and `claimx render`."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimx.output.html import FileNamer, Highlight, markup, page_path, render_page, write_pages
from claimx.records import Claim, DateMention, Entity, Money, Record, Speaker, TextSpan

TEXT = "Acme Corp said on Monday that it will pay $5 million to Riverton by March 2026."


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def sample_record(text: str = TEXT, **fields) -> Record:
    org, day, amount, place, month = (_at(text, p) for p in ("Acme Corp", "Monday", "$5 million", "Riverton",
                                                               "March 2026"))
    claim_start, claim_end = _at(text, "it will pay $5 million to Riverton by March 2026")
    values = dict(
        id="acme-1", source="acme-1.txt", published="2026-01-05", published_source="input", text=text,
        entities=[Entity("Acme Corp", "ORG", *org), Entity("Riverton", "PLACE", *place, canonical="Riverton")],
        money=[Money("$5 million", *amount, amount=5_000_000, currency="USD")],
        dates=[DateMention("Monday", *day, value="2026-01-05", grain="day", relative=True),
               DateMention("March 2026", *month, value="2026-03", grain="month")],
        claims=[Claim(text[claim_start:claim_end], claim_start, claim_end, Speaker("Acme Corp", *org, label="ORG"),
                      TextSpan("said", *_at(text, "said")), direct=False,
                      date={"value": "2026-03", "source": "explicit"}, entities=[1], money=[0], dates=[1])],
    )
    values.update(fields)
    return Record(**values)


class Tree(HTMLParser):
    """Parses a fragment, checking every element closes in order; records each element with its open ancestors."""

    VOID = {"br", "meta", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict, list[tuple[str, dict]]]] = []
        self.text: list[str] = []
        self.covered: list[set[str]] = []  # per character of the text: the classes of the elements around it
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), list(self.stack)))
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.balanced = False
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        inside = set().union(*(classes(attrs) for _, attrs in self.stack))
        self.covered.extend([inside] * len(data))


def parse(fragment: str) -> Tree:
    tree = Tree()
    tree.feed(fragment)
    tree.close()
    return tree


def classes(attrs: dict) -> set[str]:
    return set((attrs.get("class") or "").split())


# --- markup: nesting ---------------------------------------------------------------------------------------------

def _h(start, end, rank=2, cls="m", ident=None, label=None):
    return Highlight(start, end, rank, "mark" if rank == 2 else "span", (("class", cls),),
                     (("id", ident),) if ident else (), label)


@pytest.mark.parametrize("spans, expected", [
    ([], "abcdefghij"),
    ([_h(2, 5)], 'ab<mark class="m">cde</mark>fghij'),
    # a date inside a claim: the mark nests inside the claim span
    ([_h(0, 8, 0, "claim"), _h(2, 5, 2, "date")],
     '<span class="claim">ab<mark class="date">cde</mark>fgh</span>ij'),
    # a mention that starts before a claim and ends inside it is split, the claim stays outermost
    ([_h(3, 8, 0, "claim"), _h(1, 5, 2, "org")],
     'a<mark class="org">bc</mark><span class="claim"><mark class="org">de</mark>fgh</span>ij'),
    # crossing mentions of one layer: the later one is split
    ([_h(0, 4, 2, "a"), _h(2, 6, 2, "b")],
     '<mark class="a">ab<mark class="b">cd</mark></mark><mark class="b">ef</mark>ghij'),
    # the same range twice: both drawn, nested
    ([_h(2, 4, 2, "a"), _h(2, 4, 2, "b")], 'ab<mark class="a"><mark class="b">cd</mark></mark>efghij'),
    # ranges outside the text or empty are ignored
    ([_h(5, 5), _h(8, 12), _h(-1, 2)], "abcdefghij"),
])
def test_markup_nests_and_splits(spans, expected):
    assert markup("abcdefghij", spans) == expected


def test_split_range_keeps_its_id_once_and_its_label_at_its_end():
    out = markup("abcdefghij", [_h(3, 8, 0, "claim", "c1"), _h(1, 5, 2, "org", "e1", label="ORG")])
    assert out.count('id="e1"') == 1 and out.count('id="c1"') == 1
    assert out.count('data-label="ORG"') == 1
    assert out.index('data-label="ORG"') > out.index("de")  # drawn after the last piece's text


highlight_sets = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 2)), max_size=8)


@given(text=st.text(alphabet="ab <>&\"'\n", max_size=30), spans=highlight_sets)
def test_markup_is_well_formed_and_keeps_the_text(text, spans):
    marks = [_h(s, e, rank, f"k{i}", f"id{i}", label=f"L{i}") for i, (s, e, rank) in enumerate(spans)]
    out = markup(text, marks)
    tree = parse(out)
    assert tree.balanced and not tree.stack
    assert "".join(tree.text) == text  # the article text, nothing added, nothing lost
    for i, (s, e, _) in enumerate(spans):
        drawn = 0 <= s < e <= len(text)
        assert out.count(f'id="id{i}"') == int(drawn)
        assert out.count(f'data-label="L{i}"') == int(drawn)
        # exactly the range's characters are inside its elements
        assert [f"k{i}" in c for c in tree.covered] == [drawn and s <= j < e for j in range(len(text))]


# --- the page ----------------------------------------------------------------------------------------------------

def test_page_highlights_each_kind_and_nests_the_date_inside_the_claim():
    tree = parse(render_page([sample_record()]))
    assert tree.balanced
    marks = {frozenset(classes(a)): (a, parents) for tag, a, parents in tree.elements if tag == "mark"}
    kinds = {next(iter(c - {"ent"})) for c in marks if "ent" in c}
    assert {"org", "place", "money", "date"} <= kinds
    month = next((a, p) for tag, a, p in tree.elements if a.get("id") == "a1-date-1")
    assert any("claim" in classes(parent) for _, parent in month[1])
    assert month[0]["data-value"] == "2026-03"
    money = next(a for tag, a, p in tree.elements if a.get("id") == "a1-money-0")
    assert "5,000,000 USD" in money["title"] and money["data-currency"] == "USD"


def test_labels_carry_normalized_values():
    page = render_page([sample_record()])
    assert 'data-label="MONEY 5,000,000 USD"' in page
    assert 'data-label="DATE 2026-03"' in page
    assert 'data-label="ORG"' in page and 'data-label="PLACE"' in page


def test_claims_panel_links_to_the_claim_in_the_text():
    tree = parse(render_page([sample_record()]))
    ids = {a["id"] for _, a, _ in tree.elements if "id" in a}
    links = [a["href"] for tag, a, _ in tree.elements if tag == "a" and a.get("href", "").startswith("#")]
    assert "#a1-claim-1" in links and "a1-claim-1" in ids
    assert "#a1-money-0" in links  # the claim's linked amount
    assert all(link[1:] in ids for link in links)  # no dangling anchor
    page = render_page([sample_record()])
    panel = page[page.index('<aside class="claims">'):]
    for shown in ("Acme Corp", "said", "2026-03", "explicit", "$5 million", "5,000,000 USD"):
        assert shown in panel


def test_several_records_on_one_page_never_share_an_anchor():
    page = render_page([sample_record(), sample_record(id="acme-2")])
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert 'id="a2-claim-1"' in page


HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.mark.parametrize("field", ["text", "title", "id"])
def test_input_is_escaped_never_markup(field):
    text = f"Acme Corp said on Monday that it will pay $5 million to Riverton by March 2026. {HOSTILE}"
    record = sample_record(text=text, **({field: HOSTILE} if field != "text" else {}))
    page = render_page([record])
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert html.escape(HOSTILE, quote=False) in page or html.escape(HOSTILE) in page
    assert parse(page).balanced


def test_page_is_self_contained():
    page = render_page([sample_record(url="https://news.example/acme")])
    assert "<script" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r'\ssrc=', page)
    assert '<a href="https://news.example/acme">' in page  # the article's own link is fine


@pytest.mark.parametrize("url, linked", [
    ("https://news.example/a", True), ("HTTP://news.example/a", True),
    ("javascript:alert(1)", False), ("data:text/html,hi", False), ("//evil.example", False),
])
def test_only_web_urls_become_links(url, linked):
    page = render_page([sample_record(url=url)])
    assert (f'href="{html.escape(url)}"' in page) is linked


def test_error_record_and_record_without_text():
    failed = render_page([Record.failed("bad-1", "bad.txt", "decode_error", "not UTF-8 <b>")])
    assert "decode_error: <bdi>not UTF-8 &lt;b&gt;</bdi>" in failed
    bare = render_page([replace(sample_record(), text=None)])
    assert "include_text=True" in bare


# --- page names and batch output ---------------------------------------------------------------------------------

@pytest.mark.parametrize("ids, names", [
    (["report"], ["report.html"]),
    (["../../etc/passwd"], ["etc_passwd.html"]),
    (["/abs/path.txt"], ["abs_path.txt.html"]),
    ([".hidden"], ["hidden.html"]),
    (["..", "..", "///"], ["article-9d891e731f.html", "article-9d891e731f-2.html", "article-c64b8480a4.html"]),
    (["index"], ["index-2.html"]),  # never overwrite the index page
    (["a", "A", "a"], ["a.html", "A-2.html", "a-3.html"]),  # unique on case-insensitive file systems
    (["CON", "nul.txt"], ["_CON.html", "_nul.txt.html"]),
    (["Zürich café"], ["Zurich_cafe.html"]),
    (["x" * 300], ["x" * 80 + ".html"]),
])
def test_file_names_are_safe_and_unique(ids, names):
    namer = FileNamer()
    assert [namer(i) for i in ids] == names


@pytest.mark.parametrize("name", ["../x.html", "sub/x.html", "/tmp/x.html"])
def test_page_path_refuses_to_leave_the_directory(tmp_path, name):
    with pytest.raises(ValueError):
        page_path(tmp_path, name)


def test_write_pages_stays_inside_the_directory(tmp_path):
    out = tmp_path / "site" / "pages"
    hostile = ["../../etc/passwd", "..\\..\\win", "/etc/shadow", "index", "ok"]
    records = [sample_record(id=i) for i in hostile] + [Record.failed("../broken", "x", "io_error", "gone")]
    failed = write_pages(records, out)
    assert failed == 1
    written = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert all((out / name).is_file() for name in written)  # nothing anywhere else
    assert len(written) == len(records) + 1
    index = (out / "index.html").read_text(encoding="utf-8")
    for link in re.findall(r'<a href="([^"#]+)"', index):
        assert (out / html.unescape(link)).is_file()


# --- the command -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _app():
    from claimx.cli import app

    return app


def test_render_stdin_escapes_script(runner, nlp):
    result = runner.invoke(_app(), ["render", "-"], input="Acme Corp said on Monday it lost $3 million. <script>x()"
                                                         "</script>\n")
    assert result.exit_code == 0, result.output
    assert "&lt;script&gt;x()&lt;/script&gt;" in result.stdout and "<script" not in result.stdout
    assert '<mark class="ent money"' in result.stdout


def test_render_to_a_file_and_to_a_directory(runner, nlp, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "one.txt").write_text("Acme Corp said it will pay $5 million.", encoding="utf-8")
    (source / "two.txt").write_text("Riverton officials said on Monday that taxes would rise.", encoding="utf-8")
    page = tmp_path / "one.html"
    assert runner.invoke(_app(), ["render", str(source / "one.txt"), "-o", str(page)]).exit_code == 0
    assert parse(page.read_text(encoding="utf-8")).balanced
    site = tmp_path / "site"
    result = runner.invoke(_app(), ["render", str(source), "-o", str(site)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "one.txt.html", "two.txt.html"]


@pytest.mark.parametrize("claim_text, direct, shown", [
    ("we will grow", True, "“we will grow”"),  # a direct quote gets quote marks
    ('"we will grow"', True, "&quot;we will grow&quot;</bdi></a>"),  # ... unless it carries its own
    ("it will grow", False, "it will grow</bdi></a>"),
])
def test_panel_quotes_direct_claims_once(claim_text, direct, shown):
    text = f"Acme Corp said {claim_text}."
    start = text.index(claim_text)
    claim = Claim(claim_text, start, start + len(claim_text), Speaker("Acme Corp", 0, 9, canonical="Acme Corp"),
                  None, direct=direct)
    page = render_page([Record(id="q", source="q", text=text, claims=[claim])])
    panel = page[page.index('<aside class="claims">'):]
    assert shown in panel
    assert "(Acme Corp)" not in panel  # a canonical name equal to the text is not repeated
