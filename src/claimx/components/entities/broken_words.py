"""Canonical names spell a word broken at a line end whole: "European Com-\\nmission" → "European Commission".

The pipeline reads such a word as one token whose NORM is the joined word (claimx.hyphens, which lists those
tokens in `doc.user_data`); the mention's `text` keeps the file's characters, its canonical name should not."""

from __future__ import annotations

from spacy.tokens import Doc

from claimx.components.entities.mentions import Mention
from claimx.extensions import JOINED_WORDS


def join_broken_words(doc: Doc, mentions: list[Mention]) -> None:
    joined = doc.user_data.get(JOINED_WORDS)
    for m in mentions if joined else ():
        for i in joined:
            if m.start <= i < m.end and m.canonical is not None:
                token = doc[i]
                head, tail = token.text.split("-", 1)
                m.canonical = m.canonical.replace(token.text, head + tail.strip())
