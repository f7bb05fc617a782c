"""Conversion between the document model and the JSON records of ``records.md``."""

from __future__ import annotations

from typing import Any

from newsevents.model.core import (
    AcledType,
    Actor,
    Article,
    Attribution,
    CodedBy,
    DateRef,
    Event,
    Mention,
    Place,
    Problem,
    Provenance,
    Span,
    Timex,
    Trigger,
)

Record = dict[str, Any]


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else span.to_list()


def _opt_span(value: Any) -> Span | None:
    return None if value is None else Span.from_value(value)


def actor_to_dict(actor: Actor, *, with_text: bool = True) -> Record:
    record: Record = {"span": _span(actor.span)}
    if with_text:
        record["text"] = actor.text
    record.update(
        name=actor.name,
        actor_id=actor.actor_id,
        country=actor.country,
        role=actor.role,
        code=actor.code,
        extractor=actor.extractor,
    )
    return record


def actor_from_dict(record: Record) -> Actor:
    return Actor(
        span=_opt_span(record.get("span")),
        # Event actors carry no "text"; their name stands in for it.
        text=record["text"] if "text" in record else record.get("name") or "",
        name=record.get("name") or "",
        actor_id=record.get("actor_id"),
        country=record.get("country"),
        role=record.get("role"),
        code=record.get("code"),
        extractor=record.get("extractor"),
    )


def place_to_dict(place: Place, *, with_text: bool = True) -> Record:
    record: Record = {"span": _span(place.span)}
    if with_text:
        record["text"] = place.text
    record.update(
        name=place.name,
        geonames_id=place.geonames_id,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        precision=place.precision,
    )
    if with_text:
        record["score"] = place.score
    record["extractor"] = place.extractor
    return record


def place_from_dict(record: Record) -> Place:
    return Place(
        span=_opt_span(record.get("span")),
        text=record["text"] if "text" in record else record.get("name") or "",
        name=record.get("name") or "",
        geonames_id=record.get("geonames_id"),
        lat=record.get("lat"),
        lon=record.get("lon"),
        country=record.get("country"),
        admin1=record.get("admin1"),
        precision=record.get("precision"),
        score=record.get("score"),
        extractor=record.get("extractor"),
    )


def timex_to_dict(timex: Timex) -> Record:
    return {
        "span": timex.span.to_list(),
        "text": timex.text,
        "value": timex.value,
        "type": timex.type,
        "extractor": timex.extractor,
    }


def timex_from_dict(record: Record) -> Timex:
    return Timex(
        span=Span.from_value(record["span"]),
        text=record.get("text", ""),
        value=record.get("value"),
        type=record.get("type", "DATE"),
        extractor=record.get("extractor"),
    )


def date_to_dict(date: DateRef) -> Record:
    return {
        "value": date.value,
        "precision": date.precision,
        "basis": date.basis,
        "span": _span(date.span),
    }


def date_from_dict(record: Record) -> DateRef:
    return DateRef(
        value=record.get("value"),
        precision=record.get("precision", "unknown"),
        basis=record.get("basis"),
        span=_opt_span(record.get("span")),
    )


def event_to_dict(event: Event) -> Record:
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "acled": None
        if event.acled is None
        else {"event_type": event.acled.event_type, "sub_event_type": event.acled.sub_event_type},
        "status": event.status,
        "attributed_to": None
        if event.attributed_to is None
        else {"name": event.attributed_to.name, "span": _span(event.attributed_to.span)},
        "source": None if event.source is None else actor_to_dict(event.source, with_text=False),
        "target": None if event.target is None else actor_to_dict(event.target, with_text=False),
        "place": None if event.place is None else place_to_dict(event.place, with_text=False),
        "date": None if event.date is None else date_to_dict(event.date),
        "trigger": {"text": event.trigger.text, "span": event.trigger.span.to_list()},
        "sentence_span": event.sentence_span.to_list(),
        "confidence": event.confidence,
        "extractor": event.extractor,
    }


def event_from_dict(record: Record) -> Event:
    acled = record.get("acled")
    attributed = record.get("attributed_to")
    return Event(
        event_id=record["event_id"],
        article_id=record["article_id"],
        type=record["type"],
        status=record["status"],
        trigger=Trigger(record["trigger"]["text"], Span.from_value(record["trigger"]["span"])),
        sentence_span=Span.from_value(record["sentence_span"]),
        extractor=record.get("extractor", ""),
        confidence=float(record.get("confidence", 0.0)),
        mode=record.get("mode"),
        cameo=record.get("cameo"),
        quad_class=record.get("quad_class"),
        acled=None if acled is None else AcledType(acled["event_type"], acled.get("sub_event_type")),
        attributed_to=None
        if attributed is None
        else Attribution(attributed["name"], _opt_span(attributed.get("span"))),
        source=None if record.get("source") is None else actor_from_dict(record["source"]),
        target=None if record.get("target") is None else actor_from_dict(record["target"]),
        place=None if record.get("place") is None else place_from_dict(record["place"]),
        date=None if record.get("date") is None else date_from_dict(record["date"]),
    )


def article_to_dict(article: Article) -> Record:
    """The ``articles.jsonl`` record: metadata flattened, language layer left out."""
    prov = article.provenance
    return {
        "article_id": article.article_id,
        "text": article.text,
        "title": article.title,
        "url": prov.url,
        "outlet": prov.outlet,
        "published": prov.published,
        "language": prov.language,
        "syndicated_from": prov.syndicated_from,
        "licence": prov.licence,
        "duplicate_of": article.duplicate_of,
        "source_path": prov.source_path,
        "source_record": prov.source_record,
        "loaded_language": [
            {"span": m.span.to_list(), "text": m.text, "category": m.label, "extractor": m.extractor}
            for m in article.loaded_language
        ],
        "problems": [
            {"stage": p.stage, "message": p.message, "code": p.code} for p in article.problems
        ],
        "actors": [actor_to_dict(a) for a in article.actors],
        "places": [place_to_dict(p) for p in article.places],
        "timexes": [timex_to_dict(t) for t in article.timexes],
        "coded_by": None
        if article.coded_by is None
        else {
            "newsevents": article.coded_by.newsevents,
            "stages": list(article.coded_by.stages),
            "resources": list(article.coded_by.resources),
        },
    }


def article_from_dict(record: Record, events: list[Record] | None = None) -> Article:
    return Article(
        article_id=record["article_id"],
        text=record["text"],
        title=record.get("title"),
        provenance=Provenance(
            outlet=record.get("outlet"),
            url=record.get("url"),
            published=record.get("published"),
            language=record.get("language"),
            syndicated_from=record.get("syndicated_from"),
            licence=record.get("licence"),
            source_path=record.get("source_path"),
            source_record=record.get("source_record"),
        ),
        duplicate_of=record.get("duplicate_of"),
        loaded_language=tuple(
            Mention(Span.from_value(m["span"]), m["text"], m["category"], m.get("extractor"))
            for m in record.get("loaded_language", [])
        ),
        problems=tuple(
            Problem(p["stage"], p["message"], p.get("code")) for p in record.get("problems", [])
        ),
        actors=tuple(actor_from_dict(a) for a in record.get("actors", [])),
        places=tuple(place_from_dict(p) for p in record.get("places", [])),
        timexes=tuple(timex_from_dict(t) for t in record.get("timexes", [])),
        events=tuple(event_from_dict(e) for e in (events or [])),
        coded_by=None
        if not record.get("coded_by")
        else CodedBy(
            record["coded_by"]["newsevents"],
            tuple(record["coded_by"].get("stages", [])),
            tuple(record["coded_by"].get("resources", [])),
        ),
    )
