"""The HTML view: one self-contained page (inline CSS, no scripts, no network) per article or batch.

The article text is shown with organizations, places, people, money and dates highlighted displaCy-style, claims
underlined, and a claims panel whose entries link to their place in the text. Works from claimx/1 Records that carry
their analysed text (`extract_many(..., include_text=True)`); never touches spaCy.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimx.output.maps import map_url
from claimx.records import Claim, DateMention, Entity, Money, Record

# Drawn outermost first: a claim holds speaker and cue marks, which hold entity, money and date marks.
_CLAIM, _ROLE, _MENTION = 0, 1, 2
_KIND_CLASS = {"ORG": "org", "PLACE": "place", "PERSON": "person", "MONEY": "money", "DATE": "date"}
_QUOTES = "\"“”'‘’«»„"
_KIND_NAME = {"ORG": "organization", "PLACE": "place", "PERSON": "person", "MONEY": "money", "DATE": "date"}


@dataclass(frozen=True)
class Highlight:
    """One range of the text to wrap in an element. `first` attributes go on the piece where it starts only
    (ids must stay unique when a crossing range splits it); `label` is drawn where it ends."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    first: tuple[tuple[str, str], ...] = ()
    label: str | None = None


def markup(text: str, highlights: Iterable[Highlight]) -> str:
    """Escape `text` and wrap each highlight's range in its element. Ranges may nest or cross: a range that
    crosses another is closed and reopened around it, so the result is always well-formed HTML."""
    # Outer layers first, then earlier and longer ranges: the order open elements nest in.
    spans = sorted((h for h in highlights if 0 <= h.start < h.end <= len(text)),
                   key=lambda h: (h.rank, h.start, -h.end))
    order = {id(h): i for i, h in enumerate(spans)}
    starting: dict[int, list[Highlight]] = {}
    for h in spans:
        starting.setdefault(h.start, []).append(h)
    bounds = sorted({0, len(text), *(h.start for h in spans), *(h.end for h in spans)})
    out: list[str] = []
    stack: list[Highlight] = []
    active: list[Highlight] = []
    for left, right in zip(bounds, bounds[1:]):
        active = [h for h in active if h.end > left] + starting.get(left, [])
        wanted = sorted(active, key=lambda h: order[id(h)])
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        _close(out, stack, keep, left)
        for h in wanted[keep:]:
            out.append(_open(h, starts_here=h.start == left))
            stack.append(h)
        out.append(html.escape(text[left:right], quote=False))
    _close(out, stack, 0, len(text))
    return "".join(out)


def _open(h: Highlight, *, starts_here: bool) -> str:
    attrs = h.attrs + (h.first if starts_here else ())
    return f"<{h.tag}" + "".join(f' {name}="{html.escape(value)}"' for name, value in attrs) + ">"


def _close(out: list[str], stack: list[Highlight], keep: int, at: int) -> None:
    while len(stack) > keep:
        h = stack.pop()
        if h.label is not None and h.end == at:
            # An empty element drawn by CSS: the label shows, but copying the text copies only the article.
            out.append(f'<span class="tag" data-label="{html.escape(h.label)}"></span>')
        out.append(f"</{h.tag}>")


# --- what each mention looks like -------------------------------------------------------------------------------

