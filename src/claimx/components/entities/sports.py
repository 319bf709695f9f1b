"""Sports reports: there a city or region named as a competitor ("Leicestershire beat Somerset", a results
table's "CHICAGO 4") is a team, an organization; countries stay places (national teams are read as places)."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from claimx.assets import load_lines
from claimx.components.entities.context import DocContext
from claimx.components.entities.mentions import Mention
from claimx.normalize.places import Place, lookup_place

_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")
# A results line without a dash: "Norwich 1 Wolverhampton 0", "LG 2 OB 0".
_RESULT_LINE = re.compile(r"^[A-Z][^\d\n]{0,40}? \d{1,3} [A-Z][^\d\n]{0,40}? \d{1,3}[ \t]*$", re.M)
MIN_CUES = 4
MIN_CUE_DENSITY = 0.02  # cue words and scores per word; news on other topics stays well below
TEAM_KINDS = {"city", "region"}
_NOT_A_PLACE = Place("", "none", None)


@cache
def sports_cues() -> frozenset[str]:
    return frozenset(load_lines("entities", "sports_cues.txt"))


def is_sports_report(doc: Doc, context: DocContext | None = None) -> bool:
    if "claimx_sports" in doc.user_data:
        return doc.user_data["claimx_sports"]
    context = context or DocContext(doc)
    cues = (sum(1 for lower in context.lowers if lower in sports_cues()) + len(_SCORE.findall(context.text))
            + len(_RESULT_LINE.findall(context.text)))
    words = sum(context.is_alpha)
    doc.user_data["claimx_sports"] = answer = cues >= MIN_CUES and cues >= MIN_CUE_DENSITY * max(words, 1)
    return answer


_BEFORE_TEAM = {"beat", "beats", "defeated", "v", "v.", "vs", "vs.", "versus", "against", "host", "hosts",
                "face", "faces", "play", "plays", "rivals", "champions", "leaders"}
_BEFORE_TEAM_PAIRS = {("lost", "to"), ("drew", "with"), ("draw", "with"), ("win", "over"), ("victory", "over"),
                      ("loss", "to"), ("defeat", "by"), ("beaten", "by")}
_AFTER_TEAM = {"beat", "beats", "defeated", "drew", "lost", "won", "win", "lead", "led", "leads", "trail",
               "trailed", "reached", "scored", "captain", "coach", "manager", "striker", "v", "v.", "vs", "vs.",
               "were", "are", "have", "had", "will", "made", "closed", "rallied", "edged", "routed", "declared"}


def relabel_teams(doc: Doc, mentions: list[Mention], context: DocContext) -> None:
    """In a sports report, a city or region named where a competitor stands (before a score, next to
    "beat" or "v") is a team, and so is every other mention of that name outside a dateline or a place
    preposition ("at Leicester", "in Chicago")."""
    if not is_sports_report(doc, context):
        return
    in_full_names = {t.text for m in mentions if m.label == "PERSON" and len(m) > 1 for t in m.span(doc)}
    candidates = [m for m in mentions if _place_kind(doc, m, in_full_names) in TEAM_KINDS]
    teams = {m.canonical_key(doc) for m in candidates if _team_position(doc, m)}
    teams |= {m.canonical_key(doc) for m in mentions if m.label == "ORG" and len(m) <= 3
              and (lookup_place(m.span(doc).text) or _NOT_A_PLACE).kind in TEAM_KINDS}
    for m in candidates:
        if m.canonical_key(doc) not in teams:
            continue
        if context.after_place_preposition(m.start) or context.is_dateline(m.start, m.end):
            if m.label == "PERSON":
                m.label, m.place = "PLACE", lookup_place(m.span(doc).text)
            continue
        m.label, m.place = "ORG", None


def _place_kind(doc: Doc, m: Mention, in_full_names: set[str]) -> str | None:
    """The place kind of a place mention, or of a one-word "person" that is only a place name ("Kent")."""
    if m.label == "PLACE":
        return m.place.kind if m.place is not None else None
    if m.label == "PERSON" and len(m) == 1 and doc[m.start].text not in in_full_names:
        place = lookup_place(doc[m.start].text)
        return place.kind if place is not None else None
    return None


def _team_position(doc: Doc, m: Mention) -> bool:
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    before2 = doc[m.start - 2].lower_ if m.start > 1 else ""
    after = doc[m.end] if m.end < len(doc) else None
    return (before in _BEFORE_TEAM or (before2, before) in _BEFORE_TEAM_PAIRS
            or (after is not None and (after.lower_ in _AFTER_TEAM or after.text[:1].isdigit())))


def table_teams(doc: Doc, context: DocContext) -> list[Mention]:
    """Results and standings lines of a sports report ("Ashford 2 Kelso 1", "Ashford 4 3 1 0 9 3 10"): a run
    of capitalized words right before a number, at a line start or after a number, is a team (a country
    there stays a place; a run starting with an initial, "C. Tolley 64", is a player)."""
    if not is_sports_report(doc, context):
        return []
    found = []
    for line_tokens in _lines(doc):
        words = [t for t in line_tokens if t.is_alpha]
        if not words or sum(t.is_lower for t in words) > 2:
            continue
        run: list = []
        for token in line_tokens:
            if (token.text.isdigit() and not _date_start(doc, token.i) and run
                    and (run[0].i == line_tokens[0].i or _after_number(doc, run[0].i))):
                found.append(_team(doc, run[0].i, run[-1].i + 1))
                run = []
            elif token.text[:1].isupper() or (run and token.text in _RUN_INNER):
                run.append(token)
            else:
                run = []
    return [m for m in found if m is not None]


_RUN_INNER = {"(", ")", "-", "'s", "&", ".", "of", "de"}


def _lines(doc: Doc) -> list[list]:
    lines, current = [], []
    for token in doc:
        if token.is_space:
            if current:
                lines.append(current)
            current = []
            continue
        current.append(token)
        if "\n" in token.whitespace_:
            lines.append(current)
            current = []
    if current:
        lines.append(current)
    return lines


def _date_start(doc: Doc, i: int) -> bool:
    """ "1996-08-30" after a name is a date, not a score: no team scores a year."""
    return len(doc[i].text) == 4 and i + 1 < len(doc) and doc[i + 1].text in {"-", "/"}


def _after_number(doc: Doc, i: int) -> bool:
    return i > 0 and (doc[i - 1].text.isdigit() or doc[i - 1].text in {")", "-"})


def _team(doc: Doc, start: int, end: int) -> Mention | None:
    while end > start and doc[end - 1].text in _RUN_INNER - {")"}:
        end -= 1
    if end <= start or (len(doc[start].text) <= 2 and doc[start].text.endswith(".")):
        return None
    place = lookup_place(doc[start:end].text)
    if place is not None and place.kind in {"country", "continent"}:
        return Mention(start, end, "PLACE", "org-pattern", place=place)
    return Mention(start, end, "ORG", "org-pattern")
