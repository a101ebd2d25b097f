"""The typed data model of tidings: every record the pipeline produces.

All records are frozen dataclasses.  Character offsets (``start``, ``end``) are
0-based offsets into the article text, end exclusive.  ``to_dict`` gives the
tidings JSON v1 shape; the DuckDB tables and the HTTP API are derived from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

JSON_VERSION = "1"

# The closed vocabularies of the model, each defined once here: the dataclasses below use
# them, and the data files that name such values are checked against them when they load.
Stance = Literal[
    "reports", "confirms", "denies", "declines_to_confirm", "claims_responsibility", "alleges",
    "dismisses", "criticizes", "supports", "intends", "requests"
]
Modality = Literal[
    "asserted", "hypothetical", "planned", "threatened", "requested", "denied", "reported_speech"
]
PlacePrecision = Literal["point", "city", "admin2", "admin1", "country", "region"]
TimePrecision = Literal[
    "day", "week", "month", "quarter", "half", "season", "year", "decade", "century", "span",
    "unknown",
]
# An event's time is the publication date's at most when the text gives none.
EventTimePrecision = Literal[TimePrecision, "before_publication"]
QuoteKind = Literal["direct", "indirect", "mixed"]
LocationRole = Literal["site", "origin", "destination"]
SourceLevel = Literal["clause", "sentence", "paragraph", "article"]

STANCES: tuple[str, ...] = typing.get_args(Stance)
MODALITIES: tuple[str, ...] = typing.get_args(Modality)
PLACE_PRECISIONS: tuple[str, ...] = typing.get_args(PlacePrecision)
TIME_PRECISIONS: tuple[str, ...] = typing.get_args(TimePrecision)
QUOTE_KINDS: tuple[str, ...] = typing.get_args(QuoteKind)
LOCATION_ROLES: tuple[str, ...] = typing.get_args(LocationRole)
SOURCE_LEVELS: tuple[str, ...] = typing.get_args(SourceLevel)
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# The type of CAMEO 01-02 statements and appeals that PLOVER leaves untyped ("expressed
# concern", "voiced hope"): coded so that a sentence's main event is never lost.
STATEMENT = "STATEMENT"
EVENT_TYPES: tuple[str, ...] = (*PLOVER_TYPES, STATEMENT)


def _plain(value: Any) -> Any:
    """Turn dataclasses, dates and tuples into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict`` for every record."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Syndication(Record):
    """Where an article came from when it is a repost or a wire story."""

    original_outlet: str | None = None
    original_published: dt.date | None = None
    wire: str | None = None
    notice: Span | None = None


@dataclass(frozen=True, slots=True)
class Article(Record):
    """One input article: its text, exactly as given, and what is known about it."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str = "en"
    syndication: Syndication | None = None
    source_path: str | None = None


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """A canonical actor with every mention of it in the article."""

    id: str
    name: str
    country: str | None
    sector: tuple[str, ...] = ()
    kind: str = "unknown"  # state, person, organization, armed_group, igo, media, group
    resolved: bool = True
    mentions: tuple[Span, ...] = ()
    basis: str | None = None  # the title or apposition an unresolved actor's country came from


@dataclass(frozen=True, slots=True)
class ActorRef(Record):
    """One mention of an actor, as an event or quote uses it."""

    id: str
    name: str
    country: str | None
    sector: tuple[str, ...]
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A toponym in the text resolved against the gazetteer."""

    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    precision: PlacePrecision


@dataclass(frozen=True, slots=True)
class TimeExpr(Record):
    """A time expression normalised against the publication date."""

    start: int
    end: int
    text: str
    value: str | None  # TimeML-style value: 2018-01, 2018-W05-WE, P2Y
    type: str  # DATE, DURATION, SET, TIME
    begin: dt.date | None
    end_date: dt.date | None
    precision: TimePrecision


@dataclass(frozen=True, slots=True)
class EventTime(Record):
    """When an event happened, as a span with a precision."""

    begin: dt.date | None
    end_date: dt.date | None
    precision: EventTimePrecision
    text: str | None


