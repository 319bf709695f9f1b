"""Reported speech introduced by a verb: X said (that) …, …, X said., The plan, X said, will …, X denied the report."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimx.components.claims.content import subtree, take_quotes_whole, tidy, without_tail
from claimx.components.claims.lexicon import CueVerb
from claimx.components.claims.reading import Found, Reading, is_line_break
from claimx.components.claims.speakers import describe_speaker, speaking_subject

_CLAUSES = ("ccomp", "xcomp")
_OBJECTS = ("dobj",)
_OBJECT_PREPOSITIONS = frozenset({"as", "for", "of", "over", "from", "about", "to", "with", "against", "behind",
                                  "into", "out", "by", "after", "in"})
_SAYING_PLACES = frozenset({"interview", "speech", "ruling", "letter", "post", "tweet", "message", "debate", "hearing",
                            "conference", "call", "briefing", "filing", "release", "email", "video", "op-ed"})
_TAIL_LIMIT = 60  # tokens a reported clause may run on past its parse subtree
_RESUMING = ("ccomp", "advcl", "conj", "parataxis", "xcomp")  # the sentence going on after "…, X said, …"
_MIN_TOKENS = 2
_IS = frozenset({"'s", "’s"})  # as it's known: "is", read as a passive
_COMMON_KNOWLEDGE = frozenset({"we", "you", "everyone", "everybody"})  # as we know, as you can see: nobody's claim
_COLON_WINDOW = 10  # tokens from the cue to the colon of "X said in a statement on Tuesday: …"


def verb_claims(reading: Reading) -> list[Found]:
    found = []
    for i in reading.verbs:  # cue_verb needs a VERB
        token = reading.doc[i]
        entry = reading.cue_verb(token)
        if entry is None or token.i in reading.used_cues or reading.quote_of[token.i] >= 0:
            continue  # a cue inside a quotation is the quoted speaker's own wording
        if entry is None or (entry.quote_only and not _as_clause(token, entry)) or reading.excluded(token):
            continue
        claim = _verb_claim(reading, token, entry)
        if claim is not None:
            found.append(claim)
    return found


def _verb_claim(reading: Reading, cue: Token, entry: CueVerb) -> Found | None:
    subject = speaking_subject(reading, cue)
    if subject is None and entry.takes_object:
        return _passive_claim(reading, cue, entry)
    if subject is None or subject.dep_ == "expl":
        return None
    located = _content(reading, cue, entry)
    if located is None:
        return None
    content, rule = located
    content = _within_paragraph(reading, cue, content) if content is not None else None
    inside = range(content.start, content.end) if content is not None else range(0)
    if content is None or len(content) < _MIN_TOKENS or (subject.i in inside and cue.i not in inside):
        return None
    content = _capped(reading, content)
    content = _before_colon_quote(reading, content)
    content = _before_next_cue(reading, content)
    if rule != "verb_parenthetical":
        content = without_tail(reading, content)
    content, direct = take_quotes_whole(reading, content)
    if rule == "verb_parenthetical" and content.end <= cue.i:
        content = _quote_resuming(reading, cue, content)
    cue_span = _cue_span(cue, entry)
    speaker, kind, canonical, label = describe_speaker(reading, subject, cue_span)
    return Found(content, rule, speaker=speaker, cue=cue_span, direct=direct, speaker_kind=kind,
                 speaker_canonical=canonical, speaker_label=label, weight=entry.weight)


def _passive_claim(reading: Reading, cue: Token, entry: CueVerb) -> Found | None:
    """The plan was rejected by the council  /  She was called a liar by her rivals: the agent after "by" speaks, and
    what was said is the passive subject with what the verb says of it."""
    if not any(c.dep_ == "auxpass" for c in cue.children) or not _main_clause(cue):
        return None
    agent = next((c for c in cue.children if c.dep_ == "agent" and c.lower_ == "by"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    said_of = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if source is None or said_of is None or said_of.pos_ == "PRON" or reading.quote_of[source.i] >= 0:
        return None
    complement = next((c for c in cue.children if c.dep_ in ("oprd", "attr") and c.i < agent.i), None)
    end = complement.right_edge.i + 1 if complement is not None else said_of.right_edge.i + 1
    content = tidy(reading, said_of.left_edge.i, end)
    if content is None or reading.paragraph_of[content.start] != reading.paragraph_of[cue.i]:
        return None
    cue_span = cue.doc[cue.i : agent.i + 1] if agent.i == cue.i + 1 else cue.doc[cue.i : cue.i + 1]  # rejected by
    speaker, kind, canonical, label = describe_speaker(reading, source, cue_span)
    return Found(content, "verb_passive", speaker=speaker, cue=cue_span, speaker_kind=kind,
                 speaker_canonical=canonical, speaker_label=label, weight=entry.weight)


def _quote_resuming(reading: Reading, cue: Token, content: Span) -> Span:
    """…, Schiff said. “The other factor is …”  The statement goes on in a quotation right after its attribution, in
    the same paragraph, with no attribution of its own: one claim (its fragments leave the attribution out)."""
    doc = reading.doc
    i = reading.sentence(cue).end
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    quote = reading.quote_of[i] if i < len(doc) else -1
    if quote < 0 or reading.quote_spans[quote].start != i or reading.paragraph_of[i] != reading.paragraph_of[cue.i]:
        return content
    span = reading.quote_spans[quote]
    if not reading.quotes[quote].closed or any(reading.cue_verb(t) is not None for t in
                                               doc[span.end : reading.sentence(doc[span.end - 1]).end]):
        return content
    return doc[content.start : span.end]


def _content(reading: Reading, cue: Token, entry: CueVerb) -> tuple[Span | None, str] | None:
    colon = _colon_after(reading, cue)
    if colon is not None:  # X said: A. B. C.  (the statement runs to the end of the paragraph)
        return _after_colon(reading, colon), "verb_clause"
    clause = next((c for c in cue.children if c.dep_ in _CLAUSES and c.i > cue.i), None)
    if clause is None:
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None and clause.i > cue.i:
        if _is_attribution(reading, clause):
            return None  # X expects a weak year, its chief told analysts: "told" is the cue, not the content
        start = _after_date_phrase(reading, cue, clause.left_edge.i, clause)
        if clause.dep_ == "xcomp":  # urged voters to stay home: the object belongs to what was urged
            obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < clause.i), None)
            start = obj.left_edge.i if obj is not None else start
        return tidy(reading, start, _rest_of_sentence(reading, cue, clause)), "verb_clause"
    if clause is not None:  # …, X said.  or  Though …, X said, … (the attribution inside the sentence)
        end = clause.right_edge.i + 1
        rest = next((c for c in cue.children if c.dep_ in _RESUMING and c.i > cue.i and not _circumstance(c)
                     and reading.cue_verb(c) is None and _after_comma(c)), None)
        if rest is not None:
            end = rest.right_edge.i + 1
        return tidy(reading, clause.left_edge.i, end), "verb_parenthetical"
    that = _stray_that(cue)
    if that is not None:  # "noted that the regulator's regime needed …" with the clause lost in the parse
        return tidy(reading, that.i, reading.sentence(cue).end), "verb_clause"
    told = _clause_on_the_listener(cue)
    if told is not None:  # "told a meeting of leaders that few people understood …"
        return tidy(reading, told.i, told.head.right_edge.i + 1), "verb_clause"
    after = _clause_after_phrase(cue)
    if after is not None:  # "said after the convention he would not …": the parse made the clause an adverbial
        subject, clause = after
        return tidy(reading, subject.left_edge.i, clause.right_edge.i + 1), "verb_clause"
    if cue.dep_ == "parataxis" or _is_attribution(reading, cue):
        return _around_parenthetical(reading, cue), "verb_parenthetical"
    if _as_clause(cue, entry):
        return _beside_as_clause(reading, cue), "verb_parenthetical"
    takes_object = entry.takes_object or (entry.evidence_object and _evidence_subject(reading, cue))
    if takes_object and _main_clause(cue) and not _infinitive(cue):
        return _object(reading, cue, entry), "verb_object"
    return None


def _of_the_object(reading: Reading, child: Token) -> bool:
    """A dependent of the verb that says what is said of its object (called it a disaster, accused X of Y, a gulf in
    the way …), not where the saying was (in a statement, in an interview)."""
    if child.dep_ in ("oprd", "xcomp", "dative", "ccomp", "acl", "relcl") or (
            child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")):
        return True
    if child.dep_ != "prep" or child.lower_ not in _OBJECT_PREPOSITIONS or (
            child.lower_ == "with" and child.nbor(-1).text == ","):
        return False  # …, with one site showing …: a phrase of its own
    place = next((c for c in child.children if c.dep_ == "pobj"), None)
    return place is None or place.lemma_.lower() not in reading.lexicon.statement_nouns | _SAYING_PLACES


def _after_comma(clause: Token) -> bool:
    """The clause opens after a comma, or after ", and" / ", but": the sentence going on past its attribution
    (Sales rose 8%, the agency said, and costs fell 2%)."""
    before = clause.left_edge.i - 1
    doc = clause.doc
    if before > 0 and doc[before].dep_ == "cc" and clause.dep_ == "conj":
        before -= 1
    return before >= 0 and doc[before].text == ","


def _evidence_subject(reading: Reading, cue: Token) -> bool:
    """The subject names a poll, a document or data (Polls show a close race; the records showed payments)."""
    subject = speaking_subject(reading, cue)
    evidence = reading.lexicon.evidence
    return subject is not None and (subject.lower_ in evidence or subject.lemma_.lower() in evidence)


def _colon_after(reading: Reading, cue: Token) -> int | None:
    """The colon closing the attribution (X said in a statement: …), when unquoted text follows it."""
    doc = reading.doc
    for i in range(cue.i + 1, min(len(doc), cue.i + _COLON_WINDOW)):
        token = doc[i]
        if token.text == ":":
            following = i + 1
            while following < len(doc) and doc[following].is_space and "\n" not in doc[following].text:
                following += 1
            return i if following < len(doc) and not doc[following].is_space \
                and reading.quote_of[following] < 0 else None
        if token.is_punct or is_line_break(token) or reading.quote_of[i] >= 0 or token.dep_ in _CLAUSES:
            return None
    return None


def _after_colon(reading: Reading, colon: int) -> Span | None:
    """From the colon to the end of its paragraph, short of a later sentence with an attribution of its own."""
    doc = reading.doc
    end = reading.paragraph(doc[colon]).end
    sentence = reading.sentence(doc[colon])
    for i in range(sentence.end, end):
        if reading.quote_of[i] < 0 and doc[i].pos_ == "VERB" and reading.cue_verb(doc[i]) is not None:
            end = reading.sentences[reading.sentence_of[i]].start
            break
    return tidy(reading, colon + 1, end)


def _circumstance(clause: Token) -> bool:
    """…, X said on Friday, after talks failed: a clause opened by after/because/when tells when or why X spoke,
    it does not resume the claim."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" for c in clause.children)


