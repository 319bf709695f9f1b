"""claimx_claims: who said what, and when. Tables of our own sentences, negative cases beside positive ones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.components.claims.quotes import find_quotes
from claimx.extract import extract, extract_many
from claimx.ingest import Article
from claimx.records import record_from_doc

PUBLISHED = "2025-03-14"  # a Friday


def claims_of(text: str, published: str | None = PUBLISHED) -> list[dict]:
    return extract(text, published=published).to_dict()["claims"]


def attributed(text: str) -> list[dict]:
    return [c for c in claims_of(text) if c["speaker"] or c["cue"]]


def only_claim(text: str) -> dict:
    [claim] = attributed(text)
    return claim


# ---------------------------------------------------------------------------------------------------------------
# Attribution forms: (text, content, speaker, cue, direct)

FORMS = [
    # X said (that) …
    ("Harbor Rail said on Tuesday that it had won a contract worth $2 billion.",
     "that it had won a contract worth $2 billion", "Harbor Rail", "said", False),
    ("Lund told Reuters the plant would reopen.", "the plant would reopen", "Lund", "told", False),
    ("Peter Holm, who chairs the board, said the vote was a formality.",
     "the vote was a formality", "Peter Holm", "said", False),
    # …, X said.  /  The plan, X said, …
    ("The deal will close in June, the company said.", "The deal will close in June", "the company", "said", False),
    ("The plan, the minister said, will cost too much.",
     "The plan, the minister said, will cost too much", "the minister", "said", False),
    ("Vessel Freight expects a weak winter, its finance chief, Ana Ruiz, told analysts.",
     "Vessel Freight expects a weak winter", "its finance chief, Ana Ruiz", "told", False),
    # quotes, after and before the cue, in every quoting style
    ('"We are delighted with the result," said Maria Lund, the company\'s chief executive.',
     '"We are delighted with the result,"', "Maria Lund, the company's chief executive", "said", True),
    ("“Costs are falling,” the company said.", "“Costs are falling,”", "the company", "said", True),
    ("``Costs are falling,'' the company said.", "``Costs are falling,''", "the company", "said", True),
    ('The chairman said: "This is a historic day. We have waited ten years for it."',
     '"This is a historic day. We have waited ten years for it."', "The chairman", "said", True),
    ("Berg said:\n\n“We will build it.”", "“We will build it.”", "Berg", "said", True),
    ("“We need more buses.” — Karin Olsen", "“We need more buses.”", "Karin Olsen", "—", True),
    # a quote split by its attribution is one claim
    ('"The order book has never been stronger," Lund said. "We expect to hire 300 engineers next year."',
     '"The order book has never been stronger," Lund said. "We expect to hire 300 engineers next year."',
     "Lund", "said", True),
    # non-verbal cues
    ("According to analysts at Nordbank, the contract could lift revenue by 8% in 2026.",
     "the contract could lift revenue by 8% in 2026", "analysts at Nordbank", "According to", False),
    ("Profit will rise, according to the ministry.", "Profit will rise", "the ministry", "according to", False),
    ('As per the regulator: "The merger raises no concerns."',
     '"The merger raises no concerns."', "the regulator", "As per", True),
    ("In the minister's view, the tariffs are a mistake.", "the tariffs are a mistake", "the minister", "view", False),
    ("The minister's statement that prices would fall was contested.",
     "that prices would fall", "The minister", "statement", False),
    ("HOLM: We will vote on the merger in April.", "We will vote on the merger in April", "HOLM", ":", False),
    # verbs beyond "say"
    ("Orsted warned that wind projects could be delayed.",
     "that wind projects could be delayed", "Orsted", "warned", False),
    ("The airline denied the allegations on Friday.", "the allegations", "The airline", "denied", False),
]


@pytest.mark.parametrize("text, content, speaker, cue, direct", FORMS)
def test_attribution_forms(nlp, text, content, speaker, cue, direct):
    claim = only_claim(text)
    assert (claim["text"], claim["speaker"]["text"], claim["cue"]["text"], claim["direct"]) == (
        content, speaker, cue, direct)


NOT_CLAIMS = [
    "The company said.",  # a cue with nothing reported
    'The so-called "reform" passed without debate.',  # a quoted term, not speech
    "Who said the market would recover?",  # a question about a speaker
    "He told a story about his childhood.",  # "tell" without a reported clause
    "The firm plans to confirm the figures.",  # an intention, not a statement
    "She was asked to leave.",
    "A spokesperson for the ministry declined to comment.",  # nothing said
    "Revenue rose 12% in 2024.",  # a number with no named subject is no factual claim either
    "The council shared the details on Monday.",  # an object that says nothing checkable
    "She discussed the matter with her lawyers.",
    "She called into the radio show when she was home sick.",  # a circumstance, not what was said
    "I wasn't sure I'd get anything from the tasting.",  # a doubt, not a stance
    "The ministry let the regions decide when and how the schools would reopen.",  # a question left to decide
    "The rule would add so many forms that it would be a boon for lawyers.",  # a result clause, nobody speaks
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_no_claim(nlp, text):
    assert claims_of(text) == []


def test_a_quotation_after_the_colon_ending_a_reported_clause_is_a_claim_of_its_own(nlp):
    text = "Chairman Ola Berg said that the slowdown had hit every unit: “Sales fell in all regions. We cut costs.”"
    claims = attributed(text)
    assert [(c["text"], c["speaker"]["text"], c["direct"]) for c in claims] == [
        ("that the slowdown had hit every unit", "Chairman Ola Berg", False),
        ("“Sales fell in all regions. We cut costs.”", "Chairman Ola Berg", True)]


@pytest.mark.parametrize("text, content", [
    # the attribution in the last paragraph covers the ones before it
    ("“We built the line in two years.\n\n“Nobody thought it was possible,” Berg said.",
     "“We built the line in two years.\n\n“Nobody thought it was possible,”"),
    # a statement after "said:" runs on over paragraphs that open a quote and leave it open
    ("Berg said: “We had a steady quarter.\n\n“Demand held up.\n\n“We expect more of the same.”",
     "“We had a steady quarter.\n\n“Demand held up.\n\n“We expect more of the same.”"),
])
def test_a_quote_over_several_paragraphs_is_one_claim(nlp, text, content):
    [claim] = attributed(text)
    assert (claim["text"], claim["speaker"]["text"]) == (content, "Berg")


def test_a_block_quote_and_a_new_quotation_after_it_are_two_claims(nlp):
    text = 'The paper reports:\n\n"The mill closed in May.\n\n“It broke my heart,” she said.'
    assert "“It broke my heart,”" in [c["text"] for c in attributed(text)]


def test_a_quotation_paragraph_after_a_quote_goes_on_quoting_the_same_speaker(nlp):
    text = '"We did not break any rules," the bank said in a statement.\n\n"Our customers come first and always will."'
    first, second = attributed(text)
    assert second["text"] == '"Our customers come first and always will."'
    assert second["speaker"] == first["speaker"] and second["rule"] == "quote_follow_on"


def test_a_claim_reported_inside_another_is_not_repeated(nlp):
    claims = attributed("Lund said the board believes the plan will work.")
    assert [(c["speaker"]["text"], c["text"]) for c in claims] == [("Lund", "the board believes the plan will work")]


# ---------------------------------------------------------------------------------------------------------------
# Speakers: pronouns and relative pronouns resolved to what they stand for

PRONOUNS = [
    ("Tarn Mining reported a loss. It said output fell because of floods.", "It", "Tarn Mining"),
    ("Jonas Berg met the union on Monday. He said the talks were constructive.", "He", "Jonas Berg"),
    ('The chief executive of Orbis, Lena Falk, spoke to investors. "We will grow," she said.', "she", "Lena Falk"),
    ("Shareholders backed the plan proposed by the bank, which said it would cut 500 jobs.", "which", "the bank"),
    ('"We will grow," they said.', "they", None),  # plural pronouns are left open
    ("The ski season opens on Saturday. It said the lifts were ready.", "It", None),  # a season does not speak
]


@pytest.mark.parametrize("text, speaker, canonical", PRONOUNS)
def test_pronoun_speakers_resolve(nlp, text, speaker, canonical):
    claim = attributed(text)[-1]
    assert claim["speaker"]["text"] == speaker
    assert claim["speaker"].get("canonical") == canonical


SPEAKER_LABELS = [
    ("Harbor Rail said it won a contract worth $2 billion.", "ORG"),
    ('"Costs are falling," said Maria Lund, the chief executive.', "PERSON"),  # the name in an apposition
    ("Tarn Mining reported a loss. It said output fell because of floods.", "ORG"),  # what the pronoun stands for
    ("Officials said the bridge would reopen.", None),
]


@pytest.mark.parametrize("text, label", SPEAKER_LABELS)
def test_a_speaker_carries_the_label_of_the_entity_it_names(nlp, text, label):
    assert attributed(text)[-1]["speaker"].get("label") == label


# ---------------------------------------------------------------------------------------------------------------
# Dates: explicit in the content > the date of the saying > the article's date > none


def test_a_date_inside_the_claim_is_explicit(nlp):
    claim = only_claim("Officials said the bridge would reopen in May 2026.")
    assert claim["date"] == {"value": "2026-05", "source": "explicit"}


def test_the_date_of_the_saying_comes_from_the_cue(nlp):
    record = extract("Harbor Rail said on Tuesday that it had won the contract.", published=PUBLISHED).to_dict()
    [claim] = record["claims"]
    [tuesday] = [d for d in record["dates"] if d["text"] == "Tuesday"]
    assert claim["date"] == {"value": tuesday["value"], "source": "cue"}


def test_without_a_date_of_its_own_a_claim_takes_the_article_date(nlp):
    assert only_claim("Lund said the plant would reopen.")["date"] == {"value": PUBLISHED, "source": "published"}


def test_without_any_date_a_claim_is_undated(nlp):
    [claim] = claims_of("Lund said the plant would reopen.", published=None)
    assert claim["date"] is None


@pytest.mark.parametrize("text, value", [
    ("The agency said copper output rose 3% in 2024 from 2023.", "2024"),
    # only the base of the comparison is named: the claim is about the year after it
    ("The company expects earnings to grow 10% from the base fiscal 2024 earnings, it said.", "FY2025"),
    ("The minister said both deficits will be less than that in 2023.", "2024"),
    # a year-ago comparison beside another base: the period a year after the year-ago one
    ("The bank reported results for the first half of 2024. It said income was flat on the prior corresponding "
     "period but up 3.5% on the second half of 2023.", "2024-H1"),
])
def test_a_comparison_keeps_the_period_it_asserts_about(nlp, text, value):
    claim = [c for c in claims_of(text, published="2025-02-12") if c["speaker"]][-1]
    assert claim["date"]["value"] == value


# ---------------------------------------------------------------------------------------------------------------
# Factual claims: unattributed sentences with a checkable number about a named entity


def test_a_number_about_a_named_entity_is_a_factual_claim(nlp):
    record = extract("Volvo employs 4,500 people in Norway. Nordvik's revenue rose 12% to €4.1 billion in 2024.",
                            published=PUBLISHED).to_dict()
    employs, revenue = record["claims"]
    assert (employs["speaker"], employs["cue"], employs["subject"]["text"]) == (None, None, "Volvo")
    assert revenue["text"] == "Nordvik's revenue rose 12% to €4.1 billion in 2024"
    assert revenue["subject"]["text"] == "Nordvik's revenue"
    assert revenue["date"] == {"value": "2024", "source": "explicit"}
    assert [record["money"][i]["amount"] for i in revenue["money"]] == [4_100_000_000]


FACTUAL_NEGATIVES = [
    "Did Nordvik's revenue rise 12% last year?",  # a question
    "Nordvik opened a new office in Oslo.",  # no number
    '"Nordvik will grow 12% next year," Lund said.',  # attributed, and reported once
    "Nordvik Brewing, 12 Harbor Road\n(555) 937-6103\nNordvik opened in 2019 with 12 staff.",  # an address block
    "Contact reporter Ana Ruiz at ana@example.com or 555-338-2454.",  # a contact line
]


@pytest.mark.parametrize("text", FACTUAL_NEGATIVES)
def test_no_factual_claim(nlp, text):
    assert [c for c in claims_of(text) if c["rule"] == "factual_number"] == []


HEADLINES = [
    ("Nordvik says revenue rose 12% in 2024", "revenue rose 12% in 2024"),  # X says …
    ('Holm: "We will vote on the merger in April"', '"We will vote on the merger in April"'),  # X: “…”
    ("Fares must rise, rail union warns", "Fares must rise"),  # …, X warns
    ("Nordvik's revenue rose 12% to €4.1 billion in 2024", None),  # a number, but no attribution
    ("Nordvik reports record profit of $2 billion", None),  # an announcement is no headline claim
]


@pytest.mark.parametrize("headline, claim", HEADLINES)
def test_a_headline_yields_a_claim_only_when_it_attributes_one(nlp, headline, claim):
    text = f"{headline}\n\nThe board met on Monday."
    article = Article(id="a", source="a", text=text, published=PUBLISHED, headlines=[(0, len(headline))])
    [record] = extract_many([article])
    assert [c["text"] for c in record.to_dict()["claims"]] == ([claim] if claim else [])


def test_masked_chrome_yields_no_claims(nlp):
    chrome = "Share this: Nordvik says revenue rose 12% in 2024."
    body = "Nordvik's revenue rose 12% to €4.1 billion in 2024."
    text = f"{chrome}\n\n{body}"
    article = Article(id="a", source="a", text=text, published=PUBLISHED, masked=[(0, len(chrome))])
    [record] = extract_many([article])
    assert [c["text"] for c in record.to_dict()["claims"]] == [body.rstrip(".")]


# ---------------------------------------------------------------------------------------------------------------
# Scores, links and offsets


def test_scores_rank_a_named_direct_quote_above_a_pronoun_speaker(nlp):
    named = only_claim("“Costs are falling,” Harbor Rail said.")
    pronoun = attributed('"We will grow," they said.')[0]
    factual = claims_of("Volvo employs 4,500 people in Norway.")[0]
    assert 0 < factual["score"] < pronoun["score"] < named["score"] <= 1


STORY = (
    "Harbor Rail said on Tuesday that it had won a DKK 2.3 billion contract in Copenhagen.\n\n"
    "“The order book has never been stronger,” said Maria Lund, the chief executive. “We will hire.”\n\n"
    "According to Nordbank, the deal could lift revenue by 8% in 2026, a rise of €40 million.\n\n"
    "She told analysts it would close in June."
)


def test_offsets_index_the_text_and_links_point_inside_the_claim(nlp):
    record = extract(STORY, published=PUBLISHED).to_dict()
    assert len(record["claims"]) == 4
    for claim in record["claims"]:
        for part in (claim, claim["speaker"], claim["cue"]):
            assert STORY[part["start"] : part["end"]] == part["text"]
        for layer in ("entities", "money", "dates"):
            for index in claim[layer]:
                mention = record[layer][index]
                assert claim["start"] <= mention["start"] and mention["end"] <= claim["end"]
    assert any(claim["money"] for claim in record["claims"])


# ---------------------------------------------------------------------------------------------------------------
# The quote finder (pure, no spaCy)

QUOTES = [
    ('"A b," he said. "C d."', ['"A b,"', '"C d."']),
    ("“Typographic,” she said.", ["“Typographic,”"]),
    ("``Newswire style,'' he said.", ["``Newswire style,''"]),
    ("''Doubled apostrophes,'' he said, ''both ways.''", ["''Doubled apostrophes,''", "''both ways.''"]),
    ("“Outer ‘inner’ outer,” she said.", ["“Outer ‘inner’ outer,”"]),
    ("don’t ‘quote me’ on it", ["‘quote me’"]),  # single marks only where there are no double ones
    ("”Mistyped opening mark.” ok", ["”Mistyped opening mark.”"]),
    ("No quotes at all, isn’t it?", []),
]


@pytest.mark.parametrize("text, expected", QUOTES)
def test_find_quotes(text, expected):
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_a_quote_left_open_continues_in_the_next_paragraph():
    first, second = find_quotes("“Para one.\n\n“Para two,” he said.")
    assert (first.closed, first.continues, second.closed, second.continues) == (False, False, True, True)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\n\"“”‘’'`", max_size=200))
def test_quotes_are_ordered_disjoint_spans_within_a_paragraph(text):
    previous_end = 0
    for quote in find_quotes(text):
        assert previous_end <= quote.start < quote.end <= len(text)
        assert "\n" not in text[quote.start : quote.end]
        previous_end = quote.end


def test_unbalanced_and_nested_marks_are_read_in_one_pass():
    text = "“" * 20_000 + '"' * 20_000 + "‘’" * 10_000 + "”" * 20_000
    quotes = find_quotes(text)
    assert all(q.start < q.end for q in quotes)


# --- an attribution inside the claim: the stretch stays whole, its pieces are the fragments

@pytest.mark.parametrize("text, pieces", [
    ('"Prices will fall," the minister said on Monday. "Wages will not."',
     ['"Prices will fall,"', '"Wages will not."']),
    ("The new bridge, the mayor said, will cost more than the old one.",
     ["The new bridge", "will cost more than the old one"]),
])
def test_fragments_leave_out_speaker_and_cue(nlp, text, pieces):
    record = record_from_doc(nlp(text), Article(id="t", source="t", text=text))
    [claim] = [c.to_dict() for c in record.claims]
    assert [text[f["start"]:f["end"]] for f in claim["fragments"]] == pieces
    for fragment in claim["fragments"]:
        assert not (fragment["start"] < claim["cue"]["end"] and claim["cue"]["start"] < fragment["end"])


def test_no_fragments_when_the_attribution_is_outside(nlp):
    text = "The minister said that prices would fall next year."
    record = record_from_doc(nlp(text), Article(id="t", source="t", text=text))
    assert all(c.fragments is None for c in record.claims) and record.claims


def test_a_pronoun_goes_to_the_nearer_source_not_an_older_subject(nlp):
    text = ("Anna Berg said the mine would reopen in May. According to Tomas Lind, a geologist at Ore Survey, "
            "the deposit is larger than expected. He estimated that it holds two million tonnes.")
    record = record_from_doc(nlp(text), Article(id="t", source="t", text=text))
    [claim] = [c for c in record.claims if c.speaker and c.speaker.text == "He"]
    assert claim.speaker.canonical == "Tomas Lind"


def test_a_quotation_after_a_source_phrase_is_one_claim(nlp):
    text = 'As per the ministry:\n\n"The new line opens in June. It will carry ten thousand riders a day."'
    record = record_from_doc(nlp(text), Article(id="t", source="t", text=text))
    assert len(record.claims) == 1 and record.claims[0].text.endswith('a day."')


# ---------------------------------------------------------------------------------------------------------------
# Kinds: statement (a clause or a quotation), announcement (a noun phrase), factual (no speaker, a number)

KINDS = [
    ("Harbor Rail said on Tuesday that it had won the contract.", "statement"),
    ("“Costs are falling,” the company said.", "statement"),
    ("According to the ministry, profit will rise.", "statement"),
    ("Harbor Rail reported a net profit of $2 million for the quarter.", "announcement"),
    ("The regulator announced a $185 million settlement with the bank.", "announcement"),
    # a participle phrase's source gives a figure, not a statement
    ("Nordvik's profit rose to $40 million, beating the average estimate of $38 million, according to LSEG data.",
     "announcement"),
    ("Nordvik's revenue rose 12% to €4.1 billion in 2024.", "factual"),
]


@pytest.mark.parametrize("text, kind", KINDS)
def test_every_claim_has_a_kind(nlp, text, kind):
    assert [c["kind"] for c in claims_of(text)] == [kind]


def test_claims_are_kept_by_kind(nlp):
    from claimx.records import claim_kinds

    text = "Harbor Rail said it had won the contract. Harbor Rail reported a net profit of $2 million."
    record = extract(text, published=PUBLISHED)
    kept = record.keeping_claims(claim_kinds("announcement"))
    assert [c.kind for c in kept.claims] == ["announcement"] and len(record.claims) == 2
    with pytest.raises(ValueError, match="statment"):
        claim_kinds("statment,factual")


# ---------------------------------------------------------------------------------------------------------------
# Speakers are agents: (text, speaker or None when no claim may come out of it)

AGENTS = [
    ("Oil prices announced a sharp rise on Monday.", None),  # inanimate
    ("Shares in Harbor Rail reported a jump of 8% after the news.", None),
    ("The stronger dollar rate indicated that exporters would suffer.", None),
    ("Last year showed that the town can cope with floods.", None),
    ("The oil ministry announced a cut in output.", "The oil ministry"),  # the same words, but an agent
    ("You should know that the trail is closed in winter.", None),  # generic you
    ("If you want to know more, you can say that the guide is free.", None),
    ("We hope you enjoyed our coverage of the match.", None),  # a promo's we
    ("We found that one of our dosing schedules works better.", "We"),  # researchers' we stays
    ("That said, we understand why the fans are angry.", None),  # no antecedent for "that"
    ("A poll shows that most voters back the plan.", "A poll"),  # polls and documents are agents
    ("The report found that the dam was unsafe.", "The report"),
    ("June challenged a law that would close the clinics.", None),  # a date the parser made a subject
    ("Forty percent said they would vote for the plan.", "Forty percent"),  # people polled speak
    ("As we know, the bridge was built in 1890.", None),  # common knowledge, nobody's claim
    ("The interim dividend declared is 20 cents a share.", None),  # a dividend never speaks
    ("The Mail on Sunday reported that the minister had resigned.", "The Mail on Sunday"),  # the name whole
    ("The company said in an exchange filing on Thursday that profit rose.", "The company"),
    ("According to an exchange filing on Thursday, profit rose 8%.", "an exchange filing"),  # the date is when
    ('Vessel Freight Inc. (Nasdaq: VFI, "Vessel") said sales rose 5%.', "Vessel Freight Inc."),  # no half bracket
]


@pytest.mark.parametrize("text, speaker", AGENTS)
def test_speakers_are_agents(nlp, text, speaker):
    assert [c["speaker"]["text"] for c in attributed(text)] == ([speaker] if speaker else [])


def test_a_verb_joined_to_the_main_verb_shares_its_subject(nlp):
    """'…expects margins to improve and said …': the parse hangs "said" on "improve"; the speaker is still the
    subject of "expects", never "margins"."""
    text = "Harbor Rail expects margins to improve and said it would hire 300 engineers."
    assert {c["speaker"]["text"] for c in attributed(text)} == {"Harbor Rail"}


RELATIVE_SPEAKERS = [
    ("The mayor, who said the budget was balanced, left early.", "who", "The mayor"),
    ("Harbor Rail, which said on Monday that fares would rise, kept its prices.", "which", "Harbor Rail"),
]


@pytest.mark.parametrize("text, speaker, canonical", RELATIVE_SPEAKERS)
def test_a_relative_pronoun_speaker_names_its_antecedent(nlp, text, speaker, canonical):
    claim = next(c for c in attributed(text) if c["speaker"]["text"] == speaker)
    assert claim["speaker"]["canonical"] == canonical


def test_an_unresolved_pronoun_keeps_no_canonical_and_a_lower_score(nlp):
    [unresolved] = attributed("They said the plan would fail.")
    named = only_claim("Harbor Rail said the plan would fail.")
    assert unresolved["speaker"].get("canonical") is None and unresolved["score"] < named["score"]


# ---------------------------------------------------------------------------------------------------------------
# Interviews: questions are never claims; answers are the interviewee's

INTERVIEW = ("Maria Lund has run Nordvik since 2019. We spoke to Lund in Oslo.\n\n"
             "Q: What will Nordvik do next year?\n\n"
             "A: We will open two plants in Ohio and hire 300 people.\n\n"
             "Q: Tell us about the costs.\n\n"
             "A: Costs are falling because steel is cheaper.\n")


def test_answers_go_to_the_interviewee_and_questions_are_not_claims(nlp):
    claims = attributed(INTERVIEW)
    assert [c["text"] for c in claims] == ["We will open two plants in Ohio and hire 300 people",
                                          "Costs are falling because steel is cheaper"]
    assert {(c["speaker"]["text"], c["speaker"]["canonical"]) for c in claims} == {("A", "Maria Lund")}


TRANSCRIPT = [
    ("Governor Mike Pence spoke on Sunday.\n\nPENCE: We will cut taxes for every family.",
     "We will cut taxes for every family", "Mike Pence"),
    ("Governor Mike Pence spoke on Sunday.\n\nWALLACE: Do you really think so?", None, None),  # a question
    ("“Will the tariffs work?” Lund asked.", None, None),
    ("Lawmakers asked whether the deal required the bank to cooperate.", None, None),  # an indirect question
    ("Lund does not know if the plant will reopen.", None, None),
    ("If the talks fail, the plant will close, Lund said.", "If the talks fail, the plant will close", None),  # a condition
    ("“Will the tariffs work? They will not,” Lund said.", "“Will the tariffs work? They will not,”", None),
]


@pytest.mark.parametrize("text, content, canonical", TRANSCRIPT)
def test_a_question_is_never_a_claim(nlp, text, content, canonical):
    claims = attributed(text)
    assert [c["text"] for c in claims] == ([content] if content else [])
    if canonical:
        assert claims[0]["speaker"]["canonical"] == canonical


# ---------------------------------------------------------------------------------------------------------------
# Recall classes: (text, content, speaker)

RECALL = [
    # the reported clause hung on the listener as a relative clause, its "that" a conjunction
    ("In Bergen last week, she told a meeting of harbour pilots that few ports were ready for larger ships.",
     "that few ports were ready for larger ships", "she"),
    # a reported clause after a phrase of time, which the parse hangs on the cue as an adverbial
    ("Lund said after the vote she would not stand again.", "she would not stand again", "Lund"),
    # "noted that …" whose parse hangs "that" on the verb and loses the clause
    ("Okafor also noted that the regulator's flexible inflation targeting regime needed to be defended.",
     "that the regulator's flexible inflation targeting regime needed to be defended", "Okafor"),
    # polls, surveys and data
    ("Polls show a close race in the state.", "a close race in the state", "Polls"),
    ("Data showed a sharp rise in arrests.", "a sharp rise in arrests", "Data"),
    ("Harbor Rail showed a new train at the fair.", None, None),  # a company showing a thing claims nothing
    # colon statements
    ('Harris: "We will win this state."', '"We will win this state."', "Harris"),
    ("Said Ellis: “She has no interest in tax reform.”", "“She has no interest in tax reform.”", "Ellis"),
    ("The plan: more buses, fewer cars.", None, None),  # a colon after a thing, not a speaker
    ("MORE: Storm tracker shows where the winds will hit\n\nMORE: Ferries cancelled as the storm nears", None, None),
    ("New Delhi: Shares of state banks were trading higher on Thursday.", None, None),  # a dateline
    ("Julia Berg: The woman behind the mayor's campaign", None, None),  # a topic, not a speaker
    ("Julia Berg: I never wanted to run for office.", "I never wanted to run for office", "Julia Berg"),
    # several sentences after "said:"
    ("The mayor said in a statement: The budget is balanced. We cut waste. Taxes will not rise.",
     "The budget is balanced. We cut waste. Taxes will not rise", "The mayor"),
    # "according to" in every position
    ("Fares will rise by 9% next year, according to the rail union.", "Fares will rise by 9% next year",
     "the rail union"),
    ("The bridge is, according to engineers, safe for another decade.",
     "The bridge is, according to engineers, safe for another decade", "engineers"),
    # "X, who …, said"
    ("Lena Berg, who chairs the committee, said the vote would be delayed.", "the vote would be delayed",
     "Lena Berg"),
    # a statement split by its attribution
    ("Wages rose 4%, the agency said in its report, and rents climbed 6%.",
     "Wages rose 4%, the agency said in its report, and rents climbed 6%", "the agency"),
    # an apposition that states a figure is part of what was said; one that only comments is not
    ("Tamsin Foods said sales reached $40 million, a 12% rise on the year before.",
     "sales reached $40 million, a 12% rise on the year before", "Tamsin Foods"),
    # "call for" reads the object of "for"
    ("The union called for a moratorium on new mines.", "a moratorium on new mines", "The union"),
    # an "as" clause attributes the clause it hangs on; one that tells when, or compares, does not
    ("As several economists have pointed out, the tariff raises prices for farmers.",
     "the tariff raises prices for farmers", "several economists"),
    ("The ferry, as the harbour master noted, has never sailed on time.",
     "The ferry, as the harbour master noted, has never sailed on time", "the harbour master"),
    ("As the mayor announced the budget, protesters gathered outside the hall.", None, None),
    ("The old harbour, as it is known, was rebuilt in 1990.", None, None),  # a name, not a source
    ("Nordvik is not as large as its rivals claim.", None, None),
    # verbs that voice a quotation attribute the quotation they introduce, and nothing else
    ("“We will need a bigger boat for the next one,” the captain joked.",
     "“We will need a bigger boat for the next one,”", "the captain"),
    ('The banner read: "Keep the night trains running."', '"Keep the night trains running."', "The banner"),
    ("She read the report twice before the meeting.", None, None),
    ("The skipper joked that the fish had all moved to Norway.", "that the fish had all moved to Norway",
     "The skipper"),
    ("As one farmer put it, the rain came a month too late.", "the rain came a month too late", "one farmer"),
    # stance verbs report what they are said of
    ("The senator slammed the governor for the delayed bridge repairs.",
     "the governor for the delayed bridge repairs", "The senator"),
    ("Union leaders expressed concern that the merger would cost jobs.",
     "concern that the merger would cost jobs", "Union leaders"),
    ("The minister acknowledged the risk of a second flood.", "the risk of a second flood", "The minister"),
    ("The mayor stressed the need for more night buses.", "the need for more night buses", "The mayor"),
    # a concession after a quotation that closes on its comma is the reporter's, not the speaker's
    ("Earlier, Lund had said that the talks were making “steady progress,” although he warned about pensions.",
     "that the talks were making “steady progress,”", "Lund"),
    # assure and inform report a clause like tell
    ("The chief executive assured shareholders that the dividend was safe.", "that the dividend was safe",
     "The chief executive"),
    ("The union informed Harbor Rail that its members would strike on Monday.",
     "that its members would strike on Monday", "The union"),
]


@pytest.mark.parametrize("text, content, speaker", RECALL)
def test_recall_classes(nlp, text, content, speaker):
    claims = attributed(text)
    assert [(c["text"], c["speaker"]["text"]) for c in claims] == ([(content, speaker)] if content else [])


def test_a_fixture_label_is_never_part_of_a_factual_claim(nlp):
    text = "No. 4 Nordvik (7-4) at No. 1 Harbor Rail (10-0), 7 p.m.: Nordvik won 27-26 against Vessel last week."
    assert not [c for c in claims_of(text) if "(7-4)" in c["text"]]
