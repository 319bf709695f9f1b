"""Money layer: the normalizer (text → amount, ISO currency, approx, min/max), the article's currency context, and
the claimx_money component. Every sentence here is written for these tests."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.normalize.money import MoneyReader, default_reader, parse_money
from claimx.normalize.money.context import count_places, currency_context
from claimx.normalize.numbers import parse_number_words, parse_numeral, to_amount


def money(text: str, **kwargs):
    value = parse_money(text, **kwargs)
    return value["amount"], value["currency"]


# --- signs and codes, before or after, spaced or not -----------------------------------------------------------

SIGNS_AND_CODES = [
    ("a $5 fee", 5, "USD"),
    ("won a DKK 2.3 billion contract", 2_300_000_000, "DKK"),  # "a DKK" is not one Danish krone
    ("an EUR 40 million loan", 40_000_000, "EUR"),
    ("a $ 5 fee", 5, "USD"),
    ("US$13 billion", 13_000_000_000, "USD"),
    ("$US552 million", 552_000_000, "USD"),
    ("USD 17.6 billion", 17_600_000_000, "USD"),
    ("€5bn", 5_000_000_000, "EUR"),
    ("EUR 20,100", 20_100, "EUR"),
    ("20,100 EUR", 20_100, "EUR"),
    ("£1.2 trillion", 1_200_000_000_000, "GBP"),
    ("¥300 billion", 300_000_000_000, "JPY"),
    ("₹1,200 crore", 12_000_000_000, "INR"),
    ("Rs 4,000 crore", 40_000_000_000, "INR"),
    ("Rs30,000crore", 300_000_000_000, "INR"),
    ("Rs.250 crore", 2_500_000_000, "INR"),
    ("CHF 10m", 10_000_000, "CHF"),
    ("NOK 160 billion", 160_000_000_000, "NOK"),
    ("RM138.8 million", 138_800_000, "MYR"),
    ("USD115", 115, "USD"),
    ("115USD", 115, "USD"),
    ("1.2bn USD", 1_200_000_000, "USD"),
    ("10 €", 10, "EUR"),
    ("100元", 100, "CNY"),
    ("5 mln zł", 5_000_000, "PLN"),
    ("₦500 billion", 500_000_000_000, "NGN"),
    ("KSh 5 billion", 5_000_000_000, "KES"),
    ("TL 5 billion", 5_000_000_000, "TRY"),
    ("20 usd", 20, "USD"),
    ("rmb 10", 10, "CNY"),
    ("dlrs 1,500", 1_500, "USD"),
    ("FIM 6.3 MLN", 6_300_000, "FIM"),
    ("GH¢5 million", 5_000_000, "GHS"),
    ("Euro 5 million", 5_000_000, "EUR"),  # a currency word first, with a scale word
    ("dollar 22.5 million", 22_500_000, "USD"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), SIGNS_AND_CODES)
def test_signs_and_codes(text, amount, currency):
    assert money(text) == (amount, currency)


# --- dollar variants ---------------------------------------------------------------------------------------------

DOLLAR_VARIANTS = [
    ("A$5m", "AUD"), ("AU$5m", "AUD"), ("C$5m", "CAD"), ("CA$5m", "CAD"), ("C $ 5m", "CAD"), ("NZ$5m", "NZD"),
    ("HK$5m", "HKD"), ("HK $ 5m", "HKD"), ("S$5m", "SGD"), ("NT$5m", "TWD"), ("R$5m", "BRL"), ("MX$5m", "MXN"),
    ("Mex$5m", "MXN"), ("U.S.$5m", "USD"), ("US $5m", "USD"), ("$A5m", "AUD"), ("$NZ5m", "NZD"), ("aud$ 5m", "AUD"),
]


@pytest.mark.parametrize(("text", "currency"), DOLLAR_VARIANTS)
def test_dollar_variants(text, currency):
    assert money(text) == (5_000_000, currency)


# --- currency words, plurals, minor units, number words ----------------------------------------------------------

WORDS = [
    ("1.7 billion dollars", 1_700_000_000, "USD"),
    ("444 million dollars", 444_000_000, "USD"),
    ("868 million Norwegian kroner", 868_000_000, "NOK"),
    ("50 cents", 0.5, "USD"),
    ("470 pence", 4.7, "GBP"),
    ("ten million yen", 10_000_000, "JPY"),
    ("two hundred euros", 200, "EUR"),
    ("half a billion dollars", 500_000_000, "USD"),
    ("a quarter of a million pounds", 250_000, "GBP"),
    ("three quarters of a billion dollars", 750_000_000, "USD"),
    ("one and a half million euros", 1_500_000, "EUR"),
    ("a million dollars", 1_000_000, "USD"),
    ("a one point six billion dollar plan", 1_600_000_000, "USD"),
    ("twenty-five thousand dollars", 25_000, "USD"),
    ("12-cent", 0.12, "USD"),
    ("a one-yen bid", 1, "JPY"),
    ("37.5 Canadian cents", 0.375, "CAD"),
    ("99 euro cents", 0.99, "EUR"),
    ("7 dollars and 25 cents", 7.25, "USD"),
    ("420 million Finnish markka", 420_000_000, "FIM"),
    ("250 million Dutch guilders", 250_000_000, "NLG"),
    ("3 billion Deutsche marks", 3_000_000_000, "DEM"),
    ("80 million French francs", 80_000_000, "FRF"),
    ("6.65 billion pesetas", 6_650_000_000, "ESP"),
    ("10,000 Swiss francs", 10_000, "CHF"),
    ("125 million Australian dollars", 125_000_000, "AUD"),
    ("2 million U.S. dollars", 2_000_000, "USD"),
    ("5 billion reais", 5_000_000_000, "BRL"),
    ("1.2 trillion won", 1_200_000_000_000, "KRW"),
    ("160 billion Norwegian crowns", 160_000_000_000, "NOK"),
    ("5 billion roubles", 5_000_000_000, "RUB"),
    ("100,000 Kenyan shillings", 100_000, "KES"),
    ("35 lakh rupees", 3_500_000, "INR"),
    ("500 million bitcoins", 500_000_000, None),
]


@pytest.mark.parametrize(("text", "amount", "currency"), WORDS)
def test_currency_words_and_number_words(text, amount, currency):
    assert money(text) == (amount, currency)


# --- scale words and number formats ------------------------------------------------------------------------------

SCALES_AND_FORMATS = [
    ("$5 thousand", 5_000), ("$5k", 5_000), ("$5K", 5_000), ("$5m", 5_000_000), ("$5mn", 5_000_000),
    ("$5 mln", 5_000_000), ("$5M", 5_000_000), ("$5bn", 5_000_000_000), ("$5b", 5_000_000_000),
    ("$5B", 5_000_000_000), ("$5tn", 5_000_000_000_000), ("$5trn", 5_000_000_000_000),
    ("$5 trillion", 5_000_000_000_000), ("$5-million", 5_000_000), ("$1.25bn", 1_250_000_000),
    ("$1,200,000", 1_200_000), ("$1,200,000.75", 1_200_000.75), ("$3.50", 3.5), ("$10000", 10_000),
    ("₹2 lakh", 200_000), ("₹1.5 lakh crore", 1_500_000_000_000), ("₹12,34,567.89", 1_234_567.89),
    ("$5\nmillion", 5_000_000),
]


@pytest.mark.parametrize(("text", "amount"), SCALES_AND_FORMATS)
def test_scale_words_and_formats(text, amount):
    assert parse_money(text)["amount"] == amount


EUROPEAN_AND_SPACED = [
    ("1.200.000,50 EUR", 1_200_000.5, "EUR"),
    ("€1.200", 1_200, "EUR"),  # euro-style grouping: twelve hundred, not 1.2
    ("€1.250 billion", 1_250_000_000, "EUR"),  # before a scale word the dot is a decimal point
    ("$1.200", 1.2, "USD"),
    ("€1,5 Mio.", 1_500_000, "EUR"),
    ("11.5 Mio EUR", 11_500_000, "EUR"),
    ("kr 35 000", 35_000, None),  # which krone is the article's to say
    ("1\u202f200\u202f000 €", 1_200_000, "EUR"),  # narrow no-break spaces
    ("1\u00a0200\u00a0000 €", 1_200_000, "EUR"),  # no-break spaces
    ("CHF 1'250'000", 1_250_000, "CHF"),
    ("120 MEUR", 120_000_000, "EUR"),
    ("MAUD 60", 60_000_000, "AUD"),
    ("75 USD million", 75_000_000, "USD"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), EUROPEAN_AND_SPACED)
def test_european_and_spaced_numbers(text, amount, currency):
    assert money(text) == (amount, currency)


# --- hedges and ranges -------------------------------------------------------------------------------------------

HEDGED = ["about $5m", "around $5m", "nearly $5m", "almost $5m", "more than $5m", "over $5m", "up to $5m",
          "at least $5m", "roughly $5m", "an estimated $5m", "some $5m", "$5m or more", "$5m-plus", "~$5m"]


@pytest.mark.parametrize("text", HEDGED)
def test_hedges_make_amounts_approximate(text):
    value = parse_money(text)
    assert value["approx"] is True and value["amount"] == 5_000_000


@pytest.mark.parametrize("text", ["$5m", "the $5m fee", "costs $5m now"])
def test_no_hedge_no_approx(text):
    assert parse_money(text)["approx"] is False


def test_hedge_word_is_not_part_of_the_mention():
    (mention,) = default_reader().find("It raised about $5m.")
    assert mention.text == "$5m" and mention.approx


RANGES = [
    ("$5-10 million", 5_000_000, 10_000_000, "USD"),
    ("$5 million to $10 million", 5_000_000, 10_000_000, "USD"),
    ("between €300,000 and €5 million", 300_000, 5_000_000, "EUR"),
    ("€10-15bn", 10_000_000_000, 15_000_000_000, "EUR"),
    ("$10m–$15m", 10_000_000, 15_000_000, "USD"),
    ("5 to 10 million euros", 5_000_000, 10_000_000, "EUR"),
    ("$500,000 to $1 million", 500_000, 1_000_000, "USD"),
    ("between 25-45 cents", 0.25, 0.45, "USD"),
    ("US$5m-$6m", 5_000_000, 6_000_000, "USD"),
    ("between 10 and 20 dollars", 10, 20, "USD"),
    ("costs ranging from £2m to £3m", 2_000_000, 3_000_000, "GBP"),
]


@pytest.mark.parametrize(("text", "low", "high", "currency"), RANGES)
def test_ranges_are_one_record_with_min_and_max(text, low, high, currency):
    value = parse_money(text)
    assert (value["amount"], value["min"], value["max"], value["currency"]) == (low, low, high, currency)


NOT_RANGES = [
    "Sales rose from $5 million to $8 million.",  # a change, two amounts
    "It paid $5 million and $8 million.",  # "and" without "between"
    "In 2019 to $5 million.",  # a year is not a range start
    "Nickel rose by 500 to 39,200 rupees.",  # a rise and a level
]


@pytest.mark.parametrize("text", NOT_RANGES)
def test_not_ranges(text):
    assert all(m.min is None for m in default_reader().find(text))


# --- not money ---------------------------------------------------------------------------------------------------

NOT_MONEY = [
    "Prices rose 5 percent.", "Prices rose 5%.", "It happened in 2019.", "He was born in 1984.",
    "Call 555-0199 or +44 20 7946 0958.", "Press the $ sign twice.", "Run echo $HOME first.", "Buy $AAPL now.",
    "All 70 of us.", "ALL 5 solutions are wrong.", "TOP 10 lists.", "The 1994 Freedom Act.",
    "He weighs 236 pounds.", "a bag of 2.2 kg (4.8 pounds)", "a 1,300 pounds of fertiliser",
    "a gift of 500 pounds (225 kilograms) of food",
    "N95 masks", "P5+1 talks", "R2-D2", "F-35 jets", "Covid-19", "1080p video", "EUR/USD 1.08",
    "Type `echo $1` to print it.", "London streams now default to 720p.", "Temperatures in Perth hit 40c.",
    "A $ sign opens the line.",
    "a million people", "5 million shares", "Shares closed at 145.20.", "in 2019 dollars", "the 2008 dollar crisis",
    "the dollar fell", "three quarters of the vote", "the Euro 2024 final", "six Euro ties", "Mark Twain, 2\nMark",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text):
    assert parse_money(text)["amount"] is None


ELLIPTICAL = [
    ("Profit rose to $5.2 billion from 4.8 billion a year earlier.", [5_200_000_000, 4_800_000_000]),
    ("Sales hit €2.1bn, up from 1.9bn.", [2_100_000_000, 1_900_000_000]),
    ("It earned $5 million from 3 million customers.", [5_000_000]),  # a count, not an amount
]


@pytest.mark.parametrize(("text", "amounts"), ELLIPTICAL)
def test_elliptical_amounts_keep_the_currency(text, amounts):
    mentions = default_reader().find(text)
    assert [to_amount(m.amount) for m in mentions] == amounts
    assert len({m.currency for m in mentions}) == 1


def test_line_breaks():
    assert money("$5\nmillion") == (5_000_000, "USD")  # layout split an amount
    assert [m.text for m in default_reader().find("Winner 510,258 euros\n2. Runner-up 442,201")] == ["510,258 euros"]
    assert default_reader().find("Net 12.08\nCanadian dollar index") == []  # a table: the next line is a new row


def test_a_leading_article_is_not_part_of_the_amount():
    (mention,) = default_reader().find("a five million riel fine")
    assert mention.text == "five million riel" and to_amount(mention.amount) == 5_000_000


def test_vague_amounts_have_a_currency_but_no_number():
    assert parse_money("millions of dollars") == {
        "amount": None, "currency": "USD", "approx": True, "min": None, "max": None}
    assert money("hundreds of billions of euros") == (None, "EUR")
    assert money("several million pounds") == (None, "GBP")


# --- currency context: whose dollar, whose francs ----------------------------------------------------------------


def article(text: str, places: Counter | None = None) -> list[tuple[str, str | None]]:
    reader = default_reader()
    mentions = reader.find(text)
    context = currency_context(mentions, places, vocab=reader.vocab)
    return [(m.text, context.resolve(m)) for m in mentions]


def test_us_marked_dollars_make_the_bare_dollar_local():
    text = "The firm was fined $US40 million. Its Sydney office cost $12 million."
    assert article(text) == [("$US40 million", "USD"), ("$12 million", "AUD")]


def test_places_choose_the_local_dollar_of_an_us_marked_article():
    text = "The mine was sold for US$300 million; the province spent $40 million."
    assert article(text, Counter({"CA": 2}))[1] == ("$40 million", "CAD")


def test_a_dollar_country_named_in_passing_does_not_make_the_dollar_local():
    text = "Revenue reached $1.8 billion. Clients in Singapore signed deals worth US$300 million."
    assert article(text, Counter({"NO": 3, "SG": 1, "JP": 1}))[0] == ("$1.8 billion", "USD")


def test_a_bare_dollar_repeating_a_marked_amount_is_that_currency():
    text = "It faces a $US90 million penalty. That $90 million will be paid in June. A bus costs $3."
    assert article(text) == [("$US90 million", "USD"), ("$90 million", "USD"), ("$3", "AUD")]


def test_other_dollars_marked_make_the_bare_dollar_us():
    text = "The bank lost A$2 billion ($1.3 billion)."
    assert article(text) == [("A$2 billion", "AUD"), ("$1.3 billion", "USD")]


def test_a_local_paper_marking_its_own_dollar_once():
    text = "The bank earned S$10 billion. Households get $600 in vouchers."
    assert article(text, Counter({"SG": 3}))[1] == ("$600", "SGD")
    wire = "The bank earned S$10 billion ($7.4 billion). Households get $600 in vouchers."
    assert article(wire, Counter({"SG": 3}))[1:] == [("$7.4 billion", "USD"), ("$600", "USD")]


def test_unmarked_dollars_are_us_unless_the_article_is_clearly_local():
    assert article("It raised $5 million.") == [("$5 million", "USD")]
    assert article("It raised $5 million.", Counter({"AU": 4}))[0][1] == "AUD"
    assert article("It raised $5 million.", Counter({"AU": 4, "US": 3}))[0][1] == "USD"


def test_shared_words_follow_the_article():
    assert article("It cost 500 francs.") == [("500 francs", None)]  # no safe default
    assert article("It cost 5 million Swiss francs, then 500 francs more.")[1][1] == "CHF"
    assert article("It cost 500 francs.", Counter({"FR": 2}))[0][1] == "FRF"
    assert article("A fine of 200 million kroner.", Counter({"DK": 1}))[0][1] == "DKK"
    assert article("Tickets cost 2,000 rupees.", Counter({"PK": 2}))[0][1] == "PKR"
    assert article("Tickets cost 2,000 rupees.")[0][1] == "INR"


def test_a_place_the_parser_missed_settles_a_shared_sign(nlp):
    """ "ISLAMABAD" opening a story is an ORG to spaCy's NER; the entity layer knows it is in Pakistan."""
    from claimx.extract import extract

    text = "ISLAMABAD, (Capital Wire - 9th Jun) :The finance minister unveiled a Rs 14 trillion budget on Friday."
    assert [m["currency"] for m in extract(text).to_dict()["money"]] == ["PKR"]


