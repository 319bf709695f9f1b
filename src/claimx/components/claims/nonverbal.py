"""Claims whose cue is not a reporting verb: "according to X", "in X's view", "X's statement that …", "NAME: …"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.content import subtree, tidy
from claimx.components.claims.reading import Found, Reading
from claimx.components.claims.speakers import (canonical_name, describe_speaker, interviewee, person_named,
                                                strip_marks)

_SPEAKER_COLON_MAX = 5  # tokens in a "NAME:" prefix
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "i'm", "we're", "i've", "we've"})


def source_phrase_at(reading: Reading, i: int) -> tuple[Span, Token] | None:
    """("according to", head of X) when a source phrase starts at token i and has an object."""
    doc = reading.doc
    for words in reading.lexicon.source_phrases:
        end = i + len(words)
        if end <= len(doc) and all(doc[i + k].lower_ == word for k, word in enumerate(words)):
            source = _object_of(doc[end - 1])
            return (doc[i:end], source) if source is not None else None
    return None


def nonverbal_claims(reading: Reading) -> list[Found]:
    found: list[Found] = []
    first_words = {words[0] for words in reading.lexicon.source_phrases}
    lexicon = reading.lexicon
    for i, lower in enumerate(reading.lowers):
        statement = reading.lemmas[i] in lexicon.statement_nouns
        if not (statement or lower in first_words or lower in lexicon.view_nouns):
            continue
        token, claim = reading.doc[i], None
        if lower in first_words:
            claim = _source_phrase_claim(reading, token)
        elif lower in lexicon.view_nouns:
            claim = _view_claim(reading, token)
        if claim is None and statement:
            claim = _statement_claim(reading, token)
        if claim is not None and reading.quote_of[token.i] < 0 and not reading.excluded(token):
            found.append(claim)
    found.extend(_speaker_colon_claims(reading))
    return found


def _source_phrase_claim(reading: Reading, token: Token) -> Found | None:
    phrase = source_phrase_at(reading, token.i)
    if phrase is None:
        return None
    cue, source = phrase
    content = _clause_around(reading, token, cue.start, source.right_edge.i + 1)
    # "…, beating the analysts' estimate, according to LSEG data": the source of a figure, not a statement
    rule = "source_phrase_figure" if _hangs_from_participle(token) else "source_phrase"
    return _found(reading, content, rule, cue, source) if content is not None else None


def _hangs_from_participle(token: Token) -> bool:
    """The phrase qualifies a participle phrase that opens at its verb (beating X, according to Y), not a clause."""
    head = token.head
    return head != token and head.tag_ == "VBG" and head.dep_ in ("advcl", "acl", "xcomp", "conj") \
        and head.left_edge.i == head.i


def _view_claim(reading: Reading, noun: Token) -> Found | None:
    """In X's view, …"""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if noun.head.lower_ != "in" or owner is None:
        return None
    preposition = noun.head
    content = _clause_around(reading, preposition, preposition.i, noun.right_edge.i + 1)
    return _found(reading, content, "view_phrase", noun.doc[noun.i : noun.i + 1], owner) if content else None


def _statement_claim(reading: Reading, noun: Token) -> Found | None:
    """X's statement that …  /  the claim by X that …"""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        owner = _object_of(by) if by is not None else None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos", "relcl")
                   and c.i > noun.i and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None)
    if owner is None or clause is None or owner.lower_ in reading.lexicon.relative_pronouns:
        return None
    content = tidy(reading, clause.left_edge.i, clause.right_edge.i + 1)
    return _found(reading, content, "statement_noun", noun.doc[noun.i : noun.i + 1], owner) if content else None


