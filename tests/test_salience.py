"""Salience and `about`, read off the finished record (claimx/salience.py, docs/salience.md). Texts are written
for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimx
from claimx.records import Claim, Entity, Speaker
from claimx.salience import about, headline_ranges, salience


def about_names(text: str) -> list[str]:
    record = claimx.extract(text)
    names = {e.id: e.canonical or e.text for e in record.entities}
    return [names[i] for i in record.about or []]


# (article, the entities it is about, first one first; entities it is not about)
ARTICLES = [
    ("Halvard Shipping cuts 300 jobs\n\nOSLO, May 2 (Reuters) - Halvard Shipping ASA said on Friday it would cut "
     "300 jobs in Norway and Denmark after freight rates fell. Halvard Shipping expects savings of $40 million, "
     "chief executive Kari Nes told Reuters. Rivals in Germany were not affected.\n",
     ["Halvard Shipping ASA"], ["Reuters", "Germany"]),
    ("Mayor Lina Ortiz wins second term\n\nLina Ortiz was re-elected mayor of Tucson on Tuesday with 58% of the "
     "vote. Ortiz, a former teacher, beat Carl Brandt, who conceded in a statement. Turnout in Arizona was low.\n",
     ["Lina Ortiz"], ["Arizona"]),
    ("Drought hits Kenya's tea harvest\n\nKenya's tea exports fell by a third in March as the drought in the "
     "highlands deepened, the Tea Board of Kenya said. Buyers in Pakistan and Egypt turned to Sri Lanka.\n",
     ["Kenya"], ["Egypt"]),
]


@pytest.mark.parametrize("text, about_these, not_these", ARTICLES)
def test_about_names_what_the_article_is_about(text, about_these, not_these):
    names = about_names(text)
    assert names[:len(about_these)] == about_these, names
    assert not set(names) & set(not_these), names


def test_a_news_agency_is_the_source_not_the_subject():
    text = ("Acme Bank posts record profit\n\nLONDON (Reuters) - Acme Bank said on Monday its profit rose, "
            "Reuters reported. Acme Bank shares rose 3%, Reuters said.\n")
    assert "Reuters" not in about_names(text)


def _entity(label, canonical, start, id_):
    return Entity(canonical, label, start, start + len(canonical), canonical=canonical, id=id_)


def test_the_headline_and_the_lead_weigh_most():
    text = "Acme buys Widget\n\nAcme Corp agreed to buy Widget Ltd on Monday. Later, Bolt Inc was named.\n"
    entities = [_entity("ORG", "Acme", 0, "a"), _entity("ORG", "Acme Corp", 18, "a2"),
                _entity("ORG", "Widget", 10, "w"), _entity("ORG", "Bolt Inc", 71, "b")]
    scores = salience(text, entities, [], [], headline_ranges(text, None, []))
    assert scores["a"] == scores["a2"] > scores["b"]  # "Acme" is "Acme Corp"'s short name: one score
    assert scores["w"] > scores["b"]
    assert about(scores, entities)[0] == "a2"


def test_a_speaker_gains_from_its_claims():
    text = "x" * 200
    entities = [_entity("PERSON", "Ann Lee", 10, "p"), _entity("PERSON", "Bo Kim", 30, "q")]
    claim = Claim("it rose", 100, 107, Speaker("Ann Lee", 10, 17), None, False)
    with_claim = salience(text, entities, [claim], [], [])
    assert with_claim["p"] > with_claim["q"]


@st.composite
def records(draw):
    n = draw(st.integers(0, 12))
    length = 400
    entities = []
    for _ in range(n):
        start = draw(st.integers(0, length - 10))
        label = draw(st.sampled_from(["ORG", "PLACE", "PERSON"]))
        name = draw(st.sampled_from(["Acme", "Acme Corp", "Oslo", "Ann Lee", "Lee", "Reuters"]))
        entities.append(Entity(name, label, start, start + 5, canonical=name, id=f"{label}:{name}"))
    entities.sort(key=lambda e: e.start)
    headline = draw(st.sampled_from([[], [(0, 40)]]))
    return "y" * length, entities, headline


@settings(max_examples=60, deadline=None)
@given(records())
def test_salience_is_in_range_one_value_per_id_and_about_is_ranked(record):
    text, entities, headlines = record
    scores = salience(text, entities, [], [], headlines)
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    assert {e.id for e in entities} <= set(scores)
    chosen = about(scores, entities)
    assert len(chosen) <= 3 and len(set(chosen)) == len(chosen)
    assert set(chosen) <= {e.id for e in entities}
    assert [scores[i] for i in chosen] == sorted((scores[i] for i in chosen), reverse=True)


def test_records_carry_salience_and_about():
    record = claimx.extract("Acme Corp said on Tuesday it paid $5 million to Widget Ltd in Oslo.")
    d = record.to_dict()
    assert all(0 <= e["salience"] <= 1 for e in d["entities"])
    assert d["about"] and set(d["about"]) <= {e["id"] for e in d["entities"]}
