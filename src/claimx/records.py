"""The claimx/1 record: the one contract between extraction and every output format.

`record_from_doc` is the only place that reads spaCy objects; renderers and the CLI see these dataclasses.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from collections.abc import Iterable
from typing import Any

SCHEMA = "claimx/1"
# What a claim is (claims[].kind): speech or thought with a clause or quotation as content; a reporting verb with a
# noun-phrase content ("reported a net profit of $2 million"); an unattributed statement of a checkable number.
CLAIM_KINDS = ("statement", "announcement", "factual")


def _compact(d: dict[str, Any], optional: tuple[str, ...]) -> dict[str, Any]:
    """Drop the optional (added) fields that carry nothing; contract fields always stay."""
    return {k: v for k, v in d.items() if not (k in optional and v is None)}


@dataclass
class TextSpan:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


_ENTITY_OPTIONAL = ("canonical", "kind", "country", "id", "geonames_id", "lat", "lon", "admin1", "point", "tickers",
                    "salience")


@dataclass
class Entity:
    text: str
    label: str  # ORG | PLACE | PERSON
    start: int
    end: int
    canonical: str | None = None
    kind: str | None = None  # places: country | region | city | continent | feature
    country: str | None = None  # ISO 3166-1 alpha-2
    id: str | None = None  # stable across articles for the same canonical entity
    # Places: the GeoNames feature (docs/places.md); `point` says where lat/lon come from (feature | capital).
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None  # ISO 3166-2 code of the first-level division, e.g. US-TX
    point: str | None = None
    tickers: list[str] | None = None  # organizations: "NYSE:MO", "HKEX:0386"
    salience: float | None = None  # [0, 1], the same for every mention of one id (claimx/salience.py)

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
             "canonical": self.canonical, "kind": self.kind, "country": self.country, "id": self.id,
             "geonames_id": self.geonames_id, "lat": self.lat, "lon": self.lon, "admin1": self.admin1,
             "point": self.point, "tickers": self.tickers or None, "salience": self.salience}
        return _compact(d, _ENTITY_OPTIONAL)


@dataclass
class Money:
    text: str
    start: int
    end: int
    amount: float | int | None
    currency: str | None
    approx: bool = False
    min: float | int | None = None
    max: float | int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "amount": self.amount,
             "currency": self.currency, "approx": self.approx, "min": self.min, "max": self.max}
        return _compact(d, ("min", "max"))


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: str | None
    grain: str | None
    relative: bool = False
    mod: str | None = None  # TIMEX3-style modifier: START, MID, END, APPROX, ...
    calendar: str | None = None  # the calendar period a fiscal value covers: 2023-Q4, 2023-04-01/2024-03-31

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
             "grain": self.grain, "relative": self.relative, "mod": self.mod, "calendar": self.calendar}
        return _compact(d, ("mod", "calendar"))


@dataclass
class Speaker(TextSpan):
    label: str | None = None  # entity label when the speaker is a named entity
    canonical: str | None = None  # resolved name for pronoun speakers and aliases

    def to_dict(self) -> dict[str, Any]:
        d = {**super().to_dict(), "label": self.label, "canonical": self.canonical}
        return _compact(d, ("label", "canonical"))


@dataclass
class Claim:
    text: str
    start: int
    end: int
    speaker: Speaker | None
    cue: TextSpan | None
    direct: bool
    date: dict[str, Any] | None = None  # {"value": ..., "source": explicit|cue|published}
    score: float | None = None
    subject: TextSpan | None = None  # unattributed factual claims: what the claim is about
    rule: str | None = None  # id of the claims rule that fired (models/claims/rules.tsv)
    kind: str | None = None  # one of CLAIM_KINDS
    # When the attribution stands inside the claim ("…,” X said. “…”), start..end covers the whole stretch and
    # these are the content's pieces without speaker and cue (the gold format of spec/eval.md does the same).
    fragments: list[TextSpan] | None = None
    entities: list[int] = field(default_factory=list)  # indices into the record's lists
    money: list[int] = field(default_factory=list)
    dates: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "direct": self.direct, "date": self.date, "score": self.score,
            "subject": self.subject.to_dict() if self.subject else None,
            "rule": self.rule,
            "fragments": [f.to_dict() for f in self.fragments] if self.fragments else None,
            "entities": self.entities, "money": self.money, "dates": self.dates,
        }
        return _compact(d, ("kind", "score", "subject", "rule", "fragments"))


@dataclass
class Record:
    id: str
    source: str
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    url: str | None = None
    entities: list[Entity] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    text: str | None = None  # only with --include-text
    error: dict[str, str] | None = None  # {"type", "message"}: a document that could not be processed
    language: str | None = None  # ISO 639-1 guess (claimx.language); "und" = not English, language unknown
    about: list[str] | None = None  # ids of the few entities the article is about, most salient first

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"schema": SCHEMA, "id": self.id, "source": self.source, "error": self.error}
        d: dict[str, Any] = {
            "schema": SCHEMA, "id": self.id, "source": self.source, "title": self.title,
            "published": self.published, "published_source": self.published_source, "url": self.url,
            "entities": [e.to_dict() for e in self.entities],
            "money": [m.to_dict() for m in self.money],
            "dates": [x.to_dict() for x in self.dates],
            "claims": [c.to_dict() for c in self.claims],
            "language": self.language, "about": self.about or None,
        }
        if self.text is not None:
            d["text"] = self.text
        return _compact(d, ("url", "language", "about"))

    def keeping_claims(self, kinds: frozenset[str] | None) -> Record:
        """The record with only the claims of these kinds (None: all). Nothing points into `claims`, so the other
        lists stay as they are."""
        if kinds is None or self.error is not None:
            return self
        return replace(self, claims=[c for c in self.claims if c.kind in kinds])

    @classmethod
    def failed(cls, id: str, source: str, type: str, message: str) -> Record:
        return cls(id=id, source=source, error={"type": type, "message": message})


def claim_kinds(names: str | Iterable[str]) -> frozenset[str]:
    """Parse "statement,announcement" (or a list of names) into a set of claim kinds; ValueError names the wrong one."""
    wanted = {n.strip() for n in (names.split(",") if isinstance(names, str) else names) if n.strip()}
    unknown = sorted(wanted - set(CLAIM_KINDS))
    if unknown or not wanted:
        raise ValueError(f"unknown claim kind(s): {', '.join(unknown) or '(none given)'}; "
                         f"choose from {', '.join(CLAIM_KINDS)}")
    return frozenset(wanted)


def record_from_doc(doc: Any, article: Any, *, include_text: bool = False) -> Record:
    """Build the claimx/1 record for one processed Doc (duck-typed: no spaCy import needed here) made from
    `article.text`. Span texts are sliced from that text: Span.text and Doc.text join their tokens each time."""
    from claimx.extensions import DATES_KEY, ENTITIES_KEY, MONEY_KEY
    from claimx.language import detect_language
    from claimx.salience import about, entity_key, headline_ranges, salience

    def spans(key: str) -> list[Any]:
        return sorted(doc.spans[key], key=lambda s: (s.start_char, s.end_char)) if key in doc.spans else []

    text = article.text
    entities = []
    for s in spans(ENTITIES_KEY):
        start, end = s.start_char, s.end_char
        entities.append(Entity(text[start:end], s.label_, start, end, **(s._.claimx_entity or {})))
    money = []
    for s in spans(MONEY_KEY):
        start, end = s.start_char, s.end_char
        money.append(Money(text[start:end], start, end, **_money_fields(s._.claimx_money)))
    dates = []
    for s in spans(DATES_KEY):
        start, end = s.start_char, s.end_char
        dates.append(DateMention(text[start:end], start, end, **(s._.claimx_date or _NO_DATE)))
    mentions = [(items, [item.start for item in items]) for items in (entities, money, dates)]
    claims = [_claim(c, text, entities, mentions) for c in doc._.claimx_claims or []]
    # Salience reads lines (where the story starts, a headline line): the reading view's, the same length as
    # `text`, so a hard-wrapped article weighs its entities as the flowed one does.
    view = getattr(article, "reading", None) or text
    headlines = headline_ranges(view, article.title, getattr(article, "headlines", None) or [])
    scores = salience(view, entities, claims, money + dates, headlines)
    for entity in entities:
        entity.salience = scores.get(entity_key(entity))
    return Record(
        id=article.id, source=article.source, title=article.title, published=article.published,
        published_source=article.published_source, url=article.url,
        entities=entities, money=money, dates=dates, claims=claims,
        text=text if include_text else None, language=getattr(article, "language", None) or detect_language(text),
        about=about(scores, entities),
    )


_NO_DATE = {"value": None, "grain": None, "relative": False}


def _money_fields(values: dict | None) -> dict[str, Any]:
    values = values or {}
    return {k: values.get(k, default) for k, default in
            (("amount", None), ("currency", None), ("approx", False), ("min", None), ("max", None))}


def _span(span: Any, text: str) -> TextSpan | None:
    return TextSpan(text[span.start_char:span.end_char], span.start_char, span.end_char) if span is not None else None


def _inside(items: list[Any], starts: list[int], start: int, end: int) -> list[int]:
    """Indices of the items within [start, end); `items` are sorted by start, `starts` are their starts."""
    inside = []
    for i in range(bisect_left(starts, start), len(items)):
        if items[i].start >= end:
            break
        if items[i].end <= end:
            inside.append(i)
    return inside


def _claim(raw: dict[str, Any], text: str, entities: list[Entity], mentions: list[tuple[list[Any], list[int]]]
           ) -> Claim:
    """`mentions`: (entities, money, dates), each with its start offsets."""
    content = raw["content"]
    start, end = content.start_char, content.end_char
    speaker = raw.get("speaker")
    speaker_record = None
    if speaker is not None:
        label = raw.get("speaker_label") or next(
            (e.label for e in entities if e.start == speaker.start_char and e.end == speaker.end_char), None)
        said = text[speaker.start_char:speaker.end_char]
        speaker_record = Speaker(said, speaker.start_char, speaker.end_char, label=label,
                                 canonical=raw.get("speaker_canonical"))
    return Claim(
        text=text[start:end], start=start, end=end, speaker=speaker_record, cue=_span(raw.get("cue"), text),
        direct=bool(raw.get("direct")), date=raw.get("date"), score=raw.get("score"),
        subject=_span(raw.get("subject"), text),
        rule=raw.get("rule"), kind=raw.get("kind"),
        fragments=[_span(f, text) for f in raw["fragments"]] if raw.get("fragments") else None,
        entities=_inside(*mentions[0], start, end), money=_inside(*mentions[1], start, end),
        dates=_inside(*mentions[2], start, end),
    )