def _speaker_colon_claims(reading: Reading) -> list[Found]:
    """NAME: text at the start of a paragraph: a transcript, an interview, a headline-style attribution (`Poll: …`,
    `Harris: “…”`). In a Q&A the interviewer's lines (Q:) are never claims and the answers (A:) are the
    interviewee's. Unquoted text after a name is speech only in a transcript (two labelled lines or more), when it
    speaks in the first person or quotes (Sanders: Clinton needs to 'get away from …'): "Julie Rodriguez: the woman
    behind the bid" names a topic, "MORE:" and "New Delhi:" nobody."""
    doc, lexicon = reading.doc, reading.lexicon
    lines = []
    for start in reading.paragraph_starts():
        colon = next((t.i for t in doc[start : start + _SPEAKER_COLON_MAX + 1] if t.text == ":" or "\n" in t.text), None)
        if colon is None or colon == start or doc[colon].text != ":":
            continue
        if any(t.text == "(" for t in doc[start:colon]) and not any(t.text == ")" for t in doc[start:colon]):
            continue  # "Vessel Freight Inc. (Nasdaq: VFI) said …": a colon inside brackets names no speaker
        name = strip_marks(doc[start:colon])
        label = name.text.lower()
        if label in lexicon.question_labels or (label in lexicon.not_speakers and label not in lexicon.answer_labels):
            continue
        end = colon + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        content = tidy(reading, colon + 1, end)
        if content is not None and len(content) >= 4 and not reading.excluded(content):
            lines.append((name, colon, content))
    transcript = len({name.text for name, _, _ in lines if _label_case(name)}) >= 2  # PENCE: … WALLACE: …
    found = []
    for name, colon, content in lines:
        cue = doc[colon : colon + 1]
        if len(name) > 1 and name[0].lemma_.lower() in lexicon.verbs:  # Said Ellis: “…”
            cue, name = name[:1], name[1:]
        elif len(name) > 1 and name[-1].pos_ in ("VERB", "AUX") and name[-1].lemma_.lower() in lexicon.verbs:
            continue  # "Berg said: …" is a verb's claim (direct.py, indirect.py), not a label
        quoted = reading.quote_of[content.start] >= 0
        speech = quoted or transcript or any(t.lower_ in _FIRST_PERSON or reading.quote_of[t.i] >= 0 for t in content)
        speaker = _colon_speaker(reading, name, quoted, speech)
        if speaker is None:
            continue
        kind, canonical, entity_label = speaker
        found.append(Found(content, "speaker_colon", speaker=name, cue=cue, speaker_kind=kind, direct=quoted,
                           speaker_canonical=canonical, speaker_label=entity_label))
    return found


def _label_case(name: Span) -> bool:
    """A transcript's speaker label: a name in capitals (PENCE, Q, A), not a section label (MORE, THE FACTS)."""
    return all(t.is_upper and not t.is_stop for t in name if t.is_alpha) and any(t.is_alpha for t in name)


def _colon_speaker(reading: Reading, name: Span, quoted: bool, speech: bool
                   ) -> tuple[str, str | None, str | None] | None:
    """(kind, canonical, label) when the label before a colon names a speaker: an answer label (the interviewee); a
    poll (Poll: …); when what follows is speech, a person or an organisation, a name in capitals (a transcript's
    PENCE, resolved to the Mike Pence of the article) or a capitalised name before a quotation (Harris: “…”)."""
    if name.text.lower() in reading.lexicon.answer_labels:
        person = interviewee(reading)
        return ("resolved", canonical_name(reading, person) or person.text, "PERSON") if person is not None else None
    if name.root.lemma_.lower() in reading.lexicon.colon_sources:
        return "nominal", None, None
    if not speech:
        return None
    mention = reading.entity_in(name)
    if mention is not None:
        return ("entity", canonical_name(reading, mention), mention.label_) \
            if mention.label_ in ("PERSON", "ORG") else None
    person = person_named(reading, name)
    if person is not None:
        return "resolved", canonical_name(reading, person) or person.text, "PERSON"
    if _label_case(name) or (quoted and name[0].is_title and all(t.is_title or t.is_punct for t in name)):
        return "nominal", None, None
    return None


def _clause_around(reading: Reading, anchor: Token, cut_start: int, cut_end: int) -> Span | None:
    """The clause the phrase [cut_start, cut_end) hangs from, without the phrase when it opens or closes it."""
    head = anchor.head if anchor.head != anchor else anchor
    clause = subtree(head) if head.pos_ in ("VERB", "AUX") else reading.sentence(anchor)
    start, end = clause.start, clause.end
    doc = reading.doc
    before = tidy(reading, start, cut_start)
    after = tidy(reading, cut_end, end)
    if before is None or all(t.is_punct for t in doc[start:cut_start]):
        return after
    if after is None or all(t.is_punct for t in doc[cut_end:end]):
        return before
    return tidy(reading, start, end)


def _object_of(preposition: Token) -> Token | None:
    obj = next((c for c in preposition.children if c.dep_ in ("pobj", "dobj", "pcomp")), None)
    if obj is None and preposition.i + 1 < len(preposition.doc):  # the parser sometimes hangs X elsewhere
        following = preposition.doc[preposition.i + 1]
        if following.pos_ in ("PROPN", "NOUN", "PRON", "DET"):
            obj = following if following.pos_ != "DET" else following.head
    return obj


def _found(reading: Reading, content: Span, rule: str, cue: Span, source: Token) -> Found:
    speaker, kind, canonical, label = describe_speaker(reading, source, cue)
    return Found(content, rule, speaker=speaker, cue=cue, speaker_kind=kind, speaker_canonical=canonical,
                 speaker_label=label)