def test_commodity_prices_are_us_dollars_and_mark_nothing():
    text = "Gold ended at $1,950 an ounce in Sydney. The state will spend $3 billion on schools."
    assert article(text, Counter({"AU": 4})) == [("$1,950", "USD"), ("$3 billion", "AUD")]


def test_change_then_level_is_not_a_range():
    for text in ("The bond fell C$0.28 to C$96.89.", "Shares rose 6 pence to 388 pence."):
        assert all(m.min is None for m in default_reader().find(text))


def test_cents_follow_the_article_currency():
    assert article("A €2 coffee and a 50 cents tip.")[1] == ("50 cents", "EUR")
    assert article("A $2 coffee and a 50 cents tip.")[1] == ("50 cents", "USD")


def test_count_places_reads_names_and_demonyms():
    assert count_places(["Sydney", "Australian", "the United States", "U.S.", "Narnia"]) == Counter(
        {"AU": 2, "US": 2})


# --- numbers -----------------------------------------------------------------------------------------------------

NUMERALS = [
    ("1,200,000", {}, "1200000"), ("1.200.000,50", {}, "1200000.50"), ("12,34,567.89", {}, "1234567.89"),
    ("35 000", {}, "35000"), ("1,5", {}, "1.5"), ("1.200", {"comma_decimal": True}, "1200"),
    ("1.200", {}, "1.200"), ("1.200", {"comma_decimal": True, "scaled": True}, "1.200"), ("7", {}, "7"),
]


