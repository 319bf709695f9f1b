"""From candidate mentions to the entities a reader would underline: one mention per stretch of text, labels
checked against the rest of the article, noise dropped, names the article repeats found again."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from claimx.components.entities import lexicon
from claimx.components.entities.context import PLACE_PREPOSITIONS, DocContext
from claimx.components.entities.places import before_place
from claimx.components.entities.mentions import (Mention, is_capitalized_text, split_commas, split_inner, split_lines,
                                                 split_person, trim)
from claimx.normalize.places import common_word_places, lookup_place, name_like_places, place_key

# OntoNotes labels → claimx labels. NORP (demonyms) and FAC (buildings) are not places.
NER_LABELS = {"ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "PERSON": "PERSON"}
_SOURCE_RANK = {"org-pattern": 0, "ner": 1, "place": 2, "alias": 3, "propagated": 4}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(ian|ean|ese|ish|ic|ans|ians|ese|i|an|ch)$")


def ner_mentions(doc: Doc) -> list[Mention]:
    """The statistical NER's entities with clean edges; glued names ("Hamar, Norway", a headline run into
    the next line) split apart."""
    mentions = []
    for ent in doc.ents:
        label = NER_LABELS.get(ent.label_)
        if label is None:
            continue
        for start, end in (inner for line in split_lines(doc, ent.start, ent.end) for inner in split_inner(doc, *line)):
            parts = split_person(doc, start, end) if label == "PERSON" else split_commas(doc, start, end)
            if label != "PERSON" and len(parts) > 1 and not all(lookup_place(doc[s:e].text) for s, e in parts):
                parts = [(start, end)] if label != "PLACE" else parts
            if label == "ORG":
                parts = [p for part in parts for p in split_listed_orgs(doc, *part)]
            for part in parts:
                bounds = trim(doc, *part)
                if bounds:
                    mentions.append(Mention(*bounds, label, "ner"))
    return mentions


def split_listed_orgs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Johnson Controls Inc and Lear Corp.", "Mercantile or Commerce", "Acme Inc of Tulsa": a list of
    companies, or a company and its home town, read as one name."""
    parts, part_start = [], start
    for i in range(start + 1, end - 1):
        token, before = doc[i], doc[i - 1]
        if token.lower_ == "or" or (token.text == "," and before.lower_ not in lexicon.org_suffixes()
                                    and doc[i + 1].lower_ not in lexicon.org_suffixes()):
            parts.append((part_start, i))
            part_start = i + 1
        elif token.lower_ in {"and", "of", "in"} and before.lower_ in lexicon.org_suffixes():
            parts.append((part_start, i))
            part_start = i + 1 if token.lower_ == "and" else end
    if part_start < end:
        parts.append((part_start, end))
    return parts


def choose(mentions: list[Mention]) -> list[Mention]:
    """One mention per stretch of text: the longest wins, then the more reliable source. When the NER and a
    rule agree on the bounds, the NER's label stands unless it said PERSON for a pattern organization."""
    ranked = sorted(mentions, key=lambda m: (-len(m), _SOURCE_RANK[m.source], m.start))
    chosen: list[Mention] = []
    owner: dict[int, Mention] = {}  # token → the chosen mention over it: linear in the mentions, not quadratic
    for mention in ranked:
        span = range(mention.start, mention.end)
        if not any(i in owner for i in span):
            chosen.append(mention)
            owner.update(dict.fromkeys(span, mention))
            continue
        clash = owner.get(mention.start)  # chosen mentions never overlap: one with the same bounds is alone
        if clash is not None and (clash.start, clash.end) == (mention.start, mention.end):
            if clash.source == "org-pattern" and mention.source == "ner" and mention.label != "PERSON":
                clash.label = mention.label
            clash.place = clash.place or mention.place
    return sorted(chosen, key=lambda m: m.start)


def override(mentions: list[Mention], stronger: list[Mention]) -> list[Mention]:
    """Mentions from a rule that knows better (a results table) replace whatever they overlap."""
    if not stronger:
        return mentions
    taken = {i for s in stronger for i in range(s.start, s.end)}  # a set, not all pairs: a long results table
    kept = [m for m in mentions if not any(i in taken for i in range(m.start, m.end))]
    return sorted(kept + stronger, key=lambda m: m.start)


