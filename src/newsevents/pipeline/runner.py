"""Run an ordered list of stages over articles, capturing each article's failures."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

from newsevents.errors import NewsEventsError
from newsevents.model import Article, CodedBy
from newsevents.pipeline.stage import Stage, check_order, make_stage

log = logging.getLogger(__name__)


def _language_ok(stage: Stage, article: Article) -> bool:
    languages: tuple[str, ...] | None = getattr(stage, "languages", None)
    if not languages:
        return True
    language = article.provenance.language
    # Unknown language is tried as English rather than dropped; detection marks it when it can.
    return language is None or language in languages


class Pipeline:
    """An ordered, checked sequence of stages.

    ``Pipeline.from_names(["newsevents.normalize.v1", ...])`` builds the stages from the
    registry; the order is checked before any article runs.
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        check_order(stages)
        self.stages = list(stages)

    @classmethod
    def from_names(cls, names: Sequence[str]) -> Pipeline:
        return cls([make_stage(name) for name in names])

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def _apply(self, stage: Stage, article: Article) -> Article:
        if not _language_ok(stage, article):
            return article
        try:
            return stage(article)
        except NewsEventsError as error:
            error.with_article(article.article_id)
            return article.with_problem(stage.name, str(error), error.code)
        except Exception as error:  # one bad article must never stop a batch
            log.debug("stage %s failed on %s", stage.name, article.article_id, exc_info=True)
            message = f"{type(error).__name__}: {error}"
            return article.with_problem(stage.name, message, "NE300")

    def coded_by(self) -> CodedBy:
        """Version, stage names and the models/data behind them (loaded by now)."""
        from newsevents import __version__

        resources: list[str] = []
        for stage in self.stages:
            describe = getattr(stage, "resources", None)
            if describe is not None:
                resources.extend(describe())
        return CodedBy(__version__, tuple(self.names), tuple(resources))

    def _stamp(self, articles: Sequence[Article]) -> list[Article]:
        stamp = self.coded_by()
        return [dataclasses.replace(article, coded_by=stamp) for article in articles]

    def run(self, article: Article) -> Article:
        for stage in self.stages:
            article = self._apply(stage, article)
        return self._stamp([article])[0]

    def run_batch(self, articles: Sequence[Article]) -> list[Article]:
        """Like ``run`` for each article, but lets batching stages see the whole batch."""
        current = list(articles)
        for stage in self.stages:
            batch = getattr(stage, "process_batch", None)
            eligible = [i for i, a in enumerate(current) if _language_ok(stage, a)]
            if batch is not None and len(eligible) > 1:
                try:
                    results = batch([current[i] for i in eligible])
                except Exception:  # noqa: BLE001 - retry one by one to isolate the bad article
                    results = [self._apply(stage, current[i]) for i in eligible]
                for index, result in zip(eligible, results, strict=True):
                    current[index] = result
            else:
                for index in eligible:
                    current[index] = self._apply(stage, current[index])
        return self._stamp(current)


def strip_language_layer(article: Article) -> Article:
    """Drop tokens and entities once the stages are done: they are large and not records."""
    return dataclasses.replace(article, tokens=(), entities=())
