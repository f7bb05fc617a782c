"""Invariants of the store and of re-ingesting: round trips and idempotence."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.batch import code_inputs
from newsevents.model import Actor, Article, Mention, Place, Provenance, Span, Timex
from newsevents.pipeline import Pipeline
from newsevents.pipeline.default import default_pipeline
from newsevents.store import Store

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(texts)

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        return Span(start, draw(st.integers(start, len(text))))

    def piece(s: Span) -> str:
        return text[s.start : s.end]

    actor_spans = [span() for _ in range(draw(st.integers(0, 3)))]
    place_spans = [span() for _ in range(draw(st.integers(0, 3)))]
    timex_spans = [span() for _ in range(draw(st.integers(0, 2)))]
    return Article(
        article_id=draw(st.text(min_size=1, max_size=20)),
        text=text,
        title=draw(st.none() | st.text(max_size=30)),
        provenance=Provenance(
            outlet=draw(st.none() | st.text(max_size=20)),
            published=draw(st.none() | st.dates().map(str)),
            language=draw(st.sampled_from([None, "en", "fr"])),
        ),
        actors=tuple(
            Actor(s, piece(s), piece(s) or "x", None, draw(st.sampled_from([None, "IRQ"])),
                  draw(st.sampled_from([None, "MIL"])), None, "test")
            for s in actor_spans
        ),
        places=tuple(
            Place(s, piece(s), "p", draw(st.none() | st.integers(1, 10**7)),
                  draw(st.none() | st.floats(-90, 90)), draw(st.none() | st.floats(-180, 180)))
            for s in place_spans
        ),
        timexes=tuple(Timex(s, piece(s), "2017-11-17", "DATE") for s in timex_spans),
        loaded_language=tuple(Mention(s, piece(s), "demonizing") for s in actor_spans[:1]),
    )


@settings(max_examples=60, deadline=None)
@given(articles())
def test_store_round_trip(article: Article) -> None:
    store = Store.open(":memory:")
    store.write_articles([article], content_hashes=["h"], pipeline_version="v", minhashes=[None])
    assert store.load_article(article.article_id) == article
    store.write_articles([article], content_hashes=["h"], pipeline_version="v", minhashes=[None])
    assert store.counts()["articles"] == 1


sentences = st.lists(
    st.sampled_from([
        "Police detained 14 protesters in Nairobi on Tuesday.",
        "The army said it shelled rebel positions near Aleppo.",
        "Officials in Baghdad denied the report.",
        "Talks between the two governments resumed in Geneva last week.",
        "Residents fled as fighting spread to the outskirts of Goma.",
    ]),
    min_size=1, max_size=4,
).map(" ".join)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentences, min_size=1, max_size=5))
def test_reingesting_adds_nothing_and_spans_stay_inside_text(bodies: list[str]) -> None:
    pipeline = default_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text(
            "".join(json.dumps({"text": body, "published": "2021-06-01"}) + "\n"
                    for body in bodies),
            encoding="utf-8",
        )
        with Store.open(Path(tmp) / "s.duckdb") as store:
            first = code_inputs([source], store=store, pipeline=pipeline)
            counts = store.counts()
            second = code_inputs([source], store=store, pipeline=pipeline)
            assert store.counts() == counts
            assert second.articles_coded == 0
            assert second.article_ids == first.article_ids
            for record in store.article_records():
                text = record["text"]
                for kind in ("actors", "places", "timexes", "loaded_language"):
                    for mention in record[kind]:
                        start, end = mention["span"]
                        assert 0 <= start <= end <= len(text)
                        assert text[start:end] == mention["text"]


def test_pipeline_type_is_reused() -> None:
    assert isinstance(default_pipeline(), Pipeline)
