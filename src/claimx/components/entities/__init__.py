"""claimx_entities: organizations, places and people from the statistical NER, with clean edges."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.extensions import ENTITIES_KEY, in_ranges

# OntoNotes labels → claimx labels. NORP (demonyms) and FAC (buildings) are not places.
LABELS = {"ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "PERSON": "PERSON"}
_LEADING = {"the", "The", "a", "an"}
_TRAILING = {"'s", "’s", "'", "’"}


@Language.factory("claimx_entities", assigns=["doc.spans"], default_config={})
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent()


class EntitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            span = trim(ent)
            if span is None or in_ranges(span.start_char, span.end_char, doc._.claimx_masked):
                continue
            spans.append(Span(doc, span.start, span.end, label=label))
        doc.spans[ENTITIES_KEY] = spans
        return doc


def trim(span: Span) -> Span | None:
    """Drop leading determiners and trailing possessives or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None
