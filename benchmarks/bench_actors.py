"""Benchmark (not a test): cost of the actor layer on top of the spaCy pipeline.

Same texts, same process, three interleaved rounds, fastest round kept:
  bare     spaCy pipeline alone (nlp.pipe), no knowledge-base ruler, no conversion
  nlp      bare spaCy + conversion to Article layers (the nlp stage without the ruler)
  ruler    the nlp stage as shipped (knowledge-base ruler after NER + conversion)
  actors   the nlp stage as shipped + the actors stage
The actor layer's cost is (actors - nlp) / nlp.  Peak resident memory is read from the OS.
Texts: GeoWebNews articles from ../shared/dev/geo/geowebnews plus the seed article.
Run: .venv/bin/python benchmarks/bench_actors.py [--limit N]
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsevents.knowledge.actors import load_actor_knowledge
from newsevents.model import Article
from newsevents.stages import nlp as nlp_stage
from newsevents.stages.actors import analyse_actors

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_texts(limit: int) -> list[str]:
    texts = [(SHARED / "corpus" / "seed" / "article.txt").read_text(encoding="utf-8")]
    geo = SHARED / "dev" / "geo" / "geowebnews"
    texts += [p.read_text(encoding="utf-8") for p in sorted(geo.glob("*.txt"))]
    return texts[:limit]


def best_of(run: Callable[[], object], rounds: int = 1) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 10_000
    if not SHARED.is_dir():
        sys.exit("../shared is not beside this clone; the benchmark reads its texts from there")
    texts = load_texts(limit)
    articles = [Article(article_id=str(i), text=t) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)
    bare = nlp_stage.load_bare_nlp()
    nlp_stage.load_nlp()
    load_actor_knowledge()
    batch = nlp_stage.BATCH_SIZE

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=batch):
            pass

    def run_nlp() -> None:
        for article, doc in zip(articles, bare.pipe(texts, batch_size=batch), strict=True):
            nlp_stage.doc_to_layers(doc)
            del article

    def run_ruler() -> list[Article]:
        return nlp_stage.analyse_batch(articles)

    analysed = run_ruler()

    def run_actors() -> None:
        for article in nlp_stage.analyse_batch(articles):
            analyse_actors(article)

    # Rounds interleave the pipelines so machine noise hits each alike; the fastest round counts.
    results: dict[str, float] = {}
    for _ in range(3):
        for name, run in (("bare", run_bare), ("nlp", run_nlp), ("ruler", run_ruler), ("actors", run_actors)):
            seconds = best_of(run)
            results[name] = min(results.get(name, seconds), seconds)
    actors_only = best_of(lambda: [analyse_actors(a) for a in analysed], rounds=3)
    print(f"texts: {len(texts)} articles, {words} words (seed + GeoWebNews); model {nlp_stage.model_version()}")
    for name, seconds in results.items():
        print(f"{name:7s} {seconds:7.2f} s  {len(texts) / seconds:7.1f} articles/s")
    print(f"actors stage alone on analysed articles: {actors_only:.2f} s")
    print(f"actor layer cost (ruler + actors stage) vs nlp stage without ruler: "
          f"{(results['actors'] - results['nlp']) / results['nlp']:+.1%}")
    print(f"actor layer cost vs bare spaCy pipe: {(results['actors'] - results['bare']) / results['bare']:+.1%}")
    print(f"peak RSS: {peak_mib():.0f} MiB")
    print(f"actor mentions found: {sum(len(analyse_actors(a).actors) for a in analysed)}")


if __name__ == "__main__":
    main()