def format_amount(value: float | int | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def money_value(m: Money) -> str:
    """`1,850,000,000 USD`, `150,000,000–200,000,000 EUR`: the normalized reading of a money mention."""
    amount = format_amount(m.amount)
    if m.min is not None and m.max is not None:
        amount = f"{format_amount(m.min)}–{format_amount(m.max)}"
    return f"{'≈ ' if m.approx else ''}{amount} {m.currency or '(currency unknown)'}"


def date_value(d: DateMention) -> str:
    return d.value if d.value else "unresolved"


def _entity(e: Entity, prefix: str, index: int) -> Highlight:
    details = [e.label] + [f"{k}: {v}" for k, v in (("canonical", e.canonical), ("kind", e.kind),
                                                    ("country", e.country), ("admin1", e.admin1),
                                                    ("geonames", e.geonames_id), ("salience", e.salience),
                                                    ("tickers", ", ".join(e.tickers or ()))) if v]
    return Highlight(e.start, e.end, _MENTION, "mark",
                     (("class", f"ent {_KIND_CLASS.get(e.label, 'other')}"), ("title", " · ".join(details))),
                     (("id", f"{prefix}-ent-{index}"),), label=e.label)


def _money(m: Money, prefix: str, index: int) -> Highlight:
    value = money_value(m)
    return Highlight(m.start, m.end, _MENTION, "mark",
                     (("class", "ent money"), ("title", f"MONEY · {value}"),
                      ("data-amount", "" if m.amount is None else str(m.amount)),
                      ("data-currency", m.currency or "")),
                     (("id", f"{prefix}-money-{index}"),), label=f"MONEY {value}")


def _date(d: DateMention, prefix: str, index: int) -> Highlight:
    value = date_value(d)
    details = (["DATE", value] + ([d.grain] if d.grain else []) + (["relative"] if d.relative else [])
               + ([f"calendar {d.calendar}"] if d.calendar else []))
    return Highlight(d.start, d.end, _MENTION, "mark",
                     (("class", "ent date"), ("title", " · ".join(details)), ("data-value", d.value or "")),
                     (("id", f"{prefix}-date-{index}"),), label=f"DATE {value}")


def _claim(c: Claim, prefix: str, number: int) -> list[Highlight]:
    anchor = f"{prefix}-claim-{number}"
    speaker = c.speaker.text if c.speaker else "no speaker"
    title = f"Claim {number} · {speaker}" + (f" · {c.cue.text}" if c.cue else "")
    parts = [Highlight(c.start, c.end, _CLAIM, "span",
                       (("class", "claim direct" if c.direct else "claim"), ("title", title)),
                       (("id", anchor), ("data-claim", str(number))))]
    for role, span in (("speaker", c.speaker), ("cue", c.cue)):
        if span is not None:
            parts.append(Highlight(span.start, span.end, _ROLE, "span",
                                   (("class", role), ("title", f"{role} of claim {number}"))))
    return parts


def highlights(record: Record, prefix: str) -> list[Highlight]:
    marks = [_entity(e, prefix, i) for i, e in enumerate(record.entities)]
    marks += [_money(m, prefix, i) for i, m in enumerate(record.money)]
    marks += [_date(d, prefix, i) for i, d in enumerate(record.dates)]
    for number, claim in enumerate(record.claims, 1):
        marks += _claim(claim, prefix, number)
    return marks


# --- sections and pages ------------------------------------------------------------------------------------------

def _e(value: object) -> str:
    return html.escape(str(value))


def _u(value: object) -> str:
    """Text from the input (an id, a title, a quote), escaped and bidi-isolated: a right-to-left override in it
    (U+202E) stays inside its own <bdi> instead of reversing the page around it."""
    return f"<bdi>{_e(value)}</bdi>"


_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _safe_url(url: str | None) -> str | None:
    """Only web links become hrefs: a `javascript:` URL from the input must never be clickable."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _claim_item(c: Claim, record: Record, prefix: str, number: int) -> str:
    quoted = c.direct and not c.text.startswith(tuple(_QUOTES))  # some claims carry their own quote marks
    quote = _u(f"“{c.text}”" if quoted else c.text)
    speaker = "—"
    if c.speaker is not None:
        speaker = _u(c.speaker.text)
        if c.speaker.canonical and c.speaker.canonical != c.speaker.text:
            speaker += f" <span class=note>({_u(c.speaker.canonical)})</span>"
    rows = [("speaker", speaker),
            ("cue", _u(c.cue.text) if c.cue else "—")]
    if c.date and c.date.get("value"):
        rows.append(("date", f"{_e(c.date['value'])} <span class=note>({_e(c.date.get('source') or '?')})</span>"))
    else:
        rows.append(("date", "—"))
    amounts = [f'<a href="#{prefix}-money-{i}">{_u(record.money[i].text)}</a> '
               f"<span class=note>= {_e(money_value(record.money[i]))}</span>"
               for i in c.money if 0 <= i < len(record.money)]
    if amounts:
        rows.append(("amounts", "<br>".join(amounts)))
    details = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    kind = "direct quote" if c.direct else "reported"
    return (f'<li id="{prefix}-claim-{number}-item"><a class="jump" href="#{prefix}-claim-{number}">'
            f'<span class="no">{number}</span> {quote}</a> <span class="note">{kind}</span><dl>{details}</dl></li>')


def _legend(record: Record) -> str:
    counts = {kind: 0 for kind in _KIND_CLASS}
    for e in record.entities:
        counts[e.label] = counts.get(e.label, 0) + 1
    counts["MONEY"], counts["DATE"] = len(record.money), len(record.dates)
    items = [f'<mark class="ent {_KIND_CLASS.get(kind, "other")}">{_e(_KIND_NAME.get(kind, kind))}</mark> {n}'
             for kind, n in counts.items()]
    items.append(f'<span class="claim">claim</span> {len(record.claims)}')
    return '<p class="legend">' + " ".join(items) + "</p>"


def _salient(record: Record, shown: int = 8) -> str:
    """The entities by salience, the ones the article is about in bold, places linked to a map (a plain link:
    nothing loads until the reader clicks)."""
    best: dict[str, Entity] = {}
    for e in record.entities:
        best.setdefault(e.id or f"{e.label}:{e.canonical or e.text}", e)
    ranked = sorted(best.values(), key=lambda e: -(e.salience or 0))[:shown]
    if not ranked or ranked[0].salience is None:
        return ""
    about = set(record.about or ())
    items = []
    for e in ranked:
        name = _e(e.canonical or e.text)
        name = f"<b>{name}</b>" if e.id in about else name
        if e.tickers:
            name += f' <span class="note">{_e(", ".join(e.tickers))}</span>'
        if e.lat is not None and e.lon is not None:
            name += f' <a class="map" href="{_e(map_url(e.lat, e.lon, e.kind))}" title="OpenStreetMap">map</a>'
        items.append(f'<li><mark class="ent {_KIND_CLASS.get(e.label, "other")}">{name}</mark> '
                     f'<span class="note">{e.salience:.2f}</span></li>')
    return '<ol class="salience" title="entities by salience">' + "".join(items) + "</ol>"


def render_section(record: Record, prefix: str = "a1") -> str:
    """One article: header, legend, highlighted text and its claims panel."""
    heading = _u(record.title or record.id)
    meta = [f"id <code>{_u(record.id)}</code>"]
    if record.source != record.id:
        meta.append(f"source <code>{_u(record.source)}</code>")
    if record.published:
        meta.append(f"published {_e(record.published)}"
                    + (f" ({_e(record.published_source)})" if record.published_source else ""))
    if url := _safe_url(record.url):
        meta.append(f'<a href="{_e(url)}">{_u(url)}</a>')
    header = f'<header><h1>{heading}</h1><p class="meta">{" · ".join(meta)}</p>'
    if record.error:
        return (f'<section class="article failed" id="{prefix}">{header}</header><p class="error">'
                f'{_e(record.error.get("type"))}: {_u(record.error.get("message"))}</p></section>')
    if record.text is None:
        body = '<p class="error">This record has no text: render records made with include_text=True.</p>'
    else:
        body = f'<div class="text">{markup(record.text, highlights(record, prefix))}</div>'
    claims = "".join(_claim_item(c, record, prefix, n) for n, c in enumerate(record.claims, 1))
    panel = (f'<aside class="claims"><h2>Claims ({len(record.claims)})</h2>'
             + (f"<ol>{claims}</ol>" if claims else '<p class="note">No claims found.</p>') + "</aside>")
    return (f'<section class="article" id="{prefix}">{header}{_legend(record)}{_salient(record)}</header>'
            f'<div class="columns">{body}{panel}</div></section>')


def render_page(records: Iterable[Record], title: str = "claimx") -> str:
    """A whole page: every record as its own section, anchors prefixed a1, a2, … so they never clash."""
    sections = "\n".join(render_section(r, f"a{i}") for i, r in enumerate(records, 1))
    return _page(title, sections or '<p class="note">No articles.</p>')


@dataclass
class IndexEntry:
    record: Record
    filename: str


def render_index(entries: Iterable[IndexEntry], title: str = "claimx") -> str:
    """The batch index: one row per article with its counts, linking to its page."""
    rows = []
    for entry in entries:
        r = entry.record
        link = f'<a href="{_e(entry.filename)}">{_u(r.title or r.id)}</a>'
        if r.error:
            rows.append(f'<tr class="failed"><td>{link}</td><td colspan="5" class="error">'
                        f'{_e(r.error.get("type"))}: {_u(r.error.get("message"))}</td></tr>')
            continue
        counts = (len(r.entities), len(r.money), len(r.dates), len(r.claims))
        rows.append(f"<tr><td>{link}</td><td>{_e(r.published or '')}</td>"
                    + "".join(f'<td class="n">{n}</td>' for n in counts) + "</tr>")
    table = ('<table class="index"><thead><tr><th>article</th><th>published</th><th>entities</th><th>money</th>'
             f'<th>dates</th><th>claims</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return _page(title, f"<h1>{_e(title)}</h1><p class=meta>{len(rows)} articles</p>{table}")


@dataclass
class FileNamer:
    """Safe, unique page names from article ids: only [A-Za-z0-9._-], never hidden, never a path, never
    `index.html`, unique even on case-insensitive file systems. An id with no Latin letters or digits (a Chinese
    headline) is named by a short hash of itself, so 20,000 of them do not all become article-N.html."""

    taken: set[str] = field(default_factory=lambda: {"index.html"})
    _next: dict[str, int] = field(default_factory=dict)  # the next number to try after a stem: naming stays linear

    def __call__(self, article_id: str) -> str:
        stem = unicodedata.normalize("NFKD", article_id).encode("ascii", "ignore").decode()
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:80].rstrip("._-")
        if not re.search(r"[A-Za-z0-9]", stem):
            digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
            stem = f"article-{digest}"
        if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
            stem = f"_{stem}"
        name, n = f"{stem}.html", self._next.get(stem.lower(), 1)
        while name.lower() in self.taken:
            n += 1
            name = f"{stem}-{n}.html"
        self._next[stem.lower()] = n
        self.taken.add(name.lower())
        return name


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


class PageWriteError(ValueError):
    """A page cannot be written where it belongs (a symlink in the way, a name that would leave the folder)."""


def page_path(out_dir: Path, filename: str) -> Path:
    """The page's path inside `out_dir`; refuses anything that would land elsewhere."""
    path = out_dir / filename
    if path.parent.resolve() != out_dir.resolve() or Path(filename).name != filename:
        raise PageWriteError(f"refusing to write outside {out_dir}: {filename!r}")
    return path


def write_page(path: Path, page: str) -> None:
    """Write a page, never through a symlink someone left in the folder (it could point at any file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if path.is_symlink():
            raise PageWriteError(f"{path} is a symlink; refusing to write through it (remove it or choose "
                                 "another -o folder)") from None
        raise
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(page)


def page_title(records: list[Record]) -> str:
    if len(records) == 1:
        return f"{records[0].title or records[0].id} · claimx"
    return f"{len(records)} articles · claimx"


def write_pages(records: Iterable[Record], out_dir: Path) -> int:
    """Write one page per record into `out_dir` as they come, then index.html; return how many records failed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = FileNamer()
    entries: list[IndexEntry] = []
    for record in records:
        entry = IndexEntry(_without_text(record), name(record.id))
        write_page(page_path(out_dir, entry.filename), render_page([record], page_title([record])))
        entries.append(entry)
    write_page(page_path(out_dir, "index.html"), render_index(entries, f"{len(entries)} articles · claimx"))
    return sum(e.record.error is not None for e in entries)


def _without_text(record: Record) -> Record:
    """The index needs counts, not texts: drop the text so a large batch does not stay in memory."""
    return replace(record, text=None)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="claimx">\n<title>{_e(title.translate(_BIDI_CONTROLS))}</title>\n'
            f'<style>{CSS}</style>\n</head>\n'
            f"<body>\n{body}\n</body>\n</html>\n")