def drop_noise(doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
    """Jargon and job titles, demonyms, lower-case words, headline fragments the body does not support,
    common-word places without a place context."""
    body_keys = {place_key(context.mention_text(m)) for m in mentions if not context.in_headline(m.start, m.end)}
    kept = []
    for m in mentions:
        text = context.mention_text(m)
        if (text in lexicon.not_entities() or not any(map(is_capitalized_text, context.texts[m.start:m.end]))
                or len(text) < 2):
            continue
        if m.label == "PLACE" and m.place is None and len(m) == 1 and _DEMONYM.match(text):
            continue
        if (m.label == "PLACE" and m.source == "ner" and len(m) == 1 and text[-1:] == "s" and text[-2:] != "ss"
                and lookup_place(text) is None):  # "Chechens", "Treasuries": plurals are not place names
            continue
        if m.label == "ORG" and len(m) == 1 and _is_portfolio(doc, m):
            continue
        if m.label == "ORG" and m.source == "ner" and _named_product(doc, m):
            continue
        if m.label == "PLACE" and place_key(text) in common_word_places() and not _place_context(doc, m, context):
            continue
        if context.in_headline(m.start, m.end) and not _headline_supported(m, place_key(text), body_keys):
            continue
        kept.append(m)
    return kept


def _named_product(doc: Doc, m: Mention) -> bool:
    """"the “Project Clover” data initiative", "its Shop tools": the words after the name say product."""
    following = [t for t in doc[m.end:m.end + 4] if not (t.is_quote or t.is_punct)]
    for token in following[:2]:
        if token.lower_ in lexicon.product_words():
            return True
        if not token.is_lower:
            return False
    return False


def _is_portfolio(doc: Doc, m: Mention) -> bool:
    """"Education" in "Education Minister", "State" in "Secretary of State"."""
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    before = doc[m.start - 2:m.start].text.lower() if m.start >= 2 else ""
    return after in lexicon.title_words() or before.split(" ")[0] in lexicon.title_words() and before.endswith(" of")


def _place_context(doc: Doc, m: Mention, context: DocContext) -> bool:
    return context.after_place_preposition(m.start) or context.is_dateline(m.start, m.end) or (
        m.end + 1 < len(doc) and doc[m.end].text == "," and lookup_place(doc[m.end + 1].text) is not None)


def _headline_supported(m: Mention, key: str, body_keys: set[str]) -> bool:
    return key in body_keys or m.place is not None or m.source == "org-pattern"


def fix_labels(doc: Doc, mentions: list[Mention], context: DocContext) -> None:
    """Labels checked against the article: people the NER called organizations or places ("Wang" after
    "Wang Yi"; "Mr Duran"), rule organizations the NER called places, a known place opening a dateline
    ("OSLO, May 2 —"), and one label per name."""
    texts = context.texts
    person_words = {texts[i] for m in mentions if m.label == "PERSON" and len(m) > 1 for i in range(m.start, m.end)
                    if context.is_alpha[i] and len(texts[i]) > 1}
    for m in mentions:
        text = context.mention_text(m)
        before = doc[m.start - 1].lower_ if m.start > 0 else ""
        if m.label in {"ORG", "PLACE"} and m.source == "ner":
            is_country = m.place is not None and m.place.kind in {"country", "continent"}
            if not is_country and (before in lexicon.honorifics() or (len(m) == 1 and text in person_words)):
                m.label = "PERSON"
        if (m.label == "PERSON" and m.source == "ner" and len(m) == 1 and text not in person_words
                and before not in lexicon.honorifics()):  # "Derbyshire" is no one's name here
            place = lookup_place(text)
            if place is not None and _well_known(place) and place_key(text) not in name_like_places():
                m.label, m.place = "PLACE", place
        if m.label == "PLACE" and m.place is None and context.lowers[m.end - 1] in lexicon.org_heads():
            m.label = "ORG"
        if ((m.label == "ORG" or (m.label == "PERSON" and text.isupper())) and m.source == "ner"
                and before_place(doc, m.end)):  # "KHASAVYURT, Russia"
            place = lookup_place(text)
            m.label, m.place = "PLACE", place
        if m.label == "ORG" and m.source == "ner":  # "Belarus", "in Bergen" the NER read as organizations
            place = lookup_place(text)
            if place is not None and (place.kind in {"country", "continent"} or (
                    _well_known(place) and (before in PLACE_PREPOSITIONS or _next_to_place(doc, m, mentions)
                                            or context.is_dateline(m.start, m.end)))):
                m.label, m.place = "PLACE", place
    _short_org_names(context, mentions)
    _one_label_per_name(context, mentions)


def _short_org_names(context: DocContext, mentions: list[Mention]) -> None:
    """"Telenor" after "Telenor ASA", "Halvorsen" after "Halvorsen Energy ASA" is the company, whatever label
    the NER gave it."""
    endings = lexicon.org_suffixes() | lexicon.org_heads()
    short_names = set()
    for m in mentions:
        words = context.texts[m.start:m.end]
        if m.label == "ORG" and len(words) > 1 and words[-1].lower() in endings:
            company = words[-1].lower() in lexicon.org_suffixes()
            while len(words) > 1 and (company or words[-1].lower() in endings | {","}):
                words.pop()  # "Halvorsen Energy ASA" → "Halvorsen Energy", "Halvorsen"
                short_names.add(" ".join(words))
    for m in mentions:
        if m.label != "ORG" and m.source == "ner" and context.mention_text(m) in short_names:
            m.label, m.place = "ORG", None


def _next_to_place(doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
    """"Stavanger and Bergen": listed with a place."""
    for other in mentions:
        if other.label == "PLACE" and other is not m:
            gap = doc[other.end:m.start] if other.end <= m.start else doc[m.end:other.start]
            if len(gap) == 1 and gap[0].lower_ in {"and", ",", "or"}:
                return True
    return False


def _well_known(place) -> bool:
    return place.kind != "city" or place.population >= 100_000


def _one_label_per_name(context: DocContext, mentions: list[Mention]) -> None:
    votes: dict[str, Counter] = {}
    for m in mentions:
        if m.source in {"ner", "org-pattern"}:
            votes.setdefault(context.mention_text(m), Counter())[m.label] += 2 if m.source == "org-pattern" else 1
    for m in mentions:
        counts = votes.get(context.mention_text(m))
        if counts and len(counts) > 1:
            (best, n), (_, second) = counts.most_common(2)
            if n > second:
                m.label = best


def propagate(doc: Doc, mentions: list[Mention], context: DocContext, max_tokens: int = 6) -> list[Mention]:
    """Other mentions of a name the article already names: "Interfax" tagged once is Interfax everywhere, and
    a capitals headline's "NORWAY" is the body's "Norway"."""
    names: dict[str, Mention] = {}
    for m in mentions:
        text = context.mention_text(m)
        if len(text) > 2 and text not in lexicon.function_words():
            names.setdefault(text, m)
            names.setdefault(text.upper(), m)
    if not names:
        return mentions
    taken = [False] * len(doc)
    for m in mentions:
        for i in range(m.start, m.end):
            taken[i] = True
    added = []
    i = 0
    while i < len(doc):
        hit = None
        if not taken[i] and is_capitalized_text(context.texts[i]):
            for n in range(min(max_tokens, len(doc) - i), 0, -1):
                if any(taken[i:i + n]):
                    continue
                known = names.get(context.span_text(i, i + n))
                if known is not None and (context.in_headline(i, i + n) or _whole_words(doc, i, i + n)):
                    hit = Mention(i, i + n, known.label, "propagated", place=known.place)
                    break
        if hit:
            added.append(hit)
            i = hit.end
        else:
            i += 1
    return sorted(mentions + added, key=lambda m: m.start)


def _whole_words(doc: Doc, start: int, end: int) -> bool:
    """Not the first part of a longer capitalized name ("Apple" in "Apple Daily")."""
    return not (end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper()
                and not doc[start:end].text.isupper())
