"""One canonical name per entity within an article: "Data Protection Commission (DPC)" makes "DPC" and
"the Commission" the Commission; "Telenor" after "Telenor ASA", "Biden" after "Joe Biden"; places take the
gazetteer's name ("U.S." → "United States")."""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities import lexicon
from claimx.components.entities.context import DocContext
from claimx.components.entities.mentions import Mention, trim
from claimx.normalize.names import entity_id, name_text
from claimx.normalize.places import lookup_place, place_key


def acronym_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Long Name (LN)": the bracketed acronym is the same organization."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for m in mentions:
        if m.label != "ORG" or m.end + 2 >= len(doc) or doc[m.end].text != "(" or doc[m.end + 2].text != ")":
            continue
        short = doc[m.end + 1]
        if _is_acronym_of(short.text, m.span(doc).text):
            if m.end + 1 not in covered:
                added.append(Mention(m.end + 1, m.end + 2, "ORG", "alias"))
            else:  # the NER found the acronym itself: mark it as the alias it is
                for x in mentions:
                    if (x.start, x.end) == (m.end + 1, m.end + 2):
                        x.label, x.source = "ORG", "alias"
    return sorted(mentions + added, key=lambda m: m.start)


def _is_acronym_of(short: str, long: str) -> bool:
    letters = [c for c in short if c.isalpha()]
    if not 2 <= len(letters) <= 8 or sum(c.isupper() for c in letters) < 2:
        return False
    initials = "".join(w[0] for w in long.replace("-", " ").split() if w[:1].isalpha()).upper()
    return letters[0].upper() == initials[:1] and all(c.upper() in initials for c in letters if c.isupper())


def head_word_mentions(doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
    """"the Commission" after "the European Commission": a capitalized head word alone, after "the", names
    the organization the article introduced with it."""
    texts, lowers = context.texts, context.lowers
    head_words = lexicon.org_heads() | lexicon.org_heads_before_of()
    heads = {texts[m.end - 1]: m for m in mentions
             if m.label == "ORG" and len(m) > 1 and lowers[m.end - 1] in head_words}
    if not heads:
        return mentions
    for m in mentions:  # the NER's own "Commission"
        owner = heads.get(texts[m.start]) if len(m) == 1 and m.label == "ORG" else None
        if owner is not None and owner.start < m.start:
            m.canonical = _own_name(doc, owner)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for i in range(1, len(texts)):
        owner = heads.get(texts[i])
        if (owner is not None and i not in covered and lowers[i - 1] == "the"
                and owner.start < i and not context.in_headline(i, i + 1)
                and not (i + 1 < len(texts) and texts[i + 1][:1].isupper())):
            added.append(Mention(i, i + 1, "ORG", "alias", canonical=_own_name(doc, owner)))
    return sorted(mentions + added, key=lambda m: m.start)


def assign_canonical(doc: Doc, mentions: list[Mention], context: DocContext) -> None:
    """Fill `canonical` (and places' gazetteer entry) for every mention."""
    for m in mentions:
        if m.label == "PLACE" and m.place is None:
            m.place = lookup_place(context.mention_text(m))
    body = [m for m in mentions if not context.in_headline(m.start, m.end)]
    by_key = {}
    for m in body:  # a capitals headline's "NCC GROUP" is spelled as the body spells it
        by_key.setdefault((m.label, place_key(context.mention_text(m))), m)
    acronyms = {doc[m.start].text: m for m in mentions if m.source == "alias" and m.canonical is None}
    for m in mentions:
        if m.canonical is not None:
            continue
        if m.label == "PLACE" and m.place is not None:
            m.canonical = m.place.canonical
            continue
        spelled = by_key.get((m.label, place_key(context.mention_text(m))), m)
        m.canonical = _own_name(doc, spelled)
    for short, m in acronyms.items():  # "(DPC)" → the name before the bracket
        long = next((x for x in mentions if x.end == m.start - 1), None)
        for x in mentions if long is not None else ():
            if x.label == "ORG" and context.mention_text(x) == short:
                x.canonical = long.canonical
    _short_forms(doc, mentions)


def _short_forms(doc: Doc, mentions: list[Mention]) -> None:
    """A short name used after the full one takes the full one's canonical name: "Telenor" after "Telenor ASA"
    (the first words of the full name), "Biden" after "Joe Biden"."""
    first_seen: dict[tuple[str, str], int] = {}
    for m in mentions:
        first_seen.setdefault((m.label, m.canonical), m.start)
    endings = lexicon.org_suffixes() | lexicon.org_heads()
    for (label, name), seen in first_seen.items():
        words = name.split()
        longer = [long for (lab, long), long_seen in first_seen.items() if lab == label and long_seen < seen
                  and _extends(words, long.split(), label, endings)]
        if len(longer) == 1:
            for m in mentions:
                if m.label == label and m.canonical == name and m.source != "alias":
                    m.canonical = longer[0]


def _extends(short: list[str], long: list[str], label: str, endings: frozenset[str]) -> bool:
    if len(short) >= len(long):
        return False
    if label == "PERSON":
        return set(short) < set(long)
    return long[:len(short)] == short


def _own_name(doc: Doc, m: Mention) -> str:
    bounds = trim(doc, m.start, m.end) or (m.start, m.end)
    return name_text(doc[bounds[0]:bounds[1]].text)


def assign_ids(mentions: list[Mention]) -> None:
    for m in mentions:
        m.id = entity_id(m.label, m.canonical)
