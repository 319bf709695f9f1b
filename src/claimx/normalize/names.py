"""Pure helpers for entity names: the text a canonical name is written as, and a stable id for it."""

from __future__ import annotations

import hashlib
import re

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def name_text(text: str) -> str:
    """A name as a canonical value: one space between words, no possessive, no surrounding punctuation,
    capitals headlines' "NORWAY" kept as is (the caller spells it from the body when it can)."""
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text).strip(" ,;:\"“”'‘’()")
    return text


def entity_id(label: str, canonical: str | None) -> str | None:
    """The same id for the same canonical entity in every article: a short hash of label and name."""
    if not canonical:
        return None
    key = f"{label}:{' '.join(canonical.split()).casefold()}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()
