"""What the claims layer knows about one document before it looks for claims: quotes, paragraphs, mentions, cues,
and the ranges (masked chrome, headlines) no claim may come from."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from claimx.components.claims.lexicon import CueVerb, Lexicon
from claimx.components.claims.quotes import Quote, find_quotes
from claimx.extensions import DATES_KEY, ENTITIES_KEY, MONEY_KEY, doc_text, in_ranges

QUOTE_MARKS = frozenset({'"', "“", "”", "„", "«", "»", "``", "''", "‘", "’", "'"})
_PROMO_LABEL_MAX = 5  # words in a label like "YOU MAY ALSO LIKE:"
_NER_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE"}


@dataclass
class Found:
    """A claim under construction; the component turns it into the doc._.claimx_claims dict."""

    content: Span
    rule: str
    speaker: Span | None = None
    cue: Span | None = None
    direct: bool = False
    speaker_kind: str = "none"  # entity | nominal | resolved | pronoun | none
    speaker_canonical: str | None = None
    speaker_label: str | None = None  # PERSON/ORG/PLACE when the speaker is, or stands for, such an entity
    subject: Span | None = None
    weight: float = 1.0  # the cue's weight


@dataclass
class Reading:
    doc: Doc
    lexicon: Lexicon
    text: str = field(init=False)  # doc.text
    quotes: list[Quote] = field(init=False)
    quote_spans: list[Span | None] = field(init=False)
    quote_of: list[int] = field(init=False)  # token index → index of the quote holding it, or -1
    paragraph_of: list[int] = field(init=False)  # token index → paragraph number (a line break starts one)
    sentences: list[Span] = field(init=False)
    sentence_of: list[int] = field(init=False)  # token index → index into `sentences` (Token.sent rescans each time)
    mentions: list[Span] = field(init=False)  # PERSON/ORG/PLACE entities, in text order
    dates: list[Span] = field(init=False)
    money: list[Span] = field(init=False)
    used_cues: set[int] = field(default_factory=set)  # tokens already serving as a claim's cue
    # Per token, read once from one array: the finders scan these, and make a Token only where a cue may stand.
    lowers: list[str] = field(init=False)
    lemmas: list[str] = field(init=False)  # lower-cased
    verbs: list[int] = field(init=False)  # indices of the tokens tagged VERB

    def __post_init__(self) -> None:
        doc = self.doc
        self.text = doc_text(doc)
        string = doc.vocab.strings.__getitem__
        columns = doc.to_array([LOWER, LEMMA, POS]).T.tolist() if len(doc) else [[], [], []]
        self.lowers = list(map(string, columns[0]))
        self.lemmas = list(map(str.lower, map(string, columns[1])))
        self.verbs = [i for i, pos in enumerate(columns[2])
                      if pos == VERB or (self.lemmas[i] in self.lexicon.verbs and _acts_as_verb(doc[i]))]
        self.quotes = find_quotes(self.text)
        self.quote_spans = [doc.char_span(q.start, q.end, alignment_mode="expand") for q in self.quotes]
        self.quote_of = [-1] * len(doc)
        for index, span in enumerate(self.quote_spans):
            for i in range(span.start, span.end) if span is not None else ():
                self.quote_of[i] = index
        self.paragraph_of, self._paragraph_bounds = _paragraphs(self.lowers, doc)
        self.sentences = list(doc.sents)
        self.sentence_of = [0] * len(doc)
        for index, sentence in enumerate(self.sentences):
            self.sentence_of[sentence.start : sentence.end] = [index] * len(sentence)
        self._date_starts = []  # filled below, once the dates are sorted
        self.mentions = _sorted(_entities(doc))
        self.dates = _sorted(doc.spans[DATES_KEY]) if DATES_KEY in doc.spans else []
        self._date_starts = [d.start_char for d in self.dates]
        self.money = _sorted(doc.spans[MONEY_KEY]) if MONEY_KEY in doc.spans else []
        self._mention_starts = [m.start_char for m in self.mentions]
        self._masked = list(doc._.claimx_masked or []) + self._promo_lines()
        self._headlines = list(doc._.claimx_headlines or [])

    def _promo_lines(self) -> list[tuple[int, int]]:
        """Paragraphs opened by a link or promo label ("MORE: …", "Sign up: …"): lists of links never claim."""
        lines = []
        for start, end in self._paragraph_bounds:
            colon = next((i for i in range(start, min(end, start + _PROMO_LABEL_MAX + 1)) if self.lowers[i] == ":"), None)
            if colon is not None and colon > start and " ".join(self.lowers[start:colon]) in self.lexicon.promo_labels:
                lines.append((self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)))
        return lines

    def sentence(self, token: Token, back: int = 0) -> Span:
        """The token's sentence, or the one `back` sentences before it (the first, when there are fewer)."""
        return self.sentences[max(0, self.sentence_of[token.i] - back)]

    def dates_within(self, start: int, end: int) -> list[Span]:
        """Date mentions inside the character range, in text order."""
        within = []
        for date in self.dates[bisect_left(self._date_starts, start) :]:
            if date.start_char >= end:
                break
            if date.end_char <= end:
                within.append(date)
        return within

    def paragraph(self, token: Token) -> Span:
        """The tokens of the token's paragraph (line)."""
        start, end = self._paragraph_bounds[self.paragraph_of[token.i]]
        return self.doc[start:end]

    def paragraph_starts(self) -> list[int]:
        """The first token of each paragraph (none past the end)."""
        return [start for start, _ in self._paragraph_bounds if start < len(self.doc)] or [0]

    def paragraph_text(self, number: int) -> str:
        start, end = self._paragraph_bounds[number]
        return self.doc[start:end].text if end > start else ""

    def excluded(self, span: Span | Token) -> bool:
        """Masked chrome never yields a claim."""
        return in_ranges(*_chars(span), self._masked)

    def in_headline(self, span: Span | Token) -> bool:
        """Headlines yield a claim only when they attribute one (the component decides which rules may)."""
        return in_ranges(*_chars(span), self._headlines)

    def cue_verb(self, token: Token) -> CueVerb | None:
        """The lexicon entry when `token` is a reporting verb here (with its particle, if the entry needs one)."""
        if token.pos_ != "VERB" and not _acts_as_verb(token):
            return None
        for entry in self.lexicon.verbs.get(token.lemma_.lower(), ()):
            if entry.particle is None or any(c.lower_ == entry.particle for c in token.children):
                return entry
        return None

    def mentions_before(self, char: int) -> Iterator[Span]:
        """Entity mentions ending before `char`, nearest first."""
        for index in range(bisect_left(self._mention_starts, char) - 1, -1, -1):
            if self.mentions[index].end_char <= char:
                yield self.mentions[index]

    def mentions_within(self, span: Span) -> list[Span]:
        within = []
        for index in range(bisect_left(self._mention_starts, span.start_char), len(self.mentions)):  # no slice copy
            mention = self.mentions[index]
            if mention.start_char >= span.end_char:
                break
            if mention.end_char <= span.end_char:
                within.append(mention)
        return within

    def entity_in(self, span: Span) -> Span | None:
        """The entity mention that makes up most of `span` (its head is inside it), if any."""
        for mention in self.mentions_within(span):
            if len(mention) >= len(span) - 1 or _root(mention).i == _root(span).i:
                return mention
        return None


