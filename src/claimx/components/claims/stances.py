"""Stances told by an adjective rather than a verb: X is confident that …, X is critical of Y, X remains wary of Y."""

from __future__ import annotations

from spacy.tokens import Token

from claimx.components.claims.content import tidy
from claimx.components.claims.reading import Found, Reading
from claimx.components.claims.speakers import describe_speaker, speaking_subject

_LINKING = frozenset({"be", "remain", "seem", "appear", "become", "grow", "sound", "stay"})
_ABOUT = frozenset({"of", "about", "over", "on", "toward", "towards"})  # critical of Y, worried about Y
_ASKING = frozenset({"whether", "if", "how", "what", "why", "when", "where", "who", "which"})  # not sure how …: asks


_CERTAINTY = frozenset({"sure", "certain", "confident", "convinced", "positive"})


def stance_claims(reading: Reading) -> list[Found]:
    found = []
    adjectives = reading.lexicon.stance_adjectives
    for i, lemma in enumerate(reading.lemmas):
        if lemma not in adjectives and reading.lowers[i] not in adjectives:
            continue
        adjective = reading.doc[i]
        if adjective.dep_ != "acomp" or adjective.head.lemma_.lower() not in _LINKING \
                or reading.quote_of[i] >= 0 or reading.excluded(adjective):
            continue  # a cue inside a quotation is the quoted speaker's own wording
        claim = _stance_claim(reading, adjective)
        if claim is not None:
            found.append(claim)
    return found


def _stance_claim(reading: Reading, adjective: Token) -> Found | None:
    subject = speaking_subject(reading, adjective.head)
    if subject is None or subject.dep_ == "expl":
        return None
    if adjective.lemma_.lower() in _CERTAINTY and any(c.dep_ == "neg" for c in (*adjective.children,
                                                                                 *adjective.head.children)):
        return None  # "I wasn't sure I'd get anything from it": a doubt, not a stance ("not happy about X" is one)
    clause = next((c for c in adjective.children if c.dep_ == "ccomp" and c.i > adjective.i), None)
    if clause is not None:
        content, rule = tidy(reading, clause.left_edge.i, clause.right_edge.i + 1), "stance_clause"
    else:
        about = next((c for c in adjective.children if c.dep_ == "prep" and c.lower_ in _ABOUT), None)
        obj = next((c for c in about.children if c.dep_ in ("pobj", "pcomp")), None) if about is not None else None
        if obj is None:
            return None
        content, rule = tidy(reading, obj.left_edge.i, obj.right_edge.i + 1), "stance_object"
    if content is None or len(content.text) < 3 or content[0].lower_ in _ASKING \
            or reading.paragraph_of[content.start] != reading.paragraph_of[adjective.i]:
        return None
    cue = reading.doc[adjective.i : adjective.i + 1]
    speaker, kind, canonical, label = describe_speaker(reading, subject, cue)
    return Found(content, rule, speaker=speaker, cue=cue, speaker_kind=kind, speaker_canonical=canonical,
                 speaker_label=label)
