"""Reported speech introduced by a verb: X said (that) …, …, X said., The plan, X said, will …, X denied the report."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.content import subtree, take_quotes_whole, tidy
from claimx.components.claims.lexicon import CueVerb
from claimx.components.claims.reading import Found, Reading
from claimx.components.claims.speakers import describe_speaker, subject_of

_CLAUSES = ("ccomp", "xcomp")
_OBJECTS = ("dobj",)
_MIN_TOKENS = 2


def verb_claims(reading: Reading) -> list[Found]:
    found = []
    for token in reading.doc:
        if token.i in reading.used_cues or reading.quote_of[token.i] in reading.claimed_quotes:
            continue  # a cue inside an attributed quotation is the speaker's own wording
        entry = reading.cue_verb(token)
        if entry is None or reading.excluded(token):
            continue
        claim = _verb_claim(reading, token, entry)
        if claim is not None:
            found.append(claim)
    return found


def _verb_claim(reading: Reading, cue: Token, entry: CueVerb) -> Found | None:
    subject = subject_of(cue)
    if subject is None or subject.dep_ == "expl":
        return None
    located = _content(reading, cue, entry)
    if located is None:
        return None
    content, rule = located
    if content is None or len(content) < _MIN_TOKENS or subject.i in range(content.start, content.end):
        return None
    content, direct = take_quotes_whole(reading, content)
    speaker, kind, canonical = describe_speaker(reading, subject)
    return Found(content, rule, speaker=speaker, cue=_cue_span(cue, entry), direct=direct, speaker_kind=kind,
                 speaker_canonical=canonical, weight=entry.weight)


def _content(reading: Reading, cue: Token, entry: CueVerb) -> tuple[Span | None, str] | None:
    clause = next((c for c in cue.children if c.dep_ in _CLAUSES and c.i > cue.i), None)
    if clause is None:
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        rule = "verb_clause" if clause.i > cue.i else "verb_parenthetical"
        return tidy(reading, clause.left_edge.i, clause.right_edge.i + 1), rule
    if cue.dep_ == "parataxis" and cue.head.i < cue.i:
        return _around_parenthetical(reading, cue), "verb_parenthetical"
    if entry.takes_object:
        obj = next((c for c in cue.children if c.dep_ in _OBJECTS), None)
        if obj is not None:
            return tidy(reading, obj.left_edge.i, obj.right_edge.i + 1), "verb_object"
    return None


def _around_parenthetical(reading: Reading, cue: Token) -> Span | None:
    """…, X said.  →  the clause before the attribution;  The plan, X said, will fail.  →  the whole clause."""
    head = cue.head
    clause = subtree(head)
    if cue.right_edge.i + 1 >= clause.end or all(t.is_punct for t in reading.doc[cue.right_edge.i + 1 : clause.end]):
        return tidy(reading, clause.start, cue.left_edge.i)
    return tidy(reading, clause.start, clause.end)


def _cue_span(cue: Token, entry: CueVerb) -> Span:
    doc = cue.doc
    if entry.particle is not None:
        particle = next((c for c in cue.children if c.lower_ == entry.particle), None)
        if particle is not None and particle.i == cue.i + 1:
            return doc[cue.i : cue.i + 2]
    return doc[cue.i : cue.i + 1]
