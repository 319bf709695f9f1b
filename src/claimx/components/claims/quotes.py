"""Quotations in raw text: one left-to-right pass, so the cost stays linear on any input.

A quote is a top-level run of quoted text, its marks included. Marks can be typographic (“ ” „ « »), straight (")
or the doubled marks of older newswire (`` and ''). Straight and doubled marks carry no direction, so the pass reads
it from the neighbouring characters. Quotes never nest here: inner quotes are part of the outer one, and an opening
mark met inside a quote restarts it (the earlier one was never closed). A quote never crosses a line break; the news
convention for a quote running over several paragraphs (no closing mark at the end of a paragraph, an opening mark at
the start of the next) is kept as `continues` on the later part. Single quotes (‘ ’) count as quotation marks only
in paragraphs without double marks, because inside double quotes they are nested quotes and elsewhere apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = {"“": "open", "„": "open", "«": "open", "``": "open", "”": "close", "»": "close",
           '"': "either", "''": "either"}
_SINGLE = {"‘": "open", "’": "close"}
_MARK = re.compile(r"``|''|[“„«”»\"]")
_SINGLE_MARK = re.compile(r"[‘’]")
_BEFORE_OPENING = set("([{—–-:/…")  # characters after which a mark starts a quote
_AFTER_CLOSING = set(".,;:!?)]}—–-…")  # characters before which a mark ends one


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark, or after the paragraph's last character when never closed
    closed: bool
    continues: bool = False  # carries on the quote left open at the end of the previous paragraph


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    left_open = False
    start = 0
    for line in text.split("\n"):
        found = _quotes_in_paragraph(text, start, start + len(line), left_open)
        quotes.extend(found)
        if line.strip():  # blank lines between paragraphs keep an open quote open
            left_open = bool(found) and not found[-1].closed
        start += len(line) + 1
    return quotes


def _quotes_in_paragraph(text: str, start: int, end: int, left_open: bool) -> list[Quote]:
    marks = list(_MARK.finditer(text, start, end))
    table = _DOUBLE
    if not marks:
        marks = list(_SINGLE_MARK.finditer(text, start, end))
        table = _SINGLE
    quotes: list[Quote] = []
    opened: int | None = None
    first_text = len(text[start:end]) - len(text[start:end].lstrip()) + start
    for mark in marks:
        kind = table[mark.group()]
        after_space = _starts_quote(text, mark.start(), start)
        before_space = _ends_quote(text, mark.end(), end)
        if opened is None:
            if kind == "open" or (kind == "either" and (after_space or not before_space)) or (
                kind == "close" and table is _DOUBLE and after_space and not before_space  # a mistyped ” opening
            ):
                opened = mark.start()
        elif kind == "open" or (kind == "either" and after_space and not before_space):
            opened = mark.start()  # the earlier quote was never closed: start again here
        elif kind == "close" or kind == "either":
            if table is _SINGLE and not before_space:
                continue  # an apostrophe inside a word: don't, rock’n’roll
            quotes.append(Quote(opened, mark.end(), True, continues=left_open and opened == first_text))
            opened = None
    if opened is not None:
        last = len(text[start:end].rstrip()) + start
        quotes.append(Quote(opened, last, False, continues=left_open and opened == first_text))
    return quotes


def _starts_quote(text: str, at: int, line_start: int) -> bool:
    """True when the character before `at` lets a quotation begin here."""
    return at == line_start or text[at - 1].isspace() or text[at - 1] in _BEFORE_OPENING or text[at - 1] in _DOUBLE


def _ends_quote(text: str, at: int, line_end: int) -> bool:
    """True when the character at `at` lets a quotation end just before it."""
    return at >= line_end or text[at].isspace() or text[at] in _AFTER_CLOSING or text[at] in _DOUBLE
