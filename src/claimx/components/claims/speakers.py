"""Who is speaking: the subject of a cue as a full noun phrase, and what a pronoun speaker stands for."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.reading import Reading, is_line_break, is_quote_mark

_CLIMB = ("conj", "xcomp", "advcl")  # "…, adding that", "went on to say": the subject is the head verb's
_ANTECEDENT_WINDOW = 1500  # characters back to look for what a pronoun stands for
_ANTECEDENT_TRIES = 8


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs from for participles, infinitives and conjuncts."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in _CLIMB or verb.head is verb:
            return None
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return None  # urged voters to say: the one saying is the object, not the subject
        verb = verb.head
    return None


def noun_phrase(head: Token) -> Span:
    """The head's phrase with appositions ("Jane Doe, the chief executive") but without relative clauses, and never
    across a line break or a quotation mark (a parse that runs over them has gone astray)."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.i > head.i:
            end = min(end, child.left_edge.i)
    for i in range(start, end):
        if is_line_break(doc[i]) or is_quote_mark(doc[i]):
            if i < head.i:
                start = i + 1
            elif i > head.i:
                end = i
                break
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].dep_ == "case" or _loose_punct(doc[start:end])):
        end -= 1
    return doc[start:end] if end > start else doc[head.i : head.i + 1]


def _loose_punct(span: Span) -> bool:
    """The span ends in punctuation that does not close a bracket opened inside it."""
    last = span[-1]
    if not last.is_punct:
        return False
    return not (last.text == ")" and any(t.text == "(" for t in span))


def describe_speaker(reading: Reading, subject: Token) -> tuple[Span, str, str | None]:
    """The speaker span, its kind (entity | nominal | resolved | pronoun) and its canonical name."""
    doc = reading.doc
    lower = subject.lower_
    if lower in reading.lexicon.relative_pronouns and subject.head.dep_ == "relcl":
        antecedent = noun_phrase(subject.head.head)
        return doc[subject.i : subject.i + 1], "resolved", _canonical(reading, antecedent) or antecedent.text
    if lower in reading.lexicon.pronoun_labels:
        speaker = doc[subject.i : subject.i + 1]
        antecedent = resolve_pronoun(reading, subject)
        if antecedent is None:
            return speaker, "pronoun", None
        return speaker, "resolved", _canonical(reading, antecedent) or antecedent.text
    speaker = noun_phrase(subject)
    mention = reading.entity_in(speaker)
    if mention is not None:
        return speaker, "entity", _canonical(reading, mention)
    return speaker, "nominal", None


def resolve_pronoun(reading: Reading, pronoun: Token) -> Span | None:
    """The nearest earlier mention the pronoun can stand for (he/she → PERSON, it → ORG), preferring a mention
    that was a subject itself, and skipping mentions inside quotations (a quote's names are rarely its speaker)."""
    label = reading.lexicon.pronoun_labels.get(pronoun.lower_)
    if label is None:
        return None
    nearest = None
    for tries, mention in enumerate(reading.mentions_before(pronoun.idx)):
        if tries >= _ANTECEDENT_TRIES or pronoun.idx - mention.end_char > _ANTECEDENT_WINDOW:
            break
        if mention.label_ != label or reading.quote_of[mention.start] >= 0:
            continue
        if mention.root.dep_.startswith("nsubj"):
            return mention
        nearest = nearest or mention
    return nearest


def _canonical(reading: Reading, span: Span) -> str | None:
    mention = reading.entity_in(span)
    if mention is None:
        return None
    values = mention._.claimx_entity or {}
    return values.get("canonical") or mention.text


def strip_marks(span: Span) -> Span:
    """Drop quotation marks and punctuation from a span's edges."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or is_quote_mark(doc[start])):
        start += 1
    while end > start and (doc[end - 1].is_punct or is_quote_mark(doc[end - 1])):
        end -= 1
    return doc[start:end] if end > start else span
