"""Library entry points: code one text, or many, without the store or the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from newsevents.ingest import article_id_for, normalize_text
from newsevents.model import Article, Provenance
from newsevents.pipeline import Pipeline, strip_language_layer
from newsevents.pipeline.default import default_pipeline


def make_article(
    text: str,
    *,
    article_id: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    title: str | None = None,
) -> Article:
    """An Article with normalized text, ready for a pipeline."""
    normalized = normalize_text(text)
    return Article(
        article_id=article_id_for(normalized, article_id),
        text=normalized,
        title=title,
        provenance=Provenance(
            outlet=outlet, url=url, published=published, language=language
        ),
    )


def process(text: str, *, pipeline: Pipeline | None = None, **metadata: str | None) -> Article:
    """Code one text with the default pipeline; ``metadata`` as for :func:`make_article`."""
    return process_many([make_article(text, **metadata)], pipeline=pipeline)[0]


def process_many(articles: Iterable[Article], *, pipeline: Pipeline | None = None) -> list[Article]:
    """Code articles in one batch; each comes back with its events and problems."""
    runner = pipeline or default_pipeline()
    return [strip_language_layer(a) for a in runner.run_batch(list(articles))]
