"""Where in the article a token stands: headline or all-caps line, a dateline, after a preposition of place."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from spacy.tokens import Doc

from claimx.extensions import in_ranges

PLACE_PREPOSITIONS = {
    "in", "at", "from", "near", "to", "into", "across", "outside", "inside", "throughout", "via", "toward",
    "towards", "around", "across", "between", "through", "visit", "visited", "visiting", "based", "headquartered",
}


class DocContext:
    """Facts about the lines of one doc, computed once per doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call
        self.line_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]

    def line_of(self, token_i: int) -> int:
        return bisect_right(self.line_starts, self.doc[token_i].idx) - 1

    @cached_property
    def _line_words(self) -> dict[int, list]:
        lines: dict[int, list] = {}
        for token in self.doc:
            if token.is_alpha and len(token) > 1:
                lines.setdefault(self.line_of(token.i), []).append(token)
        return lines

    @cached_property
    def _line_last(self) -> dict[int, object]:
        return {self.line_of(token.i): token for token in self.doc if not token.is_space}

    @cached_property
    def caps_lines(self) -> set[int]:
        """Lines written in capitals (headlines, datelines, tables): capitalization says nothing there."""
        caps = set()
        for line, words in self._line_words.items():
            upper = sum(1 for t in words if t.is_upper)
            if upper >= 2 and upper >= 0.6 * len(words) or (len(words) == 1 and words[0].is_upper and len(words[0]) > 3):
                caps.add(line)
        return caps

    @cached_property
    def title_lines(self) -> set[int]:
        """Headline-like lines: short, every content word capitalized, no closing full stop."""
        lines = set()
        for line, words in self._line_words.items():
            if line in self.caps_lines or not 3 <= len(words) <= 25:
                continue
            capitalized = sum(1 for t in words if t.text[:1].isupper())
            last = self._line_last.get(line)
            if capitalized >= 0.75 * len(words) and (last is None or last.text not in {".", "”", '"', ":"}):
                lines.add(line)
        return lines

    def in_headline(self, start: int, end: int) -> bool:
        """Inside a caps or title-case line, or a range ingestion marked as headline."""
        line = self.line_of(start)
        if line in self.caps_lines or line in self.title_lines:
            return True
        span = self.doc[start:end]
        return in_ranges(span.start_char, span.end_char, self.doc._.claimx_headlines)

    def is_dateline(self, start: int, end: int) -> bool:
        """First words of a line followed by a date, "(Reuters)" or a dash: "OSLO, May 2 (Reuters) -"."""
        doc = self.doc
        line_start = self.line_starts[self.line_of(start)]
        if self.text[line_start:doc[start].idx].strip():
            return False
        after = [t for t in doc[end:end + 3] if t.text != ","]
        return bool(after) and (after[0].text[:1].isdigit() or after[0].text in {"-", "—", "–", "("}
                                or after[0].ent_type_ == "DATE")

    def after_place_preposition(self, start: int) -> bool:
        return start > 0 and self.doc[start - 1].lower_ in PLACE_PREPOSITIONS
