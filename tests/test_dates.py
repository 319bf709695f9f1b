"""The dates layer: the grammar (text → parts), the resolver (parts + reference date → TIMEX3 value), the component."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.normalize.dates.parts import GRAIN_RANK, DateParts, expression_grain, grain_of_value
from claimx.normalize.dates.calendar import easter_sunday
from claimx.normalize.dates.resolve import expand_two_digit_year, resolve, weekday_date
from claimx.normalize.dates import find_dates, parse_date, prefers_day_first, reference_date, resolve_date

# A Wednesday.
REF = "2013-03-20"


def value(text: str, published: str | None = REF, tense: str | None = None, **kw) -> str | None:
    resolved = resolve_date(text, published, tense, **kw)
    assert resolved is not None, f"{text!r} was not read as a date"
    return resolved["value"]


# --- absolute and partial dates ----------------------------------------------------------------------------------

ABSOLUTE = [
    ("17 August 2021", "2021-08-17", "day"),
    ("Aug. 17, 2021", "2021-08-17", "day"),
    ("August 17th 2021", "2021-08-17", "day"),
    ("the 17th of August, 2021", "2021-08-17", "day"),
    ("2021-08-17", "2021-08-17", "day"),
    ("2021/08/17", "2021-08-17", "day"),
    ("Tuesday, Aug. 17, 2021", "2021-08-17", "day"),
    ("August 2021", "2021-08", "month"),
    ("Aug 2021", "2021-08", "month"),
    ("2021", "2021", "year"),
    ("the year 2021", "2021", "year"),
    ("mid-2021", "2021", "year"),
    ("the end of 2021", "2021", "year"),
    ("the 1990s", "199", "decade"),
    ("1990s", "199", "decade"),
    ("the 1800s", "18", "century"),  # a round hundred is the century a reader means ...
    ("the 2000s", "200", "decade"),  # ... except the 2000s, the decade
    ("the '90s", "199", "decade"),
    ("the nineties", "199", "decade"),
    ("the early 1980s", "198", "decade"),
    ("the 20th century", "19", "century"),
    ("the twenty-first century", "20", "century"),
    ("Q3 2024", "2024-Q3", "quarter"),
    ("3Q24", "2024-Q3", "quarter"),
    ("2024 Q3", "2024-Q3", "quarter"),
    ("the third quarter of 2024", "2024-Q3", "quarter"),
    ("the 2012 third quarter", "2012-Q3", "quarter"),
    ("the first half of 2024", "2024-H1", "half"),
    ("H2 2023", "2023-H2", "half"),
    ("1H24", "2024-H1", "half"),
    ("the first two quarters of 2020", "2020-H1", "half"),
    ("first-half 2025", "2025-H1", "half"),
    ("third-quarter 2024", "2024-Q3", "quarter"),
    ("Dec-2018", "2018-12", "month"),
    ("05-Aug-2016", "2016-08-05", "day"),
    ("Dec. 31 , 1994", "1994-12-31", "day"),
    ("the summer of 2012", "2012-SU", "season"),
    ("winter 2019", "2019-WI", "season"),
    ("Christmas 2020", "2020-12-25", "day"),
    ("Thanksgiving 2021", "2021-11-25", "day"),
    ("nineteen ninety-six", "1996", "year"),
    ("January nineteen ninety-seven", "1997-01", "month"),
    ("the year two thousand", "2000", "year"),
]


@pytest.mark.parametrize(("text", "expected", "grain"), ABSOLUTE)
def test_absolute_dates(text, expected, grain):
    resolved = resolve_date(text, REF)
    assert resolved is not None
    assert (resolved["value"], resolved["grain"], resolved["relative"]) == (expected, grain, False)


# Fiscal years in TimeML notation, named by the year they end in; a split year outside a fiscal story is an interval.
FISCAL = [
    ("fiscal 2024", "FY2024"),
    ("fiscal year 2024", "FY2024"),
    ("FY24", "FY2024"),
    ("FY-24", "FY2024"),
    ("FY2024", "FY2024"),
    ("FY 2024", "FY2024"),
    ("the 2024 fiscal year", "FY2024"),
    ("2023-24", "2023/2024"),
    ("2023/24", "2023/2024"),
    ("FY2023-24", "FY2024"),
    ("1999-2000", "1999/2000"),
    ("Q3 FY24", "FY2024-Q3"),
    ("FY'24 Q4", "FY2024-Q4"),
    ("the third quarter of fiscal 2024", "FY2024-Q3"),
    ("the first half of fiscal 2024", "FY2024-H1"),
    ("the fiscal second quarter", "2013-Q2"),  # no calendar known: which fiscal year's, nobody can say
]


@pytest.mark.parametrize(("text", "expected"), FISCAL)
def test_fiscal_and_split_years(text, expected):
    assert value(text) == expected


def test_a_year_then_a_month_is_a_month_not_a_split_year():
    assert value("2021-08") == "2021-08"


# --- modifiers and hedges ----------------------------------------------------------------------------------------

MODIFIED = [
    ("early December", "2012-12", "START"),
    ("mid-November", "2012-11", "MID"),
    ("late-November", "2012-11", "END"),
    ("mid-2021", "2021", "MID"),
    ("the beginning of 2020", "2020", "START"),
    ("the end of the year", "2013", "END"),
    ("the late 1970s", "197", "END"),
    ("around 1990", "1990", "APPROX"),
    ("nearly four years ago", "2009", "APPROX"),
    ("more than two years ago", "2011", "BEFORE"),
    ("post-1959", "1959", "AFTER"),
    ("pre-2020", "2020", "BEFORE"),
    ("early next year", "2014", "START"),
    ("late last year", "2012", "END"),
    ("year-end", "2013", "END"),
    ("end-2025", "2025", "END"),
    ("the end of the quarter", "2013-Q1", "END"),
]


@pytest.mark.parametrize(("text", "expected", "mod"), MODIFIED)
def test_modifiers_become_timex_mods(text, expected, mod):
    resolved = resolve_date(text, REF)
    assert resolved is not None
    assert (resolved["value"], resolved["mod"]) == (expected, mod)


# --- relative dates: reference Wednesday 20 March 2013 ------------------------------------------------------------

RELATIVE = [
    ("today", "2013-03-20", "day"),
    ("tonight", "2013-03-20", "day"),
    ("yesterday", "2013-03-19", "day"),
    ("tomorrow", "2013-03-21", "day"),
    ("this morning", "2013-03-20", "day"),
    ("last night", "2013-03-19", "day"),
    ("this week", "2013-W12", "week"),
    ("last week", "2013-W11", "week"),
    ("the last week", "2013-W11", "week"),
    ("next week", "2013-W13", "week"),
    ("this weekend", "2013-W12-WE", "week"),
    ("last month", "2013-02", "month"),
    ("this month", "2013-03", "month"),
    ("earlier this month", "2013-03", "month"),
    ("next month", "2013-04", "month"),
    ("this quarter", "2013-Q1", "quarter"),
    ("last quarter", "2012-Q4", "quarter"),
    ("next quarter", "2013-Q2", "quarter"),
    ("last year", "2012", "year"),
    ("the past year", "2012", "year"),
    ("later this year", "2013", "year"),
    ("next year", "2014", "year"),
    ("this decade", "201", "decade"),
    ("this century", "20", "century"),
    ("last summer", "2012-SU", "season"),
    ("this summer", "2013-SU", "season"),
    ("next spring", "2014-SP", "season"),
    ("last April", "2012-04", "month"),
    ("next April", "2013-04", "month"),
    ("this September", "2013-09", "month"),
    ("July last year", "2012-07", "month"),
    ("January this year", "2013-01", "month"),
    ("two years ago", "2011", "year"),
    ("10 days ago", "2013-03-10", "day"),
    ("three months ago", "2012-12", "month"),
    ("a decade ago", "200", "decade"),
    ("last Friday", "2013-03-15", "day"),
    ("next Friday", "2013-03-22", "day"),
    ("this Friday", "2013-03-22", "day"),
    ("Tuesday of next week", "2013-03-26", "day"),
    ("last Christmas", "2012-12-25", "day"),
    ("Easter week", "2013-W13", "week"),
    ("the week of March 4", "2013-W10", "week"),
    ("the fourth quarter of last year", "2012-Q4", "quarter"),
    ("next year's first quarter", "2014-Q1", "quarter"),
    ("third-quarter", "2012-Q3", "quarter"),
    ("the first half", "2013-H1", "half"),
    ("the second half of the year", "2013-H2", "half"),
    ("the December quarter", "2012-Q4", "quarter"),
    ("the March quarter", "2013-Q1", "quarter"),
    ("June 16th of last year", "2012-06-16", "day"),
    ("5 May last year", "2012-05-05", "day"),
]


@pytest.mark.parametrize(("text", "expected", "grain"), RELATIVE)
def test_relative_dates(text, expected, grain):
    resolved = resolve_date(text, REF)
    assert resolved is not None
    assert (resolved["value"], resolved["grain"], resolved["relative"]) == (expected, grain, True)


@pytest.mark.parametrize("text", ["today", "last year", "Friday", "two years ago", "this week", "early December",
                                  "the third quarter", "last summer", "Christmas"])
def test_relative_dates_without_a_reference_date_have_no_value(text):
    resolved = resolve_date(text, None)
    assert resolved is not None and resolved["value"] is None and resolved["relative"] is True


VAGUE = ["a few years ago", "several months ago", "recent years", "years ago"]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_dates_are_dates_without_a_value(text):
    resolved = resolve_date(text, REF)
    assert resolved is not None and resolved["value"] is None


# --- tense picks the weekday and the year ------------------------------------------------------------------------

WEEKDAYS = [
    # (weekday, tense, expected): reference Wednesday 2013-03-20
    ("Friday", "past", "2013-03-15"),
    ("Friday", None, "2013-03-15"),
    ("Friday", "future", "2013-03-22"),
    ("Tuesday", "past", "2013-03-19"),
    ("Tuesday", "future", "2013-03-26"),
    ("Wednesday", "past", "2013-03-20"),  # the article's own day
    ("Wednesday", "future", "2013-03-20"),
    ("this Monday", "past", "2013-03-18"),
    ("this Monday", None, "2013-03-25"),
]


@pytest.mark.parametrize(("text", "tense", "expected"), WEEKDAYS)
def test_weekdays_follow_the_tense(text, tense, expected):
    assert value(text, tense=tense) == expected


PERIODS_BY_TENSE = [
    # A period named without a year: the nearest, unless the tense points past it (reference 2013-03-20).
    ("December", None, "2012-12"),
    ("December", "future", "2013-12"),
    ("May", None, "2013-05"),
    ("October", "past", "2012-10"),
    ("Oct. 31", "future", "2013-10-31"),
    ("March 1", None, "2013-03-01"),
    ("March 15", "future", "2013-03-15"),  # just gone: still this year's even in the future tense
    ("Jan. 2", "future", "2014-01-02"),
    ("the fourth quarter", None, "2012-Q4"),
    ("the fourth quarter", "future", "2012-Q4"),  # its results are still to come in March
    ("the third quarter", None, "2012-Q3"),
    ("the third quarter", "future", "2013-Q3"),
    ("the first quarter", "future", "2013-Q1"),
    ("the summer", "future", "2013-SU"),
    ("the summer", "past", "2012-SU"),
]


@pytest.mark.parametrize(("text", "tense", "expected"), PERIODS_BY_TENSE)
def test_periods_without_a_year_follow_the_tense(text, tense, expected):
    assert value(text, tense=tense) == expected


# --- comparisons and earlier mentions ----------------------------------------------------------------------------

def test_a_year_earlier_takes_the_grain_of_the_quarter_discussed():
    parts = parse_date("a year earlier")
    assert parts is not None
    assert resolve(parts, dt.date(2013, 3, 20), None, [("2012-Q4", 1)])["value"] == "2011-Q4"
    assert resolve(parts, dt.date(2013, 3, 20), None, [])["value"] == "2012"


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("the year-ago quarter", [("2012-Q4", 2)], "2011-Q4"),
    ("the year-earlier period", [("2012-H2", 0)], "2011-H2"),
    ("the same quarter a year ago", [("2012-Q4", 0)], "2011-Q4"),
    ("the same period last year", [("2012-Q4", 0)], "2011-Q4"),
    ("the year-earlier third quarter", [("2012-Q3", 0)], "2011-Q3"),
    ("that year", [("2005-06-01", 2)], "2005"),
    ("the following year", [("2005", 1)], "2006"),
    ("the previous year", [("2005", 1)], "2004"),
    ("two days later", [("2013-01-05", 0)], "2013-01-07"),
    ("the year before", [("2011", 0)], "2010"),
    ("the day after", [("2013-01-05", 0)], "2013-01-06"),
    ("the quarter", [("2012-Q4", 3)], "2012-Q4"),
    ("the latest quarter", [], "2012-Q4"),
])
def test_expressions_that_refer_back(text, context, expected):
    parts = parse_date(text)
    assert parts is not None
    assert resolve(parts, dt.date(2013, 3, 20), None, context)["value"] == expected


def test_that_year_with_nothing_before_has_no_value():
    parts = parse_date("that year")
    assert parts is not None and resolve(parts, dt.date(2013, 3, 20))["value"] is None


def test_the_quarter_ended_names_the_quarter():
    parts = parse_date("the quarter")
    assert parts is not None
    assert resolve(parts, dt.date(2013, 3, 20), period_end="2012-07-31")["value"] == "2012-Q2"
    assert resolve(parts, dt.date(2013, 3, 20), period_end="2012-09-30")["value"] == "2012-Q3"


# --- all-number dates ------------------------------------------------------------------------------------------

def test_a_part_above_twelve_decides_the_order():
    assert value("17/08/2021", day_first=False) == "2021-08-17"
    assert value("08/17/2021", day_first=True) == "2021-08-17"


def test_ambiguous_numeric_dates_follow_the_document():
    assert value("08/07/2021", day_first=True) == "2021-07-08"
    assert value("08/07/2021", day_first=False) == "2021-08-07"


@pytest.mark.parametrize(("text", "day_first"), [
    ("Filed on 25/03/2021; amended 08/07/2021.", True),
    ("Filed on 03/25/2021; amended 08/07/2021.", False),
    ("The deal closed on 5 March. It was amended 08/07/2021.", True),
    ("The deal closed on March 5. It was amended 08/07/2021.", False),
    ("It was amended 08/07/2021.", True),
])
def test_the_document_decides_day_first(text, day_first):
    assert prefers_day_first(text) is day_first


def test_two_digit_years_fall_near_the_reference_date():
    assert expand_two_digit_year(24, dt.date(2024, 5, 1)) == 2024
    assert expand_two_digit_year(98, dt.date(2024, 5, 1)) == 1998
    assert expand_two_digit_year(40, dt.date(2016, 1, 1)) == 1940
    assert expand_two_digit_year(30, None) == 2030


# --- what is not a date ----------------------------------------------------------------------------------------

NOT_DATES = [
    "three years",
    "for 10 days",
    "the past three months",
    "a 42-year-old man",
    "open 24/7",
    "at 5 p.m.",
    "2,024 jobs",
    "$2021",
    "20.21 percent",
    "she may come",
    "they march on",
    "prices fall",
    "weekend sales",
    "Boeing 737",
    "every Monday",
    "each Friday at noon",
    "Christmas trees",
    "a 2000-strong crowd",
    "\u00a9 2024 Nordvik Media",
    "Copyright 2024",
    "flight 2017 landed",
    "net profit rose 3.9% on the year",  # year-on-year, no period of its own
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text) == []


def test_following_without_the_is_a_preposition():
    text = "Following Monday's debate, polls moved; the following Monday they moved back."
    assert [(text[m.start:m.end], m.parts.anchor) for m in find_dates(text)] == [
        ("Monday", "ref"), ("the following Monday", "context")]


def test_two_years_in_a_range_are_two_dates():
    found = find_dates("between 2020-2022 sales rose")
    assert [m.parts.year for m in found] == [2020, 2022]


def test_spans_index_the_text():
    text = "Sales rose in the third quarter of 2024, up from a year earlier, and again on Tuesday."
    spans = [text[m.start:m.end] for m in find_dates(text)]
    assert spans == ["the third quarter of 2024", "a year earlier", "Tuesday"]


# --- the component ---------------------------------------------------------------------------------------------

def _dates(nlp, text: str, published: str | None = REF) -> list[tuple[str, str | None]]:
    from claimx.extract import make_doc
    from claimx.ingest import Article

    doc = nlp(make_doc(nlp, Article(id="t", source="t", text=text, published=published)))
    return [(s.text, s._.claimx_date["value"]) for s in doc.spans["claimx_dates"]]


COMPONENT = [
    ("The board said Friday that it will meet on Tuesday.", [("Friday", "2013-03-15"), ("Tuesday", "2013-03-26")]),
    ("Toyota said on Friday it expects profit to fall.", [("Friday", "2013-03-15")]),  # parsed onto "expects"
    ("Theresa May said she may visit in May.", [("May", "2013-05")]),
    ("The plant has 2000 employees and opened in 1998.", [("1998", "1998")]),
    ("Windows 2000 was released before the 2004 election.", [("2004", "2004")]),
    ("The shop is open 24/7 and closes at 5 p.m. for three days.", []),
    ("Net income rose in the third quarter. Sales fell 5% from a year earlier.",
     [("the third quarter", "2012-Q3"), ("a year earlier", "2011-Q3")]),
    ("In 2005 the firm moved. The following year it was sold.", [("2005", "2005"), ("The following year", "2006")]),
    ("A vote is expected Friday, officials said.", [("Friday", "2013-03-22")]),
    ("Talks were postponed until Monday.", [("Monday", "2013-03-25")]),
    ("The agency gave them until 9 a.m. Monday to reply.", [("Monday", "2013-03-25")]),
    ("Until Monday, they had not replied.", [("Monday", "2013-03-18")]),
    ("Protesters plan a march in the capital on Saturday.", [("Saturday", "2013-03-23")]),
    ("On Monday, the ministry planned to pay the grants.", [("Monday", "2013-03-18")]),
    ("She watched USA Today on the bus.", []),
    ("A USA TODAY analysis was published.", []),
    ("The meeting is in room 1204.", []),
]


@pytest.mark.parametrize(("text", "expected"), COMPONENT)
def test_component(nlp, text, expected):
    assert _dates(nlp, text) == expected


def test_component_without_reference_date_leaves_relative_values_null(nlp):
    assert _dates(nlp, "The board met last week and will meet again in March 2014.", published=None) == [
        ("last week", None), ("March 2014", "2014-03")]


def test_component_works_without_a_parser():
    import spacy

    import claimx.components  # noqa: F401

    blank = spacy.blank("en")
    blank.add_pipe("claimx_dates")
    doc = blank.make_doc("The deal closed on Friday, 8 March 2013.")
    doc._.claimx_published = REF
    doc = blank(doc)
    assert [(s.text, s._.claimx_date["value"]) for s in doc.spans["claimx_dates"]] == [
        ("Friday, 8 March 2013", "2013-03-08")]


# --- properties ------------------------------------------------------------------------------------------------

FORMS = [f for f, *_ in ABSOLUTE + RELATIVE + MODIFIED + FISCAL] + [
    "a year earlier", "the year-ago quarter", "the latest quarter", "that year", "the quarter", "Friday",
    "December", "Oct. 31", "the weekend", "Christmas", "this fall", "the fiscal year", "Q2", "H1 2024",
]
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31))
tenses = st.sampled_from([None, "past", "present", "future"])
contexts = st.lists(st.tuples(st.sampled_from(["2012-Q3", "2012-07-04", "2011", "2012-W05", "2012-H1", "2012-SU"]),
                              st.integers(0, 10)), max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMS), dates, tenses, contexts)
def test_a_value_is_never_finer_than_its_expression(text, ref, tense, context):
    parts = parse_date(text)
    assert parts is not None, text
    resolved = resolve(parts, ref, tense, context)
    if resolved["value"] is not None:
        grain = grain_of_value(resolved["value"])
        assert grain == resolved["grain"]
        assert GRAIN_RANK[grain] <= GRAIN_RANK[expression_grain(parts)], (text, resolved)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FORMS), dates, tenses, contexts)
def test_resolution_is_deterministic(text, ref, tense, context):
    parts = parse_date(text)
    assert parts is not None
    assert resolve(parts, ref, tense, context) == resolve(parts, ref, tense, context)
    assert parse_date(text) == parts


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FORMS + ["said", "the company", "rose 5%", "in", "on", ",", "3 million"]),
                min_size=1, max_size=12))
def test_matches_index_the_text_and_do_not_overlap(words):
    text = " ".join(words)
    found = find_dates(text)
    assert found == find_dates(text)
    for previous, match in zip(found, found[1:]):
        assert previous.end <= match.start
    for match in found:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start:match.end].strip() == text[match.start:match.end]


@given(st.integers(0, 6), dates, st.sampled_from([None, -1, 0, 1]), tenses)
def test_weekday_dates_have_the_weekday_and_stay_near(weekday, ref, shift, tense):
    day = weekday_date(weekday, ref, shift, tense)
    assert day.weekday() == weekday
    assert abs((day - ref).days) <= 7


@given(st.integers(1900, 2100))
def test_easter_is_a_spring_sunday(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6 and dt.date(year, 3, 22) <= easter <= dt.date(year, 4, 25)


@pytest.mark.parametrize(("text", "published"), [
    ("99999 years ago", REF), ("1000000 days ago", REF), ("yesterday", "0001-01-01"), ("tomorrow", "9999-12-31"),
    ("next year", "9999-06-01"), ("Friday", "0001-01-01"), ("the year-ago quarter", "0001-02-01"),
])
def test_dates_at_the_calendar_edges_have_no_value_rather_than_an_error(text, published):
    resolved = resolve_date(text, published)
    assert resolved is not None and (resolved["value"] is None or grain_of_value(resolved["value"]))


def test_reference_date_reads_timestamps_and_rejects_junk():
    assert reference_date("2013-03-20T10:00:00Z") == dt.date(2013, 3, 20)
    assert reference_date("soon") is None
    assert reference_date(None) is None


def test_expression_grain_of_empty_parts_is_a_day():
    assert expression_grain(DateParts()) == "day"


# --- fiscal calendars ----------------------------------------------------------------------------------------------

from claimx.normalize.dates.calendar import fiscal_bounds  # noqa: E402
from claimx.normalize.dates.fiscal import (  # noqa: E402
    FiscalCalendar,
    FiscalContext,
    calendar_period,
    country_calendar,
    stated_calendar,
)

INDIA = FiscalContext(FiscalCalendar(4, source="country"), fiscal_story=True, fiscal_dates=True)
JAPAN = FiscalContext(FiscalCalendar(4, named_by="start", source="country"), fiscal_story=True, fiscal_dates=True)
US_GOVERNMENT = FiscalContext(FiscalCalendar(10, source="country"), fiscal_story=True, fiscal_dates=True)
NO_CALENDAR = FiscalContext(None, fiscal_story=True, fiscal_dates=True)
NOT_FISCAL = FiscalContext()

# (text, published, fiscal context, expected value, expected calendar)
FISCAL_IN_CONTEXT = [
    ("FY19", "2019-02-14", INDIA, "FY2019", "2018-04-01/2019-03-31"),
    ("fiscal 2019", "2019-02-14", INDIA, "FY2019", "2018-04-01/2019-03-31"),
    ("2018-19", "2019-02-14", INDIA, "FY2019", "2018-04-01/2019-03-31"),
    ("2018/19", "2019-02-14", NO_CALENDAR, "FY2019", None),
    ("2013/14", "2015-06-01", NOT_FISCAL, "2013/2014", None),
    ("Q3 FY24", "2024-02-09", INDIA, "FY2024-Q3", "2023-Q4"),
    ("the third quarter", "2024-02-09", INDIA, "FY2024-Q3", "2023-Q4"),  # India's October–December
    ("the third quarter", "2024-02-09", NO_CALENDAR, "2023-Q3", None),
    ("the third quarter of the current fiscal", "2019-02-14", INDIA, "FY2019-Q3", "2018-Q4"),
    ("the third quarter this fiscal", "2019-02-14", INDIA, "FY2019-Q3", "2018-Q4"),
    ("this fiscal", "2019-02-14", INDIA, "FY2019", "2018-04-01/2019-03-31"),
    ("the previous fiscal", "2019-02-14", INDIA, "FY2018", "2017-04-01/2018-03-31"),
    ("last fiscal", "2019-05-14", INDIA, "FY2019", "2018-04-01/2019-03-31"),
    ("next fiscal year", "2024-06-12", INDIA, "FY2026", "2025-04-01/2026-03-31"),
    ("the current fiscal year", "2024-10-18", US_GOVERNMENT, "FY2025", "2024-10-01/2025-09-30"),
    ("fiscal 2020", "2020-08-06", JAPAN, "FY2021", "2020-04-01/2021-03-31"),  # Japan names it as it begins
    ("this fiscal year", "2014-05-15", JAPAN, "FY2015", "2014-04-01/2015-03-31"),
    ("9M FY24", "2024-02-09", INDIA, "2023-04/2023-12", None),
    ("the first nine months of fiscal year 2024", "2024-07-09", US_GOVERNMENT, "2023-10/2024-06", None),
    ("the March quarter", "2025-04-17", INDIA, "2025-Q1", None),  # named by its month: a calendar quarter
    ("the December 2018 quarter", "2019-02-14", INDIA, "2018-Q4", None),
    ("October-December 2017", "2019-02-14", INDIA, "2017-Q4", None),
    ("the April to June period", "2020-08-06", JAPAN, "2020-Q2", None),
    ("this fiscal deficit", "2019-02-14", INDIA, None, None),  # not read: "fiscal" here is an adjective
    ("1H23", "2023-02-16", FiscalContext(FiscalCalendar(7), True, True), "FY2023-H1", "2022-07-01/2022-12-31"),
    ("1H23", "2023-02-16", NOT_FISCAL, "2023-H1", None),
    ("H1FY25", "2024-11-05", INDIA, "FY2025-H1", "2024-04-01/2024-09-30"),
    ("the first half (H1) of FY25", "2024-11-05", INDIA, "FY2025-H1", "2024-04-01/2024-09-30"),
    ("the second quarter of its 2017 financial year", "2017-01-27", NO_CALENDAR, "FY2017-Q2", None),
    # a half or quarter of a split year is a fiscal one in a fiscal story
    ("the first half of 2017/18", "2019-02-21", FiscalContext(FiscalCalendar(7), True, True), "FY2018-H1",
     "2017-07-01/2017-12-31"),
    ("the third quarter of 2023-24", "2024-02-09", INDIA, "FY2024-Q3", "2023-Q4"),
    ("the second half of fiscal 2022-23", "2023-05-02", INDIA, "FY2023-H2", "2022-10-01/2023-03-31"),
    ("the financial year", "2017-10-20", INDIA, "FY2018", "2017-04-01/2018-03-31"),  # "financial" as "fiscal"
    # the fiscal year just over, under the company's own calendar (Walmart: February–January)
    ("the just completed fiscal year", "2025-02-23", FiscalContext(FiscalCalendar(2, source="company"), True, True),
     "FY2025", "2024-02-01/2025-01-31"),
]


@pytest.mark.parametrize(("text", "published", "fiscal", "expected", "calendar"), FISCAL_IN_CONTEXT)
def test_fiscal_periods_under_a_calendar(text, published, fiscal, expected, calendar):
    parts = parse_date(text)
    if expected is None:
        assert parts is None or parts.fiscal is False
        return
    assert parts is not None, f"{text!r} was not read as a date"
    resolved = resolve(parts, reference_date(published), None, [], None, fiscal)
    assert (resolved["value"], resolved.get("calendar")) == (expected, calendar)


@pytest.mark.parametrize(("text", "context", "fiscal", "expected"), [
    ("the year-ago quarter", [("FY2024-Q3", 0)], INDIA, "FY2023-Q3"),
    ("a year ago", [("FY2019-Q3", 0)], INDIA, "FY2018-Q3"),
    ("the same period last year", [("2023-Q4", 0)], INDIA, "2022-Q4"),
    ("the same period last fiscal year", [("2023-10/2024-06", 0)], US_GOVERNMENT, "2022-10/2023-06"),
    ("the previous year", [("FY2024", 0)], US_GOVERNMENT, "FY2023"),
    ("the full fiscal year", [("2025-Q1", 2)], INDIA, "FY2025"),
    ("a decade earlier", [("2050", 0)], NOT_FISCAL, "2040"),
    ("the corresponding quarter of FY24", [("FY2025-Q2", 0)], INDIA, "FY2024-Q2"),
    # "the quarter" is the quarter under discussion, in its own notation, not the quarter of the last day said
    ("the quarter", [("FY2026-Q2", 1)], INDIA, "FY2026-Q2"),
    ("the quarter", [("FY2026-Q1", 0), ("2025-06", 0)], INDIA, "FY2026-Q1"),
    ("the quarter", [("FY2017-Q1", 0), ("2016-12-31", 0)], NO_CALENDAR, "FY2017-Q1"),
    ("the half", [("FY2025-H1", 1), ("2024-12-31", 0)], INDIA, "FY2025-H1"),
    # Australia's "prior corresponding period": the period discussed, a year before
    ("the prior corresponding period", [("FY2025", 0)], INDIA, "FY2024"),
    ("the previous comparable half", [("FY2025-H1", 1)], INDIA, "FY2024-H1"),
    # a run of months is the period a comparison takes, said sentences before, with or without "the"
    ("corresponding period of last fiscal", [("2019-04/2019-10", 3), ("2019", 0)], INDIA, "2018-04/2018-10"),
    ("the same period last year", [("2024-04/2024-10", 2)], INDIA, "2023-04/2023-10"),
])
def test_fiscal_periods_that_refer_back(text, context, fiscal, expected):
    parts = parse_date(text)
    assert parts is not None
    assert resolve(parts, dt.date(2025, 4, 17), None, context, None, fiscal)["value"] == expected


def test_two_decades_earlier_is_a_decade():
    assert value("two decades earlier", "2021-06-01") == "200"


@pytest.mark.parametrize(("text", "period_end", "expected"), [
    ("the quarter", "2018-12-31", "2018-Q4"),
    ("the full year", "2025-03", "FY2025"),
    ("the year", "2015-03", "FY2015"),
    ("the nine months ended", "2014-09-30", "2014-01/2014-09"),
    ("the three months ended", "2012-09-30", "2012-Q3"),
    ("the 12 months ended", "2025-06-30", "FY2025"),  # twelve months are the year ended
    ("the twelve months ended", "2024-12-31", "2024"),
    ("the financial year", "2018-03", "FY2018"),
])
def test_reporting_periods_end_on_the_date_given(text, period_end, expected):
    parts = find_dates(text + " Sept. 30")[0].parts  # "the nine months" is a date only before "ended"
    assert resolve(parts, dt.date(2025, 4, 17), period_end=period_end)["value"] == expected


# A numbered quarter or half with an end date of its own is valued by it, whatever calendar the story follows.
@pytest.mark.parametrize(("text", "period_end", "fiscal", "expected", "calendar"), [
    ("the fourth quarter", "2024-06-30", NOT_FISCAL, "FY2024-Q4", "2024-Q2"),
    ("the second quarter", "2023-12-31", NOT_FISCAL, "FY2024-Q2", "2023-Q4"),  # a July year
    ("the third quarter", "2024-09-30", INDIA, "2024-Q3", None),  # its own end beats the country's calendar
    ("the fiscal first quarter", "1999-10-02", NOT_FISCAL, "FY2000-Q1", "1999-Q3"),  # a 52-week quarter
    ("the first half", "2023-12-31", NOT_FISCAL, "FY2024-H1", "2023-07-01/2023-12-31"),
    ("the second half", "2024-12-31", NOT_FISCAL, "2024-H2", None),
])
def test_numbered_periods_end_on_the_date_given(text, period_end, fiscal, expected, calendar):
    parts = parse_date(text)
    assert parts is not None
    resolved = resolve(parts, dt.date(2025, 2, 10), None, [], period_end, fiscal)
    assert (resolved["value"], resolved.get("calendar")) == (expected, calendar)


@pytest.mark.parametrize(("text", "first_month"), [
    ("for its fiscal year ending June 30", 7),
    ("results for the fourth quarter and full year ended April 30, 2024", 5),
    ("the October to September financial year", 10),
    ("in the year to March 2015", 4),
    ("for its second quarter ended Dec. 31", 7),  # a July year
    ("the fourth quarter ended Sept. 30", 10),
    ("Half-Year Results To 31 December 2022", 7),
    ("for the six months ended Oct. 1", 4),  # a 52-week half ending with September
    ("the nine months ended Sept. 30", 1),  # a calendar year: Japan's April year does not apply
    ("the quarter ended Sept. 30", None),
    ("profits rose in the year", None),
])
def test_the_calendar_an_article_states(text, first_month):
    stated = stated_calendar(text)
    assert (stated.first_month if stated else None) == first_month


@pytest.mark.parametrize(("text", "company"), [
    ("Microsoft said ... Microsoft's fiscal second quarter", "Microsoft"),
    ("Microsoft said profits rose.", "Microsoft"),  # named once, in the lede: what the story is about
    ("Tata Motors said profits rose. " + "Sales grew. " * 40 + "Microsoft said so too.", None),  # once, in passing
    ("P&G said sales fell. Procter & Gamble kept its outlook. Microsoft said so too.", "Procter & Gamble"),
    ("Apple and Microsoft, Apple and Microsoft", None),  # a tie names none
])
def test_the_company_a_story_is_about(text, company):
    from claimx.components.dates.fiscal_context import story_company

    assert story_company(text) == company


@pytest.mark.parametrize(("country", "government", "first_month"), [
    ("IN", False, 4), ("JP", False, 4), ("AU", False, 7), ("PK", True, 7), ("US", True, 10), ("US", False, None),
    ("GB", True, 4), ("GB", False, None), ("FR", False, None), (None, False, None),
])
def test_country_calendars(country, government, first_month):
    calendar = country_calendar(country, government)
    assert (calendar.first_month if calendar else None) == first_month


FISCAL_COMPONENT = [
    ("Tata Motors posted a net profit of Rs 7,100 crore in the third quarter of FY24, up from the year-ago quarter.",
     [("the third quarter of FY24", "FY2024-Q3", "2023-Q4"), ("the year-ago quarter", "FY2023-Q3", "2022-Q4")]),
    ("The Mail on Sunday said the Sunday Times had the story on Monday.", [("Monday", "2024-02-05", None)]),
    ("Canberra's deficit for 2023-24 was A$10 billion, the Treasury said.", [("2023-24", "FY2024", "2023-07-01/2024-06-30")]),
    ("Arsenal finished third in the 2013/14 season.", [("2013/14", "2013/2014", None)]),
    ("The club's revenue rose to £250 million in 2022-23 and fell in the 2023-24 Premier League season.",
     [("2022-23", "FY2023", None), ("2023-24", "2023/2024", None)]),  # a season even in a money story
    ("Enrolment fell in the 2023-24 school year, the district's budget shows.", [("2023-24", "2023/2024", None)]),
    ("GAIL spent Rs 1885 crore in 2023.", [("2023", "2023", None)]),
    ("Nintendo expects 320 billion yen in the year through March 2024, up 8% from the fiscal year just ended.",
     [("the year", "FY2024", "2023-04-01/2024-03-31"), ("March 2024", "2024-03", None),
      ("the fiscal year just ended", "FY2023", "2022-04-01/2023-03-31")]),  # on 2024-02-09: the last one over
    ("Profit rose in the latest quarter. It was $99 million a year earlier.",
     [("the latest quarter", "2023-Q4", None), ("a year earlier", "2022-Q4", None)]),  # the quarter reported, a year back
    ("Nike reported the first quarter of fiscal 2024; sales fell from the preceding quarter.",
     [("the first quarter of fiscal 2024", "FY2024-Q1", "2023-06-01/2023-08-31"),
      ("the preceding quarter", "FY2023-Q4", "2023-03-01/2023-05-31")]),  # counted in fiscal quarters
    ("SoftBank expects higher profit in fiscal year ending March 31, 2024, the Tokyo company said.",
     [("fiscal year", "FY2024", "2023-04-01/2024-03-31"), ("March 31, 2024", "2024-03-31", None)]),
    ("Wipro's profit rose in the October to December quarter of 2023-24 fiscal, the Bengaluru company said.",
     [("the October to December quarter of 2023-24 fiscal", "FY2024-Q3", "2023-Q4")]),  # months, but said as fiscal
    ("SBI earned Rs 9,164 crore in the December quarter of FY23, the Mumbai lender said.",
     [("the December quarter of FY23", "FY2023-Q3", "2022-Q4")]),
    ("Rio Tinto's FY24 profit rose 2% from the prior year.", [("FY24", "FY2024", None),
                                                               ("the prior year", "FY2023", None)]),
    ("Harbor Rail's fourth-quarter profit was $0.89 a share, compared to $0.49 in the previous year.",
     [("fourth-quarter", "2023-Q4", None), ("the previous year", "2022-Q4", None)]),  # the period reported, a year back
    ("Procter & Gamble said sales fell in the first quarter. P&G kept its outlook for fiscal 2025.",
     [("the first quarter", "FY2024-Q1", "2023-Q3"), ("fiscal 2025", "FY2025", "2024-07-01/2025-06-30")]),
    ("Nike reported fiscal 2024 results. In fiscal 2023, it took a charge in the fourth quarter.",
     [("fiscal 2024", "FY2024", "2023-06-01/2024-05-31"), ("fiscal 2023", "FY2023", "2022-06-01/2023-05-31"),
      ("the fourth quarter", "FY2023-Q4", "2023-03-01/2023-05-31")]),  # the quarter of the year named in its sentence
    ("Sales fell in the October-December period, compared to the same period of 2022.",
     [("the October-December period", "2023-Q4", None), ("the same period of 2022", "2022-Q4", None)]),
    ("Apple's holiday quarter revenue hit a record.", [("holiday quarter", "2023-Q4", None)]),
    ("Harbor Rail's fourth-quarter profit rose 8%. Its full-year revenue was $2 billion.",
     [("fourth-quarter", "2023-Q4", None), ("full-year", "2023", None)]),  # the year of the quarter reported
    ("Tata Motors posted a profit in Q3 FY24 and expects a full-year net profit of Rs 30,000 crore.",
     [("Q3 FY24", "FY2024-Q3", "2023-Q4"), ("full-year", "FY2024", "2023-04-01/2024-03-31")]),
    ("Profit fell in the December quarter. It rose compared to a loss in the September quarter. Sales were up "
     "from the year-ago period.", [("the December quarter", "2023-Q4", None), ("the September quarter", "2023-Q3", None),
                                   ("the year-ago period", "2022-Q4", None)]),  # compared with the quarter reported
    ("Microsoft said fiscal Q2 revenue rose. Microsoft shares fell.", [("fiscal Q2", "FY2024-Q2", "2023-Q4")]),
    # Classes the third blind set (business-dates-blind3) found.
    ("The Osaka maker's operating profit rose 94% in the first quarter of fiscal 2023, from ¥50 billion a year before "
     "to ¥97 billion.", [("the first quarter of fiscal 2023", "FY2024-Q1", "2023-Q2"),
                        ("a year before", "FY2023-Q1", "2022-Q2")]),  # "to" ends the comparison
    ("Acme's sales rose in the third quarter fiscal 2024 and fell in the second half of FY 2023.",
     [("the third quarter fiscal 2024", "FY2024-Q3", None), ("the second half of FY 2023", "FY2023-H2", None)]),
    ("Sales fell, according to first quarter fiscal year 2025 results.", [("first quarter fiscal year 2025", "FY2025-Q1", None)]),
    ("Acme said sales rose 8% in the fourth quarter ended Dec. 31. For the full-year, margins held.",
     [("the fourth quarter", "2023-Q4", None), ("Dec. 31", "2023-12-31", None), ("the full-year", "2023", None)]),
    ("Borrowing was £11 billion in November 2023, the lowest November borrowing for three years.",
     [("November 2023", "2023-11", None)]),  # a month after a superlative is every November
    # Classes the fifth blind set (business-dates-blind4) found.
    ("Mumbai: Zenith Steel's revenue rose 9% to Rs 4,000 crore in Q3 FY24. Costs during the period fell.",
     [("Q3 FY24", "FY2024-Q3", "2023-Q4"), ("the period", "FY2024-Q3", "2023-Q4")]),  # the period under discussion
    ("Kestrel Mining's revenue was A$500 million in 1HFY24, down 2% from prior period. Net profit rose 4% on the prior "
     "period.", [("1HFY24", "FY2024-H1", "2023-07-01/2023-12-31"), ("prior period", "FY2023-H1", "2022-07-01/2022-12-31"),
                 ("the prior period", "FY2023-H1", "2022-07-01/2022-12-31")]),
    ("Kestrel Mining released its accounts for the half-year ended 31 December 2023. During the half-year, it paid A$5 "
     "million.", [("the half-year", "2023-H2", None), ("31 December 2023", "2023-12-31", None),
                  ("the half-year", "2023-H2", None)]),
    ("New Delhi: India's fiscal deficit was Rs 6 lakh crore in the first half of the fiscal, against Rs 5 lakh crore in "
     "the first six months of the previous financial year.",
     [("the first half of the fiscal", "FY2024-H1", "2023-04-01/2023-09-30"),
      ("the first six months of the previous financial year", "2022-04/2022-09", None)]),
    ("The US budget deficit was $500 billion in the first two months of the fiscal year.",
     [("the first two months of the fiscal year", "2023-10/2023-11", None)]),
    ("The US deficit totaled $100 billion in January. For the month, outlays rose 5%.",
     [("January", "2024-01", None), ("the month", "2024-01", None)]),
    ("Tokyo: Honda raised its forecast to 1 trillion yen for this business year.",
     [("this business year", "FY2024", "2023-04-01/2024-03-31")]),
    ("Orbis Software announced fiscal 2023 Q4 results.", [("fiscal 2023 Q4", "FY2023-Q4", None)]),
    ("Medco reported results for its second quarter (Q2) of fiscal year 2024.",
     [("second quarter (Q2) of fiscal year 2024", "FY2024-Q2", None)]),
    ("Borrowing was £90 billion in the eight months to November 2023.",
     [("the eight months", "2023-04/2023-11", None), ("November 2023", "2023-11", None)]),
    # Classes the sixth blind set (business-dates-blind5) found.
    # A US retailer names its year to early February by the year it begins: Home Depot's "fiscal 2023" ends in 2024.
    ("Home Depot said comparable sales fell in fiscal 2023. Home Depot expects sales to rise in the first quarter of "
     "fiscal 2024.", [("fiscal 2023", "FY2024", "2023-02-01/2024-01-31"),
                      ("the first quarter of fiscal 2024", "FY2025-Q1", "2024-02-01/2024-04-30")]),
    # Australia's big banks keep an October year.
    ("ANZ said cash profit rose in the first half. ANZ's H1 FY24 profit was A$3.5 billion.",
     [("the first half", "FY2024-H1", "2023-10-01/2024-03-31"), ("H1 FY24", "FY2024-H1", "2023-10-01/2024-03-31")]),
    # A run of months with no noun after it: one date in brackets or before a period code, two months elsewhere.
    ("Net income for the cumulative period (April to September) fell, and in the most recent three months, from July "
     "to September (2Q), it dropped 40%.",
     [("April to September", "2023-04/2023-09", None), ("July to September", "2023-Q3", None), ("2Q", "2023-Q2", None)]),
    ("Exports rose from April to September.", [("April", "2023-04", None), ("September", "2023-09", None)]),
    # A quarter code the tagger calls a name is a quarter before a results word, not after a capitalised name.
    ("Mumbai: ZLB's Q3 profit rose 8% to Rs 900 crore in Q3FY24. ZLB Q3 results beat estimates.",
     [("Q3", "FY2024-Q3", "2023-Q4"), ("Q3FY24", "FY2024-Q3", "2023-Q4"), ("Q3", "FY2024-Q3", "2023-Q4")]),
    ("Audi Q3 sales rose 5%.", []),
    # A run of months of a split year in a fiscal story.
    ("New Delhi: India's fiscal deficit in first seven months of 2023-24 was Rs 8 lakh crore.",
     [("first seven months of 2023-24", "2023-04/2023-10", None)]),
]


@pytest.mark.parametrize(("text", "expected"), FISCAL_COMPONENT)
def test_fiscal_component(nlp, text, expected):
    from claimx.extract import make_doc
    from claimx.ingest import Article

    doc = nlp(make_doc(nlp, Article(id="t", source="t", text=text, published="2024-02-09")))
    assert [(s.text, s._.claimx_date["value"], s._.claimx_date.get("calendar"))
            for s in doc.spans["claimx_dates"]] == expected


@settings(max_examples=300, deadline=None)
@given(st.integers(1990, 2060), st.integers(1, 12), st.sampled_from([None, 1, 2, 3, 4]))
def test_fiscal_periods_cover_their_calendar(year, first_month, quarter):
    start, end = fiscal_bounds(year, first_month, quarter)
    assert start < end and start.day == 1
    assert end.year == year or (first_month == 1 and end.year == year) or quarter is not None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    assert months == (3 if quarter else 12)
    if quarter is None:  # a fiscal year ends in the year it is named by
        assert end.year == year
    calendar = calendar_period(f"FY{year}" + (f"-Q{quarter}" if quarter else ""), FiscalCalendar(first_month))
    assert calendar is not None


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2060), st.sampled_from([None, 1, 2, 3, 4]), st.integers(-3, 3))
def test_fiscal_values_shift_by_whole_years(year, quarter, years):
    from claimx.normalize.dates.parts import shift_value_years

    value_ = f"FY{year}" + (f"-Q{quarter}" if quarter else "")
    shifted = shift_value_years(value_, years)
    assert shifted == f"FY{year + years}" + (f"-Q{quarter}" if quarter else "")
    assert grain_of_value(shifted) == ("quarter" if quarter else "year")


# --- dated claims (components/claims/dating.py) ----------------------------------------------------------------------

DATED_CLAIMS = [
    # two compared periods: the newer one
    ("Acme said fourth-quarter net income dropped 67% from the previous year.", "2023-Q4"),
    ("Tata Motors said net profit rose 12% to Rs 500 crore in Q3 FY24 compared with the year-ago quarter.",
     "FY2024-Q3"),
    ("The minister said exports rose in 2023 from 2022.", "2023"),
    # the day of the saying gives way to the period reported
    ("Acme today said revenue for the quarter ended Dec. 31 rose 5%.", "2023-Q4"),
    # only a year-ago comparison inside: the period a year later
    ("Acme said revenue rose 5% from the year-ago quarter to $2 billion.", "2023-Q4"),
    # the comparison in an apposition that states a figure stays in the claim, so it dates it too
    ("Acme said revenue was $2 billion, a 5% increase over the year-ago quarter.", "2023-Q4"),
    # a fiscal year that frames a figure for a period inside it: the period
    ("New Delhi: The ministry said the deficit of Rs 5 lakh crore stood at 36.5 per cent of the full-year target at "
     "the end of the first half of FY24.", "FY2024-H1"),
    ("The Treasury said the deficit swelled in January, putting fiscal 2024 at a faster pace.", "2024-01"),
    # but not a calendar year, nor a fiscal year closed by a period that ends with it
    ("Acme said demand for 2024 remains uncertain after a decline in the first quarter.", "2024"),
    # a run of months of a split year: those months, not the whole fiscal year
    ("New Delhi: The ministry said the fiscal deficit in the first seven months of 2023-24 was Rs 8 lakh crore.",
     "2023-04/2023-10"),
]


@pytest.mark.parametrize(("text", "expected"), DATED_CLAIMS)
def test_a_claim_is_dated_by_the_period_it_asserts(nlp, text, expected):
    from claimx.extract import make_doc
    from claimx.ingest import Article

    doc = nlp(make_doc(nlp, Article(id="t", source="t", text=text, published="2024-02-09")))
    dates = [claim["date"]["value"] for claim in doc._.claimx_claims if claim.get("date")]
    assert dates and dates[0] == expected


def test_country_cues_read_datelines_and_skip_shared_signs():
    """What the dates layer alone (claimx eval) reads a story's country from: "ISLAMABAD" as a dateline writes it
    is Pakistan; "Rs", which India, Pakistan, Sri Lanka and Nepal share, names none."""
    from claimx.components.dates.fiscal_context import _cue_countries

    cues = _cue_countries()
    assert cues["ISLAMABAD"] == "PK" and cues["Islamabad"] == "PK"
    assert "Rs" not in cues and "Rs." not in cues
