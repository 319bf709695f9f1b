"""The terminal view: one rich panel per article with tables of entities, money, dates and claims."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimx.output.maps import map_url
from claimx.output.terminal import safe
from claimx.records import Record


def print_tables(records: Iterable[Record], stream: IO[str] | None = None) -> Iterator[Record]:
    console = Console(file=stream, soft_wrap=False)
    for record in records:
        console.print(render_record(record))
        yield record


def render_record(record: Record) -> Panel:
    # Every string from the input goes in as a cleaned Text (see output.terminal): never as markup.
    title = safe(record.id, "bold")
    if record.error:
        return Panel(safe(f"{record.error['type']}: {record.error['message']}", "red"), title=title,
                     border_style="red")
    subtitle = safe(f"published {record.published} ({record.published_source})" if record.published else "no date")
    parts: list = []
    if record.title:
        parts.append(safe(record.title, "bold"))
    parts += [t for t in (_entities(record), _money(record), _dates(record), _claims(record)) if t is not None]
    if not parts:
        parts.append(safe("nothing found", "dim"))
    return Panel(Group(*parts), title=title, subtitle=subtitle, title_align="left", subtitle_align="right")


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold cyan", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _row(table: Table, *cells: object) -> None:
    table.add_row(*(safe(cell) for cell in cells))


def _entities(record: Record) -> Table | None:
    if not record.entities:
        return None
    table = _table("Organizations, places, people", "label", "text", "canonical", "count", "salience", "where")
    counts: dict[tuple[str, str], list] = {}
    for e in record.entities:  # one row per distinct entity, in order of first mention
        key = (e.label, e.canonical or e.text)
        counts.setdefault(key, [e, 0])[1] += 1
    about = set(record.about or ())
    rows = sorted(counts.items(), key=lambda row: -(row[1][0].salience or 0))  # most salient first (stable)
    for (label, _), (e, count) in rows:
        canonical = e.canonical or ""
        if e.tickers:
            canonical += f" ({', '.join(e.tickers)})"
        weight = Text(f"{e.salience:.2f}" if e.salience is not None else "",
                      style="bold" if e.id in about else "")
        table.add_row(safe(label), safe(e.text), safe(canonical), safe(count), weight, _where(e))
    return table


def _where(e) -> Text:
    """Kind, country and division, the coordinates linked to a map (terminals that know links make them
    clickable)."""
    where = Text(" ".join(x for x in (e.kind, e.admin1 or e.country) if x))
    if e.lat is not None and e.lon is not None:
        where.append(f" {e.lat:.2f},{e.lon:.2f}", style=f"link {map_url(e.lat, e.lon, e.kind)}")
    return where


def _money(record: Record) -> Table | None:
    if not record.money:
        return None
    table = _table("Money", "text", "amount", "currency", "note")
    for m in record.money:
        amount = f"{m.amount:,.2f}".rstrip("0").rstrip(".") if isinstance(m.amount, (int, float)) else "?"
        note = "approx." if m.approx else ""
        if m.min is not None and m.max is not None:
            note = (note + f" range {m.min:,}–{m.max:,}").strip()
        _row(table, m.text, amount, m.currency or "?", note)
    return table


def _dates(record: Record) -> Table | None:
    if not record.dates:
        return None
    table = _table("Dates", "text", "value", "grain", "relative", "calendar")
    for d in record.dates:  # calendar: the calendar period a fiscal value covers (FY2024-Q3 in India: 2023-Q4)
        _row(table, d.text, d.value or "?", d.grain or "", "yes" if d.relative else "", d.calendar or "")
    return table


def _claims(record: Record) -> Table | None:
    if not record.claims:
        return None
    table = _table("Claims", "speaker", "cue", "claim", "date")
    for c in record.claims:
        text = " … ".join(f.text for f in c.fragments) if c.fragments else c.text  # without speaker and cue
        quoted = text[:1] in "\"“‘'`«„"  # direct content usually keeps its own quote marks
        text = f"“{text}”" if c.direct and not quoted else text
        speaker = c.speaker.text if c.speaker else "—"
        if c.speaker and c.speaker.canonical and c.speaker.canonical != c.speaker.text:
            speaker += f" ({c.speaker.canonical})"
        date = f"{c.date['value']} ({c.date['source']})" if c.date and c.date.get("value") else ""
        _row(table, speaker, c.cue.text if c.cue else "", text, date)
    return table