def _acts_as_verb(token: Token) -> bool:
    """A reporting verb the tagger took for a noun ("Leaked documents show he …", "Trump claims that …") but the
    parser reads as a verb: it heads a clause with a subject and a complement."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("ROOT", "ccomp", "conj", "relcl"):
        return False
    children = [c.dep_ for c in token.children]
    return "nsubj" in children and any(d in ("ccomp", "dobj") for d in children)


def _chars(span: Span | Token) -> tuple[int, int]:
    if isinstance(span, Token):
        return span.idx, span.idx + len(span.text)
    return span.start_char, span.end_char


def _root(span: Span) -> Token:
    """`span.root` in the span's length: spaCy's walks up to the sentence root for a span without one, which is
    as deep as a chain of reporting clauses is long ("Acme said that Acme said that …": quadratic)."""
    outside = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    return outside[0] if len(outside) == 1 else span.root


def is_quote_mark(token: Token) -> bool:
    return token.text in QUOTE_MARKS


def is_line_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _paragraphs(lowers: list[str], doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Each token's paragraph number, and each paragraph's token range (a line break opens the next one)."""
    numbers, bounds, start = [], [], 0
    for i, lower in enumerate(lowers):
        if "\n" in lower and doc[i].is_space:
            bounds.append((start, i))
            start = i + 1
        numbers.append(len(bounds))
    bounds.append((start, len(doc)))
    return numbers, bounds


def _entities(doc: Doc) -> list[Span]:
    if ENTITIES_KEY in doc.spans:
        return list(doc.spans[ENTITIES_KEY])
    return [Span(doc, e.start, e.end, label=_NER_LABELS[e.label_]) for e in doc.ents if e.label_ in _NER_LABELS]


def _sorted(spans) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start_char, s.end_char))
