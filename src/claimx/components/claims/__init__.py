"""claimx_claims: who said what, and when.

The layer runs last, over the parse and the entities, money and dates layers. It finds, in this order:

1. direct speech (direct.py): each quotation with the cue before or after it, mid-quote attributions, quotes that
   run over paragraphs;
2. non-verbal cues (nonverbal.py): According to X, …, In X's view, …, X's statement that …, NAME: … (before the
   verbs: an explicit source outranks a verb inside what it reports);
3. reported speech introduced by a verb (indirect.py): X said (that) …, …, X said., X denied the report;
4. stances told by an adjective (stances.py): X is confident that …, X is critical of Y;
5. factual claims (factual.py): unattributed sentences asserting a number about a named entity.

A claim found later that covers mostly the same words as an earlier one is dropped. Each claim is dated
(dating.py) and scored: score = the rule's score × the cue verb's weight × the speaker factor, all three read from
models/claims/ (rules.tsv documents every rule with the form it reads; cue_verbs.tsv the verbs and their weights).
Speakers are full noun phrases and must be agents (models/claims/agents.json); pronoun and relative-pronoun speakers
are resolved to the nearest fitting entity (speakers.py) and the name goes to `speaker_canonical`. Each claim gets the
kind of its rule (statement | announcement | factual).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.components.claims.dating import claim_date
from claimx.components.claims.datelines import outside_datelines
from claimx.components.claims.direct import direct_claims
from claimx.components.claims.factual import factual_claims
from claimx.components.claims.fragments import content_fragments
from claimx.components.claims.indirect import verb_claims
from claimx.components.claims.lexicon import Lexicon, load_lexicon
from claimx.components.claims.nonverbal import nonverbal_claims
from claimx.components.claims.reading import Found, Reading
from claimx.components.claims.speakers import resolve_pronoun_speakers
from claimx.components.claims.stances import stance_claims

_SAME_CONTENT = 0.5  # overlap (intersection over union) above which two claims are the same claim
# A headline yields a claim only when it attributes one: `X: “…”`, `X says …`, `…, experts say`, `“…,” X says`.
_HEADLINE_RULES = frozenset({"speaker_colon", "quote_cue_after", "quote_cue_before", "verb_clause",
                             "verb_parenthetical", "source_phrase"})
_ASKING = frozenset({"whether", "if"})  # words opening an indirect question
# Verbs that take a question, not a statement, after them: "let agencies decide when and how …", "wonders why …".
_CHOOSING = frozenset({"decide", "determine", "choose", "wonder", "ask"})
_QUESTION_WORDS = frozenset({"when", "how", "why", "where", "what", "which", "who"})
_SPEECH_WEIGHT = 0.9  # cue verbs at least this sure to report speech (cue_verbs.tsv) keep a claim nested in another
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’']*\s+")


@Language.factory("claimx_claims", assigns=["doc._.claimx_claims"], default_config={})
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent(load_lexicon())


class ClaimsComponent:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        reading = Reading(doc, self.lexicon)
        attributed: list[Found] = []
        owner = [-1] * len(doc)  # token → the latest kept claim whose content holds it
        for finder in (direct_claims, nonverbal_claims, verb_claims, stance_claims):
            for claim in finder(reading):
                if _kept(reading, claim) and not _repeats(claim, attributed, owner):
                    owner[claim.content.start : claim.content.end] = [len(attributed)] * len(claim.content)
                    attributed.append(claim)
        attributed = _outermost(attributed, len(doc))
        resolve_pronoun_speakers(reading, attributed)
        claims = outside_datelines(doc, attributed + factual_claims(reading, attributed))
        claims.sort(key=lambda c: (c.content.start_char, c.content.end_char))
        doc._.claimx_claims = [self._as_dict(reading, claim) for claim in claims]
        return doc

    def _as_dict(self, reading: Reading, claim: Found) -> dict:
        scores = self.lexicon.scores
        score = scores[claim.rule] * claim.weight * scores[f"speaker:{claim.speaker_kind}"]
        return {
            "content": claim.content, "speaker": claim.speaker, "cue": claim.cue, "direct": claim.direct,
            "date": claim_date(reading, claim.content, claim.cue), "score": round(score, 3),
            "speaker_canonical": claim.speaker_canonical, "speaker_label": claim.speaker_label,
            "subject": claim.subject, "rule": claim.rule, "kind": self.lexicon.kinds[claim.rule],
            "fragments": content_fragments(claim.content, claim.speaker, claim.cue),
        }


def _kept(reading: Reading, claim: Found) -> bool:
    """Not a claim after all: a speaker that cannot speak (speakers.describe_speaker), a question, a headline that
    attributes nothing."""
    if claim.speaker_kind == "not_agent" or _is_question(_with_closing_marks(claim.content).text):
        return False
    if claim.rule == "verb_clause" and not claim.direct and claim.content[0].lower_ in _ASKING:
        return False  # asked whether …, does not know if …: an indirect question
    if claim.rule == "verb_clause" and not claim.direct and claim.cue is not None and claim.content[0].lower_ in \
            _QUESTION_WORDS and claim.cue.root.lemma_.lower() in _CHOOSING:
        return False  # let agencies decide when and how …
    return claim.rule in _HEADLINE_RULES or not reading.in_headline(claim.content)


def _with_closing_marks(content: Span) -> Span:
    """The content with the punctuation right after it, which tidy() trims (…, do you think so?)."""
    doc, end = content.doc, content.end
    while end < len(doc) and doc[end].is_punct and end - content.end < 3:
        end += 1
    return doc[content.start : end]


def _is_question(text: str) -> bool:
    """Every sentence of the content asks (“Will it work?” / “Why now? Who pays?”): a question is never a claim."""
    sentences = [s.strip(" \t\n\"“”‘’'`,") for s in _SENTENCE_BREAK.split(text)]
    sentences = [s for s in sentences if s]
    return bool(sentences) and all(s.endswith("?") for s in sentences)


def _outermost(claims: list[Found], length: int) -> list[Found]:
    """Drop claims reported inside another claim (he said she wants …): news annotators mark the outer one. A
    speech act of its own stays (According to the filing, the agency said …; a plan which he said would fail)."""
    starts, ends = [0] * (length + 1), [0] * (length + 1)
    for claim in claims:
        starts[claim.content.start] += 1
        ends[claim.content.end] += 1
    covering, depth = [0] * length, 0
    for i in range(length):
        depth += starts[i] - ends[i]
        covering[i] = depth
    kept = []
    for claim in claims:
        cue = claim.cue.start if claim.cue is not None else None
        own = 1 if cue is not None and claim.content.start <= cue < claim.content.end else 0
        if cue is None or covering[cue] - own == 0 or _speech_act(claim):
            kept.append(claim)
    return kept


def _reports(outer: Found, inner: Found) -> bool:
    """`outer` reports the attribution `inner` makes (According to X, Y said Z): one claim inside the other, not
    the same claim read twice."""
    cue = inner.cue
    return cue is not None and outer.cue is not None and outer.content.start <= cue.start < outer.content.end \
        and not inner.content.start <= outer.cue.start < inner.content.end


def _speech_act(claim: Found) -> bool:
    """A reported clause with a plain speech verb (said, told, noted: weight ≥ _SPEECH_WEIGHT)."""
    return claim.rule in ("verb_clause", "verb_parenthetical") and claim.weight >= _SPEECH_WEIGHT


def _repeats(claim: Found, kept: list[Found], owner: list[int]) -> bool:
    """The claim covers mostly the same words as one already kept, or is a part of one with the same cue
    (As per X: “A. B.” read once as a quotation and once as the sentence after the cue)."""
    start, end = claim.content.start_char, claim.content.end_char
    for index in set(owner[claim.content.start : claim.content.end]) - {-1}:
        if _reports(claim, kept[index]):
            continue
        other = kept[index].content
        overlap = min(end, other.end_char) - max(start, other.start_char)
        union = max(end, other.end_char) - min(start, other.start_char)
        if overlap / union > _SAME_CONTENT:
            return True
        same_cue = claim.cue is not None and kept[index].cue is not None and claim.cue.start == kept[index].cue.start
        if same_cue and other.start_char <= start and end <= other.end_char:
            return True
    return False
