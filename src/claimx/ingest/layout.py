"""The layout of a text as it arrives: which character ranges are site chrome (masked: no layer reports from
them) and which are headlines (analysed, but never a claim). The text itself is never changed, so every offset
still indexes the file's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimx.ingest.chrome import ChromeRules, default_rules
from claimx.ingest.datelines import match_dateline
from claimx.ingest.published import is_dateline_line

_LINE = re.compile(r"[^\r\n]+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_LINE_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)?")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_PROSE_MIN_WORDS = 8  # a paragraph of the body: a sentence of this many words, or a long line
_PROSE_LONG_WORDS = 30
_HEADLINE_MAX_WORDS = 20
_HEADLINE_SEARCH_LINES = 4  # a headline sits among the first lines left after masking
_HEADLINE_MAX_CHARS = 200
_MAX_HEADLINES = 2
_CAPS_HEADLINE_MAX_WORDS = 15
_TITLE_SEARCH_LINES = 6  # a title given by the page is looked for among the first lines
_TAIL_MAX_CHARS = 1200  # a promo at the foot of an article (extent "tail") takes what follows it when this short
# Words a wrapped line may stop on but a sentence rarely ends with.
_CONTINUED_AFTER = frozenset("a an the of in on at to for from by with and or but as that which who than into "
                             "about over under after before its their his her our".split())


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
    body_started = False
    in_list = False
    kept: list[_Line] = []  # lines left unmasked, in order, for the headline search
    for line in _lines(text):
        rule = rules.match(line.text)
        if rule is not None and rule.in_body and not body_started:
            rule = None  # a rule for links set inside the story: above it, the line is a headline or a label
        prose = _is_prose(line.text)
        if rule is None and in_list and not prose:
            _mask(layout, "list_item", line.start, line.end)
            continue
        in_list = False
        if rule is None:
            kept.append(line)
            body_started = body_started or prose
            continue
        if body_started and (rule.extent == "rest" or (rule.extent == "tail"
                                                      and len(text) - line.end <= _TAIL_MAX_CHARS)):
            _mask(layout, rule.id, line.start, len(text))
            break
        _mask(layout, rule.id, line.start, line.end)
        in_list = rule.extent == "list"
    layout.headlines = _headlines(text, kept, title)
    if headings:
        wanted = {_squash(heading) for heading in headings}
        marked = set(layout.headlines)
        layout.headlines += [(line.start, line.end) for line in kept
                             if (line.start, line.end) not in marked and _squash(line.text) in wanted]
        layout.headlines.sort()
    return layout


def drop_lines(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """`text` without the lines that `ranges` (whole stripped lines, or a line to the end) cover, each with its
    indentation and its line break."""
    pieces, position = [], 0
    for start, end in sorted(ranges):
        if start < position:
            continue
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        if text[line_start:start].strip():
            line_start = start  # a range inside a line: only the range goes
        match = _LINE_END.match(text, end)
        pieces.append(text[position:line_start])
        position = match.end() if match else end
    pieces.append(text[position:])
    return "".join(pieces)


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
            and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
            and not line.endswith((".", ",", ";", ":", "-", "_", "—", "–")) and not is_dateline_line(line))


def _wrapped(text: str, line: _Line, following: _Line | None) -> bool:
    """A hard-wrapped sentence, not a headline: with no blank line between, the next line carries on in lower
    case, or this one stops on a word a sentence rarely ends with ("… defend the title in")."""
    if following is None or len(_NEWLINE.findall(text, line.end, following.start)) > 1:
        return False
    return following.text[:1].islower() or line.text.split()[-1].lower() in _CONTINUED_AFTER


def _headlines(text: str, kept: list[_Line], title: str | None) -> list[tuple[int, int]]:
    """When the input named a title, the line that repeats it. Otherwise the first headline-like lines (a
    headline and a subtitle) at the top, above the first paragraph, when a paragraph follows."""
    if title:
        wanted = _squash(title)
        for line in kept[:_TITLE_SEARCH_LINES]:
            if _squash(line.text) == wanted:
                return [(line.start, line.end)]
        return []
    found: list[tuple[int, int]] = []
    for index, line in enumerate(kept[:_HEADLINE_SEARCH_LINES]):
        following = kept[index + 1] if index + 1 < len(kept) else None
        if _is_prose(line.text) or _wrapped(text, line, following):
            break
        if _looks_like_headline(line.text):
            found.append((line.start, line.end))
            if len(found) == _MAX_HEADLINES:
                break
    last = found[-1][1] if found else None
    if last is None or not any(_is_prose(line.text) for line in kept if line.start > last):
        return []  # no paragraph follows: a lone short text is not a headline
    return found


def caps_headlines(reading: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines written all in capitals anywhere in the article ("NESTLE", "BUSINESS BRIEFS", a wire story's
    headline): headlines and section labels, not sentences. `reading` is the reading view, so a headline wrapped
    over two lines is one line here; ranges in `taken` (chrome, headlines found already) are left alone."""
    found = []
    for line in _lines(reading):
        words = line.text.split()
        if (len(words) <= _CAPS_HEADLINE_MAX_WORDS and not any(c.islower() for c in line.text)
                and sum(1 for word in words if sum(c.isupper() for c in word) >= 2) >= 1
                and not is_dateline_line(line.text) and match_dateline(line.text) is None
                and not any(line.start < end and start < line.end for start, end in taken)):
            found.append((line.start, line.end))
    return found


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())

