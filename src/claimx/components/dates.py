"""claimx_dates: calendar dates from the statistical DATE spans, valued against the article's date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.extensions import DATES_KEY, in_ranges
from claimx.normalize.dates import resolve_date


@Language.factory("claimx_dates", assigns=["doc.spans"], default_config={})
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ != "DATE" or in_ranges(ent.start_char, ent.end_char, doc._.claimx_masked):
                continue
            resolved = resolve_date(ent.text, doc._.claimx_published)
            if resolved is None:  # durations, ages and other non-calendar DATE spans
                continue
            ent._.claimx_date = resolved
            spans.append(ent)
        doc.spans[DATES_KEY] = spans
        return doc
