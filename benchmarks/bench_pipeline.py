"""Whole pipeline vs the bare spaCy pipeline on the same texts, in the same run.

Prints articles/second and peak resident memory for: bare spaCy (`nlp.pipe`, the baseline),
and the full default pipeline (all stages, no store). Texts: the bundled examples, repeated.
"""

from __future__ import annotations

import argparse
import resource
import time

from newsevents.ingest import IngestFailure, read_inputs
from newsevents.model import Article
from newsevents.pipeline.default import default_pipeline
from newsevents.stages.nlp import load_nlp


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="copies of the example set")
    parser.add_argument("--inputs", default="examples", help="folder of inputs")
    args = parser.parse_args()
    base = [a for a in read_inputs([args.inputs]) if not isinstance(a, IngestFailure)]
    english = [a for a in base if a.provenance.language in (None, "en")]
    articles: list[Article] = [
        Article(f"{a.article_id}-{i}", a.text, provenance=a.provenance)
        for i in range(args.repeat) for a in english
    ]
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / len(articles):.0f} characters on average")

    nlp = load_nlp()
    pipeline = default_pipeline()
    pipeline.run_batch(articles[:2])  # load every lazy resource before timing
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=16):
        pass
    bare = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.run_batch(articles)
    full = time.perf_counter() - start
    print(f"baseline spaCy pipe : {len(articles) / bare:8.1f} articles/s")
    print(f"full pipeline       : {len(articles) / full:8.1f} articles/s "
          f"({full / bare:.2f}x the baseline time)")
    print("per stage (same articles, stage by stage):")
    current = list(articles)
    for stage in pipeline.stages:
        start = time.perf_counter()
        batch = getattr(stage, "process_batch", None)
        current = batch(current) if batch is not None else [stage(a) for a in current]
        spent = time.perf_counter() - start
        print(f"  {stage.name:28s} {1000 * spent / len(current):7.1f} ms/article")
    print(f"peak memory         : {peak_rss_mb():.0f} MB resident")


if __name__ == "__main__":
    main()
