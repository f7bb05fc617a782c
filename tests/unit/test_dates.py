"""Dates stage: seed evidence, event_date rules, value helpers and the lexicon schema."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.errors import KnowledgeError
from newsevents.knowledge import temporal as temporal_knowledge
from newsevents.model import Article, DateRef, Provenance, Span
from newsevents.temporal import annotate_text, is_well_formed, precision_of, value_interval
from newsevents.temporal.annotate import parse_published


def _run(article: Article) -> Article:
    import newsevents.stages.dates
    import newsevents.stages.nlp  # noqa: F401 - registers the stage
    from newsevents.pipeline.runner import Pipeline

    return Pipeline.from_names(["newsevents.nlp.v1", "newsevents.dates.v1"]).run(article)


def _date_of(article: Article, trigger_text: str) -> DateRef:
    from newsevents.stages.dates import event_date

    start = article.text.index(trigger_text)
    trigger = Span(start, start + len(trigger_text.split()[0]))
    sentence = article.sentence_of(trigger)
    assert sentence is not None
    return event_date(article, sentence, trigger)


# --- seed evidence ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_dated(seed_article: Article, nlp_available: bool) -> Article:
    return _run(seed_article)


@pytest.mark.parametrize(
    ("context", "text", "value"),
    [
        ("on Tuesday", "Tuesday", "2017-11-21"),
        ("On Friday", "Friday", "2017-11-17"),
        ("Two days later", "Two days later", "2017-11-19"),
        ("in 2014", "2014", "2014"),
    ],
)
def test_seed_timexes(seed_dated: Article, context: str, text: str, value: str) -> None:
    start = seed_dated.text.index(context)
    found = [t for t in seed_dated.timexes if t.span.overlaps(Span(start, start + len(context)))]
    assert [(t.text, t.value, t.type) for t in found] == [(text, value, "DATE")]


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        ("liberated Rawa", DateRef("2017-11-17", "day", "relative")),
        ("fully liberated Bukamal", DateRef("2017-11-19", "day", "relative")),
        ("hailed the", DateRef("2017-11-21", "day", "relative")),
        ("make lightning gains", DateRef("2014", "year", "explicit")),
        ("has congratulated", DateRef("2017-11-21", "day", "publication")),
        ("traveled to Syria", DateRef(None, "unknown", None)),
    ],
)
def test_seed_event_dates(seed_dated: Article, trigger: str, expected: DateRef) -> None:
    got = _date_of(seed_dated, trigger.replace("has ", "")) if trigger.startswith("has ") else _date_of(seed_dated, trigger)
    assert (got.value, got.precision, got.basis) == (expected.value, expected.precision, expected.basis)
    if got.basis in {"relative", "explicit"}:
        assert got.span is not None and got.span.within(seed_dated.text)


def test_event_date_spans_point_at_their_timex(seed_dated: Article) -> None:
    got = _date_of(seed_dated, "liberated Rawa")
    assert got.span is not None and seed_dated.span_text(got.span) == "Friday"


# --- event_date rules on small articles ----------------------------------------------------


def _article(text: str, published: str | None) -> Article:
    return Article(article_id="t", text=text, provenance=Provenance(published=published, language="en"))


def test_reporting_verb_takes_publication_day(nlp_available: bool) -> None:
    article = _run(_article("The ministry said the border crossing was closed.", "2017-11-21"))
    assert _date_of(article, "said the") == DateRef("2017-11-21", "day", "publication")


def test_past_event_without_time_is_unknown(nlp_available: bool) -> None:
    article = _run(_article("Rebels attacked the convoy near the border.", "2017-11-21"))
    assert _date_of(article, "attacked") == DateRef(None, "unknown", None)


def test_no_publication_date_leaves_relative_unresolved(nlp_available: bool) -> None:
    article = _run(_article("Troops captured the town on Friday.", None))
    got = _date_of(article, "captured")
    assert (got.value, got.precision, got.basis) == (None, "unknown", None)


def test_future_event_keeps_future_date(nlp_available: bool) -> None:
    article = _run(_article("The two leaders will meet on Thursday.", "2017-11-21"))
    got = _date_of(article, "meet")
    assert (got.value, got.basis) == ("2017-11-23", "relative")


# --- pure helpers ---------------------------------------------------------------------------


def test_words_only_path_resolves_without_parse() -> None:
    values = {t.text: t.value for t in annotate_text("Troops captured the town on Friday.", "2017-11-21")}
    assert values == {"Friday": "2017-11-17"}


def test_modal_may_is_not_a_month() -> None:
    assert [t.text for t in annotate_text("They may leave in May.", "2017-11-21")] == ["May"]


def test_lines_are_not_joined() -> None:
    texts = [t.text for t in annotate_text("Markets closed until Friday\nSeptember 18, 2008", "2008-09-18")]
    assert texts == ["Friday", "September 18, 2008"]


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2017-11-17", "day"), ("2017-11", "month"), ("2017-W46", "month"), ("2014", "year"),
     ("2017-Q3", "year"), ("P2D", "unknown"), ("PRESENT_REF", "unknown"), (None, "unknown")],
)
def test_precision_of(value: str | None, precision: str) -> None:
    assert precision_of(value) == precision


def test_value_interval_and_shapes() -> None:
    assert value_interval("2017-W46") == (date(2017, 11, 13), date(2017, 11, 19))
    assert value_interval("2016-WI") == (date(2016, 12, 1), date(2017, 2, 28))
    assert value_interval("P2D") is None
    assert is_well_formed("2017-11-21T16:15Z") and is_well_formed("199") and is_well_formed("PXY")
    assert not is_well_formed("2017-13") and not is_well_formed("yesterday")


def test_parse_published_forms() -> None:
    assert parse_published("2017-11-21T08:00:00Z") == date(2017, 11, 21)
    assert parse_published("2017-11-21") == date(2017, 11, 21)
    assert parse_published("not a date") is None and parse_published(None) is None


# --- lexicon schema ---------------------------------------------------------------------------


def test_lexicon_loads_with_sources() -> None:
    lexicon = temporal_knowledge.load_temporal_lexicon()
    assert lexicon.months["sept"] == 9 and lexicon.weekdays["friday"] == 5
    assert "say" in lexicon.reporting_verbs


def test_lexicon_schema_rejects_bad_months(monkeypatch: pytest.MonkeyPatch) -> None:
    real_read = temporal_knowledge._read

    def broken(name: str) -> dict[str, object]:
        data = real_read(name)
        if name == "calendar.yaml":
            data = {**data, "months": {1: ["january"]}}
        return data

    monkeypatch.setattr(temporal_knowledge, "_read", broken)
    temporal_knowledge.load_temporal_lexicon.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match="months"):
            temporal_knowledge.load_temporal_lexicon()
    finally:
        temporal_knowledge.load_temporal_lexicon.cache_clear()
