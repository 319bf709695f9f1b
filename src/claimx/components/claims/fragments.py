"""A claim whose attribution stands inside it — “…,” X said. “…”  /  The plan, X said, will fail — keeps its
whole stretch as the content span, and lists the pieces without speaker and cue as fragments."""

from __future__ import annotations

from spacy.tokens import Span

_EDGE = {",", "—", "–", "-", ";"}  # separators left at a piece's edge once the attribution is cut out


def content_fragments(content: Span, speaker: Span | None, cue: Span | None) -> list[Span] | None:
    """The content's pieces around an attribution inside it, or None when the attribution is outside."""
    inside = [s for s in (speaker, cue) if s is not None and content.start <= s.start and s.end <= content.end]
    if not inside:
        return None
    doc = content.doc
    start, end = min(s.start for s in inside), max(s.end for s in inside)
    while start > content.start and not doc[start - 1].is_punct:  # "chief executive" before the name
        start -= 1
    while end < content.end and not doc[end].is_punct:  # "told analysts on a call"
        end += 1
    pieces = [_trim(doc[content.start : start]), _trim(doc[end : content.end])]
    pieces = [p for p in pieces if p is not None and any(not t.is_punct for t in p)]
    return pieces or None


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _EDGE or doc[start].text == "." or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE or doc[end - 1].is_space or doc[end - 1].text == "."
                           and not _closes_quote(doc, end)):
        end -= 1
    return doc[start:end] if end > start else None


def _closes_quote(doc, end: int) -> bool:
    return end < len(doc) and doc[end].is_quote
