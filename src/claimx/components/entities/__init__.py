"""claimx_entities: organizations, places and people, as a careful reader would underline them.

The statistical NER proposes; rules from models/entities/ clean the edges, add what it missed (gazetteer
places, organization patterns, acronyms, names the article repeats), drop what a reader would not underline
(jargon, headline fragments, demonyms), fix labels from the rest of the article and give every mention a
canonical name, a place kind and country, and a stable id.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.components.entities import aliases, labels, resolve
from claimx.components.entities.broken_words import join_broken_words
from claimx.components.entities.context import DocContext
from claimx.components.entities.datelines import dateline_mentions
from claimx.components.entities.geocode import geocode_places
from claimx.components.entities.metonymy import resolve_metonymy
from claimx.components.entities.orgs import OrgMatcher
from claimx.components.entities.places import find_places
from claimx.components.entities.sports import relabel_teams, table_teams
from claimx.components.entities.tickers import attach_tickers, tickers_by_id
from claimx.extensions import ENTITIES_KEY, in_ranges
from claimx.normalize.places import lookup_place, place_index


@Language.factory("claimx_entities", assigns=["doc.spans"], default_config={})
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(nlp)


class EntitiesComponent:
    def __init__(self, nlp: Language):
        self.orgs = OrgMatcher(nlp.vocab)
        place_index()  # read the gazetteer now, while the pipeline loads, not in the first article's time

    def __call__(self, doc: Doc) -> Doc:
        context = DocContext(doc)
        candidates = resolve.ner_mentions(doc)
        candidates += self.orgs(doc, context)
        candidates += find_places(doc, context)
        mentions = resolve.choose(candidates)
        mentions = resolve.override(mentions, table_teams(doc, context))
        mentions, listed, ticker_ranges = attach_tickers(context, mentions)  # "Altria Group (NYSE: MO)"
        mentions = resolve.drop_noise(doc, mentions, context)
        resolve.fix_labels(doc, mentions, context)
        mentions = labels.check_labels(doc, mentions, context)
        mentions = aliases.acronym_mentions(doc, mentions)
        mentions = resolve.propagate(doc, mentions, context)
        mentions = resolve_metonymy(doc, mentions, context)
        for m in mentions:
            if m.label == "PLACE" and m.place is None:
                m.place = lookup_place(context.mention_text(m))
        relabel_teams(doc, mentions, context)
        mentions = aliases.head_word_mentions(doc, mentions, context)
        mentions = dateline_mentions(doc, mentions)
        mentions = labels.drop_non_entities(mentions, context)
        aliases.assign_canonical(doc, mentions, context)
        join_broken_words(doc, mentions)
        aliases.assign_ids(mentions)
        geocode_places(doc, mentions, context)
        tickers = tickers_by_id(listed, mentions)
        spans = []
        masked = doc._.claimx_masked
        for m in mentions:
            bounds = context.char_bounds(m.start, m.end)
            if (masked and in_ranges(*bounds, masked)) or (ticker_ranges and in_ranges(bounds[0], bounds[0] + 1,
                                                                                       ticker_ranges)):
                continue
            span = Span(doc, m.start, m.end, label=m.label)
            place = m.place if m.label == "PLACE" else None
            span._.claimx_entity = {"canonical": m.canonical, "kind": place.kind if place else None,
                                    "country": place.country if place else None, "id": m.id, **_feature(place)}
            if m.id in tickers:
                span._.claimx_entity["tickers"] = tickers[m.id]
            spans.append(span)
        doc.spans[ENTITIES_KEY] = spans
        return doc


def _feature(place) -> dict:
    """The GeoNames fields of a place's span (docs/places.md): only those the place has."""
    if place is None or place.lat is None:
        return {}
    return {"geonames_id": place.geonames_id, "lat": place.lat, "lon": place.lon, "admin1": place.admin1,
            "point": place.point}
