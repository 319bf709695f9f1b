"""Who is speaking: the subject of a cue as a full noun phrase, and what a pronoun speaker stands for."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from claimx.components.claims.reading import Found, Reading, is_line_break, is_quote_mark
from claimx.extensions import DATES_KEY, ENTITIES_KEY

_CLIMB = ("conj", "xcomp", "advcl")  # "…, adding that", "went on to say": the subject is the head verb's
_GERUND_PREPOSITIONS = frozenset({"by", "after", "before", "while", "since", "for"})
_ANTECEDENT_WINDOW = 1500  # characters back to look for what a pronoun stands for
_ANTECEDENT_TRIES = 8
_NOT_AGENT_ENTITIES = frozenset({"DATE", "TIME", "MONEY"})  # "63 percent said" are people polled: they speak


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs from for participles, infinitives and conjuncts."""
    for _ in range(4):
        # the nearest one: the parser may hang a second subject from inside a quotation on the cue
        subject = min((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None:
            return None if subject.tag_ in ("WP", "WDT") and verb.dep_ != "relcl" else subject  # Who said …?
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
            return _gerund_speaker(verb)
        if verb.dep_ not in _CLIMB or verb.head == verb:
            return None
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return None  # urged voters to say: the one saying is the object, not the subject
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp":
            verb = verb.head  # X said sales rose, citing demand: the parse hangs "citing" on what X said
        elif verb.dep_ == "conj" and verb.tag_ in _FINITE and _infinitive(verb.head) and verb.head.head != verb.head:
            verb = verb.head  # X expects margins to improve and said …: "said" goes with "expects", not "improve"
        verb = verb.head
    return None


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _gerund_speaker(verb: Token) -> Token | None:
    """began by saying …, apologized after saying …: the subject of the verb the phrase hangs from; criticized Oz for
    saying …: its object."""
    preposition = verb.head
    head = preposition.head
    if head.pos_ not in ("VERB", "AUX") or preposition.lower_ not in _GERUND_PREPOSITIONS:
        return None
    if preposition.lower_ == "for":
        target = next((c for c in head.children if c.dep_ == "dobj"), None)
        if target is not None:
            return target
    return subject_of(head)


def speaking_subject(reading: Reading, cue: Token) -> Token | None:
    """The cue's subject, unless the parse found it inside a quotation the cue is not in (“That is smart” —
    and, asked again, asserting …: "That" does not speak) or in another paragraph."""
    subject = subject_of(cue)
    if subject is None or reading.quote_of[subject.i] not in (-1, reading.quote_of[cue.i]):
        return None
    if reading.paragraph_of[subject.i] != reading.paragraph_of[cue.i]:
        return None  # a byline or a heading the parser joined to the next paragraph's sentence
    return subject


def is_reported(reading: Reading, verb: Token) -> bool:
    """The verb sits inside what another reporting verb reports (X said she recalled …): it is part of that
    claim's content, not an attribution of its own."""
    token = verb
    for _ in range(8):
        if token.head == token:
            return False
        if token.dep_ in ("ccomp", "xcomp") and reading.cue_verb(token.head) is not None:
            return True
        token = token.head
    return False


def noun_phrase(head: Token, barrier: Span | None = None) -> Span:
    """The head's phrase with appositions ("Jane Doe, the chief executive") but without relative clauses, and never
    across a line break, a quotation mark or the `barrier` (the cue): a parse that runs over them has gone astray."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if barrier is not None and head.i < barrier.start:
        end = min(end, barrier.start)
    elif barrier is not None and head.i >= barrier.end:
        start = max(start, barrier.end)
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
    start, end = _whole_names(doc, start, end, barrier)
    end = _before_trailing_date(doc, start, end, head)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].dep_ == "case" or _loose_punct(doc[start:end])):
        end -= 1
    opened = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opened is not None and not any(t.text == ")" for t in doc[opened:end]):
        end = opened  # "LSI Industries Inc. (Nasdaq: LYTS, …": the bracket closes outside the phrase
    return doc[start:end] if end > start else doc[head.i : head.i + 1]


def _whole_names(doc: Doc, start: int, end: int, barrier: Span | None) -> tuple[int, int]:
    """A name the parse cut short is the speaker whole: "The Mail on Sunday", not "The Mail" (only to the right: a
    name reaching left of the phrase is more often the entity layer's slip, "Say Mexico")."""
    for name in doc.spans.get(ENTITIES_KEY, ()):
        if start <= name.start < end < name.end and (barrier is None or not (
                name.start < barrier.end and barrier.start < name.end)):
            end = name.end
    return start, end


def _before_trailing_date(doc: Doc, start: int, end: int, head: Token) -> int:
    """"an exchange filing on Thursday", "the statement late Tuesday": the date is when, not who."""
    for date in doc.spans.get(DATES_KEY, ()):
        if head.i < date.start < end <= date.end:
            cut = date.start - 1 if date.start - 1 > head.i and doc[date.start - 1].pos_ == "ADP" else date.start
            return cut
    return end


def _loose_punct(span: Span) -> bool:
    """The span ends in punctuation that does not close a bracket opened inside it."""
    last = span[-1]
    if not last.is_punct:
        return False
    return not (last.text == ")" and any(t.text == "(" for t in span))


def describe_speaker(reading: Reading, subject: Token, cue: Span) -> tuple[Span, str, str | None, str | None]:
    """The speaker span, its kind (entity | nominal | resolved | pronoun | not_agent), its canonical name and its
    entity label. Personal pronouns stay "pronoun" here: `resolve_pronoun_speakers` settles them once every claim
    is known. `not_agent` marks what cannot speak (models/claims/agents.json): an inanimate head ("Oil prices"), a
    generic "you" or "we", a relative pronoun with no antecedent ("That said, …"); no claim keeps such a speaker."""
    doc = reading.doc
    lower = subject.lower_
    word = doc[subject.i : subject.i + 1]
    if lower in reading.lexicon.relative_pronouns:
        if subject.head.dep_ != "relcl" or subject.head.head == subject.head:
            return word, "not_agent", None, None
        antecedent = noun_phrase(subject.head.head)
        mention = _named(reading, antecedent)
        if mention is None and (is_inanimate(reading, antecedent) or antecedent.root.pos_ == "PRON"):
            return word, "not_agent", None, None
        canonical = canonical_name(reading, mention) if mention is not None else antecedent.text
        return word, "resolved", canonical, mention.label_ if mention is not None else None
    if is_generic(reading, subject, cue):
        return word, "not_agent", None, None
    if lower in reading.lexicon.pronoun_labels:
        return word, "pronoun", None, None
    speaker = noun_phrase(subject, cue)
    mention = _named(reading, speaker)
    if mention is not None:
        return speaker, "entity", canonical_name(reading, mention), mention.label_
    if is_inanimate(reading, speaker):
        return speaker, "not_agent", None, None
    return speaker, "nominal", None, None


def is_inanimate(reading: Reading, phrase: Span) -> bool:
    """The phrase is headed by a noun that never speaks (prices, shares, rates, a year) and names no entity."""
    head = phrase.root
    inanimate = reading.lexicon.inanimate
    if head.ent_type_ in _NOT_AGENT_ENTITIES:
        return True  # "June challenged …": a date or an amount the parser made a subject
    return (head.lower_ in inanimate or head.lemma_.lower() in inanimate) and _named(reading, phrase) is None


def is_generic(reading: Reading, subject: Token, cue: Span) -> bool:
    """A "you" (any cue) or a "we" wanting, hoping, knowing: the voice of instructions and promos, not a source."""
    cues = reading.lexicon.generic.get(subject.lower_)
    return cues is not None and (not cues or cue.root.lemma_.lower() in cues)


def interviewee(reading: Reading) -> Span | None:
    """The person an interview is with: the person named most often outside quotations (the earliest on a tie)."""
    counts: dict[str, int] = {}
    first: dict[str, Span] = {}
    for mention in reading.mentions:
        if mention.label_ == "PERSON" and reading.quote_of[mention.start] < 0:
            name = canonical_name(reading, mention) or mention.text
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, mention)
    if not counts:
        return None
    return first[max(counts, key=lambda name: (counts[name], -first[name].start))]


def person_named(reading: Reading, name: Span) -> Span | None:
    """The person mention a transcript label stands for: "PENCE" → the earlier or later "Mike Pence"."""
    key = name.text.lower()
    for mention in reading.mentions:
        if mention.label_ == "PERSON" and (mention.text.lower() == key or mention[-1].lower_ == key):
            return mention
    return None


def _named(reading: Reading, phrase: Span) -> Span | None:
    return reading.entity_in(phrase) or _named_in_apposition(reading, phrase)


def _named_in_apposition(reading: Reading, phrase: Span) -> Span | None:
    """The name in "its finance chief, Ana Ruiz" or "Ana Ruiz, its finance chief"."""
    named = [m for m in reading.mentions_within(phrase) if m.label_ in ("PERSON", "ORG")
             and m.root.dep_ == "appos" and phrase.start <= m.root.head.i < phrase.end]
    return next((m for m in named if m.label_ == "PERSON"), named[0] if named else None)


def resolve_pronoun_speakers(reading: Reading, claims: list[Found]) -> None:
    """Give each pronoun speaker the name it stands for (he/she → a person, it → an organization), trying in turn:
    a named subject of this or the previous two sentences; the subject phrase of the previous two sentences; the
    latest earlier speaker that fits; the nearest fitting mention. Mentions inside quotations are passed over: a
    quote's names are rarely its speaker."""
    earlier: list[tuple[int, str | None, str]] = []  # (offset, kind, name) of the speakers met so far
    settled: dict[int, str | None] = {}
    for claim in sorted((c for c in claims if c.speaker is not None), key=lambda c: c.speaker.start):
        speaker = claim.speaker
        if claim.speaker_kind == "pronoun":
            if speaker.start not in settled:
                settled[speaker.start] = _antecedent(reading, speaker.root, earlier)
            claim.speaker_canonical = settled[speaker.start]
            if claim.speaker_canonical is None:
                continue
            kind = reading.lexicon.pronoun_labels.get(speaker.root.lower_)
            claim.speaker_kind, claim.speaker_label = "resolved", kind
        else:
            kind = _kind_of(reading, speaker)
        earlier.append((speaker.start_char, kind, claim.speaker_canonical or speaker.text))


def _kind_of(reading: Reading, phrase: Span) -> str | None:
    """PERSON or ORG for a phrase that is (or is headed by a word naming) a person or an organization; None for
    plurals and anything else. A singular noun phrase that names no person counts as ORG ("the company")."""
    mention = reading.entity_in(phrase)
    if mention is not None:
        return mention.label_ if mention.label_ in ("PERSON", "ORG") else None
    head = phrase.root
    if head.tag_ not in ("NN", "NNP") or head.lower_ in reading.lexicon.pronoun_labels or is_inanimate(reading, phrase):
        return None  # "The winter season … it offers …": a thing does not speak through "it" either
    return "PERSON" if head.lemma_.lower() in reading.lexicon.person_nouns else "ORG"


def _antecedent(reading: Reading, pronoun: Token, earlier: list[tuple[int, str | None, str]]) -> str | None:
    label = reading.lexicon.pronoun_labels.get(pronoun.lower_)
    if label is None:
        return None
    window_start = reading.sentence(pronoun, back=2).start_char
    nearest = named_subject = None
    for tries, mention in enumerate(reading.mentions_before(pronoun.idx)):
        if tries >= _ANTECEDENT_TRIES or pronoun.idx - mention.end_char > _ANTECEDENT_WINDOW:
            break
        if mention.label_ != label or reading.quote_of[mention.start] >= 0:
            continue
        if mention.start_char >= window_start and mention.root.dep_.startswith("nsubj"):
            named_subject = (mention.start_char, canonical_name(reading, mention))
            break
        nearest = nearest or mention
    if named_subject is not None and nearest is None:
        return named_subject[1]
    # A recent subject and the latest fitting speaker compete: the nearer one wins ("According to X, …. She
    # estimated …" is X, though an earlier sentence's subject was someone else).
    subject = named_subject or next(((s.start_char, canonical_name(reading, s) or s.text)
                                     for s in _recent_subjects(reading, pronoun, back=2)
                                     if _kind_of(reading, s) == label), None)
    speaker = next(((offset, name) for offset, kind, name in reversed(earlier)
                    if kind == label and pronoun.idx - offset <= _ANTECEDENT_WINDOW), None)
    candidates = [c for c in (subject, speaker) if c is not None]
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    return canonical_name(reading, nearest) if nearest is not None else None


def _recent_subjects(reading: Reading, pronoun: Token, back: int) -> Iterator[Span]:
    """The main subjects of the previous sentences, nearest first (outside quotations, never a pronoun)."""
    own = reading.sentence(pronoun)
    for step in range(1, back + 1):
        sentence = reading.sentence(pronoun, back=step)
        if sentence.start == own.start:
            return
        own = sentence
        subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and reading.quote_of[subject.i] < 0 and subject.pos_ != "PRON":
            yield noun_phrase(subject)


def canonical_name(reading: Reading, span: Span) -> str | None:
    mention = _named(reading, span)
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
