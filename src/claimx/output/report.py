"""`claimx report`: one self-contained HTML page over an archive (claimx/1 JSON Lines, a Parquet directory or an
SQLite file; see output/archive.py): who and what is most present, who said what, money by currency over
publication time, claims per week, and the statements most repeated across outlets. Charts are inline SVG
(output/svg.py); no script, no font or style from the network."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from typing import Any

from claimx.output.svg import bars, columns, short_number

Tables = dict[str, list[dict[str, Any]]]
TOP = 15
CLAIMS_PER_SPEAKER = 8
MAX_WEEKS, MAX_MONTHS = 156, 60  # the time axes end at the latest article and go back at most 3 / 5 years
# Speakers that name nobody when no canonical name was resolved: not ranked (claims keep them in the tables)
PRONOUNS = frozenset("i we you he she it they one".split())


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_report(tables: Tables, title: str = "claimx report") -> str:
    articles = {a["id"]: a for a in tables["articles"]}
    by_speaker = speaker_claims(tables)
    sections = [
        _overview(tables),
        '<div class="pair">',
        _section("Entities most present", "Articles mentioning each entity (by canonical name).",
                 bars(top_entities(tables), title="Articles per entity", color="#2a9d8f", width=480,
                      label_width=180)),
        _section("Speakers", "Claims per speaker (canonical name, else the words naming the speaker; a pronoun "
                 "no name was found for is left out).",
                 bars([(s, len(cs)) for s, cs in list(by_speaker.items())[:TOP]], title="Claims per speaker",
                      color="#e8590c", width=480, label_width=180)),
        "</div>",
        _money(tables, articles),
        _section("Claims per week", "Claims by the week their article was published (ISO weeks).",
                 columns(claims_per_week(tables, articles), title="Claims per week", color="#e8590c")),
        _repeated(tables),
        _speakers(by_speaker, articles),
    ]
    body = f'<h1>{_e(title)}</h1>\n' + "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="claimx report">\n<title>{_e(title)}</title>\n<style>{CSS}</style>\n'
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")


# -- what the page counts (plain functions of the tables, tested on their own)

def top_entities(tables: Tables, n: int = TOP) -> list[tuple[str, float]]:
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in tables["entities"]:
        name = e.get("canonical") or e.get("text")
        articles[(name, e.get("label") or "")].add(e["article_id"])
    ranked = sorted(articles.items(), key=lambda item: (-len(item[1]), item[0]))[:n]
    return [(f"{name} · {label}" if label else name, len(ids)) for (name, label), ids in ranked]


def speaker_claims(tables: Tables) -> dict[str, list[dict[str, Any]]]:
    """Claims by speaker (canonical name, else the words naming it), most claims first."""
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in tables["claims"]:
        speaker = c.get("speaker_canonical") or c.get("speaker")
        if speaker and speaker.casefold() not in PRONOUNS:
            by_speaker[speaker].append(c)
    return dict(sorted(by_speaker.items(), key=lambda item: (-len(item[1]), item[0])))


def money_by_month(tables: Tables, articles: dict[str, dict[str, Any]], currencies: int = 6
                   ) -> dict[str, list[tuple[str, float]]]:
    """Per currency (the most mentioned first), the total amount mentioned by the articles of each month."""
    totals: dict[str, Counter] = defaultdict(Counter)
    mentions: Counter = Counter()
    for m in tables["money"]:
        published = (articles.get(m["article_id"]) or {}).get("published")
        if m.get("currency") and m.get("amount") is not None and published is not None:
            totals[m["currency"]][(published.year, published.month)] += m["amount"]
            mentions[m["currency"]] += 1
    shown = [currency for currency, _ in mentions.most_common(currencies)]
    span = _months([month for currency in shown for month in totals[currency]]) if shown else []
    # one time axis for every currency, so the charts line up
    return {currency: [(f"{y:04d}-{mo:02d}", totals[currency].get((y, mo), 0.0)) for y, mo in span]
            for currency in shown}


def claims_per_week(tables: Tables, articles: dict[str, dict[str, Any]]) -> list[tuple[str, float]]:
    weeks: Counter = Counter()
    for c in tables["claims"]:
        published = (articles.get(c["article_id"]) or {}).get("published")
        if published is not None:
            monday = published - dt.timedelta(days=published.weekday())
            weeks[monday] += 1
    if not weeks:
        return []
    first, last = min(weeks), max(weeks)
    first = max(first, last - dt.timedelta(weeks=MAX_WEEKS - 1))
    span = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [("{}-W{:02d}".format(*monday.isocalendar()[:2]), weeks.get(monday, 0)) for monday in span]


def repeated_claims(tables: Tables, n: int = TOP) -> list[dict[str, Any]]:
    """Statements carried by more than one article, the most outlets first."""
    many = [c for c in tables["claim_clusters"] if (c.get("articles") or 0) > 1]
    return sorted(many, key=lambda c: (-c["outlets"], -c["articles"], c["cluster"]))[:n]


def _months(months) -> list[tuple[int, int]]:
    """(year, month) from the first of `months` (at most MAX_MONTHS back) to the last, gaps included."""
    last = max(y * 12 + m - 1 for y, m in months)
    first = max(min(y * 12 + m - 1 for y, m in months), last - MAX_MONTHS + 1)
    return [(i // 12, i % 12 + 1) for i in range(first, last + 1)]


# -- sections

def _section(heading: str, note: str, content: str) -> str:
    return f'<section>\n<h2>{_e(heading)}</h2>\n<p class="note">{_e(note)}</p>\n{content}\n</section>'


def _overview(tables: Tables) -> str:
    articles = tables["articles"]
    days = sorted(a["published"] for a in articles if a.get("published") is not None)
    failed = sum(1 for a in articles if a.get("error_type"))
    outlets = {a.get("outlet") for a in articles if a.get("outlet")}
    facts = [("articles", len(articles)), ("failed", failed), ("outlets (from URLs)", len(outlets)),
             ("entity mentions", len(tables["entities"])), ("money mentions", len(tables["money"])),
             ("date mentions", len(tables["dates"])), ("claims", len(tables["claims"]))]
    period = f"published {days[0].isoformat()} to {days[-1].isoformat()}" if days else "no publication dates"
    cells = "".join(f'<div class="fact"><b>{n:,}</b><span>{_e(name)}</span></div>' for name, n in facts)
    return f'<section class="overview"><p class="note">{_e(period)}</p><div class="facts">{cells}</div></section>'


def _speakers(by_speaker: dict[str, list[dict[str, Any]]], articles: dict[str, dict[str, Any]]) -> str:
    lists = []
    for speaker, claims in list(by_speaker.items())[:TOP]:
        items = []
        for c in sorted(claims, key=lambda c: _published_key(articles, c))[:CLAIMS_PER_SPEAKER]:
            article = articles.get(c["article_id"]) or {}
            when = article.get("published").isoformat() if article.get("published") else "undated"
            text = c["text"] if len(c["text"]) <= 320 else c["text"][:319] + "…"
            items.append(f'<li><span class="when">{_e(when)}</span> {_e(text)} '
                         f'<span class="src">{_e(article.get("title") or c["article_id"])}</span></li>')
        more = f'<li class="note">… and {len(claims) - CLAIMS_PER_SPEAKER} more</li>' \
            if len(claims) > CLAIMS_PER_SPEAKER else ""
        lists.append(f'<details{" open" if not lists else ""}><summary>{_e(speaker)} <span class="note">'
                     f'({len(claims)} claim{"s" if len(claims) != 1 else ""})</span></summary>'
                     f'<ul>{"".join(items)}{more}</ul></details>')
    return _section("What each speaker said", "The most quoted speakers' claims, earliest first (open a name).",
                    "\n".join(lists) or '<p class="note">No claim has a speaker.</p>')


def _money(tables: Tables, articles: dict[str, dict[str, Any]]) -> str:
    by_currency = money_by_month(tables, articles)
    charts = "".join(f'<figure><figcaption>{_e(currency)}: total mentioned per month '
                     f'({_e(short_number(sum(v for _, v in series)))} in all)</figcaption>'
                     f'{columns(series, title=f"{currency} per month", color="#6a994e", width=480, height=150)}'
                     f'</figure>' for currency, series in by_currency.items())
    charts = f'<div class="pair">{charts}</div>' if charts else ""
    return _section("Money by currency over publication time", "Sum of the amounts the articles of each month "
                    "mention, one chart per currency (the six most mentioned); a range counts its main amount.",
                    charts or '<p class="note">No amounts with a currency and a publication date.</p>')


def _repeated(tables: Tables) -> str:
    repeated = repeated_claims(tables)
    if not repeated:
        return _section("Most repeated claims", "Statements reported by more than one article (docs/tables.md: "
                        "same speaker, equal or near-equal content).",
                        '<p class="note">No statement was reported by more than one article.</p>')
    chart = bars([(f'{c.get("speaker") or "(no speaker)"}: {c["text"]}', c["outlets"]) for c in repeated],
                 title="Outlets per statement", color="#7b2cbf", label_width=260)
    rows = "".join(f'<tr><td class="n">{c["outlets"]}</td><td class="n">{c["articles"]}</td>'
                   f'<td>{_e(c.get("speaker") or "")}</td><td>{_e(c["text"])}</td>'
                   f'<td>{_e(c["first_published"] or "")}</td><td>{_e(c["last_published"] or "")}</td></tr>'
                   for c in repeated)
    table = ('<table><thead><tr><th>outlets</th><th>articles</th><th>speaker</th><th>statement</th>'
             f'<th>first</th><th>last</th></tr></thead><tbody>{rows}</tbody></table>')
    return _section("Most repeated claims", "Statements reported by more than one article (same speaker, equal "
                    "or near-equal content: docs/tables.md), the most outlets first.", chart + table)


def _published_key(articles, claim) -> tuple:
    published = (articles.get(claim["article_id"]) or {}).get("published")
    return (published is None, published or dt.date.min, claim["article_id"], claim["idx"])


CSS = """
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 68rem; padding: 1.5rem; color: #1f2328; background: #fff;
       font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
section { border-top: 1px solid #d1d9e0; padding: 1rem 0; }
.note { color: #59636e; font-size: .85rem; margin: .2rem 0 .6rem; }
.facts { display: flex; flex-wrap: wrap; gap: .75rem; }
.fact { background: #f6f8fa; border: 1px solid #d1d9e0; border-radius: .4rem; padding: .4rem .8rem; }
.fact b { display: block; font-size: 1.3rem; } .fact span { color: #59636e; font-size: .8rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); column-gap: 2rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
figure { margin: .5rem 0 1rem; } figcaption { font-size: .85rem; font-weight: 600; }
details { margin: .25rem 0; } summary { cursor: pointer; font-weight: 600; }
details ul { margin: .25rem 0 .75rem; padding-left: 1.2rem; font-size: .9rem; }
.when { color: #59636e; font-variant-numeric: tabular-nums; } .src { color: #59636e; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-top: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #d1d9e0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
"""
