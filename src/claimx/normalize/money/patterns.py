"""The money regex, built once from the vocabulary.

Three shapes, one alternation (group names carry the shape's prefix; the currency after a number, shared by the
number-first, words-first and vague shapes, is prefixed a_):
  sign first    `$5`, `US$ 13 billion`, `Rs30,000crore`, `EUR 20,100`, `MAUD 60`
  number first  `20,100 EUR`, `1.7 billion dollars`, `11.5 Mio EUR`, `75 USD million`, `50p`, or a bare `10 million`
                (bare numbers are kept as range ends: `$5-10 million`)
  words first   `ten million yen`, `half a billion dollars`, `a quarter of a million pounds`
  vague         `millions of dollars`, `hundreds of billions of euros`, `several million pounds` (no amount)

Every quantifier is bounded and every number start is guarded by a look-behind, so the work per start position is
constant and matching stays linear on any input (a million digits, a hundred thousand `$` signs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimx.normalize.money.currencies import Vocabulary
from claimx.normalize.numbers import NUMBER_WORDS

SPACE = r"[ \t\u00a0\u2009\u202f]"
GAP = rf"(?:{SPACE}{{1,2}}|{SPACE}?\r?\n{SPACE}?)"  # one or two spaces, or one line break (amounts split by layout)
OPTIONAL_GAP = rf"(?:{GAP})?"
JOIN = rf"(?:{GAP}|-)?"  # "5 million", "5-million", "12-cent", "30,000crore"
# Before a currency word the line may not break: in tables and results lists the next line starts a new item.
INLINE_JOIN = rf"(?:{SPACE}{{1,2}}|-)?"
_GROUP = rf"(?:,|\.|['’]|{SPACE})"
DIGITS = (
    rf"(?:\d{{1,3}}(?:{_GROUP}\d{{3}}){{1,7}}(?!\d)(?:[.,]\d{{1,12}})?"  # 1,200,000  1.200.000,50  35 000
    r"|\d{1,2}(?:,\d{2}){1,6},\d{3}(?!\d)(?:\.\d{1,12})?"  # Indian grouping: 12,34,567.89
    r"|\d{1,24}(?:[.,]\d{1,12})?)"
    r"(?![\d])"
)
_NOT_LETTER = r"(?![^\W\d_])"  # no letter follows (Unicode-aware)
_MANY = r"(?:tens|hundreds|thousands|millions|billions|trillions)"
_VAGUE = (
    rf"{_MANY}(?:{SPACE}of{SPACE}{_MANY}){{0,2}}{SPACE}of"  # "hundreds of millions of (dollars)"
    rf"|(?:a{SPACE}few|several|many|some){SPACE}(?:hundred|thousand|million|billion|trillion)"
    rf"(?:{SPACE}(?:thousand|million|billion))?"
)
_NOT_WORD = r"(?![^\W_])"  # no letter or digit follows: "3 USD50" is not "3 USD"
_START = r"(?<![^\W_])(?<!/)"  # no letter or digit precedes, nor a slash ("EUR/USD 1.08" is a rate)


def trie(strings: Iterable[str]) -> str:
    """A regex matching any of the strings, as a character trie: constant work per position however long the list,
    and greedy, so the longest entry wins. Spaces in entries match any one space character."""
    root: dict = {}
    for string in strings:
        if not string:
            continue
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root) if root else "(?!)"


def _emit(node: dict) -> str:
    branches = [
        (SPACE if char == " " else re.escape(char)) + _emit(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # an entry ends here; a longer one may go on
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def money_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    parts = _Parts(vocab)
    sign_first = (
        rf"(?:(?P<s_scode>{parts.scaled_code}){_NOT_LETTER}|(?P<s_code>{parts.code}){_NOT_LETTER}"
        rf"|(?P<s_any>(?i:{trie(vocab.before_any_case)}))"
        rf"|(?P<s_word>(?i:{trie(vocab.before_words)})){_NOT_LETTER}(?={GAP}\d)"
        rf"|(?P<s_sign>{trie(vocab.before)})"
        rf"|(?P<s_attached>{trie(vocab.before_attached)})(?=\d))"
        rf"{OPTIONAL_GAP}(?P<s_number>{DIGITS})(?:{parts.scale('s_')})?"
    )
    # Number first, words first and vague share one currency-after part (`tail`): its name trie is most of the
    # pattern, and writing it once instead of three times halves the compile at start-up (0.08 → 0.04 s). What
    # may follow depends on the head that matched, read with conditional groups `(?(name)yes|no)`.
    number_head = rf"(?<![.,])(?P<n_number>{DIGITS})(?:{parts.scale('n_')})?"
    first_words = sorted(w for w in NUMBER_WORDS if w not in ("and", "of", "point"))
    words_head = (
        rf"(?P<w_words>(?i:{trie(first_words)}(?:(?:{SPACE}|-){trie(NUMBER_WORDS)}){{0,7}})){_NOT_LETTER}"
        rf"(?:{parts.scale('w_')})?"
    )
    vague_head = rf"(?P<v_vague>(?i:{_VAGUE})){_NOT_LETTER}"
    tail = (
        rf"(?:(?(n_number)(?P<n_minor_attached>{trie(vocab.after_minor)}){_NOT_LETTER}|(?!))"  # "50p"
        rf"|(?(v_vague){SPACE}|{INLINE_JOIN}){parts.after('a_')}(?(v_vague)|{parts.scale_after('a_')})"
        r"|(?(n_number)|(?!)))"  # a bare number: kept as a range end ("$5-10 million")
    )
    # Every shape starts where a word does: checked once per position, before the alternation, not once per shape.
    return re.compile(rf"{_START}(?:{sign_first}|(?:{number_head}|{words_head}|{vague_head}){tail})")


class _Parts:
    """Regex pieces shared by the three shapes; `p` prefixes the group names of one shape."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.code = rf"(?:{trie(vocab.codes)}|(?i:{trie(c.lower() for c in vocab.codes_any_case)}))"
        self.scaled_code = f"{trie(vocab.code_prefixes)}{trie(vocab.scalable_codes)}"
        self.scale_words = f"(?i:{trie(vocab.scale_words)})"
        self.names = f"(?i:{trie(vocab.names)})"
        self.minor_names = f"(?i:{trie(vocab.minor_names)})"
        # A "$" after a number ("10 $"), but not the "$" that starts the next amount ("5 $10").
        self.after_signs = rf"(?:{trie(s for s in vocab.after if s != '$')}|\$(?!{SPACE}{{0,2}}\d))"

    def scale(self, p: str) -> str:
        """ "million", "bn", "Mio", attached "m"/"K", and a second scale word: "lakh crore"."""
        return (
            rf"(?:{JOIN}(?P<{p}scale>{self.scale_words}|{trie(self.vocab.scale_abbreviations)}){_NOT_LETTER}"
            rf"|(?P<{p}scale_attached>{trie(self.vocab.scale_attached)}){_NOT_LETTER})"
            rf"(?:{GAP}(?P<{p}scale_more>{self.scale_words}){_NOT_LETTER})?"
        )

    def scale_after(self, p: str) -> str:
        """A scale word after the currency: "75 USD million"."""
        return rf"(?:{GAP}(?P<{p}scale_after>{self.scale_words}){_NOT_LETTER})?"

    def after(self, p: str) -> str:
        """A currency after the number: a code, a name or minor unit, or (after digits only) a sign."""
        return (
            rf"(?:(?P<{p}scode>{self.scaled_code}){_NOT_WORD}|(?P<{p}code>{self.code}){_NOT_WORD}"
            rf"|(?P<{p}minor>{self.minor_names}){_NOT_LETTER}|(?P<{p}name>{self.names}){_NOT_LETTER}"
            rf"|(?(n_number)(?P<{p}sign>{self.after_signs}){_NOT_LETTER}|(?!)))"
        )


def dollar_quote_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    """A commodity unit right after a price: "$387 an ounce", "$22.15 a barrel"."""
    return re.compile(rf"(?i:{SPACE}{{0,2}}(?:{trie(vocab.dollar_quotes)}))(?![^\W_])")


def hedge_patterns(vocab: Vocabulary) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(before, after): a hedge that ends right before an amount, and one that starts right after it."""
    before = re.compile(rf"(?<![^\W_])(?i:{trie(vocab.hedges_before)}){SPACE}{{0,2}}\Z")
    after = re.compile(rf"(?i:{SPACE}{{0,2}}(?:{trie(vocab.hedges_after)}))(?![^\W_])")
    return before, after