@pytest.mark.parametrize(("text", "options", "expected"), NUMERALS)
def test_parse_numeral(text, options, expected):
    assert parse_numeral(text, **options) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", ",5"])
def test_parse_numeral_rejects_non_numbers(text):
    assert parse_numeral(text) is None


NUMBER_WORDS = [
    ("ten", 10), ("two hundred", 200), ("forty-five", 45), ("two hundred and fifty", 250), ("a hundred", 100),
    ("half a", 0.5), ("a quarter of a", 0.25), ("three quarters", 0.75), ("one and a half", 1.5), ("a", 1),
    ("twenty five thousand", 25_000), ("a dozen", 12), ("one point six", 1.6), ("two point zero five", 2.05),
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_WORDS)
def test_parse_number_words(text, expected):
    assert parse_number_words(text) == Decimal(str(expected))


@pytest.mark.parametrize("text", ["and", "of", "five and ten", "the", "zero", "one point", "one point twenty"])
def test_parse_number_words_rejects(text):
    assert parse_number_words(text) is None


def test_amounts_are_ints_when_whole():
    assert isinstance(to_amount(Decimal("5000000.00")), int)
    assert to_amount(Decimal("1.17") * 10**9) == 1_170_000_000
    assert to_amount(Decimal("3.5")) == 3.5


