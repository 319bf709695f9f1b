"""The tense of the verb a date hangs on: "said Friday" is past, "will meet on Tuesday" future."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "ll"}
# Verbs that put the date they govern ahead of when they were said: "a vote is expected Friday", "plans a rally
# on Saturday" (unless said in the past of a date before them: "On Friday, the government planned to pay").
_SCHEDULING_VERBS = {"schedule", "slate", "expect", "due", "plan"}
# ... and the infinitive they govern: "planned to leave on Thursday".
_PLANNING_VERBS = _SCHEDULING_VERBS | {"set", "intend", "prepare", "aim", "hope", "want", "seek", "promise"}
# A preposition before the date can settle its direction whatever the verb: "postponed until Tuesday".
_PREPOSITION_TENSE = {"until": "future", "till": "future", "by": "future", "since": "past"}


def governing_tense(span: Span, parsed: bool | None = None) -> str | None:
    """'past', 'present' or 'future' from the verb the date hangs on; None when there is no parse or no verb.

    `parsed`: whether the document has a dependency parse, when the caller already knows (finding out walks the doc).
    """
    doc = span.doc
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return None  # "Wednesday's ruling": a thing that exists, whatever will be done with it
    said = _verb_right_before(span)
    if said is not None and said.tag_ == "VBD":
        return "past"  # "Toyota said on Friday it expects …": the parse may hang the date on what was said
    verb = _governing_verb(span) if (span.doc.has_annotation("DEP") if parsed is None else parsed) else None
    tense = _tense_of(verb) if verb is not None else None
    preposition = _preposition_before(span)
    if preposition in _PREPOSITION_TENSE:
        perfect_past = verb is not None and any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")
        return "past" if perfect_past else _PREPOSITION_TENSE[preposition]  # "Until Thursday, they had not…"
    if verb is not None and verb.lemma_ in _SCHEDULING_VERBS and (tense != "past" or span.start > verb.i):
        return "future"  # "plans a rally on Saturday", "has scheduled a briefing Thursday"
    return tense


def _verb_right_before(span: Span) -> Any:
    """The verb just before "on <date>" or a bare date ("said on Friday", "said Friday")."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ == "on":
        i -= 1
    return span.doc[i] if i >= 0 and span.doc[i].pos_ in ("VERB", "AUX") else None


def _governing_verb(span: Span) -> Any:
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("amod", "compound"):
            return verb
        if verb.head == verb:
            return None
        verb = verb.head
    return None


_CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "noon", "midnight", "o'clock", "est", "edt", "cst", "cdt", "pst", "pdt",
                "gmt", "bst", "cet", "cest", "utc", "et", "pt", "ct", "local", "time", ":"}


def _preposition_before(span: Span) -> str:
    """The word before the date, looking past a clock time ('until 9 a.m. EST Tuesday')."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 5 and (doc[i].lower_ in _CLOCK_WORDS or doc[i].like_num):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _tense_of(verb: Any, depth: int = 0) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if any(a.tag_ == "MD" for a in auxiliaries):
        return "future"  # could, may, might, should, would: not yet happened
    if any(a.lower_ == "to" for a in auxiliaries) and depth < 2:
        # "expected to vote Tuesday" looks ahead; "had been allowed to inspect since Jan. 13" looks back
        head = verb.head
        finite_past = head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children)
        planned = head.lemma_ in _PLANNING_VERBS
        return "past" if head != verb and finite_past and not planned else "future"
    if any(a.tag_ == "VBD" for a in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxiliaries):
            return "past"
        if any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return "present"
        if any(a.tag_ == "VBG" for a in auxiliaries) and depth < 2 and verb.head != verb:
            return _tense_of(verb.head, depth + 1)  # "going to start getting beaten up"
        return None  # "the plan announced Tuesday": no tense of its own
    if verb.tag_ == "VBG" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"  # "have been searching since Oct. 23"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "future"  # "is meeting on Tuesday"
    if verb.tag_ == "VBG" and not auxiliaries and depth < 2 and verb.head != verb:
        return _tense_of(verb.head, depth + 1)  # "can take part in planning for the summit in April"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and depth < 2 and verb.head != verb:
        return _tense_of(verb.head, depth + 1)
    return None
