"""Words broken at a line end with a hyphen ("compa-\\nny") read as one word.

Ingest finds the breaks (ingest/reading_view.py); here, on the Doc, the pieces of a break whose joined form the
lemmatizer's word lists know, and whose hyphenated form they do not, become one token ("well-\\nknown" stays two
words). The token's text keeps the file's characters; its NORM and LEMMA, and the shape, prefix and suffix its
lexeme gives the model's tok2vec, are those of the joined word: the model reads "company", and the claims layer
finds the cue in "an-\\nnounced".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimx.extensions import HYPHENATED_BREAKS, JOINED_WORDS

_POS = ("noun", "verb", "adj", "adv")


class Vocabulary:
    """Whether a word is an English word: its base form (by the lemmatizer's suffix rules, or its list of
    irregular forms) is in the lemmatizer's word index (WordNet's nouns, verbs, adjectives and adverbs). Model data,
    so the answer never depends on which articles were read before."""

    def __init__(self, nlp: Language):
        lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
        tables = lookups.tables if lookups is not None else ()
        self.index = lookups.get_table("lemma_index") if "lemma_index" in tables else {}
        self.rules = lookups.get_table("lemma_rules") if "lemma_rules" in tables else {}
        self.exceptions = lookups.get_table("lemma_exc") if "lemma_exc" in tables else {}

    def __contains__(self, word: str) -> bool:
        return self.lemma(word) is not None

    def lemma(self, word: str) -> str | None:
        """The word's base form ("announced" → "announce", a verb's first), None for a word the lists do not know.
        Set on the merged token, so the lemmatizer (which keeps a lemma already set) does not lemmatize
        "an- nounced" into nothing a cue list knows."""
        for pos in _POS:
            forms = self.exceptions.get(pos, {}).get(word)
            if forms:
                return forms[0]
            index = self.index.get(pos, ())
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old) and word[:len(word) - len(old)] + new in index:
                    return word[:len(word) - len(old)] + new
            if word in index:
                return word
        return None


def join_hyphen_breaks(doc: Doc, breaks: list[tuple[int, int, str]], known: Vocabulary) -> Doc:
    """Merge the broken words the vocabulary knows; split the rest's "well-" into "well" "-", as the flowed
    "well-known" is tokenized."""
    spans, compounds = [], []
    for start, end, joined in breaks:
        word = joined.lower()
        head, tail = doc.text[start:end].split("-", 1)
        if word not in known or f"{head.lower()}-{tail.strip().lower()}" in known:
            compounds.append(start + len(head) + 1)  # where "well-" ends
            continue
        span = doc.char_span(start, end)
        if span is not None and len(span) > 1:
            spans.append((span, joined))
    if spans:
        _merge(doc, spans, known)
    if compounds:
        _split_compounds(doc, compounds)
        doc.user_data[HYPHENATED_BREAKS] = compounds
    return doc


def _merge(doc: Doc, spans: list, known: Vocabulary) -> None:
    bounds = [(span.start_char, span.end_char, joined) for span, joined in spans]
    with doc.retokenize() as retokenizer:
        for span, joined in spans:
            retokenizer.merge(span, attrs={"NORM": joined.lower(), "LEMMA": known.lemma(joined.lower())})
    doc.user_data[JOINED_WORDS] = [doc.char_span(start, end).start for start, end, _ in bounds]
    for start, end, joined in bounds:
        lexeme = doc.vocab[doc.text[start:end]]
        model = doc.vocab[joined]
        lexeme.shape_, lexeme.prefix_, lexeme.suffix_ = model.shape_, model.prefix_, model.suffix_
        lexeme.is_alpha, lexeme.is_lower = model.is_alpha, model.is_lower


def _split_compounds(doc: Doc, ends: list[int]) -> None:
    ends_at = set(ends)
    tokens = [t for t in doc if t.idx + len(t.text) in ends_at and len(t.text) > 1 and t.text.endswith("-")]
    with doc.retokenize() as retokenizer:
        for token in tokens:
            retokenizer.split(token, [token.text[:-1], "-"], heads=[(token, 0), (token, 0)])