# --- properties --------------------------------------------------------------------------------------------------

_MONEYISH = st.text(alphabet="$€£¥₹0123456789.,  \u00a0-kmbKMB USDEURAmilonbtha", max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), _MONEYISH))
def test_parse_money_never_raises_and_amounts_are_not_negative(text):
    value = parse_money(text)
    assert set(value) == {"amount", "currency", "approx", "min", "max"}
    for key in ("amount", "min", "max"):
        assert value[key] is None or value[key] >= 0
    if value["min"] is not None:
        assert value["min"] <= value["max"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=20), _MONEYISH)
def test_offsets_index_the_text_and_shift_with_a_prefix(prefix, body):
    reader = default_reader()
    mentions = reader.find(body)
    for mention in mentions:
        assert body[mention.start:mention.end] == mention.text
    offset = len(prefix) + 2  # a sentence and line break keep the prefix from joining the body's amounts
    shifted = reader.find(prefix + ".\n" + body)
    tail = [(m.start - offset, m.end - offset, m.amount, m.approx) for m in shifted if m.start >= offset]
    assert tail == [(m.start, m.end, m.amount, m.approx) for m in mentions]


@pytest.mark.parametrize("text", [
    "$" * 20_000, "1" * 100_000, "1,000" * 5_000, "1 000 " * 5_000, "a " * 5_000, "one and " * 3_000,
    "$US" * 5_000, "9-" * 10_000, "millions of " * 3_000, "€ " * 10_000, "\u00a0" * 20_000 + "$5",
])
def test_adversarial_input_completes(text):
    assert isinstance(default_reader().find(text), list)