def _main_clause(verb: Token) -> bool:
    """Asserted, not backgrounded: a noun object reports a claim only from a main clause ("X criticized Y"), not
    from one introduced by if/when/that or a relative pronoun ("groups that don't disclose their fundraising")."""
    while verb.dep_ == "conj":
        verb = verb.head
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in verb.children):
        return not any(c.dep_ == "neg" for c in verb.children)  # the police, which reported 2,521 incidents
    if verb.dep_ in ("relcl", "acl", "pcomp", "csubj"):
        return False
    return not any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)


def _infinitive(verb: Token) -> bool:
    """to confirm the figures, hired auditors to check and confirm: a plan, not a statement."""
    while verb.dep_ == "conj":
        verb = verb.head
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _object(reading: Reading, cue: Token, entry: CueVerb) -> Span | None:
    """The noun object, with what the verb says of it: called the plan "a disaster", described her as a leader, urged
    voters to stay home. For "call for", "point to": the preposition's object."""
    holder = cue
    if entry.particle is not None:
        holder = next((c for c in cue.children if c.lower_ == entry.particle), cue)
        obj = next((c for c in holder.children if c.dep_ in ("pobj", "pcomp")), None)
    else:
        obj = next((c for c in cue.children if c.dep_ in _OBJECTS and c.i > cue.i), None)
    if obj is None or _contentless(reading, obj):
        return None
    end = obj.right_edge.i + 1
    # What the parse hangs on the verb after the object still belongs to it: criticized X for Y, accused X of Y,
    # cited remarks Trump had made about Z, described her as a leader, called it an ailment during the race.
    # Circumstances of the saying (in a statement, during the debate, when he ran) are left out.
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.i <= obj.i:
            continue
        if not _of_the_object(reading, child) or reading.cue_verb(child) is not None:
            if child.dep_ in ("cc", "conj", "punct", "advcl") and child.i > end:
                break
            continue
        end = max(end, child.right_edge.i + 1)
    return tidy(reading, obj.left_edge.i, end)


