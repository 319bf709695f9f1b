"""claimx_money: money amounts from the statistical MONEY spans, normalized to amount + ISO currency."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.extensions import MONEY_KEY, in_ranges
from claimx.normalize.money import parse_money


@Language.factory("claimx_money", assigns=["doc.spans"], default_config={})
def make_money(nlp: Language, name: str) -> MoneyComponent:
    return MoneyComponent()


class MoneyComponent:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ != "MONEY" or in_ranges(ent.start_char, ent.end_char, doc._.claimx_masked):
                continue
            ent._.claimx_money = parse_money(ent.text)
            spans.append(ent)
        doc.spans[MONEY_KEY] = spans
        return doc
