"""Direct speech: each quotation and the cue that attributes it.

A quotation takes its cue from right after it (“…,” X said / “…,” said X / “…,” according to X), else from right
before it (X said: “…”, also across a paragraph break after a colon), else from a dash byline (“…” — Name). A quote
split by its attribution (“…,” X said. “…”) is one claim from the first opening mark to the last closing mark, as
news annotators mark it. A quote that runs on into the next paragraph, and a paragraph that is only a quotation
right after one quoting someone, keep the earlier claim's speaker.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.content import is_dash
from claimx.components.claims.nonverbal import source_phrase_at
from claimx.components.claims.reading import Found, Reading
from claimx.components.claims.speakers import describe_speaker, is_reported, speaking_subject, strip_marks

_WINDOW = 12  # tokens searched for a cue on either side of a quotation
_SENTENCE_END = frozenset({".", "!", "?"})


def direct_claims(reading: Reading) -> list[Found]:
    found: list[Found] = []
    claim_of_quote: dict[int, Found] = {}
    index = 0
    while index < len(reading.quotes):
        span = reading.quote_spans[index]
        claim = None
        if span is not None and not reading.excluded(span) and not _transcript_line(span):
            if _speech_like(reading, span):
                claim = _cue_after(reading, index) or _cue_before(reading, index) or _dash_byline(reading, index) \
                    or _after_a_reported_clause(reading, index)
            claim = claim or _continued(reading, index, claim_of_quote) or _follow_on(reading, index, found)
        if claim is None:
            index += 1
            continue
        first, last = _first_part(reading, index, claim_of_quote), _last_part(reading, index, claim)
        claim.content = reading.doc[reading.quote_spans[first].start : reading.quote_spans[last].end]
        if claim.cue is not None and claim.rule not in ("quote_continued", "quote_after_clause"):
            reading.used_cues.add(claim.cue.start)  # (the clause before "quote_after_clause" is the cue's claim too)
        for part in range(first, last + 1):
            claim_of_quote[part] = claim
        found.append(claim)
        index = last + 1
    return found


def _transcript_line(span: Span) -> bool:
    """A quoted transcript line, “PENCE: …”: the label names the speaker (nonverbal.py reads it)."""
    words = [t for t in span[:4] if not (t.is_punct or t.is_space)]
    return len(span) > 3 and bool(words) and words[0].is_upper and len(words[0]) > 1 and any(
        t.text == ":" for t in span[1:4])


def _first_part(reading: Reading, index: int, claim_of_quote: dict[int, Found]) -> int:
    """“A.  ¶  “B,” X said.  A quotation that runs over paragraphs is one claim: the attribution in its last
    paragraph covers the paragraphs before it."""
    while index > 0 and _carries_on(reading, index) and index - 1 not in claim_of_quote:
        index -= 1
    return index


def _carries_on(reading: Reading, index: int) -> bool:
    """The quote carries on the one left open in the paragraph before, opening with the same mark (a block quote in
    straight marks followed by a curly one is two quotations)."""
    quotes, text = reading.quotes, reading.doc.text
    return quotes[index].continues and reading.quote_spans[index - 1] is not None \
        and text[quotes[index].start] == text[quotes[index - 1].start]


def _speech_like(reading: Reading, span: Span) -> bool:
    """A quoted utterance rather than a quoted term: four words or more; or closed by , ? or ! inside the marks;
    or a whole sentence of its own (“We will appeal.” opening a sentence)."""
    words = sum(1 for token in span if not (token.is_punct or token.is_space))
    if words >= 4 or (words >= 1 and len(span) >= 3 and span[-2].text in {",", "?", "!"}):
        return True
    return words >= 2 and span[-2].text == "." and _opens_sentence(span)


def _opens_sentence(span: Span) -> bool:
    i = span.start - 1
    while i >= 0 and span.doc[i].is_space:
        i -= 1
    return i < 0 or "\n" in span.doc[i + 1].text or span.doc[i].text in _SENTENCE_END or span.doc[i].is_quote


def _cue_after(reading: Reading, index: int) -> Found | None:
    doc, span = reading.doc, reading.quote_spans[index]
    if not reading.quotes[index].closed or (len(span) > 2 and span[-2].text == "."):
        return None  # “… .” closes a sentence: what follows starts a new one
    for i in range(span.end, min(len(doc), span.end + _WINDOW)):
        token = doc[i]
        if reading.quote_of[i] >= 0 or "\n" in token.text:
            return None
        phrase = source_phrase_at(reading, i)
        if phrase is not None:
            cue, speaker_head = phrase
            return _claim(reading, span, "quote_cue_after", cue, speaker_head, 1.0)
        entry = reading.cue_verb(token) if i not in reading.used_cues else None
        if entry is not None:
            subject = speaking_subject(reading, token)
            if subject is None or subject.i < span.end or _has_own_content(reading, token):
                return None
            cue = _cue_span(token)
            resumed = index + 1 < len(reading.quotes) and _resumes(reading, index + 1, cue)
            if _inside_a_sentence(reading, span, min(subject.left_edge.i, token.i), resumed):
                return None  # A cashier who “steals …” is held accountable, X said: the verb rules read it whole
            return _claim(reading, span, "quote_cue_after", cue, subject, entry.weight)
        if token.text in _SENTENCE_END:
            return None
    return None


def _inside_a_sentence(reading: Reading, quote: Span, attribution: int, resumed: bool) -> bool:
    """The quotation is a piece of a sentence the attribution covers (mixed speech): words stand between it and the
    attribution (“…” to drive up prices, she said), or it opens in lower case after words of the same sentence and
    no quotation resumes after the attribution."""
    doc = reading.doc
    if any(not (t.is_punct or t.is_space) for t in doc[quote.end : attribution]):
        return True
    if resumed:
        return False
    first = next((t for t in quote if not (t.is_punct or t.is_space)), None)
    sentence = reading.sentence(quote[0])
    words_before = any(not (t.is_punct or t.is_space) for t in doc[sentence.start : quote.start])
    return first is not None and first.is_lower and words_before


def _cue_before(reading: Reading, index: int) -> Found | None:
    doc, span = reading.doc, reading.quote_spans[index]
    i, steps = span.start - 1, 0
    while i >= 0 and steps < _WINDOW:
        token = doc[i]
        if token.is_space:
            if "\n" in token.text and not _ends_with_colon(doc, i):
                return None
            i -= 1
            continue
        if reading.quote_of[i] >= 0 or token.text in _SENTENCE_END:
            return None
        phrase = source_phrase_at(reading, i)
        if phrase is not None:  # According to X: “…”
            cue, speaker_head = phrase
            return _claim(reading, span, "quote_cue_before", cue, speaker_head, 1.0)
        entry = reading.cue_verb(token) if i not in reading.used_cues else None
        if entry is not None:
            subject = speaking_subject(reading, token)
            if subject is None or _complement_before(reading, token, span) or is_reported(reading, token):
                return None
            return _claim(reading, span, "quote_cue_before", _cue_span(token), subject, entry.weight)
        if steps == 0 and token.lower_ == "that":
            return None  # said that “…”: the reported clause starts with "that"; the clause rules take it
        i -= 1
        steps += 1
    return None


def _after_a_reported_clause(reading: Reading, index: int) -> Found | None:
    """X said that the slowdown hit every unit: “Sales fell in all regions.” A quotation after the colon that ends a
    reported clause is the same speaker's; the clause is a claim of its own (indirect.py stops it at the colon)."""
    doc, span = reading.doc, reading.quote_spans[index]
    i = span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    sentence = reading.sentence(doc[i - 1])
    for token in reversed(doc[sentence.start : i]):
        entry = reading.cue_verb(token)
        if entry is not None and reading.quote_of[token.i] < 0:
            subject = speaking_subject(reading, token)
            if subject is None or not any(c.dep_ == "ccomp" and token.i < c.i < i for c in token.children):
                return None
            return _claim(reading, span, "quote_after_clause", _cue_span(token), subject, entry.weight)
    return None


