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
OTHER_SHARE = 0.15  # another language's text: this share of its words are its own (non-English) stop words
OTHER_OVER_ENGLISH = 1.5  # ...and they outnumber the English stop words by this much

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
                  "ro", "cs", "fi", "hu", "tl")


_NAMES = {"ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "es": "Spanish",
          "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
          "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nb": "Norwegian", "nl": "Dutch",
          "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "th": "Thai", "tl": "Tagalog",
          "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese", "und": "an unknown language"}


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
    english = _stop_share(words, "en")
    if english >= STOP_SHARE:
        return "en"
    # Another language only on its own evidence: its stop words that are not English ones ("de", "und", "que"),
    # clearly more of them than English ones. A results table or a list of foreign names has few of either.
    best, share = max(((code, _stop_share(words, code, own=True)) for code in _BY_STOP_WORDS),
                      key=lambda pair: pair[1])
    return best if share >= OTHER_SHARE and share >= OTHER_OVER_ENGLISH * english else "und"


def is_unsupported(code: str | None, text: str) -> bool:
    """True when claimx should not analyse a text detected as `code`: a language other than English that the
    detector is sure of, or an unknown one written mostly outside the Latin alphabet. Too short to tell
    (None) and Latin-script text of no known language (tables, lists of names) are analysed."""
    if code in (None, "en"):
        return False
    if code != "und":
        return True
    letters = "".join(_WORDS.findall(text[:SAMPLE_CHARS]))
    return bool(letters) and sum(char.isascii() or "\u00c0" <= char <= "\u024f" for char in letters) < len(letters) / 2


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


def _stop_share(words: list[str], code: str, *, own: bool = False) -> float:
    stop = _own_stop_words(code) if own else _stop_words(code)
    return sum(word in stop for word in words) / len(words)


@cache
def _own_stop_words(code: str) -> frozenset[str]:
    """A language's stop words that are not English ones, single letters aside (initials and scoreboard
    abbreviations — "b", "c", "lbw" — fill English results tables)."""
    return frozenset(word for word in _stop_words(code) - _stop_words("en") if len(word) > 1)


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
