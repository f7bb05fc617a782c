"""Places stage cost: gazetteer load time and memory, and time per article vs the bare nlp stage.

Texts: GeoWebNews articles from ../shared (or the seed article when only that is present).
Prints articles/second for the nlp stage alone and for nlp + places, the places stage's own
time per article (first pass, and a second pass with the name lookups cached), the gazetteer
open time, and peak resident memory.  Not a test.

    python benchmarks/bench_places.py [--limit 100]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from newsevents.model import Article, Provenance

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(limit: int) -> list[str]:
    folder = SHARED / "dev" / "geo" / "geowebnews"
    if folder.is_dir():
        files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
        return [p.read_text(encoding="utf-8") for p in files[:limit]]
    return [(SHARED / "corpus" / "seed" / "article.txt").read_text(encoding="utf-8")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles to run")
    arguments = parser.parse_args()
    from newsevents.knowledge.gazetteer import Gazetteer, ensure_gazetteer
    from newsevents.stages.nlp import analyse_batch, load_nlp
    from newsevents.stages.places import find_places

    load_nlp()
    rss_before = peak_rss_mb()
    path = ensure_gazetteer()
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    load_seconds = time.perf_counter() - started
    articles = [
        Article(article_id=str(n), text=t, provenance=Provenance(language="en"))
        for n, t in enumerate(texts(arguments.limit))
    ]
    started = time.perf_counter()
    analysed = analyse_batch(articles)
    nlp_seconds = time.perf_counter() - started
    started = time.perf_counter()
    mentions = sum(len(find_places(a, gazetteer)) for a in analysed)
    places_seconds = time.perf_counter() - started
    # Again over the same articles: the gazetteer's per-name answers are now cached, as they
    # are for the common names of a long-running process.
    started = time.perf_counter()
    for article in analysed:
        find_places(article, gazetteer)
    warm_seconds = time.perf_counter() - started
    n = len(articles)
    print(f"articles: {n}; index {path} ({path.stat().st_size / 1e6:.0f} MB)")
    print(f"gazetteer open: {load_seconds * 1000:.1f} ms")
    print(f"nlp only:        {n / nlp_seconds:.1f} articles/s")
    print(f"nlp + places:    {n / (nlp_seconds + places_seconds):.1f} articles/s")
    print(f"places stage:    {places_seconds / n * 1000:.1f} ms/article, {mentions} mentions")
    print(f"places, 2nd run: {warm_seconds / n * 1000:.1f} ms/article (name lookups cached)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after spaCy load: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