def test_reader_compiles_once():
    reader = MoneyReader()
    assert reader.pattern is reader.pattern and reader.find("$5") == reader.find("$5")


# --- the component -----------------------------------------------------------------------------------------------


def money_records(nlp, text: str, masked=None):
    doc = nlp.make_doc(text)
    doc._.claimx_masked = masked or []
    doc = nlp(doc)
    return [(s.text, s.start_char, s.end_char, s._.claimx_money) for s in doc.spans["claimx_money"]]


def test_component_overrides_cut_statistical_spans(nlp):
    text = "The regulator fined the app $US552 million and its owner spent $US13 billion on data centres."
    found = money_records(nlp, text)
    assert [(t, m["amount"], m["currency"]) for t, _, _, m in found] == [
        ("$US552 million", 552_000_000, "USD"), ("$US13 billion", 13_000_000_000, "USD")]
    for span_text, start, end, _ in found:
        assert text[start:end] == span_text


def test_component_reads_the_article_dollar(nlp):
    text = ("Melbourne-based Acme was fined $US2 million in Texas last year. "
            "Its new Brisbane plant will cost $45 million, the Queensland government said.")
    found = {t: m["currency"] for t, _, _, m in money_records(nlp, text)}
    assert found == {"$US2 million": "USD", "$45 million": "AUD"}


