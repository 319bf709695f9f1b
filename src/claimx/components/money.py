"""claimx_money: every money amount in the article, with full value, ISO currency, hedges and ranges.

Our rules (normalize/money/) find the amounts; they replace the statistical MONEY spans, which cut "$US552 million"
to "US552" and carry no value. The article's places (from the NER, and those of the entity layer it missed), its
own currency marks and the publisher's country (Doc._.claimx_country) settle what a bare "$" or "rupees" means
(normalize/money/context.py).
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.extensions import ENTITIES_KEY, MONEY_KEY, doc_text, in_ranges
from claimx.normalize.money import MoneyReader
from claimx.normalize.money.context import CurrencyContext, count_places, currency_context
from claimx.normalize.money.mention import MoneyMention

PLACE_LABELS = {"GPE", "LOC", "NORP"}


@Language.factory("claimx_money", assigns=["doc.spans"], default_config={})
def make_money(nlp: Language, name: str) -> MoneyComponent:
    return MoneyComponent()


class MoneyComponent:
    def __init__(self) -> None:
        self.reader = MoneyReader()  # compiles the patterns once, not per document

    def __call__(self, doc: Doc) -> Doc:
        masked = doc._.claimx_masked
        mentions = [m for m in self.reader.find(doc_text(doc)) if not in_ranges(m.start, m.end, masked)]
        named = [ent for ent in doc.ents if ent.label_ in PLACE_LABELS]
        places = count_places((ent.text for ent in named), self.reader.vocab)
        context = currency_context(mentions, places, vocab=self.reader.vocab, country=doc._.claimx_country,
                                   more_places=_places_the_parser_missed(doc, named))
        doc.spans[MONEY_KEY] = [span for span in (self._span(doc, m, context) for m in mentions) if span is not None]
        return doc

    @staticmethod
    def _span(doc: Doc, mention: MoneyMention, context: CurrencyContext) -> Span | None:
        currency = context.resolve(mention)
        if mention.weak and not context.supports(currency):
            return None
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        span._.claimx_money = mention.fields(currency)
        return span


def _places_the_parser_missed(doc: Doc, named: list[Span]) -> Counter:
    """Countries of the entity layer's places that spaCy's NER did not tag as one ("ISLAMABAD" opening a dateline
    is an ORG to it): a Pakistani budget's "Rs" is the rupee of Pakistan."""
    seen = {(ent.start, ent.end) for ent in named}
    return Counter(country for span in doc.spans.get(ENTITIES_KEY, ()) if span.label_ == "PLACE"
                   and (span.start, span.end) not in seen and (country := (span._.claimx_entity or {}).get("country")))