# Verbs whose object is who was told ("told a meeting of leaders that …"), not what was said.
_TELLING = frozenset({"tell", "assure", "warn", "inform", "remind", "convince", "persuade", "notify", "brief",
                      "advise", "caution", "reassure"})


def _clause_on_the_listener(cue: Token) -> Token | None:
    """"told a meeting of Pacific leaders that few people understood …": the parse hangs the reported clause on the
    listener as a relative clause, but its "that" is a conjunction (a relative "that" would be its subject or
    object). Returns that "that"."""
    listener = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if listener is None or cue.lemma_.lower() not in _TELLING:
        return None
    for token in listener.subtree:
        if token.dep_ == "relcl" and any(c.dep_.startswith("nsubj") for c in token.children):
            that = next((c for c in token.children if c.lower_ == "that" and c.dep_ == "mark"), None)
            if that is not None:
                return that
    return None


def _clause_after_phrase(cue: Token) -> tuple[Token, Token] | None:
    """The subject of a clause the parse hung on the cue as an adverbial after a phrase of time or place ("said after
    the convention he would …", "told reporters in Ohio she had …"): no subordinating word, a subject of its own."""
    doc = cue.doc
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].pos_ != "ADP":
        return None
    for clause in (c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i):
        if any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT") for c in clause.children):
            return None  # "called in when she was home sick": a circumstance, not what was said
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > cue.i + 2), None)
        if subject is not None and subject.i < clause.i and doc[subject.left_edge.i - 1].pos_ != "ADP":
            return subject, clause
    return None