def test_component_ranges_hedges_and_fields(nlp):
    text = "Analysts expect a loss of about $5-10 million, between €300,000 and €5 million in Europe."
    found = [m for _, _, _, m in money_records(nlp, text)]
    assert found == [
        {"amount": 5_000_000, "currency": "USD", "approx": True, "min": 5_000_000, "max": 10_000_000},
        {"amount": 300_000, "currency": "EUR", "approx": False, "min": 300_000, "max": 5_000_000},
    ]


def test_component_weak_signs_need_support(nlp):
    assert money_records(nlp, "The recipe needs 50p worth of hope.") == []
    found = money_records(nlp, "A London bus fare rose from £1.65 to £1.75, and a stamp costs 85p.")
    assert [t for t, *_ in found] == ["£1.65", "£1.75", "85p"]


def test_component_skips_masked_ranges(nlp):
    text = "Subscribe for $5 a month. The council approved $12 million for roads."
    found = money_records(nlp, text, masked=[(0, 25)])
    assert [t for t, *_ in found] == ["$12 million"]


def test_component_sentence_initial_a_is_no_australian_dollar(nlp):
    found = money_records(nlp, "A $5 million reward has been offered.")
    assert [(t, m["currency"]) for t, _, _, m in found] == [("$5 million", "USD")]


def test_component_on_empty_and_moneyless_text(nlp):
    assert money_records(nlp, "") == []
    assert money_records(nlp, "The minister spoke for 5 minutes about 2% growth in 2024.") == []


