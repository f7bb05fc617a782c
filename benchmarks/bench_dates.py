"""Speed and peak memory of the dates stage against the bare nlp stage on the same texts.

Usage: .venv/bin/python benchmarks/bench_dates.py [--meantime ../shared/dev/time/meantime]
Without MEANTIME (or with --seed) it times the seed article repeated 50 times.  Not a test.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import newsevents.stages.dates
import newsevents.stages.nlp  # noqa: F401 - registers the stage
from newsevents.model import Article, Provenance
from newsevents.pipeline.runner import Pipeline

REPO = Path(__file__).resolve().parents[1]


def _articles(meantime: Path | None) -> list[Article]:
    if meantime is not None and meantime.is_dir():
        from newsevents.evaluation.timex import read_meantime

        docs = [read_meantime(path) for path in sorted(meantime.rglob("*.xml"))]
        return [Article(article_id=d.doc_id, text=d.text,
                        provenance=Provenance(published=d.published, language="en")) for d in docs]
    seed = REPO.parent / "shared" / "corpus" / "seed" / "article.txt"
    text = seed.read_text(encoding="utf-8")
    return [Article(article_id=f"seed-{i}", text=text,
                    provenance=Provenance(published="2017-11-21", language="en")) for i in range(50)]


def _measure(label: str, run: Callable[[], Sequence[Article]], count: int) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<28} {count / elapsed:8.1f} articles/s   peak {peak / 2**20:7.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meantime", type=Path, default=REPO.parent / "shared" / "dev" / "time" / "meantime")
    parser.add_argument("--seed", action="store_true", help="use the repeated seed article")
    options = parser.parse_args()
    articles = _articles(None if options.seed else options.meantime)
    nlp = Pipeline.from_names(["newsevents.nlp.v1"])
    from newsevents.stages.dates import add_timexes
    nlp.run(articles[0])  # load the model outside the timings
    parsed = nlp.run_batch(articles)
    print(f"{len(articles)} articles, {sum(len(a.text) for a in articles)} characters")
    _measure("nlp.v1", lambda: nlp.run_batch(articles), len(articles))
    _measure("dates.v1 (on parsed text)", lambda: [add_timexes(a) for a in parsed], len(articles))
    both = Pipeline.from_names(["newsevents.nlp.v1", "newsevents.dates.v1"])
    _measure("nlp.v1 + dates.v1", lambda: both.run_batch(articles), len(articles))


if __name__ == "__main__":
    main()