@dataclass(frozen=True, slots=True)
class Magnitude(Record):
    """How big an event was."""

    count: int | None = None
    count_qualifier: str | None = None  # over, about, under, exactly, several, dozens
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None


@dataclass(frozen=True, slots=True)
class Source(Record):
    """Who says an event happened, and how."""

    actor: ActorRef | None
    outlet: str | None
    stance: Stance
    cue: Span | None
    negated: bool = False
    level: SourceLevel = "clause"


@dataclass(frozen=True, slots=True)
class Quote(Record):
    """A direct, indirect or mixed quotation with its speaker."""

    kind: QuoteKind
    speaker: ActorRef | None
    speaker_span: Span | None
    cue: Span | None
    content: Span


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Who did what to whom, where, when, and who says so."""

    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    trigger: Span
    sentence: Span
    location: Place | None = None
    location_role: LocationRole | None = None
    time: EventTime | None = None
    magnitude: Magnitude | None = None
    negated: bool = False
    modality: Modality = "asserted"
    sources: tuple[Source, ...] = ()
    rule: str = ""
    rules: tuple[str, ...] = ()  # ids of the lexicon and argument rules that coded the event
    mentions: tuple[Span, ...] = ()  # later triggers in the article naming the same happening

    @property
    def happened(self) -> bool:
        """True when the text asserts the event took place."""
        return not self.negated and self.modality in ("asserted", "reported_speech")


@dataclass(frozen=True, slots=True)
class Story(Record):
    """Articles about the same happening, clustered."""

    id: str
    article_ids: tuple[str, ...]
    first_seen: dt.date | None
    last_seen: dt.date | None
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Document(Record):
    """Everything tidings found in one article: the tidings JSON v1 record."""

    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    @classmethod
    def from_doc(cls, doc: Any) -> Document:
        """Collect the records a processed spaCy ``Doc`` carries."""
        return cls(
            article=doc._.article,
            actors=tuple(doc._.actors),
            places=tuple(doc._.places),
            times=tuple(doc._.times),
            quotes=tuple(doc._.quotes),
            events=tuple(doc._.events),
        )

    def to_dict(self) -> dict[str, Any]:
        article = _plain(self.article)
        text = article.pop("text")
        article.pop("source_path")
        if article["syndication"] and article["syndication"]["notice"]:
            article["syndication"]["notice"].pop("text", None)
        return {
            "tidings": JSON_VERSION,
            "text": text,
            "article": article,
            "actors": _plain(self.actors),
            "places": _plain(self.places),
            "times": _plain(self.times),
            "quotes": _plain(self.quotes),
            "events": _plain(self.events),
        }

    def to_json(self, **kwargs: Any) -> str:
        """The tidings JSON v1 text of this document."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, record: dict[str, Any], source_path: str | None = None) -> Document:
        """Rebuild a document from its tidings JSON v1 (the inverse of :meth:`to_dict`)."""
        article = dict(record["article"], text=record["text"], source_path=source_path)
        notice = (article.get("syndication") or {}).get("notice")
        if notice:
            notice["text"] = record["text"][notice["start"]:notice["end"]]
        fields = {key: record[key] for key in ("actors", "places", "times", "quotes", "events")}
        return _build(cls, {"article": article, **fields})


def _build(cls: type, values: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _convert(hints[f.name], values[f.name])
                  for f in dataclasses.fields(cls) if f.name in values})


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _convert(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        return tuple(_convert(args[0], item) for item in value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    return value


__all__ = [
    "JSON_VERSION", "STANCES", "PLOVER_TYPES", "STATEMENT", "EVENT_TYPES", "MODALITIES",
    "PLACE_PRECISIONS", "TIME_PRECISIONS",
    "QUOTE_KINDS", "LOCATION_ROLES", "SOURCE_LEVELS", "Stance", "Modality", "PlacePrecision",
    "TimePrecision", "EventTimePrecision", "QuoteKind", "LocationRole", "SourceLevel", "Span", "Syndication", "Article",
    "Actor", "ActorRef", "Place", "TimeExpr", "EventTime", "Magnitude", "Source", "Quote",
    "Event", "Story", "Document",
]
