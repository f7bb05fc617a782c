"""Events-stage time against nlp-stage time on the same texts (not a test).

    .venv/bin/python benchmarks/bench_events.py [--limit 50]

Texts: the GeoWebNews articles in ../shared/dev/geo/geowebnews (news prose of ordinary length)
plus the seed article.  The nlp stage runs once per text (its time is measured), the actors,
places and dates stages run when installed (not timed), and then the events stage is timed on the same
articles.  Prints articles/second for both, the events/nlp time ratio and peak memory
(tracemalloc peak during the events pass; process max RSS).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from newsevents.model import Article
from newsevents.stages.events import extract_events
from newsevents.stages.nlp import analyse, load_nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args()
    paths = sorted((SHARED / "dev/geo/geowebnews").glob("*.txt"))[: args.limit]
    paths.append(SHARED / "corpus/seed/article.txt")
    texts = [p.read_text("utf-8") for p in paths if p.exists()]
    load_nlp()
    import importlib

    upstream = []  # the stages events requires, run untimed so only events is measured
    for module_name, factory in (
        ("newsevents.stages.actors", "make_actors_stage"),
        ("newsevents.stages.places", "make_places_stage"),
        ("newsevents.stages.dates", "make_dates_stage"),
    ):
        try:
            upstream.append(getattr(importlib.import_module(module_name), factory)())
        except ImportError:
            print(f"({module_name} not installed)")
    extract_events(analyse(Article(article_id="warm", text=texts[0])))  # load lexicons
    start = time.perf_counter()
    articles = [analyse(Article(article_id=str(n), text=t)) for n, t in enumerate(texts)]
    nlp_seconds = time.perf_counter() - start
    for stage in upstream:
        articles = [stage(a) for a in articles]
    start = time.perf_counter()
    coded = [extract_events(a) for a in articles]
    events_seconds = time.perf_counter() - start
    tracemalloc.start()  # a second, traced pass: tracing slows it, so it is not timed
    for article in articles:
        extract_events(article)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(articles)
    n_events = sum(len(a.events) for a in coded)
    print(f"articles: {n}  characters: {sum(map(len, texts))}  events: {n_events}")
    print(f"nlp stage:    {nlp_seconds:.2f} s  {n / nlp_seconds:.1f} articles/s")
    print(
        f"events stage: {events_seconds:.2f} s  {n / events_seconds:.1f} articles/s "
        f"(upstream stages run first: {len(upstream)})"
    )
    print(f"events / nlp time: {events_seconds / nlp_seconds:.1%}")
    print(
        f"events pass peak traced memory: {peak / 1e6:.1f} MB; "
        f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
