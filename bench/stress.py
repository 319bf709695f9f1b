"""Does any layer take super-linear time on hostile or unusual text? Time per pipeline component on generated
texts of two sizes, and the growth between them.

    python bench/stress.py                      # every case at 100 KB and 400 KB
    python bench/stress.py --small 25 --large 100 --case orgs --case said

Each case repeats one short pattern that once made a layer quadratic:
- `orgs`: entity-dense text ("Acme Corp and Globex Inc met in London. "): entities/resolve.py compared every
  mention with every other;
- `said`: nested reporting clauses ("Acme said that " …): claims/indirect.py;
- `dates`: dates without a sentence break ("2019-2020 " …): the dates component's list of mentioned dates;
- `html`: one element with ever more attributes (the page is parsed by trafilatura; the size is the page's).
For the text cases, the text goes through claimx's own make_doc and then each pipeline component in turn, timed
one by one; the HTML case times ingest.html.extract_page. A case passes when 4× the text takes less than 5× the
time (the `growth` column) in each of claimx's own steps (make_doc, the claimx_* layers, extract_page); spaCy's
components are shown for comparison. Exit status 1 when a step grows faster. Timings on a shared machine are
noisy: run it twice.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CASES = {
    "orgs": "Acme Corp and Globex Inc met in London. ",
    "said": "Acme said that ",
    "dates": "2019-2020 ",
}
HTML_ATTRIBUTE = " a{i}"  # distinct names, no values: the form lxml/trafilatura handle quadratically
MAX_GROWTH = 5.0  # 4x the text must take less than 5x the time


def text_of(case: str, kilobytes: int) -> str:
    unit = CASES[case]
    text = unit * (kilobytes * 1000 // len(unit) + 1)
    return text[:kilobytes * 1000]


def html_of(kilobytes: int) -> str:
    parts, size, i = [], 0, 0
    while size < kilobytes * 1000:
        attribute = HTML_ATTRIBUTE.format(i=i)
        parts.append(attribute)
        size += len(attribute)
        i += 1
    # a text of its own per size: trafilatura skips text it has seen before, which would time nothing
    return (f"<html><head><title>Stress</title></head><body><article><p{''.join(parts)}>"
            f"Acme said on Tuesday that it paid ${kilobytes} million for a plant in Ohio.</p></article></body></html>")


def time_components(nlp, text: str) -> dict[str, float]:
    """Seconds per component (and for making the Doc) on one text."""
    from claimx.extract import make_doc
    from claimx.ingest import Article

    times = {}
    started = time.perf_counter()
    doc = make_doc(nlp, Article(id="stress", source="stress", text=text))
    times["make_doc"] = time.perf_counter() - started
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        doc = component(doc)
        times[name] = time.perf_counter() - started
    return times


def time_html(kilobytes: int, src: Path = ROOT / "src") -> dict[str, float]:
    """In a fresh process: lxml keeps state between parses (its attribute names stay known), so a second page of
    the same kind in one process parses fast and would hide the cost. `src`: the claimx to time."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as page:
        page.write(html_of(kilobytes))
        page.flush()
        code = (f"import sys, time; sys.path.insert(0, {str(src)!r})\n"
                "from claimx.ingest.html import extract_page\n"
                "extract_page('<html><body><article><p>Warm up: Acme paid $1 million.</p></article></body></html>')\n"
                f"markup = open({page.name!r}, encoding='utf-8').read()\n"
                "started = time.perf_counter(); extract_page(markup); print(time.perf_counter() - started)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {"extract_page": float(out.split()[-1])}


def _fastest(runs: list[dict[str, float]]) -> dict[str, float]:
    return {name: min(run[name] for run in runs) for name in runs[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=100, help="kilobytes of the smaller text (default 100)")
    parser.add_argument("--large", type=int, default=400, help="kilobytes of the larger text (default 400)")
    parser.add_argument("--case", action="append", choices=[*CASES, "html"], help="cases to run (default: all)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the fastest counts (default 2: one "
                        "slow run on a shared machine should not read as growth)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the claimx source tree to time, for the html "
                        "case (another checkout's src/ gives a before/after)")
    args = parser.parse_args(argv)
    cases = args.case or [*CASES, "html"]
    nlp = None
    if any(case in CASES for case in cases):
        from claimx.pipeline import load_pipeline

        nlp = load_pipeline()
        nlp("Acme said on Tuesday that it paid $5 million.")  # build the layers' tables before timing
    failed = False
    print(f"{'case':6} {'component':22} {args.small:>6} KB {args.large:>6} KB  growth")
    for case in cases:
        if case == "html":
            def timed(kilobytes):
                return time_html(kilobytes, args.src)
        else:
            def timed(kilobytes):
                return time_components(nlp, text_of(case, kilobytes))
        small, large = (_fastest([timed(size) for _ in range(max(1, args.repeat))])
                        for size in (args.small, args.large))
        for name in small:
            growth = large[name] / small[name] if small[name] > 0.05 else float("nan")  # tiny times are noise
            ours = name.startswith("claimx_") or name in ("make_doc", "extract_page")  # spaCy's own: shown only
            flag = "  SUPER-LINEAR" if growth >= MAX_GROWTH and ours else ""
            failed |= bool(flag)
            print(f"{case:6} {name:22} {small[name]:7.2f} s {large[name]:7.2f} s  {growth:5.1f}x{flag}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
