"""The event test table (tests/data/events/sentences.yaml): every PLOVER type and every status.

Depends on: the nlp stage (spaCy model; skipped without it).  Actors are filled by hand from
the table, so the actors stage is not needed; places and dates are stubbed so that only the
events and claims logic is under test.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsevents.eventcoding import coding
from newsevents.model import Actor, Article, DateRef, Event, Span
from newsevents.stages import events as events_stage

TABLE = Path(__file__).resolve().parents[1] / "data" / "events" / "sentences.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text("utf-8"))["sentences"]
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
STATUSES = {"asserted", "reported", "claimed", "negated", "hypothetical", "future"}


def build_article(row: dict[str, Any]) -> Article:
    from newsevents.stages.nlp import analyse

    text = row["text"]
    article = analyse(Article(article_id=row["id"], text=text))
    actors = []
    for phrase, (country, role) in (row.get("actors") or {}).items():
        start = text.find(phrase)
        assert start >= 0, f"{row['id']}: actor text {phrase!r} is not in the sentence"
        span = Span(start, start + len(phrase))
        actors.append(Actor(span, phrase, phrase, f"{row['id']}:{phrase}", country, role))
    return dataclasses.replace(article, actors=tuple(actors))


def _side(actor: Actor | None) -> list[str | None] | None:
    return None if actor is None else [actor.country, actor.role]


def _record(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "status": event.status,
        "source": _side(event.source),
        "target": _side(event.target),
        "attributed_to": event.attributed_to.name if event.attributed_to else None,
    }


@pytest.fixture()
def stub_places_and_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    # Place and date choice live in other stages; the coder calls them through these hooks.
    monkeypatch.setattr(coding, "_event_place", lambda article, sentence, trigger: None)
    monkeypatch.setattr(
        coding,
        "_event_date",
        lambda article, sentence, trigger: DateRef(None, "unknown", None),
    )


def test_table_covers_every_type_and_status() -> None:
    assert len(ROWS) >= 80
    assert {row["expect"]["type"] for row in ROWS} == PLOVER_TYPES
    assert {row["expect"]["status"] for row in ROWS} == STATUSES
    assert len({row["id"] for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            row,
            id=row["id"],
            marks=[pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else [],
        )
        for row in ROWS
    ],
)
def test_sentence_gives_expected_event(
    row: dict[str, Any], nlp_available: bool, stub_places_and_dates: None
) -> None:
    article = events_stage.extract_events(build_article(row))
    records = [_record(e) for e in article.events]
    assert row["expect"] in records, f"{row['text']}\n got: {records}"
    for event in article.events:
        # Evidence: every span lies inside the text and the trigger is inside its sentence.
        assert event.sentence_span.contains(event.trigger.span)
        assert event.extractor.startswith("rule:events-v1:")
        assert 0.0 < event.confidence <= 1.0