def _before_colon_quote(reading: Reading, content: Span) -> Span:
    """"that the slowdown hit every unit: “Sales fell …”": the clause ends at the colon; the quotation after it is a
    claim of its own (direct.py, quote_after_clause)."""
    doc = reading.doc
    for token in content[1:]:
        if token.text != ":":
            continue
        following = token.i + 1
        while following < len(doc) and doc[following].is_space:
            following += 1
        if following < len(doc) and reading.quote_of[following] >= 0 and reading.quote_of[token.i] < 0:
            return tidy(reading, content.start, token.i) or content
    return content


def _stray_that(cue: Token) -> Token | None:
    """"that" right after the cue, hung on the cue itself as the mark of a clause the parse did not find."""
    after = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if after is None or after.lower_ != "that" or after.head != cue or after.dep_ != "mark":
        return None
    return after if after.i + 3 < cue.sent.end else None


def _contentless(reading: Reading, obj: Token) -> bool:
    """'reported the story', 'shared the details': a bare object that says nothing a reader could check."""
    return obj.lemma_.lower() in reading.lexicon.contentless_objects and all(
        c.dep_ in ("det", "poss", "predet") for c in obj.children)


def _after_date_phrase(reading: Reading, cue: Token, start: int, clause: Token) -> int:
    """said on Monday it would …: a date phrase right after the cue dates the saying, though the parse may hang it
    on the reported clause."""
    doc = reading.doc
    first = doc[start]
    if start != cue.i + 1 or first.pos_ != "ADP" or first.head.i != clause.i:
        return start
    end = first.right_edge.i + 1
    dated = any(t.ent_type_ == "DATE" for t in doc[start + 1 : end])
    return end if dated and end < clause.i and all(t.ent_type_ == "DATE" for t in doc[start + 1 : end]) else start


def _rest_of_sentence(reading: Reading, cue: Token, clause: Token) -> int:
    """Where a reported clause ends: the parse often hangs its tail ("…, because …", "and of …") on the cue, so
    the clause runs on to the end of the sentence, short of a semicolon or a further cue (…, adding that …)."""
    end = clause.right_edge.i + 1
    sentence_end = min(reading.sentence(cue).end, end + _TAIL_LIMIT)
    i = end
    while i < sentence_end:
        token = reading.doc[i]
        if is_line_break(token):
            break
        if reading.doc[i - 1].lower_ in (",", "and") and reading.cue_verb(token) is not None:
            break  # …, adding that …
        if token.dep_ == "conj" and token.head.i == cue.i and _own_statement(reading, token):
            break  # X said A and added B: B is not part of what was said (but X wants A and B: both are)
        i += 1
    while i > end and reading.doc[i - 1].is_punct and not reading.doc[i - 1].is_quote:
        i -= 1
    return i if i > end and all(t.head.i == cue.i or _below(t, cue, end, i) for t in reading.doc[end:i]) else end


def _own_statement(reading: Reading, conj: Token) -> bool:
    """A verb joined to the cue that says something of its own: a further cue (and added …), a subject of its own
    (…, and the union stepped in), or a contrast (…, but was treated as an outpatient)."""
    before = conj.doc[conj.left_edge.i - 1] if conj.left_edge.i > 0 else conj
    return (reading.cue_verb(conj) is not None or any(c.dep_.startswith("nsubj") for c in conj.children)
            or before.lower_ == "but" or any(c.dep_ == "cc" and c.lower_ == "but" for c in conj.head.children))


