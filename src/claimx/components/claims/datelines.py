"""No claim, speaker or subject reaches into a wire dateline ("NAIROBI, Kenya (AP) _", Doc._.claimx_datelines)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimx.components.claims.reading import Found


def outside_datelines(doc: Doc, claims: list[Found]) -> list[Found]:
    ranges = [(d["start"], d["end"]) for d in doc._.claimx_datelines or ()]
    if not ranges:
        return claims
    kept = []
    for claim in claims:
        claim.content = _after(doc, claim.content, ranges)
        if claim.content is None:
            continue
        if claim.speaker is not None and _inside(claim.speaker, ranges):
            claim.speaker = _after(doc, claim.speaker, ranges)  # "LONDON (Reuters) - Acme Corp" → "Acme Corp"
            if claim.speaker is None:
                claim.speaker_kind, claim.speaker_canonical, claim.speaker_label = "none", None, None
        if claim.subject is not None and _inside(claim.subject, ranges):
            claim.subject = _after(doc, claim.subject, ranges)
        kept.append(claim)
    return kept


def _inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(span.start_char < end and start < span.end_char for start, end in ranges)


def _after(doc: Doc, span: Span, ranges: list[tuple[int, int]]) -> Span | None:
    """The span without the dateline it starts with (None when nothing is left)."""
    start = span.start
    for first, last in ranges:
        if span.start_char < last and first < span.end_char:
            while start < span.end and (doc[start].idx < last or doc[start].is_space or doc[start].is_punct):
                start += 1
    return doc[start:span.end] if start < span.end else None
