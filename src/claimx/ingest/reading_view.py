"""The reading view: the article's text as the model should read it, character for character the same length.

Archives break text at fixed columns (wire copy, plain-text exports, e-mail, PDF extraction). A newline inside a
paragraph is a wall to spaCy: entities split at it ("University of" / "Miami") and sentences lose their speaker.
The view turns each such newline into a space and keeps every paragraph break, so the model reads hard-wrapped text
as it reads the same text flowed. Lengths are equal, so every offset into the view is an offset into the file's
text, and records keep slicing the file's own characters.

One linear pass over the lines. A single newline between two non-empty lines is joined when the line before it is
"full" (the next line's first word would not have fitted under the document's wrap width, which is only trusted
when the text looks wrapped), ends on a word no sentence ends with ("of", "the"), or breaks a word with a hyphen,
or when the next line carries on the sentence (a lower-case start after a line of prose). It is kept before an
indented paragraph start, a list item, a table row, a dateline or after an all-caps headline; after a results row
("… (Australia) 6-4 6-4") when paragraphs are one a line; after a line that ends a sentence unless the line is full
and paragraphs are marked by blank lines or indents (then a single newline is always a wrap); and wherever the line
before stopped short for no reason. Tests: tests/test_reading_view.py; measured by bench/wrap_invariance.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from claimx.ingest.datelines import match_dateline

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SINGLE_NEWLINE = re.compile(r"\S[ \t]*(?:\r\n|\r|\n)[ \t]*\S")  # a newline between two non-empty lines
_SENTENCE_END = re.compile(r"[.!?…](?:\s*[\"'”’)\]])*$")  # '… he said. "' too: a quote opening the next line
_SENTENCE_END_CHARS = frozenset(".!?…\"'”’)]")
_NUMBER = re.compile(r"\(?\d[\d.,:/-]*(?:st|nd|rd|th)?\)?")  # 6-4, 1:24.123, (75th)
# Words a wrapped line may stop on but a sentence never ends with.
_CONTINUED_AFTER = frozenset("a an the of in on at to for from by with and or but as that which who than into "
                             "about over under after before its their his her our".split())
_ABBREVIATION = re.compile(  # a full stop that does not end a sentence: "Mr.", "U.S.", an initial "J."
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Mt|Ft|vs|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b(?:[A-Za-z]\.){2,4}|\b[A-Z]\.)$")
_LIST_ITEM = re.compile(r"(?:[-*•·‣▪–—>]|\d{1,2}[.)]|\(?[a-zA-Z0-9]\))\s")
_TABLE_ROW = re.compile(r"\S(?: {3,}|\t)\S.*\S(?: {3,}|\t)\S|\|")  # columns: two gaps, or a pipe
_HYPHEN_BREAK = re.compile(r"(?<![\w-])([A-Za-z]+)-$")
_WORD_START = re.compile(r"[A-Za-z]+")
_FIRST_WORD = re.compile(r"[^ \t]*")
_MIN_WRAPPED_LINES = 3  # fewer lines running on into another say nothing about a wrap width
_MAX_WRAP_WIDTH = 160  # nobody hard-wraps wider: longer lines are paragraphs
_MIN_WRAP_WIDTH = 40  # nor narrower: a column of short lines is a menu or a list
_WRAP_PERCENTILE = 0.9  # the wrap width: this share of the lines that run on into another are at most this long
_FILLED = 0.6  # in wrapped text, most lines reach this share of the width
_NOT_WRAPPED = 1 << 30
_MIN_PROSE_WORDS = 4  # a line this long may run on into a lower-case next line; a shorter one is a label


@dataclass
class ReadingView:
    """`text` is what the model reads (same length as the article's text). `hyphen_breaks` are words broken at a
    line end, (start, end, joined): "compa-\\nny" → (s, s + 9, "company"); the pipeline joins those the
    vocabulary knows."""

    text: str
    hyphen_breaks: list[tuple[int, int, str]] = field(default_factory=list)


class _Line:
    """One line and what the decisions read of it, each worked out once (a line is read as `before` and `after`)."""

    __slots__ = ("start", "end", "width", "text", "indent", "lower", "table", "dateline", "dateline_only")

    def __init__(self, text: str, start: int, end: int):
        raw = text[start:end]
        self.text = stripped = raw.strip()  # stripped
        self.start = start  # first character of the line (its indentation included)
        self.end = start + len(raw.rstrip())  # end of its visible text
        self.width = len(raw)  # columns up to the newline, trailing spaces included: where a wrapper saw its end
        self.indent = len(raw) - len(raw.lstrip()) if stripped else 0
        self.lower = stripped.upper() != stripped  # has lower-case letters
        self.table = "|" in stripped or ((" " * 3 in stripped or "\t" in stripped)
                                         and _TABLE_ROW.search(stripped) is not None)
        match = match_dateline(stripped) if stripped[:2].isupper() else None
        self.dateline = match is not None  # opens with a dateline
        self.dateline_only = match is not None and not stripped[match.end():].strip()


def reading_view(text: str) -> ReadingView:
    if _SINGLE_NEWLINE.search(text) is None:
        return ReadingView(text)  # paragraphs only (or one line): nothing to join
    lines = _lines(text)
    width = _wrap_width(lines)
    indents = Counter(line.indent for line in lines if line.text)
    base_indent = min(indents, key=lambda i: (-indents[i], i), default=0)
    marked = _paragraphs_marked(lines, base_indent)
    chars: list[str] | None = None
    breaks: list[tuple[int, int, str]] = []
    words = 0  # words of the paragraph so far, over the lines already joined
    in_list = False  # the paragraph is a list item
    for before, after in zip(lines, lines[1:]):
        in_list = in_list if words else _LIST_ITEM.match(before.text) is not None
        words += before.text.count(" ") + 1
        if not before.text or not after.text or not _runs_on(before, after, width, base_indent, marked, words,
                                                              in_list):
            words = 0
            continue
        if chars is None:
            chars = list(text)
        for i in range(before.end, after.start + after.indent):
            if chars[i] in "\r\n":
                chars[i] = " "
        hyphen = _HYPHEN_BREAK.search(before.text) if before.text[-1] == "-" else None
        word = _WORD_START.match(after.text)
        if hyphen and word:
            start = before.end - len(hyphen.group())
            breaks.append((start, after.start + after.indent + word.end(), hyphen.group(1) + word.group()))
    return ReadingView("".join(chars) if chars is not None else text, breaks)


def _lines(text: str) -> list[_Line]:
    lines = []
    start = 0
    for newline in _NEWLINE.finditer(text):
        lines.append(_Line(text, start, newline.start()))
        start = newline.end()
    lines.append(_Line(text, start, len(text)))
    return lines


def _wrap_width(lines: list[_Line]) -> int:
    """The column the text is wrapped at, if it is: a high percentile of the widths of lines that run on into a
    non-empty line (a paragraph's last line is short and followed by a break, so it does not count). A text is
    wrapped when there are a few such lines, the width is one a person would wrap at, and most lines come close
    to it; otherwise no line counts as full."""
    widths = sorted(line.width for line, following in zip(lines, lines[1:])
                    if line.text and following.text and " " in line.text)
    if len(widths) < _MIN_WRAPPED_LINES:
        return _NOT_WRAPPED
    width = widths[min(len(widths) - 1, int(len(widths) * _WRAP_PERCENTILE))]
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH or widths[len(widths) // 2] < _FILLED * width:
        return _NOT_WRAPPED
    return width


def _paragraphs_marked(lines: list[_Line], base_indent: int) -> bool:
    """Whether paragraphs are set apart by blank lines or indents: then a single newline is never one."""
    for before, line, after in zip(lines, lines[1:], lines[2:]):
        if before.text and not line.text and after.text:
            return True
        if before.text and line.text and line.indent > base_indent:
            return True
    return False


def _runs_on(before: _Line, after: _Line, width: int, base_indent: int, marked: bool, words: int,
             in_list: bool) -> bool:
    """Whether the newline between two non-empty lines sits inside a paragraph (`words`: the paragraph's words
    up to this newline; `in_list`: the paragraph is a list item)."""
    if after.indent > base_indent or before.table or after.table or after.dateline or before.dateline_only:
        return False
    if not before.lower and after.lower:
        return False  # an all-caps headline or section line, then the story
    full = before.width + 1 + _FIRST_WORD.match(after.text).end() > width  # the next word would not have fitted
    if _LIST_ITEM.match(after.text) and (not full or in_list or before.text.endswith(":")):
        return False  # a list item; after a full line of prose, "- which …" and "(D) appoints" are not
    if before.text[-1] == "-" and after.text[0].isalpha() and _HYPHEN_BREAK.search(before.text):
        return True  # "compa-" / "ny", "well-" / "known", "Coca-" / "Cola"
    if _ends_sentence(before.text):
        # a full line wraps; a short one ends its paragraph, even before a lower-case line ("read more …")
        return full and (marked or after.text[0].islower())
    if before.text.split()[-1].lower() in _CONTINUED_AFTER:
        return True  # "… the acquisition of" / "Daniels …": no sentence ends there
    if not marked and after.text[0].isupper() and _is_row(before.text):
        return False  # rows of results, one a line: "Tim Henman (Britain) beat … 6-4" / "Goran …"
    if full:
        return True
    return after.text[0].islower() and words >= _MIN_PROSE_WORDS


def _ends_sentence(line: str) -> bool:
    return (line[-1] in _SENTENCE_END_CHARS and _SENTENCE_END.search(line) is not None
            and _ABBREVIATION.search(line) is None)


def _is_row(line: str) -> bool:
    """A line ending in numbers after a name or a bracket ("… (Australia) 6-4 6-4", "Robert Coles 74 76 71"),
    not after a word of prose ("… end early at 1400")."""
    words = line.split()
    while words and _NUMBER.fullmatch(words[-1]):
        words.pop()
    return len(words) < len(line.split()) and not (words and words[-1].isalpha() and words[-1].islower())