def _below(token: Token, cue: Token, start: int, end: int) -> bool:
    """The token hangs on the cue through tokens of [start, end) only."""
    for _ in range(end - start + 1):
        token = token.head
        if token.i == cue.i:
            return True
        if not start <= token.i < end:
            return False
    return False


def _is_attribution(reading: Reading, verb: Token) -> bool:
    """A reporting verb hung after a comma with nothing reported of its own (…, its chief told analysts): the parser
    made it the complement of the clause before, but it attributes that clause."""
    return (verb.dep_ == "ccomp" and verb.head.i < verb.i and verb.left_edge.i > 0
            and verb.doc[verb.left_edge.i - 1].text == "," and reading.cue_verb(verb) is not None
            and not any(c.dep_ in _CLAUSES for c in verb.children))


def _as_clause(cue: Token, entry: CueVerb) -> bool:
    """As X pointed out, …  /  …, as X said.  The attribution is an "as" clause with its own subject that reports
    nothing of its own (not "as he announced the plan, …" or "as she called for …", which tell when; not "as
    predicted", whose subject is no speaker; not "as we know", common knowledge)."""
    children = list(cue.children)
    particle = next((c for c in children if c.lower_ == entry.particle), None) if entry.particle else None
    return cue.dep_ == "advcl" and cue.head.pos_ in ("VERB", "AUX") \
        and (particle is None or not any(c.dep_ == "pobj" for c in particle.children)) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
        and any(c.dep_ == "nsubj" and c.lower_ not in _COMMON_KNOWLEDGE for c in children) \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "auxpass") or c.lemma_ == "be" or c.lower_ in _IS
                    for c in children if c is not particle)  # as it's known: a name, not a source


def _beside_as_clause(reading: Reading, cue: Token) -> Span | None:
    """The clause the "as" clause hangs on: after it when it opens the clause, before it when it closes it, the
    whole clause when it stands inside (fragments then leave the attribution out)."""
    clause = subtree(cue.head)
    if cue.left_edge.i <= clause.start:
        return tidy(reading, cue.right_edge.i + 1, clause.end)
    return _around_parenthetical(reading, cue)


def _around_parenthetical(reading: Reading, cue: Token) -> Span | None:
    """…, X said.  →  the clause before the attribution;  The plan, X said, will fail.  →  the whole clause."""
    clause = subtree(cue.head)
    if cue.right_edge.i + 1 >= clause.end or all(t.is_punct for t in reading.doc[cue.right_edge.i + 1 : clause.end]):
        return tidy(reading, clause.start, cue.left_edge.i)
    return tidy(reading, clause.start, clause.end)


def _within_paragraph(reading: Reading, cue: Token, content: Span) -> Span | None:
    """A reported clause never runs over a line break: a parse that crosses one has joined two paragraphs."""
    paragraph = reading.paragraph(cue)
    return tidy(reading, max(content.start, paragraph.start), min(content.end, paragraph.end))


def _before_next_cue(reading: Reading, content: Span) -> Span:
    """Stop before a further reporting verb joined to the clause (…, adding that …; … and warned …): that is the
    next claim, not part of this one."""
    for token in content[1:]:
        if token.dep_ in ("conj", "advcl") and token.head.i in range(content.start, content.end) \
                and token.doc[token.left_edge.i - 1].lower_ in (",", "and") \
                and not any(c.dep_.startswith("nsubj") or c.dep_ == "mark" for c in token.children) \
                and reading.cue_verb(token) is not None:
            cut = tidy(reading, content.start, token.left_edge.i)
            return cut if cut is not None and len(cut) >= _MIN_TOKENS else content
    return content


def _cue_span(cue: Token, entry: CueVerb) -> Span:
    doc = cue.doc
    if entry.particle is not None:
        particle = next((c for c in cue.children if c.lower_ == entry.particle), None)
        if particle is not None and particle.i == cue.i + 1:
            return doc[cue.i : cue.i + 2]
    return doc[cue.i : cue.i + 1]


# A reported clause longer than this is no sentence but a chain without a full stop ("Acme said that Acme said that
# …"): each cue's clause would hold the rest of the chain, n claims of n tokens. Cut, the layer stays linear.
_MAX_CLAUSE_TOKENS = 200


def _capped(reading: Reading, content: Span) -> Span:
    if len(content) <= _MAX_CLAUSE_TOKENS:
        return content
    return tidy(reading, content.start, content.start + _MAX_CLAUSE_TOKENS) or content[:_MAX_CLAUSE_TOKENS]
