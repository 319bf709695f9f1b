"""claimx_claims: who said what. A first cut: a reporting verb, its subject as speaker, its clause as content."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.assets import load_lines
from claimx.extensions import in_ranges

_QUOTES = "\"“”'‘’"


@Language.factory("claimx_claims", assigns=["doc._.claimx_claims"], default_config={})
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent(cue_lemmas=frozenset(load_lines("claims", "cue_verbs.txt")))


class ClaimsComponent:
    def __init__(self, cue_lemmas: frozenset[str]):
        self.cue_lemmas = cue_lemmas

    def __call__(self, doc: Doc) -> Doc:
        claims = []
        skip = (doc._.claimx_masked or []) + (doc._.claimx_headlines or [])
        for sent in doc.sents:
            if in_ranges(sent.start_char, sent.end_char, skip):
                continue
            for token in sent:
                claim = self._claim_from_cue(token, sent)
                if claim is not None:
                    claims.append(claim)
        doc._.claimx_claims = claims
        return doc

    def _claim_from_cue(self, cue: Token, sent: Span) -> dict | None:
        if cue.pos_ != "VERB" or cue.lemma_.lower() not in self.cue_lemmas:
            return None
        subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        speaker = sent.doc[subject.left_edge.i : subject.right_edge.i + 1]
        clause = next((c for c in cue.children if c.dep_ in ("ccomp", "parataxis")), None)
        if clause is not None:
            content = _strip(sent.doc[clause.left_edge.i : clause.right_edge.i + 1])
        else:
            content = _strip(sent.doc[sent.start : min(speaker.start, cue.i)])
        if content is None or len(content) < 2:
            return None
        direct = content.start > 0 and sent.doc[content.start - 1].text in _QUOTES
        return {"content": content, "speaker": speaker, "cue": sent.doc[cue.i : cue.i + 1], "direct": direct,
                "date": None, "score": 0.5, "speaker_canonical": None, "subject": None}


def _strip(span: Span) -> Span | None:
    """Trim punctuation, quotes and the complementizer 'that' from the edges of a content span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ == "that"):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if end > start else None