# --- open-web precision: codes inside names, units, dashes, the publisher's country ------------------------------

# (text, expected mentions as (text, currency)): negative cases beside the positive ones they resemble.
CODES_AS_TOKENS = [
    ("Ministers flew to COP29 in Baku to argue about finance.", []),  # a summit, not Colombian pesos
    ("Ministers flew to the COP 29 summit.", []),
    ("The loan was COP 5 billion, about $1.2 million.", [("COP 5 billion", "COP"), ("$1.2 million", "USD")]),
    ("The project targets SDG 4: quality education for all.", []),  # a development goal
    ("The drug is broken down by CYP2D6 in the liver.", []),  # a gene
    ("The enzyme CYP3A4 handles it.", []),
    ("Their opener was one of MIK's best bowlers.", []),  # number words and a team's initials
    ("It paid USD50 for the licence.", [("USD50", "USD")]),  # a major code may touch its number
    ("It paid USD 50 for the licence.", [("USD 50", "USD")]),
    ("The fund raised 2.5 million CHF.", [("2.5 million CHF", "CHF")]),
    ("The bond is worth one million EUR.", [("one million EUR", "EUR")]),
]

UNITS_AND_IDIOMS = [
    ("A 300 pound anchor hangs from the chain.", [], None),  # a weight: singular unit before a noun
    ("The 40 pound bag of feed sat in the barn in London.", [], None),
    ("She kept a ten pound note in London.", [("ten pound", "GBP")], None),  # a money noun follows
    ("The stall in London sold it for 3 pounds.", [("3 pounds", "GBP")], None),
    ("Voters in Tampa approved a one-penny sales tax for roads.", [], None),  # a US cent, no pound
    ("Voters in Tampa approved a one-penny sales tax for roads.", [], "US"),
    ("The stamp in London rose by a penny to 85p.", [("85p", "GBP")], None),
    ("The council approved a 2 pound parking fee.", [("2 pound", "GBP")], "GB"),
]

DASHES = [
    ("The firm won new orders—$2.4 billion of them—last quarter.", [("$2.4 billion", "USD")]),
    ("Sales–$30 million in all–beat forecasts.", [("$30 million", "USD")]),
]

PUBLISHER_DOLLAR = [
    (None, "The miner raised $40 million from investors.", "USD"),
    ("AU", "The miner raised $40 million from investors.", "AUD"),
    ("CA", "The miner raised $40 million from investors.", "CAD"),
    ("GB", "The miner raised $40 million from investors.", "USD"),  # Britain has no dollar of its own
    ("US", "The miner raised $40 million from investors.", "USD"),
    ("AU", "The miner raised A$40 million ($26 million) from investors.", "USD"),  # wire style converts
    ("AU", "The miner paid US$5 million and then $40 million more.", "AUD"),
]


def _found(nlp, text, country=None):
    doc = nlp.make_doc(text)
    doc._.claimx_masked = []
    doc._.claimx_country = country
    doc = nlp(doc)
    return [(s.text, s._.claimx_money["currency"]) for s in doc.spans["claimx_money"]]


@pytest.mark.parametrize(("text", "expected"), CODES_AS_TOKENS)
def test_a_code_counts_only_as_a_token_next_to_an_amount(nlp, text, expected):
    assert _found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected", "country"), UNITS_AND_IDIOMS)
def test_pound_and_penny_need_money_context(nlp, text, expected, country):
    assert _found(nlp, text, country) == expected


@pytest.mark.parametrize(("text", "expected"), DASHES)
def test_a_span_never_crosses_a_dash(nlp, text, expected):
    assert _found(nlp, text) == expected


@pytest.mark.parametrize(("country", "text", "dollar"), PUBLISHER_DOLLAR)
def test_the_publishers_country_weighs_on_a_bare_dollar(nlp, country, text, dollar):
    assert _found(nlp, text, country)[-1][1] == dollar


def test_parse_money_takes_the_publishers_country():
    assert money("a $5 fee", country="NZ") == (5, "NZD")
    assert money("a $5 fee") == (5, "USD")
