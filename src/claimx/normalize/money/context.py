"""The article's own usage settles what its open currencies mean: whose dollar a bare "$" is, whose rupees or kroner.

Pure functions of the article's money mentions and the places it names. The dollar rule:
- the article marks US dollars ("$US5m", "US$5m", "USD") and no other dollar: it is written where the local
  currency is another dollar, so a bare "$" is that dollar: the one of the places it names, else AUD for the
  Australian house style "$US" (US_SUFFIX_DOLLAR), else USD;
- it marks another dollar ("A$", "C$", "Hong Kong dollars"): a bare "$" is the US dollar (the Reuters style, which
  converts: "A$2bn ($1.3bn)"), unless the article is clearly local, names no US place and converts nothing
  (a Singapore paper writing "S$10.3bn" once and "$600" for its own dollar elsewhere);
- it marks nothing: USD, unless the article is clearly local (three or more mentions of one dollar country, at least
  twice its US mentions);
- a bare "$552 million" repeating the numeral of a marked "$US552 million" is that currency.

The publisher's country (`country`: --country, the URL's domain, the page's locale) counts as PUBLISHER_VOTES
mentions of that country: an unmarked "$100 million" on an Australian site is AUD, "20 pounds" on a British one
is money, and a wire story that converts ("A$2bn ($1.3bn)") still keeps "$" for USD.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimx.normalize.money.currencies import DOLLAR, Vocabulary, load_vocabulary
from claimx.normalize.money.mention import MoneyMention

US_SUFFIX_DOLLAR = "AUD"  # "$US" is Australian (and New Zealand) style; without places, assume Australia
_LOCAL_PLACE_MENTIONS = 3  # how clearly an unmarked article must be local for its "$" to be local
PUBLISHER_VOTES = _LOCAL_PLACE_MENTIONS  # the publisher's own country is local enough on its own


@dataclass(frozen=True)
class CurrencyContext:
    dollar: str  # what a bare "$" or "dollars" means here
    cents: str  # what bare cents are hundredths of
    vocab: Vocabulary
    named: Counter = field(default_factory=Counter)  # codes the article names unambiguously
    places: Counter = field(default_factory=Counter)  # ISO 3166 territory → mentions
    marked_numbers: dict[str, str] = field(default_factory=dict)  # numeral → code of a marked dollar amount

    def resolve(self, mention: MoneyMention) -> str | None:
        currency = mention.currency
        if currency == DOLLAR:
            if mention.minor:
                return self.cents
            if mention.commodity:
                return "USD"
            return self.marked_numbers.get(_digits(mention.number), self.dollar)
        if isinstance(currency, tuple):
            return self.choose(currency)
        return currency

    def choose(self, candidates: tuple[str | None, ...]) -> str | None:
        """Among currencies sharing a sign or word: one the article names outright, else the one of its places,
        else the first candidate (None where no default is safe: "francs", "kroner")."""
        codes = [code for code in candidates if code is not None]
        named = [code for code in codes if self.named[code]]
        if named:
            return max(named, key=lambda code: self.named[code])
        votes = {code: self._place_votes(code) for code in codes}
        best = max(codes, key=lambda code: votes[code], default=None)
        return best if best is not None and votes[best] > 0 else candidates[0]

    def supports(self, code: str | None) -> bool:
        """May a weak mention ("20 pounds", "50p", "R20") count? When the article names the same currency outright
        elsewhere, or a country that uses it."""
        return code is not None and (self.named[code] > 0 or self._place_votes(code) > 0)

    def _place_votes(self, code: str) -> int:
        return place_votes(code, self.places, self.vocab)


def currency_context(
    mentions: Iterable[MoneyMention],
    places: Counter | None = None,
    *,
    vocab: Vocabulary | None = None,
    dollar: str | None = None,
    country: str | None = None,
    more_places: Counter | None = None,
) -> CurrencyContext:
    """Settle the article's currencies from its mentions and place counts (territory → mentions), and the
    publisher's country (ISO 3166-1 alpha-2) when the input shows it. `more_places` weigh in on a sign several
    currencies share ("Rs": India's or Pakistan's) but not on which dollar a bare "$" is, which the NER's places and
    the publisher settle."""
    vocab = vocab or load_vocabulary()
    mentions = list(mentions)
    places = Counter(places or ())
    if country:
        places[country.upper()] += PUBLISHER_VOTES
    strong = [m for m in mentions if not m.weak]
    named = Counter(m.currency for m in strong if isinstance(m.currency, str) and m.currency != DOLLAR)
    dollar = dollar or article_dollar(mentions, places, vocab)
    uses_dollars = any(m.currency == DOLLAR and not m.minor for m in strong) or any(c in vocab.dollars for c in named)
    cents = "EUR" if named["EUR"] and not uses_dollars else dollar
    marked_numbers = {
        _digits(m.number): m.currency for m in strong if m.currency in vocab.dollars and m.number[:1].isdigit()
    }
    return CurrencyContext(dollar, cents, vocab, named, places + Counter(more_places or ()), marked_numbers)


def article_dollar(mentions: list[MoneyMention], places: Counter, vocab: Vocabulary) -> str:
    marked = {m.currency for m in mentions if m.currency in vocab.dollars and not m.weak}
    local_marked = marked - {"USD"}
    local_place, local_votes = _local_dollar_place(places, vocab)
    if "USD" in marked and not local_marked:
        if local_votes:
            return local_place
        suffix_style = any(_spaceless(m.sign).startswith("$US") for m in mentions)
        return US_SUFFIX_DOLLAR if suffix_style else "USD"
    us_votes = place_votes("USD", places, vocab)
    if local_marked:
        converted = any(m.currency == DOLLAR and m.converts for m in mentions)
        if local_marked == {local_place} and local_votes >= _LOCAL_PLACE_MENTIONS and not us_votes and not converted:
            return local_place  # a local paper marking its own dollar now and then: "S$10bn ... $600 vouchers"
        return "USD"
    if local_votes >= _LOCAL_PLACE_MENTIONS and local_votes >= 2 * us_votes:
        return local_place
    return "USD"


def _local_dollar_place(places: Counter, vocab: Vocabulary) -> tuple[str, int]:
    """The dollar of the country the article names most after the US, and its votes; ("USD", 0) when that country
    has no dollar of its own (a Norwegian report naming Singapore once keeps "$" for USD)."""
    others = [(count, territory) for territory, count in places.items() if territory != "US"]
    if not others:
        return "USD", 0
    _, top = max(others)
    for code in sorted(vocab.dollars - {"USD"}):
        if vocab.territories.get(code, {}).get(top) == 2:
            return code, place_votes(code, places, vocab)
    return "USD", 0


def place_votes(code: str, places: Counter, vocab: Vocabulary) -> int:
    """Mentions of places that use the currency, weighted: today's currency counts twice a former one."""
    return sum(places[territory] * weight for territory, weight in vocab.territories.get(code, {}).items())


def count_places(names: Iterable[str], vocab: Vocabulary | None = None) -> Counter:
    """Place names and demonyms as found by NER ("Sydney", "Australian", "the U.S.") → territory counts."""
    vocab = vocab or load_vocabulary()
    counts: Counter = Counter()
    for name in names:
        name = name.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        territory = vocab.places.get(name) or vocab.places.get(name.title())
        if territory:
            counts[territory] += 1
    return counts


def _digits(numeral: str) -> str:
    return "".join(char for char in numeral if char.isdigit() or char == ".")


def _spaceless(text: str) -> str:
    return "".join(text.split())
