"""Datelines ("NAIROBI, Kenya (AP) _", found by ingest: Doc._.claimx_datelines): their places are PLACEs, their
agency an ORG, and no other entity reaches into them."""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities.mentions import Mention
from claimx.normalize.places import lookup_place


def dateline_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    datelines = doc._.claimx_datelines
    if not datelines:
        return mentions
    found = []
    for dateline in datelines:
        parts = [(place, "PLACE") for place in dateline["places"]]
        parts += [(dateline["agency"], "ORG")] if dateline["agency"] else []
        for (start, end), label in parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                place = lookup_place(span.text) if label == "PLACE" else None
                found.append(Mention(span.start, span.end, label, "dateline", place=place))
    bounds = [(doc.char_span(d["start"], d["end"], alignment_mode="expand") or doc[0:0]) for d in datelines]
    kept = [m for m in mentions if not any(m.start < span.end and span.start < m.end for span in bounds)]
    return sorted(kept + found, key=lambda m: (m.start, m.end))
