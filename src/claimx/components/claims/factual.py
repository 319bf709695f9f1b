"""Factual claims: unattributed sentences that assert a checkable number about a named entity.

"Nordvik's revenue rose 12% in 2024" is a claim a fact-checker can verify even though nobody is quoted. A sentence
qualifies when its subject holds a named entity and it holds money, a percentage or a written number; questions,
headlines, masked chrome, quotations and sentences already carrying an attributed claim never do.
"""

from __future__ import annotations

from spacy.tokens import Span

from claimx.components.claims.content import tidy
from claimx.components.claims.reading import Found, Reading
from claimx.components.claims.speakers import noun_phrase

_NUMBER_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
_SUBJECTS = ("nsubj", "nsubjpass")


def factual_claims(reading: Reading, attributed: list[Found]) -> list[Found]:
    taken = [False] * len(reading.doc)
    for claim in attributed:
        for part in (claim.content, claim.speaker, claim.cue):
            for i in range(part.start, part.end) if part is not None else ():
                taken[i] = True
    numbers = _checkable_numbers(reading)
    found = []
    for sentence in reading.sentences:
        if reading.excluded(sentence) or reading.in_headline(sentence) or any(taken[sentence.start : sentence.end]) or _is_question(sentence):
            continue
        if _mostly_quoted(reading, sentence) or not any(numbers[sentence.start : sentence.end]):
            continue
        subject = _entity_subject(reading, sentence)
        content = tidy(reading, sentence.start, sentence.end)
        if subject is None or content is None or _listing(content):
            continue
        found.append(Found(content, "factual_number", subject=subject))
    return found


def _listing(content: Span) -> bool:
    """A table row, an address block, a contact line or a fixture list rather than a sentence: it runs over a line
    break, holds an e-mail address or a URL, or opens with a verbless label holding numbers before a colon ("No. 17 Denver South (7-4) at Palmer Ridge, 7 p.m.: …")."""
    if any("\n" in t.text or t.like_email or t.like_url for t in content):
        return True  # over a line break, or contact details (Contact the reporter at …@… or 541-…)
    colon = next((t.i for t in content if t.text == ":"), None)
    if colon is None:
        return False
    label = content.doc[content.start : colon]
    return not any(t.pos_ in ("VERB", "AUX") for t in label) and any(t.like_num for t in label)


def _is_question(sentence: Span) -> bool:
    return "?" in sentence.text.rstrip()[-3:]


def _mostly_quoted(reading: Reading, sentence: Span) -> bool:
    return sum(1 for t in sentence if reading.quote_of[t.i] >= 0) * 2 > len(sentence)


def _checkable_numbers(reading: Reading) -> list[bool]:
    """Per token: True where money, a percentage or a written number (with digits) starts, dates excluded."""
    marks = [False] * len(reading.doc)
    for money in reading.money:
        marks[money.start] = True
    dated = {i for date in reading.dates for i in range(date.start, date.end)}
    for ent in reading.doc.ents:
        if ent.label_ in _NUMBER_LABELS and ent.start not in dated:
            if ent.label_ in ("PERCENT", "MONEY") or any(c.isdigit() for c in ent.text):
                marks[ent.start] = True
    return marks


def _entity_subject(reading: Reading, sentence: Span) -> Span | None:
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return None
    phrase = noun_phrase(subject)
    return phrase if reading.mentions_within(phrase) else None