def _dash_byline(reading: Reading, index: int) -> Found | None:
    """“…” — Jane Doe: a dash and a short name closing the line."""
    if not reading.quotes[index].closed:
        return None
    doc, span = reading.doc, reading.quote_spans[index]
    i = span.end
    if len(span[-1].text) > 1 and is_dash(span[-1].text[-1]):
        i = span.end - 1  # the tokenizer kept ”― together
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or not (is_dash(doc[i]) or i == span.end - 1):
        return None
    end = i + 1
    while end < len(doc) and "\n" not in doc[end].text and end - i <= 7:
        end += 1
    name = strip_marks(doc[i + 1 : end]) if end > i + 1 else None
    if name is None or end - i > 7 or not any(t.pos_ == "PROPN" for t in name) or any(t.pos_ == "VERB" for t in name):
        return None
    mention = reading.entity_in(name)
    return Found(span, "quote_dash", speaker=name, cue=doc[i : i + 1], direct=True,
                 speaker_kind="entity" if mention is not None else "nominal",
                 speaker_canonical=mention.text if mention is not None else None,
                 speaker_label=mention.label_ if mention is not None else None)


def _continued(reading: Reading, index: int, claim_of_quote: dict[int, Found]) -> Found | None:
    earlier = claim_of_quote.get(index - 1)
    if not reading.quotes[index].continues or earlier is None:
        return None
    return _same_speaker(earlier, reading.quote_spans[index], "quote_continued")


