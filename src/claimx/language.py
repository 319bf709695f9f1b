"""Which language an article is written in, cheaply enough to ask of every article.

claimx reads English; the record's `language` tells a user which articles were not English (their mentions are
unreliable) without a model: the script of the letters decides scripts used by one language, and for the rest the
share of words that are a language's stop words (spaCy ships the lists) does. English is tested first, so an
English article costs one regex over its first few thousand characters and nothing is imported.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

SAMPLE_CHARS = 5000
MIN_WORDS = 20  # fewer words than this: too short to tell, no language is given
STOP_SHARE = 0.2  # English running text is ~45% stop words; another language's text ~5-10% English ones

_WORDS = re.compile(r"[^\W\d_]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Scripts written by (nearly) one language; Latin, Cyrillic and Arabic script are left to the stop words.
_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
# Other languages told apart by their stop words (spacy.lang.<code>.stop_words), most widely read first.
_BY_STOP_WORDS = ("es", "fr", "de", "pt", "it", "nl", "ru", "ar", "tr", "pl", "sv", "da", "nb", "id", "uk", "fa",
                  "ro", "cs", "fi", "hu")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, `und` when it is none claimx can tell, None when too short."""
    sample = text[:SAMPLE_CHARS]
    words = _WORDS.findall(sample.lower())
    letters = sum(map(len, words))
    if not letters:
        return None
    if not sample.isascii():  # an ASCII text has none of the scripts below
        # These scripts are not split into words: count characters. Japanese mixes kana into Han characters.
        kana, han = len(_KANA.findall(sample)), len(_HAN.findall(sample))
        if kana + han > letters / 2:
            return "ja" if kana > letters / 20 else "zh"
        for code, script in _SCRIPTS:
            if len(script.findall(sample)) > letters / 2:
                return code
    if len(words) < MIN_WORDS:
        return None
    if _stop_share(words, "en") >= STOP_SHARE:
        return "en"
    best, share = max(((code, _stop_share(words, code)) for code in _BY_STOP_WORDS), key=lambda pair: pair[1])
    return best if share >= STOP_SHARE else "und"


def _stop_share(words: list[str], code: str) -> float:
    stop = _stop_words(code)
    return sum(word in stop for word in words) / len(words)


@cache
def _stop_words(code: str) -> frozenset[str]:
    """spaCy's stop word list for `code`, read from its module alone: importing the language package would load
    its tokenizer rules and lemmatizer too (seconds for twenty languages)."""
    spec = importlib.util.find_spec("spacy.lang")
    path = Path(spec.submodule_search_locations[0], code, "stop_words.py") if spec else None
    if path is None or not path.is_file():
        return frozenset()
    module_spec = importlib.util.spec_from_file_location(f"_claimx_stop_words_{code}", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)
