from __future__ import annotations

from pathlib import Path

from newsevents.model import Actor, Article, Event, Problem, Provenance, Span, Trigger
from newsevents.store import ProblemRow, Store


def _article(article_id: str = "a1", events: int = 1) -> Article:
    text = "Iraqi forces took Rawa on Friday."
    return Article(
        article_id=article_id,
        text=text,
        provenance=Provenance(outlet="Test Wire", published="2017-11-21", language="en"),
        actors=(Actor(Span(0, 12), "Iraqi forces", "Iraqi forces", None, "IRQ", "MIL", "IRQMIL"),),
        problems=(Problem("newsevents.places.v1", "gazetteer slow"),),
        events=tuple(
            Event(
                event_id=f"{article_id}:e{i}",
                article_id=article_id,
                type="ASSAULT",
                status="asserted",
                trigger=Trigger("took", Span(13, 17)),
                sentence_span=Span(0, len(text)),
                extractor="rule:test",
                confidence=0.9,
            )
            for i in range(events)
        ),
    )


def _write(store: Store, article: Article) -> None:
    store.write_articles([article], content_hashes=["h"], pipeline_version="v1", minhashes=[None])


def test_round_trip_keeps_article_and_events() -> None:
    store = Store.open(":memory:")
    article = _article()
    _write(store, article)
    loaded = store.load_article("a1")
    assert loaded is not None
    assert loaded.text == article.text
    assert loaded.actors == article.actors
    assert loaded.events == article.events
    assert store.load_event("a1:e0") is not None


def test_rewriting_an_article_replaces_rather_than_duplicates() -> None:
    store = Store.open(":memory:")
    _write(store, _article(events=3))
    _write(store, _article(events=2))
    _write(store, _article(events=2))
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["events"] == 2
    assert counts["mentions"] == 1
    assert counts["problems"] == 1


def test_input_problem_recorded_once_per_input_and_cleared_on_reread() -> None:
    store = Store.open(":memory:")
    problem = ProblemRow("in/bad.jsonl", "line 3", None, "ingest", "NE205", "broken JSON")
    store.record_problem(problem)
    store.record_problem(problem)
    assert len(store.problems()) == 1
    store.clear_problems_for("in")
    assert store.problems() == []


def test_store_file_persists_between_opens(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "store.duckdb"
    with Store.open(path) as store:
        _write(store, _article("x"))
    with Store.open(path, read_only=True) as store:
        assert store.stored("x") is not None
        assert store.stored("missing") is None
