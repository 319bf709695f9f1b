"""Where in the article a token stands: headline or all-caps line, a dateline, after a preposition of place."""

from __future__ import annotations

import re
from functools import cached_property

from spacy.attrs import ENT_TYPE, IDX, IS_ALPHA, IS_SPACE, IS_UPPER, LOWER, ORTH
from spacy.tokens import Doc

from claimx.extensions import doc_text, in_ranges

_NEWLINE = re.compile("\n")
PLACE_PREPOSITIONS = {
    "in", "at", "from", "near", "to", "into", "across", "outside", "inside", "throughout", "via", "toward",
    "towards", "around", "across", "between", "through", "visit", "visited", "visiting", "based", "headquartered",
}


class DocContext:
    """Facts about the lines of one doc, computed once per doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        # Per-token attributes read from one array, a list per attribute: indexing a list is far cheaper than
        # making a Token per read. The flags stay 0/1 ints.
        string = doc.vocab.strings.__getitem__
        attributes = [ORTH, LOWER, IDX, IS_ALPHA, IS_SPACE, IS_UPPER, ENT_TYPE]
        columns = doc.to_array(attributes).T.tolist() if len(doc) else [[] for _ in attributes]
        self.texts = list(map(string, columns[0]))
        self.lowers = list(map(string, columns[1]))
        self.starts, self.is_alpha, self.is_space, self.is_upper = columns[2:6]
        self.ent_types = list(map(string, columns[6]))
        self.token_lines = _line_numbers(self.starts, self.line_starts)
        self.headlines = doc._.claimx_headlines  # Doc._ lookups are slow: read once

    def line_of(self, token_i: int) -> int:
        return self.token_lines[token_i]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` without making a Span (a token's trailing whitespace is never inside)."""
        if end <= start:
            return ""
        return self.text[self.starts[start]:self.starts[end - 1] + len(self.texts[end - 1])]

    def mention_text(self, mention) -> str:
        return self.span_text(mention.start, mention.end)

    def char_bounds(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return (self.starts[start], self.starts[start]) if start < len(self.starts) else (len(self.text),) * 2
        return self.starts[start], self.starts[end - 1] + len(self.texts[end - 1])

    @cached_property
    def _line_words(self) -> dict[int, list]:
        lines: dict[int, list] = {}
        for i, text in enumerate(self.texts):
            if self.is_alpha[i] and len(text) > 1:
                lines.setdefault(self.token_lines[i], []).append(i)
        return lines

    @cached_property
    def _line_last(self) -> dict[int, str]:
        return {self.token_lines[i]: text for i, text in enumerate(self.texts) if not self.is_space[i]}

    @cached_property
    def caps_lines(self) -> set[int]:
        """Lines written in capitals (headlines, datelines, tables): capitalization says nothing there."""
        caps = set()
        for line, words in self._line_words.items():
            upper = sum(1 for i in words if self.is_upper[i])
            if upper >= 2 and upper >= 0.6 * len(words) or (
                    len(words) == 1 and self.is_upper[words[0]] and len(self.texts[words[0]]) > 3):
                caps.add(line)
        return caps

    @cached_property
    def title_lines(self) -> set[int]:
        """Headline-like lines: short, every content word capitalized, no closing full stop."""
        lines = set()
        for line, words in self._line_words.items():
            if line in self.caps_lines or not 3 <= len(words) <= 25:
                continue
            capitalized = sum(1 for i in words if self.texts[i][:1].isupper())
            last = self._line_last.get(line)
            if capitalized >= 0.75 * len(words) and (last is None or last not in {".", "”", '"', ":"}):
                lines.add(line)
        return lines

    def in_headline(self, start: int, end: int) -> bool:
        """Inside a caps or title-case line, or a range ingestion marked as headline."""
        line = self.line_of(start)
        if line in self.caps_lines or line in self.title_lines:
            return True
        return in_ranges(*self.char_bounds(start, end), self.headlines)

    def is_dateline(self, start: int, end: int) -> bool:
        """First words of a line followed by a date, "(Reuters)" or a dash: "OSLO, May 2 (Reuters) -"."""
        doc = self.doc
        line_start = self.line_starts[self.line_of(start)]
        if self.text[line_start:self.starts[start]].strip():
            return False
        after = [t for t in doc[end:end + 3] if t.text != ","]
        return bool(after) and (after[0].text[:1].isdigit() or after[0].text in {"-", "—", "–", "("}
                                or after[0].ent_type_ == "DATE")

    def after_place_preposition(self, start: int) -> bool:
        return start > 0 and self.lowers[start - 1] in PLACE_PREPOSITIONS


def _line_numbers(starts: list[int], line_starts: list[int]) -> list[int]:
    """The line of each token (tokens in text order): one walk, not a search per token."""
    lines = []
    line, next_start = 0, line_starts[1] if len(line_starts) > 1 else None
    for start in starts:
        while next_start is not None and start >= next_start:
            line += 1
            next_start = line_starts[line + 1] if line + 1 < len(line_starts) else None
        lines.append(line)
    return lines