# displaCy's palette for the entity kinds; claims are underlined so the marks inside them stay readable.
CSS = """
:root { --org: #7aecec; --place: #feca74; --person: #aa9cfc; --money: #c5e0a5; --date: #bfe1d9; --claim: #e8590c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 84rem; padding: 1.5rem; color: #1f2328; background: #fff;
       font: 16px/1.6 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
code { font-size: .9em; }
.meta, .note { color: #59636e; font-size: .85rem; }
.article { border-top: 1px solid #d1d9e0; padding-top: 1rem; margin-bottom: 2.5rem; }
.legend { font-size: .85rem; }
.salience { font-size: .85rem; padding-left: 1.4em; columns: 2; margin: .3em 0; }
.columns { display: flex; gap: 2rem; align-items: flex-start; }
.text { flex: 3; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.3; }
.claims { flex: 2; position: sticky; top: 0; max-height: 100vh; overflow-y: auto; background: #f6f8fa;
          border: 1px solid #d1d9e0; border-radius: .5rem; padding: 1rem; font-size: .9rem; line-height: 1.45; }
@media (max-width: 60rem) { .columns { display: block; } .claims { position: static; max-height: none; } }
mark, .text span, bdi { unicode-bidi: isolate; }  /* input text never reorders what is around it */
mark.ent { padding: .15em .35em; margin: 0 .1em; border-radius: .35em; color: inherit;
           box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.org { background: var(--org); } .place { background: var(--place); } .person { background: var(--person); }
.money { background: var(--money); } .date { background: var(--date); } .other { background: #ddd; }
mark.ent mark, .text span, bdi { unicode-bidi: isolate; }  /* input text never reorders what is around it */
mark.ent { padding: .05em .2em; outline: 1px solid rgba(0, 0, 0, .25); }
.tag::after { content: attr(data-label); font-size: .62em; font-weight: 700; letter-spacing: .02em;
              vertical-align: middle; margin-left: .4em; text-transform: none; }
.claim { border-bottom: 3px solid var(--claim); padding-bottom: .1em; }
.claim.direct { border-bottom-style: double; }
.claim[data-claim]::before { content: attr(data-claim); display: inline-block; min-width: 1.3em; margin-right: .25em;
                             font-size: .7em; font-weight: 700; line-height: 1.3; text-align: center; color: #fff;
                             background: var(--claim); border-radius: .65em; vertical-align: middle; }
.claim:target, li:target { background: #fff3bf; }
.speaker { font-weight: 600; text-decoration: underline dotted var(--claim); }
.cue { font-style: italic; text-decoration: underline wavy var(--claim); }
.claims ol { list-style: none; padding: 0; margin: 0; }
.claims li { padding: .5rem 0; border-bottom: 1px solid #d1d9e0; }
.claims a { color: inherit; } .claims a.jump { text-decoration: none; }
.claims .no { display: inline-block; min-width: 1.4em; text-align: center; color: #fff; background: var(--claim);
              border-radius: .7em; font-size: .8em; font-weight: 700; }
.claims dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .35rem 0 0; }
.claims dt { color: #59636e; } .claims dd { margin: 0; }
.error { color: #b42318; }
table.index { border-collapse: collapse; width: 100%; }
table.index th, table.index td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d1d9e0; }
table.index td.n { text-align: right; font-variant-numeric: tabular-nums; }
"""
