"""The main job: read inputs, code articles in batches, keep everything in the store.

Resume works because every article is stored whole in one transaction keyed by its id: a
re-run skips articles already coded with the same text and pipeline version, re-codes the
rest, and writes the JSONL files from the store, so an interrupted batch loses nothing and
duplicates nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsevents import __version__
from newsevents.errors import ConfigError, NewsEventsError
from newsevents.fuse import fuse_events
from newsevents.ingest import DEFAULT_MAX_ARTICLE_BYTES, IngestFailure, read_inputs
from newsevents.model import Article
from newsevents.pipeline import Pipeline, strip_language_layer
from newsevents.pipeline.default import default_pipeline
from newsevents.stages.dedup import DuplicateIndex, minhash_from_bytes
from newsevents.store import ProblemRow, Store

DEFAULT_BATCH_SIZE = 16


@dataclass
class RunSummary:
    """What one ``code`` run did; ``exit_code`` follows the CLI contract (0, 1, 2)."""

    articles_read: int = 0
    articles_coded: int = 0
    articles_resumed: int = 0
    duplicates: int = 0
    events: int = 0
    failures: list[ProblemRow] = field(default_factory=list)
    degraded: int = 0
    article_ids: list[str] = field(default_factory=list)
    out_dir: Path | None = None

    @property
    def exit_code(self) -> int:
        if not self.article_ids:
            return 2
        return 1 if self.failures else 0


def pipeline_version(pipeline: Pipeline) -> str:
    """Changes whenever the package version or the stage list changes, forcing a re-code."""
    key = "|".join([__version__, *pipeline.names])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _load_duplicate_index(store: Store) -> DuplicateIndex:
    index = DuplicateIndex()
    for article_id, text_hash, blob in store.minhashes():
        index.add(article_id, minhash_from_bytes(blob), text_hash)
    return index


def _check_spans(article: Article) -> Article:
    """A stage that produced an out-of-range span is a bug; flag it instead of storing junk."""
    bad = article.invalid_spans()
    if not bad:
        return article
    return article.with_problem(
        "newsevents.batch", f"{len(bad)} spans fall outside the text; first: {bad[0]}", "NE300"
    )


def _check_published(published: str) -> None:
    """A wrong --published would silently misdate every event, so refuse it up front."""
    try:
        datetime.date.fromisoformat(published)
    except ValueError:
        raise ConfigError(
            f"--published {published!r} is not a date",
            hint="give it as YYYY-MM-DD, e.g. --published 2017-11-21",
        ) from None


def _articles_or_failures(
    inputs: Sequence[str | Path], published: str | None, max_article_bytes: int, workers: int
) -> Iterator[Article | IngestFailure]:
    """Read articles here, or (with workers) have Dask read and code them file by file."""
    if workers <= 1:
        yield from read_inputs(inputs, published=published, max_article_bytes=max_article_bytes)
        return
    from newsevents.scale.dask_runner import code_in_parallel

    for coded_file in code_in_parallel(
        inputs, published=published, max_article_bytes=max_article_bytes, num_workers=workers
    ):
        yield from coded_file.items


def code_inputs(
    inputs: Sequence[str | Path],
    *,
    store: Store,
    out_dir: Path | None = None,
    published: str | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    workers: int = 1,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Code every article in ``inputs`` into ``store`` and, if given, ``out_dir``'s JSONL files.

    With ``workers > 1`` the files are coded in parallel by Dask worker processes with the
    default pipeline; this process still deduplicates and writes, in input order.
    """
    if published is not None:
        _check_published(published)
    if workers > 1 and pipeline is not None:
        raise ConfigError(
            "a custom pipeline cannot be shipped to Dask workers",
            hint="use workers=1 with a custom pipeline, or the default pipeline with workers",
        )
    pipeline = pipeline or default_pipeline()
    version = pipeline_version(pipeline)
    duplicates = _load_duplicate_index(store)
    summary = RunSummary(out_dir=out_dir)
    seen: set[str] = set()
    pending: list[tuple[Article, str, bytes]] = []

    def flush() -> None:
        if not pending:
            return
        articles = [item[0] for item in pending]
        coded = articles if workers > 1 else pipeline.run_batch(articles)
        coded = [_check_spans(strip_language_layer(article)) for article in coded]
        store.write_articles(
            coded,
            content_hashes=[item[1] for item in pending],
            pipeline_version=version,
            minhashes=[item[2] for item in pending],
        )
        summary.articles_coded += len(coded)
        summary.degraded += sum(1 for article in coded if article.problems)
        if on_progress is not None:
            on_progress(len(coded))
        pending.clear()

    for path in {str(p) for p in inputs}:
        store.clear_problems_for(path)
    for item in _articles_or_failures(inputs, published, max_article_bytes, workers):
        if isinstance(item, IngestFailure):
            problem = ProblemRow(
                source_path=item.path,
                source_record=item.record,
                article_id=None,
                stage="ingest",
                code=item.error.code,
                message=str(item.error),
            )
            store.record_problem(problem)
            summary.failures.append(problem)
            continue
        summary.articles_read += 1
        if item.article_id in seen:
            continue  # the same record given twice in one run
        seen.add(item.article_id)
        summary.article_ids.append(item.article_id)
        article, text_hash, signature = duplicates.assign(item)
        if article.duplicate_of is not None:
            summary.duplicates += 1
        known = store.stored(article.article_id)
        if known is not None and known.content_hash == text_hash and (
            known.pipeline_version == version
        ):
            summary.articles_resumed += 1
            if on_progress is not None:
                on_progress(1)
            continue
        pending.append((article, text_hash, signature))
        if len(pending) >= batch_size:
            flush()
    flush()

    summary.events = sum(1 for _ in store.event_records(summary.article_ids))
    if out_dir is not None:
        write_jsonl(store, summary.article_ids, out_dir)
    return summary


def _write_lines(path: Path, records: Iterable[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_jsonl(store: Store, article_ids: Sequence[str], out_dir: Path) -> None:
    """Write ``articles.jsonl``, ``events.jsonl`` and ``fused_events.jsonl`` for these
    articles, in input order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    articles = list(store.article_records(article_ids))
    events = list(store.event_records(article_ids))
    try:
        _write_lines(out_dir / "articles.jsonl", articles)
        _write_lines(out_dir / "events.jsonl", events)
        _write_lines(out_dir / "fused_events.jsonl", fuse_events(events, articles))
    except OSError as error:
        raise NewsEventsError(
            f"cannot write the output files: {error}",
            path=str(out_dir),
            hint="choose a writable --out folder",
        ) from error
