"""The claims layer's data, read once from models/claims/: cue verbs, non-verbal cues, pronouns, rule scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.assets import asset_path, load_json


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    particle: str | None  # "out" in "point out": a child the verb must carry
    weight: float
    takes_object: bool  # a noun object can be the content
    quote_only: bool  # only attributes a quotation it introduces
    evidence_object: bool = False  # a noun object is the content when the subject is a poll or document (Polls show …)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[CueVerb, ...]]  # by lemma
    source_phrases: tuple[tuple[str, ...], ...]  # lower-cased words: ("according", "to")
    view_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    stance_adjectives: frozenset[str]  # X is confident that …, X is critical of Y
    not_speakers: frozenset[str]  # "Correction:" opens a paragraph like a speaker's name but is none
    pronoun_labels: dict[str, str | None]  # personal pronoun → label of the entity it can stand for
    relative_pronouns: frozenset[str]
    person_nouns: frozenset[str]  # heads of noun phrases naming a person ("the chief executive")
    inanimate: frozenset[str]  # lemmas of heads that never speak (prices, shares, a year)
    contentless_objects: frozenset[str]  # "reported the story": a noun object that says nothing checkable
    generic: dict[str, frozenset[str]]  # pronoun → cue lemmas after which it speaks for nobody (empty: any cue)
    evidence: frozenset[str]  # lemmas of heads naming a poll, a document, data
    colon_sources: frozenset[str]  # "Poll: …" names a source before a colon
    promo_labels: frozenset[str]  # "MORE: …" opens a link or a promo, never a claim
    question_labels: frozenset[str]  # "Q:" opens an interviewer's line
    answer_labels: frozenset[str]  # "A:" opens the interviewee's answer
    scores: dict[str, float]  # rule id or "speaker:<kind>" → score
    kinds: dict[str, str]  # rule id → the kind of claim it makes (statement | announcement | factual)


def _rows(*parts: str) -> list[list[str]]:
    lines = asset_path(*parts).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def load_lexicon() -> Lexicon:
    verbs: dict[str, list[CueVerb]] = {}
    for lemma_words, weight, content in _rows("claims", "cue_verbs.tsv"):
        lemma, _, particle = lemma_words.partition(" ")
        verbs.setdefault(lemma, []).append(
            CueVerb(lemma, particle or None, float(weight), content == "object", content == "quote",
                    content == "evidence"))
    nonverbal = load_json("claims", "nonverbal_cues.json")
    pronouns = load_json("claims", "pronouns.json")
    rules = _rows("claims", "rules.tsv")
    agents = load_json("claims", "agents.json")
    return Lexicon(
        # "call for" before "call": the entry whose particle the verb carries wins over the bare verb
        verbs={lemma: tuple(sorted(entries, key=lambda e: e.particle is None)) for lemma, entries in verbs.items()},
        source_phrases=tuple(tuple(p.split()) for p in nonverbal["source_phrases"]),
        view_nouns=frozenset(nonverbal["view_nouns"]),
        statement_nouns=frozenset(nonverbal["statement_nouns"]),
        stance_adjectives=frozenset(nonverbal["stance_adjectives"]),
        not_speakers=frozenset(nonverbal["not_speakers"]),
        pronoun_labels=dict(pronouns["personal"]),
        relative_pronouns=frozenset(pronouns["relative"]),
        person_nouns=frozenset(pronouns["person_nouns"]),
        inanimate=frozenset(agents["inanimate"]),
        contentless_objects=frozenset(load_json("claims", "contents.json")["contentless_objects"]),
        generic={pronoun: frozenset(cues) for pronoun, cues in agents["generic"].items()},
        evidence=frozenset(agents["evidence"]),
        colon_sources=frozenset(agents["colon_sources"]),
        promo_labels=frozenset(agents["promo_labels"]),
        question_labels=frozenset(agents["interview_labels"]["question"]),
        answer_labels=frozenset(agents["interview_labels"]["answer"]),
        scores={rule: float(score) for rule, score, _, _ in rules},
        kinds={rule: kind for rule, _, kind, _ in rules if kind != "-"},
    )