def _follow_on(reading: Reading, index: int, found: list[Found]) -> Found | None:
    """A paragraph that is only a quotation, right after a paragraph whose last claim quoted someone."""
    if not found or not found[-1].direct or found[-1].speaker is None:
        return None
    span = reading.quote_spans[index]
    paragraph = reading.paragraph(span[0])
    if not _only_spaces(reading, paragraph.start, span.start) or not _only_spaces(reading, span.end, paragraph.end):
        return None
    earlier = found[-1]
    previous = reading.paragraph_of[paragraph.start] - 1
    while previous >= 0 and not reading.paragraph_text(previous).strip():
        previous -= 1  # blank lines between paragraphs
    if previous < 0 or reading.paragraph_of[earlier.content.end - 1] != previous:
        return None
    return _same_speaker(earlier, span, "quote_follow_on")


def _only_spaces(reading: Reading, start: int, end: int) -> bool:
    return all(t.is_space for t in reading.doc[start:end])


def _same_speaker(earlier: Found, span: Span, rule: str) -> Found:
    return Found(span, rule, speaker=earlier.speaker, cue=earlier.cue, direct=True, speaker_kind=earlier.speaker_kind,
                 speaker_canonical=earlier.speaker_canonical, speaker_label=earlier.speaker_label, weight=earlier.weight)


def _last_part(reading: Reading, index: int, claim: Found) -> int:
    """The last quote this claim runs to: the part after a mid-quote attribution, and parts right next to it."""
    last = index
    if claim.rule == "quote_cue_after" and last + 1 < len(reading.quotes) and _resumes(reading, last + 1, claim.cue):
        last += 1
    while last + 1 < len(reading.quotes) and reading.quote_spans[last + 1] is not None and (
            _adjacent(reading, last) or _carries_on(reading, last + 1)):  # said: “A. ¶ “B. ¶ “C.”: one quotation
        last += 1
    return last


def _resumes(reading: Reading, following: int, cue: Span) -> bool:
    """The quote goes on after its attribution (“…,” X said. “…”): the next quote opens in the cue's sentence or
    right after it, in the same paragraph, and has no attribution of its own."""
    span = reading.quote_spans[following]
    sentence = reading.sentence(cue.root)
    if span is None or span.start <= cue.start or reading.quotes[following].continues:
        return False
    if reading.paragraph_of[span.start] != reading.paragraph_of[cue.start]:
        return False
    if span.start >= sentence.end and not _only_spaces(reading, sentence.end, span.start):
        return False
    if not _speech_like(reading, span) or _cue_after(reading, following) is not None:
        return False
    # Between the parts only the attribution: no new cue (…, adding, “…”) and no clause of its own joined to it
    # (“…,” she said, but he was gone, “…”); "said as she left" and "X, who runs Y," belong to the attribution.
    for token in reading.doc[cue.end : span.start]:
        if token.pos_ == "VERB" and reading.cue_verb(token) is not None and not _subordinate_to(token, cue.root):
            return False  # a new attribution; "after he failed to show up", "the hearing he was called to" are not
        if token.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") for c in token.children) \
                and not _subordinate_to(token, cue.root):
            return False
    return True


def _subordinate_to(token: Token, cue: Token) -> bool:
    """The token hangs below the cue through anything but a conjunction (a relative or adverbial clause)."""
    for _ in range(8):
        if token.dep_ in ("relcl", "acl"):
            return True
        if token.head.i == cue.i:
            return token.dep_ != "conj"
        if token.head == token:
            return False
        token = token.head
    return False


def _adjacent(reading: Reading, index: int) -> bool:
    """The next quote starts right after this one in the same paragraph, nothing but spaces between."""
    here, following = reading.quotes[index], reading.quotes[index + 1]
    gap = reading.text[here.end : following.start]
    return here.closed and not following.continues and not gap.strip() and "\n" not in gap


def _claim(reading: Reading, span: Span, rule: str, cue: Span, subject: Token, weight: float) -> Found:
    speaker, kind, canonical, label = describe_speaker(reading, subject, cue)
    return Found(span, rule, speaker=speaker, cue=cue, direct=True, speaker_kind=kind,
                 speaker_canonical=canonical, speaker_label=label, weight=weight)


def _cue_span(token: Token) -> Span:
    return token.doc[token.i : token.i + 1]


def _has_own_content(reading: Reading, cue: Token) -> bool:
    """The cue reports a clause of its own after it (“…” Smith said the plan …): it does not attribute the quote."""
    return any(c.dep_ == "ccomp" and c.i > cue.i and reading.quote_of[c.i] < 0 for c in cue.children)


def _complement_before(reading: Reading, cue: Token, quote: Span) -> bool:
    """The cue's reported clause starts before the quotation (said the plan “…”): mixed speech, not a whole quote."""
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and child.left_edge.i < quote.start and child.left_edge.i > cue.i:
            return True
    return False


def _ends_with_colon(doc, space_index: int) -> bool:
    before = space_index - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    return before >= 0 and doc[before].text == ":"

