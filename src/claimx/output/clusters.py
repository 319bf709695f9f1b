"""Claims across outlets: the same statement reported by several articles gets one `cluster` id.

Two claims are the same statement when they have the same speaker (its canonical name, else the words naming it,
compared without case; claims without a speaker go together) and
  * their contents are equal once quotes, case, punctuation and whitespace are normalised away (and a leading
    "that" of reported speech: `said that the plant will close` = `said "The plant will close."`), or
  * they are near-equal: difflib's ratio of the normalised contents is at least NEAR_EQUAL (0.9: a changed word or
    two in a sentence of twenty, "will" for "would", a dropped "also"), merged transitively.

A claim's cluster id is computed from its own speaker and content alone (`exact_cluster`), so every worker, part
file and resumed run gives the same id to equal claims; near-equal merging needs every claim, so it runs once at
the end over all of them (`cluster_claims`), and a merged group takes the smallest id among its members.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

NEAR_EQUAL = 0.9
_NOT_WORD = re.compile(r"[\W_]+")
_LEADING_THAT = re.compile(r"^that ")


@lru_cache(maxsize=65536)  # the same statement comes back in many articles, and again when clusters are merged
def normalize_claim(text: str | None) -> str:
    """Claim content without quotes, case, punctuation or extra whitespace (and without a leading "that")."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    words = _NOT_WORD.sub(" ", folded.replace("'", "").replace("\u2019", "")).strip()  # "it's" = "its"
    return _LEADING_THAT.sub("", words)


def normalize_speaker(speaker: str | None) -> str:
    return " ".join((speaker or "").casefold().split())


def exact_cluster(speaker: str | None, text: str | None) -> str:
    """The cluster id of equal statements: a hash of the normalised speaker and content."""
    key = f"{normalize_speaker(speaker)}\x1f{normalize_claim(text)}"
    return "c" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def merge_near_equal(claims: Iterable[tuple[str | None, str | None]], threshold: float = NEAR_EQUAL
                     ) -> dict[str, str]:
    """(speaker, text) pairs → {exact cluster id: merged cluster id} for every id that near-equal merging changes.
    Only contents of one speaker are compared, and only candidate pairs (see `_candidates`)."""
    by_speaker: dict[str, dict[str, str]] = defaultdict(dict)  # speaker → normalised content → exact id
    for speaker, text in claims:
        by_speaker[normalize_speaker(speaker)].setdefault(normalize_claim(text), exact_cluster(speaker, text))
    parent: dict[str, str] = {}

    def root(cluster: str) -> str:
        while parent.get(cluster, cluster) != cluster:
            parent[cluster] = parent.get(parent[cluster], parent[cluster])  # path halving: chains stay short
            cluster = parent[cluster]
        return cluster

    for contents in by_speaker.values():
        texts = sorted(t for t in contents if t)
        for i, j in _candidates(texts):
            a, b = texts[i], texts[j]
            ra, rb = root(contents[a]), root(contents[b])
            if ra == rb or 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:  # merged already, or
                continue  # the lengths alone rule it out
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold \
                    and matcher.ratio() >= threshold:
                parent[max(ra, rb)] = min(ra, rb)
    return {cluster: root(cluster) for cluster in parent if root(cluster) != cluster}


CANDIDATE_WORDS = 0.6  # share of their distinct words two near-equal contents have in common, at least


def _candidates(texts: list[str]) -> Iterator[tuple[int, int]]:
    """Pairs of texts that share at least CANDIDATE_WORDS of their words (Jaccard), found without comparing all
    pairs: each text's words are ordered rarest first, and two texts can only reach that share if the first
    len - ceil(share * len) + 1 words of each have one in common (prefix filtering), so only those are indexed.
    A 0.9 character ratio keeps far more words than that: a changed word or two in a sentence."""
    words = [set(t.split()) for t in texts]
    frequency = Counter(w for ws in words for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    for j, ws in enumerate(words):
        ordered = sorted(ws, key=lambda w: (frequency[w], w))
        prefix = ordered[:len(ordered) - math.ceil(CANDIDATE_WORDS * len(ordered)) + 1]
        seen: set[int] = set()
        for w in prefix:
            for i in index[w]:
                if i not in seen:
                    seen.add(i)
                    yield i, j
            index[w].append(j)


def cluster_rows(claims: Iterable[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The claim_clusters table from claims rows (with their final `cluster`) and articles rows by id: per cluster,
    its first article (earliest published, then smallest id), how many articles and outlets carried it (an article
    without a URL counts as its own outlet), and its first and last publication dates."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        members[claim["cluster"]].append(claim)
    rows = []
    for cluster, group in members.items():
        def published(claim):
            return (articles.get(claim["article_id"]) or {}).get("published")

        first = min(group, key=lambda c: (published(c) is None, published(c) or 0, c["article_id"], c["idx"]))
        days = [d for d in map(published, group) if d is not None]
        rows.append({
            "cluster": cluster, "speaker": first.get("speaker_canonical") or first.get("speaker"),
            "text": first.get("text"), "first_article_id": first["article_id"], "first_claim_idx": first["idx"],
            "articles": len({c["article_id"] for c in group}),
            "outlets": len({(articles.get(c["article_id"]) or {}).get("outlet") or c["article_id"] for c in group}),
            "first_published": min(days) if days else None, "last_published": max(days) if days else None,
        })
    rows.sort(key=lambda r: (-r["articles"], r["cluster"]))
    return rows


def cluster_claims(claims: list[dict[str, Any]], articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Near-equal merging over every claims row (their `cluster` updated in place), then the claim_clusters rows."""
    merged = merge_near_equal((c.get("speaker_canonical") or c.get("speaker"), c.get("text")) for c in claims)
    for claim in claims:
        claim["cluster"] = merged.get(claim["cluster"], claim["cluster"])
    return cluster_rows(claims, {a["id"]: a for a in articles})
