"""The Doc._ and Span._ extensions claimx components read and write. Declared once, guarded, so that
importing claimx next to another plugin never clashes. How to use them from your own spaCy pipeline: docs/plugin.md
(tests/test_plugin.py checks that every claimx extension is listed both here and there).

Doc._.claimx_published   str | None   reference date (YYYY-MM-DD) for relative dates
Doc._.claimx_country     str | None   the publisher's country (ISO 3166-1 alpha-2), when the input shows it
Doc._.claimx_masked      list[(start, end)]  character ranges of site chrome no layer reports from
Doc._.claimx_headlines   list[(start, end)]  headline ranges: analysed, but never a claim
Doc._.claimx_datelines   list[dict]   wire datelines opening a paragraph: {"start", "end", "places": [(start, end)],
                                      "agency": (start, end) | None}; never part of a claim, speaker or other entity
Doc._.claimx_claims      list[dict]   claims: {"content": Span, "speaker": Span|None, "cue": Span|None,
                                      "direct": bool, "date": dict|None, "score": float, "speaker_canonical": str|None,
                                      "speaker_label": str|None, "subject": Span|None, "rule": str,
                                      "kind": str}
Span._.claimx_entity     dict | None  {"canonical", "kind", "country", "id"} on spans in doc.spans["claimx_entities"], places
                                      also "geonames_id", "lat", "lon", "admin1", "point", companies "tickers" when known
Span._.claimx_money      dict | None  {"amount", "currency", "approx", "min", "max"} on doc.spans["claimx_money"]
Span._.claimx_date       dict | None  {"value", "grain", "relative", "mod", "calendar"?} on doc.spans["claimx_dates"]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

ENTITIES_KEY = "claimx_entities"
MONEY_KEY = "claimx_money"
DATES_KEY = "claimx_dates"

_DOC = {"claimx_published": None, "claimx_country": None, "claimx_masked": None, "claimx_headlines": None,
        "claimx_datelines": None, "claimx_claims": None}
_SPAN = ("claimx_entity", "claimx_money", "claimx_date")


def register_extensions() -> None:
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in _SPAN:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_TEXT = ("claimx", "text")  # doc.user_data key: not an extension, nobody sets it by hand
# doc.user_data key: indices of the tokens claimx.hyphens merged from a word broken at a line end ("compa-\nny")
JOINED_WORDS = ("claimx", "joined_words")
# doc.user_data key: where a compound broken at a line end has its hyphen ("well-\nknown"), as character offsets
HYPHENATED_BREAKS = ("claimx", "hyphenated_breaks")


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc: spaCy joins every token again on each access (0.15 ms an article).
    For a Doc claimx made, this is the article's reading view (extract.make_doc): hard-wrapped lines joined, the
    same length as the file's text. Layers match on it; records slice `article.text` at the same offsets, so
    every `text` field keeps the file's own characters."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """For a Doc made from `text` (whose doc.text is exactly it): doc_text needs no join at all."""
    doc.user_data[_TEXT] = text


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]] | None) -> bool:
    """True when [start, end) overlaps any of the ranges."""
    return any(start < r_end and r_start < end for r_start, r_end in ranges or ())


register_extensions()
