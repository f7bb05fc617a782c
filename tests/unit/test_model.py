from __future__ import annotations

import pytest

from newsevents.model import (
    Actor,
    Article,
    DateRef,
    Event,
    Span,
    Trigger,
    article_from_dict,
    article_to_dict,
    event_from_dict,
    event_to_dict,
)


def test_span_rejects_reversed_offsets() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)


def test_article_record_round_trip() -> None:
    article = Article(
        article_id="a1",
        text="Iraqi forces took Rawa.",
        actors=(Actor(Span(0, 12), "Iraqi forces", "Iraqi forces", None, "IRQ", "MIL", "IRQMIL"),),
    )
    record = article_to_dict(article)
    assert record["actors"][0]["span"] == [0, 12]
    assert article_from_dict(record) == article


def test_event_record_round_trip_keeps_contract_fields() -> None:
    event = Event(
        event_id="e1",
        article_id="a1",
        type="ASSAULT",
        status="asserted",
        trigger=Trigger("took", Span(13, 17)),
        sentence_span=Span(0, 23),
        extractor="rule:test-1",
        confidence=0.5,
        date=DateRef("2017-11-17", "day", "relative", Span(0, 3)),
    )
    record = event_to_dict(event)
    for name in ("event_id", "article_id", "type", "mode", "cameo", "quad_class", "acled", "status",
                 "attributed_to", "source", "target", "place", "date", "trigger", "sentence_span",
                 "confidence", "extractor"):
        assert name in record
    assert event_from_dict(record) == event


def test_invalid_spans_are_reported() -> None:
    article = Article(article_id="a", text="short", sentences=(Span(0, 50),))
    assert article.invalid_spans() == [Span(0, 50)]
