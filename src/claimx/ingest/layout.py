"""The layout of a text as it arrives: which character ranges are site chrome (masked: no layer reports from
them) and which are headlines (analysed, but never a claim). The text itself is never changed, so every offset
still indexes the file's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimx.ingest.chrome import ChromeRule, ChromeRules, default_rules

_LINE = re.compile(r"[^\r\n]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_PROSE_MIN_WORDS = 8  # a paragraph of the body: a sentence of this many words, or a long line
_PROSE_LONG_WORDS = 30
_HEADLINE_MAX_WORDS = 25
_HEADLINE_MAX_CHARS = 200
_MAX_HEADLINES = 2
_TITLE_SEARCH_LINES = 6  # a title given by the page is looked for among the first lines


@dataclass
class Layout:
    masked: list[tuple[int, int]] = field(default_factory=list)
    headlines: list[tuple[int, int]] = field(default_factory=list)
    # (rule id, start, end) for every masked range, so tests and debugging can say why
    reasons: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class _Line:
    start: int
    end: int
    text: str


def find_layout(text: str, *, title: str | None = None, headings: Sequence[str] = (),
                rules: ChromeRules | None = None) -> Layout:
    """Masked chrome ranges and headline ranges of `text`. `title` is the headline the input named, if any;
    `headings` are lines the input marked as headings (an HTML page's h1–h6): they are headlines too."""
    rules = rules or default_rules()
    layout = Layout()
    lines = list(_lines(text))
    body_started = False
    in_list = False
    kept: list[_Line] = []  # lines left unmasked, in order, for the headline search
    for index, line in enumerate(lines):
        rule = rules.match(line.text)
        prose = _is_prose(line.text)
        if rule is None and in_list and not prose:
            _mask(layout, "list_item", line.start, line.end)
            continue
        in_list = False
        if rule is None:
            kept.append(line)
            body_started = body_started or prose
            continue
        if rule.extent == "rest" and body_started:
            _mask(layout, rule.id, line.start, len(text))
            break
        _mask(layout, rule.id, line.start, line.end)
        in_list = rule.extent == "list"
    layout.headlines = _headlines(kept, title)
    if headings:
        wanted = {_squash(heading) for heading in headings}
        marked = set(layout.headlines)
        layout.headlines += [(line.start, line.end) for line in kept
                             if (line.start, line.end) not in marked and _squash(line.text) in wanted]
        layout.headlines.sort()
    return layout


def _lines(text: str):
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            yield _Line(start, start + len(stripped), stripped)


def _mask(layout: Layout, reason: str, start: int, end: int) -> None:
    layout.masked.append((start, end))
    layout.reasons.append((reason, start, end))


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return words > _PROSE_LONG_WORDS or (words >= _PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= _HEADLINE_MAX_WORDS and len(line) <= _HEADLINE_MAX_CHARS
            and not line.endswith((".", ",", ";", ":")) and any(ch.isalpha() for ch in line))


def _headlines(kept: list[_Line], title: str | None) -> list[tuple[int, int]]:
    """The page's title line when the input named one; else the first headline-like lines (a headline and a
    subtitle) above the first paragraph, when a paragraph follows."""
    if title:
        wanted = _squash(title)
        for line in kept[:_TITLE_SEARCH_LINES]:
            if _squash(line.text) == wanted:
                return [(line.start, line.end)]
    found: list[tuple[int, int]] = []
    for line in kept:
        if _is_prose(line.text):
            return found
        if len(found) < _MAX_HEADLINES and _looks_like_headline(line.text):
            found.append((line.start, line.end))
    return []  # no paragraph follows: a lone short text is not a headline


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())


__all__ = ["ChromeRule", "Layout", "find_layout"]
