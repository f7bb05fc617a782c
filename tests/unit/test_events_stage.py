"""Events stage wiring, ids, evidence and explain.  Depends on the nlp stage; the seed test
also uses the actors, places and dates stages (skipped when one is not installed)."""

from __future__ import annotations

import importlib

import pytest

from newsevents.explain import evidence_spans, explain_event
from newsevents.model import Article
from newsevents.pipeline.stage import make_stage
from newsevents.stages.events import STAGE_NAME, event_id_for, extract_events


def test_stage_is_registered_and_declared() -> None:
    stage = make_stage(STAGE_NAME)
    assert stage.requires == ("tokens", "actors", "places", "timexes")
    assert stage.provides == ("events",)


def test_article_without_tokens_passes_through() -> None:
    article = Article(article_id="a", text="Nothing parsed.")
    assert extract_events(article) is article


def test_event_ids_are_deterministic(nlp_available: bool) -> None:
    from newsevents.stages.nlp import analyse

    article = analyse(Article(article_id="a1", text="Russia vetoed the resolution on Syria."))
    first = extract_events(article).events
    second = extract_events(article).events
    assert first and [e.event_id for e in first] == [e.event_id for e in second]
    event = first[0]
    assert event.event_id == event_id_for(
        "a1", event.type, event.trigger.span, event.source, event.target
    )


def test_explain_highlights_each_field(nlp_available: bool) -> None:
    from rich.console import Console

    from newsevents.stages.nlp import analyse

    article = extract_events(
        analyse(Article(article_id="a2", text="Egyptian police arrested twelve protesters."))
    )
    event = article.events[0]
    spans = evidence_spans(event)
    assert article.span_text(spans["trigger"]) == "arrested"
    console = Console(record=True, width=120)
    console.print(explain_event(article, event))
    output = console.export_text()
    assert "arrested" in output and event.event_id in output and "COERCE" in output


def test_seed_article_required_events(seed_article: Article, nlp_available: bool) -> None:
    """Seed: the liberation of Rawa is an asserted IRQ-military assault on Daesh; nothing is
    asserted with the United States as source."""
    article = seed_article
    from newsevents.stages.nlp import analyse

    article = analyse(article)
    for module_name, factory in (
        ("newsevents.stages.actors", "make_actors_stage"),
        ("newsevents.stages.places", "make_places_stage"),
        ("newsevents.stages.dates", "make_dates_stage"),
    ):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            pytest.skip(f"{module_name} is not installed")
        article = getattr(module, factory)()(article)
    events = extract_events(article).events
    rawa = [
        e
        for e in events
        if e.trigger.text == "liberated"
        and e.status == "asserted"
        and e.source is not None
        and e.source.country == "IRQ"
    ]
    assert rawa and rawa[0].type == "ASSAULT"
    assert rawa[0].acled is not None
    assert rawa[0].acled.sub_event_type == "Government regains territory"
    assert not [
        e
        for e in events
        if e.status == "asserted" and e.source is not None and e.source.country == "USA"
    ]
    congratulate = [e for e in events if e.trigger.text == "congratulated"]
    assert congratulate and congratulate[0].status == "reported"
    assert congratulate[0].type == "SUPPORT"


def test_explain_command_reports_a_missing_store(tmp_path: object) -> None:
    import typer
    from typer.testing import CliRunner

    from newsevents.cli.explain_cmd import register

    app = typer.Typer()
    register(app)

    @app.command()
    def noop() -> None:
        """Second command so typer keeps `explain` as a subcommand."""

    result = CliRunner().invoke(app, ["explain", "x:ev:1", "--store", f"{tmp_path}/none.duckdb"])
    assert result.exit_code == 1
    assert "NE500" in result.output and "newsevents code" in result.output
