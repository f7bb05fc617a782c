"""The typed document model every stage reads and writes; no I/O here.

Shapes follow ``shared/spec/records.md``: ``to_dict`` gives exactly the record fields
(spans as ``[start, end]`` lists), ``from_dict`` reads them back.  Stages never mutate an
Article in place: they return a copy made with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open ``[start, end)`` character offsets into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def within(self, text: str) -> bool:
        return self.end <= len(text)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_value(cls, value: Any) -> Span:
        if isinstance(value, Span):
            return value
        if isinstance(value, dict):
            return cls(int(value["start"]), int(value["end"]))
        start, end = value
        return cls(int(start), int(end))


def _span_or_none(value: Any) -> Span | None:
    return None if value is None else Span.from_value(value)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that degraded one article: which stage, what happened."""

    stage: str
    message: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A labelled span: a named entity, a loaded-language flag, a speech cue."""

    span: Span
    text: str
    label: str
    extractor: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the language layer, spaCy-free so stages do not depend on spaCy objects."""

    i: int
    span: Span
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    ent_type: str = ""
    ent_iob: str = "O"
    morph: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention (in ``articles.actors``) or an event's source/target."""

    span: Span | None
    text: str
    name: str
    actor_id: str | None = None
    country: str | None = None
    role: str | None = None
    code: str | None = None
    extractor: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved (or, with null coordinates, unresolved) place mention."""

    span: Span | None
    text: str
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: str | None = None
    score: float | None = None
    extractor: str | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression with its TIMEX3-style normalized value."""

    span: Span
    text: str
    value: str | None
    type: str
    extractor: str | None = None


@dataclass(frozen=True, slots=True)
class DateRef:
    """When an event happened, how precisely, and on what basis."""

    value: str | None
    precision: str  # day | month | year | unknown
    basis: str | None  # explicit | relative | publication | None when unknown
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Attribution:
    name: str
    span: Span | None


@dataclass(frozen=True, slots=True)
class AcledType:
    event_type: str
    sub_event_type: str | None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    article_id: str
    type: str
    status: str
    trigger: Trigger
    sentence_span: Span
    extractor: str
    confidence: float
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    acled: AcledType | None = None
    attributed_to: Attribution | None = None
    source: Actor | None = None
    target: Actor | None = None
    place: Place | None = None
    date: DateRef | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an article came from and under what terms."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime as given
    language: str | None = None
    syndicated_from: str | None = None
    licence: str | None = None
    source_path: str | None = None  # input file it was read from
    source_record: str | None = None  # line number, feed item or WARC record id inside it


@dataclass(frozen=True, slots=True)
class CodedBy:
    """Which software coded an article: version, stages, and the models and data they used."""

    newsevents: str
    stages: tuple[str, ...]
    resources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its canonical text and everything the stages found in it.

    ``sentences``, ``tokens`` and ``entities`` are the language layer; they live in memory
    for later stages and are not written to ``articles.jsonl``.
    """

    article_id: str
    text: str
    title: str | None = None
    provenance: Provenance = field(default_factory=Provenance)
    duplicate_of: str | None = None
    loaded_language: tuple[Mention, ...] = ()
    problems: tuple[Problem, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    coded_by: CodedBy | None = None
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Mention, ...] = ()

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def with_problem(self, stage: str, message: str, code: str | None = None) -> Article:
        return dataclasses.replace(self, problems=(*self.problems, Problem(stage, message, code)))

    def sentence_of(self, span: Span) -> Span | None:
        """The sentence containing the start of ``span``."""
        for sentence in self.sentences:
            if sentence.start <= span.start < sentence.end:
                return sentence
        return None

    def all_spans(self) -> list[Span]:
        """Every span the article carries, for validity checks."""
        spans: list[Span] = list(self.sentences)
        spans += [m.span for m in self.loaded_language]
        spans += [m.span for m in self.entities]
        spans += [t.span for t in self.tokens]
        spans += [a.span for a in self.actors if a.span is not None]
        spans += [p.span for p in self.places if p.span is not None]
        spans += [t.span for t in self.timexes]
        for event in self.events:
            spans += [event.trigger.span, event.sentence_span]
            for part in (event.source, event.target, event.place, event.date, event.attributed_to):
                part_span = getattr(part, "span", None) if part is not None else None
                if part_span is not None:
                    spans.append(part_span)
        return spans

    def invalid_spans(self) -> list[Span]:
        return [span for span in self.all_spans() if not span.within(self.text)]
