"""Canonical names spell a word broken at a line end as it is spelled whole: "European Com-\\nmission" →
"European Commission", "Coca-\\nCola" → "Coca-Cola".

The pipeline reads such a word as one token whose NORM is the joined word, or as a compound's two words and hyphen
(claimx.hyphens, which lists both in `doc.user_data`); the mention's `text` keeps the file's characters, its
canonical name should not."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from claimx.components.entities.mentions import Mention
from claimx.extensions import HYPHENATED_BREAKS, JOINED_WORDS

_BREAK = re.compile(r"-\s+")


def join_broken_words(doc: Doc, mentions: list[Mention]) -> None:
    joined = doc.user_data.get(JOINED_WORDS, ())
    hyphenated = doc.user_data.get(HYPHENATED_BREAKS, ())
    if not (joined or hyphenated):
        return
    for m in mentions:
        if m.canonical is None:
            continue
        for i in joined:
            if m.start <= i < m.end:
                token = doc[i]
                m.canonical = m.canonical.replace(token.text, _BREAK.sub("", token.text))
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
        if any(start < offset < end for offset in hyphenated):
            m.canonical = _BREAK.sub("-", m.canonical)
